import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SecretTamperedError } from '../../../src/application/ports/secrets.js';
import { AesGcmSecrets } from '../../../src/infrastructure/secrets/aesGcmSecrets.js';
import { loadSecretKey } from '../../../src/infrastructure/secrets/secretKey.js';

const thrown = (work: () => unknown): unknown => {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('AES-256-GCM secrets', () => {
  const secrets = new AesGcmSecrets(randomBytes(32));

  it('given a credential, when sealed and opened, then the same text comes back, including non-ASCII', () => {
    const plain = 'api-key: 12345 — ключ 🔑';
    const sealed = secrets.seal(plain);
    expect(sealed).to.match(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.to.contain('12345');
    expect(secrets.open(sealed)).to.equal(plain);
  });

  it('given the same text sealed twice, then the sealed texts differ (random IV)', () => {
    expect(secrets.seal('same')).not.to.equal(secrets.seal('same'));
  });

  it('given a sealed text with one ciphertext, IV or tag character changed, when opened, then SecretTamperedError', () => {
    const sealed = secrets.seal('a credential worth protecting');
    const parts = sealed.split('.');
    for (const index of [1, 2, 3]) {
      const changed = [...parts];
      const first = changed[index][0];
      changed[index] = (first === 'A' ? 'B' : 'A') + changed[index].slice(1);
      const error = thrown(() => secrets.open(changed.join('.')));
      expect(error, `part ${index}`).to.be.instanceOf(SecretTamperedError);
      expect((error as Error).message).to.match(/altered|wrong length/);
    }
  });

  it('given a text that is not in the v1 format, when opened, then SecretTamperedError names the format', () => {
    expect(() => secrets.open('plain text')).to.throw(SecretTamperedError, /v1\.<iv>\.<tag>\.<ciphertext>/);
  });

  it('given a text sealed with another key, when opened, then SecretTamperedError', () => {
    const other = new AesGcmSecrets(randomBytes(32));
    expect(() => other.open(secrets.seal('hello'))).to.throw(SecretTamperedError, /different key/);
  });

  it('given a key that is not 32 bytes, then the adapter refuses it', () => {
    expect(() => new AesGcmSecrets(randomBytes(16))).to.throw(/32 bytes, got 16/);
  });
});

describe('the secret key', () => {
  let dataDir: string;
  beforeEach(async () => (dataDir = await mkdtemp(join(tmpdir(), 'synchub-key-'))));
  afterEach(async () => rm(dataDir, { recursive: true, force: true }));

  it('given SYNCHUB_SECRET_KEY in hex or base64, then that key is used and no key file is written', async () => {
    const key = randomBytes(32);
    expect((await loadSecretKey({ secretKey: key.toString('hex'), dataDir })).equals(key)).to.equal(true);
    expect((await loadSecretKey({ secretKey: key.toString('base64'), dataDir })).equals(key)).to.equal(true);
    const error = await stat(join(dataDir, 'secret.key')).catch((e: NodeJS.ErrnoException) => e);
    expect((error as NodeJS.ErrnoException).code).to.equal('ENOENT');
  });

  it('given no key configured, when loaded twice, then a 0600 key file is created once and reused', async () => {
    const dir = join(dataDir, 'nested', 'data');
    const first = await loadSecretKey({ secretKey: undefined, dataDir: dir });
    const written = await readFile(join(dir, 'secret.key'), 'utf8');
    const second = await loadSecretKey({ secretKey: undefined, dataDir: dir });
    expect(first.length).to.equal(32);
    expect(second.equals(first)).to.equal(true);
    expect(await readFile(join(dir, 'secret.key'), 'utf8')).to.equal(written);
    if (process.platform !== 'win32') expect((await stat(join(dir, 'secret.key'))).mode & 0o777).to.equal(0o600);
    // What one start sealed, the next start opens.
    expect(new AesGcmSecrets(second).open(new AesGcmSecrets(first).seal('kept'))).to.equal('kept');
  });

  it('given a damaged key file, when loaded, then the error names the file', async () => {
    await writeFile(join(dataDir, 'secret.key'), 'not a key\n');
    const error = await loadSecretKey({ secretKey: undefined, dataDir }).catch((e: Error) => e);
    expect((error as Error).message).to.contain(join(dataDir, 'secret.key'));
  });
});
