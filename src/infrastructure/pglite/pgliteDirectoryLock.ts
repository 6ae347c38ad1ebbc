import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Another live process has the embedded database open: PGlite would let both in and corrupt the files. */
export class EmbeddedDatabaseInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is open in process ${pid} (a running synchub service?). ` +
        'PGlite allows one process at a time: stop that process first, or run the service on the postgres profile to use the CLI alongside it',
    );
    this.name = 'EmbeddedDatabaseInUseError';
  }
}

const LOCK_FILE = 'synchub.lock';

/** Takes the data directory for this process (a pid file); a lock left by a dead process is taken over. Returns the release. */
export async function lockPgliteDirectory(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(String(process.pid));
      await file.close();
      return () => unlink(path).catch(() => undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new EmbeddedDatabaseInUseError(dataDir, holder);
      }
      await unlink(path).catch(() => undefined);
    }
  }
  throw new Error(`Could not take the lock file ${path}; remove it if no synchub process is running`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
