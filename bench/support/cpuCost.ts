// What a piece of work cost in CPU: this process's, and the whole machine's (PostgreSQL and the simulator included),
// so a benchmark can say how fast the work could go at best with every core busy, whatever the code's parallelism.
import { cpus } from 'node:os';

export interface CpuCost {
  /** CPU seconds of this process (user + system). */
  processSeconds: number;
  /** CPU seconds every core of the machine spent busy, whichever process. */
  machineSeconds: number;
  wallSeconds: number;
  cores: number;
}

/** Busy time of every core since boot, in seconds: user, nice, system and interrupts, not idle. */
function machineBusySeconds(): number {
  let ms = 0;
  for (const { times } of cpus()) ms += times.user + times.nice + times.sys + times.irq;
  return ms / 1000;
}

/** Starts counting; `stop()` answers what the work since cost. */
export function cpuMeter(): { stop(): CpuCost } {
  const [process0, machine0, wall0] = [process.cpuUsage(), machineBusySeconds(), process.hrtime.bigint()];
  return {
    stop() {
      const used = process.cpuUsage(process0);
      return {
        processSeconds: (used.user + used.system) / 1e6,
        machineSeconds: machineBusySeconds() - machine0,
        wallSeconds: Number(process.hrtime.bigint() - wall0) / 1e9,
        cores: cpus().length,
      };
    },
  };
}

/** The rate `count` things would go at if every core of the machine were busy at the CPU they cost in this run. */
export const atEveryCoreBusy = (count: number, cost: CpuCost) => (count * cost.cores) / cost.machineSeconds;

/** How many of the machine's cores the work kept busy on average. */
export const coresBusy = (cost: CpuCost) => cost.machineSeconds / cost.wallSeconds;

/** CPU microseconds per thing. */
export const microsecondsEach = (seconds: number, count: number) => `${((seconds * 1e6) / count).toFixed(0)} µs`;
