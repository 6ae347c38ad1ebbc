// This process as the operating system knows it: host name, pid, and a fresh id per start (pids are reused, and a
// container's process is pid 1 after every restart).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ThisProcess } from '../../application/ports/thisProcess.js';
import type { RunOwner } from '../../domain/syncRun/syncRunEvents.js';

export class OsProcess implements ThisProcess {
  readonly owner: RunOwner = { host: hostname(), pid: process.pid, instance: randomUUID() };

  isRunning(other: RunOwner): boolean | undefined {
    if (other.host !== this.owner.host) return undefined;
    // Our pid under another instance id: that process ended and this one got its pid.
    if (other.pid === this.owner.pid) return other.instance === this.owner.instance;
    try {
      process.kill(other.pid, 0);
      return true;
    } catch (error) {
      // EPERM: a process of another user has that pid, so something runs there; only ESRCH says it is gone.
      return (error as NodeJS.ErrnoException).code !== 'ESRCH';
    }
  }
}
