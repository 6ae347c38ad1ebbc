// A PostgreSQL server of the test's own, for the database-loss test: stopping it takes nothing away from the other
// tests, which share the machine's server and may run at the same time. Every stop is paired with a start, also when
// the test fails or the process exits, and the server and its files are removed at the end.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OwnPostgres {
  /** Superuser URL of the server's `postgres` database (trust auth on 127.0.0.1). */
  readonly url: string;
  /** Creates the cluster and starts it; call once. */
  create(): Promise<void>;
  /** Starts the server when it is down (a no-op when it runs) and waits until it accepts connections. */
  start(): Promise<void>;
  /** Stops it at once (fast shutdown: open sessions are ended, as a lost database ends them). */
  stop(): void;
  /** Stops it and removes its files. */
  destroy(): void;
}

const bin = (program: string) => join('/usr/lib/postgresql', readdirSync('/usr/lib/postgresql')[0], 'bin', program);
/** PostgreSQL refuses to run as root: there, the server runs as the machine's postgres user. */
const asServerUser = (program: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin(program), ...args]] : [bin(program), args];

export function ownPostgres(): OwnPostgres {
  // A random port outside the usual ones, so two runs of the test on one machine are unlikely to meet.
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const directory = mkdtempSync(join(tmpdir(), 'synchub-pg-'));
  const data = join(directory, 'data');
  let server: ChildProcess | undefined;
  const pgCtlStop = () => execFileSync(...asServerUser('pg_ctl', ['-D', data, 'stop', '-m', 'fast', '-w']), { stdio: 'pipe' });

  const ready = async () => {
    for (let i = 0; i < 120; i++) {
      try {
        execFileSync(bin('pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']);
        return;
      } catch {
        if (server?.exitCode !== null && server?.exitCode !== undefined) throw new Error(`the test's PostgreSQL exited with ${server.exitCode}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    throw new Error(`the test's PostgreSQL on port ${port} did not start within 30 s`);
  };

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async create() {
      if (process.getuid?.() === 0) {
        chmodSync(directory, 0o700);
        const { uid, gid } = userIds('postgres');
        chownSync(directory, uid, gid);
      }
      const [program, args] = asServerUser('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
      execFileSync(program, args, { stdio: 'pipe' });
      await this.start();
    },
    async start() {
      if (server && server.exitCode === null && server.signalCode === null) return;
      const [program, args] = asServerUser('postgres', ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', directory, '-c', 'max_connections=40', '-c', 'shared_buffers=32MB']);
      server = spawn(program, args, { stdio: 'ignore' });
      process.once('exit', pgCtlStop);
      await ready();
    },
    stop() {
      if (!server || server.exitCode !== null || server.signalCode !== null) return;
      pgCtlStop();
      process.off('exit', pgCtlStop);
      // pg_ctl has waited for the server; the runuser wrapping it may not have exited yet, so start() must not ask it.
      server = undefined;
    },
    destroy() {
      try {
        this.stop();
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}

function userIds(name: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', name]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', name]).toString().trim());
  return { uid, gid };
}
