import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/infrastructure/config/config.js';
import { openStorage } from '../../../src/infrastructure/composition/storageProfiles.js';
import { jsonLines, runCli } from './cliProcess.js';

describe('synchub CLI on the embedded (PGlite) profile', function () {
  this.timeout(60_000);
  let dataDir: string;
  beforeEach(async () => (dataDir = await mkdtemp(join(tmpdir(), 'synchub-cli-'))));
  afterEach(async () => rm(dataDir, { recursive: true, force: true }));

  it('works on the data directory when no other process holds it', async () => {
    const env = { SYNCHUB_PROFILE: 'embedded', SYNCHUB_DATA_DIR: dataDir };
    const created = await runCli(['tokens', 'create', '--role', 'viewer', '--name', 'auditor'], env);
    expect(created.code, created.stderr).to.equal(0);
    const listed = await runCli(['tokens', 'list'], env);
    expect(jsonLines(listed.stdout).map((t) => t.name)).to.deep.equal(['auditor']);
  });

  it('says clearly that the service holds the database, instead of opening it a second time', async () => {
    // Given the embedded database open in this process, as the running service holds it.
    const storage = await openStorage(loadConfig({ SYNCHUB_PROFILE: 'embedded', SYNCHUB_DATA_DIR: dataDir }));
    try {
      // When the CLI is started on the same data directory.
      const result = await runCli(['tokens', 'list'], { SYNCHUB_PROFILE: 'embedded', SYNCHUB_DATA_DIR: dataDir });

      // Then it stops with one line naming the process and what to do.
      expect(result.code).to.equal(1);
      expect(result.stderr.trim()).to.equal(
        `synchub: The embedded database in ${join(dataDir, 'pglite')} is open in process ${process.pid} (a running synchub service?). ` +
          'PGlite allows one process at a time: stop that process first, or run the service on the postgres profile to use the CLI alongside it',
      );
    } finally {
      await storage.close();
    }
    // And once the holder has closed it, the CLI gets in.
    expect((await runCli(['tokens', 'list'], { SYNCHUB_PROFILE: 'embedded', SYNCHUB_DATA_DIR: dataDir })).code).to.equal(0);
  });
});
