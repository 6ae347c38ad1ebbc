import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningChild {
  child: ChildProcess;
  output(): string;
  /** Resolves when a line matching `pattern` has been printed. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node script` with extra environment and collects what it prints. */
export function startNode(script: string, env: Record<string, string | undefined>): RunningChild {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const waiter of [...waiters]) {
      const line = out.split('\n').find((l) => waiter.pattern.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    exited,
    output: () => out,
    waitForLine(pattern, timeoutMs = 30_000) {
      const found = out.split('\n').find((l) => pattern.test(l));
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${out}`)), timeoutMs);
        const waiter = { pattern, resolve: (line: string) => (clearTimeout(timer), resolve(line)) };
        waiters.push(waiter);
        void exited.then(() => {
          if (waiters.includes(waiter)) {
            clearTimeout(timer);
            reject(new Error(`process exited before printing ${pattern}:\n${out}`));
          }
        });
      });
    },
  };
}
