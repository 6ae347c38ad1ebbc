// Stops and starts the machine's PostgreSQL cluster, for the database-loss test. Other tests on the machine share
// this server: every stop is paired with a start, also when the test fails or the process exits.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const version = () => readdirSync('/etc/postgresql')[0];
const cluster = (action: 'start' | 'stop') =>
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version(), 'main', action, ...(action === 'stop' ? ['-m', 'fast'] : [])], { stdio: 'pipe' });

let stopped = false;
const startOnExit = () => {
  if (stopped) startPostgres();
};

export function stopPostgres(): void {
  process.once('exit', startOnExit);
  stopped = true;
  cluster('stop');
}

/** Starts the cluster when it is down (a no-op when it runs) and waits until it accepts connections. */
export function startPostgres(): void {
  try {
    cluster('start');
  } catch {
    // Already running: pg_ctlcluster says so with a non-zero exit.
  }
  stopped = false;
  process.off('exit', startOnExit);
  for (let i = 0; i < 60; i++) {
    try {
      execFileSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']);
      return;
    } catch {
      execFileSync('sleep', ['0.5']);
    }
  }
}
