import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * The requests whose handler has not begun its answer. Shutdown waits for them before it closes the stores: a client
 * that goes away does not stop its handler, which would otherwise meet a closed database half-way through.
 */
export class RequestsInFlight {
  private running = 0;
  private idle: (() => void)[] = [];

  /** The listener, counting each request until its answer is ended, or begun when the connection closes under it. */
  around(listener: RequestListener): RequestListener {
    return (req: IncomingMessage, res: ServerResponse) => {
      this.running++;
      let counted = true;
      const done = () => {
        if (!counted) return;
        counted = false;
        if (--this.running === 0) for (const wake of this.idle.splice(0)) wake();
      };
      const end = res.end;
      res.end = function (this: ServerResponse, ...args: unknown[]) {
        done();
        return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
      } as ServerResponse['end'];
      // An answer already begun (a file being sent) has nothing left to do with the stores when its client leaves.
      res.on('close', () => {
        if (res.headersSent) done();
      });
      listener(req, res);
    };
  }

  /** Resolves with how many are still running: 0 once every one has answered, more if `withinMs` ran out first. */
  async drained(withinMs: number): Promise<number> {
    if (this.running === 0) return 0;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.idle.push(resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs))),
    ]);
    clearTimeout(timer);
    return this.running;
  }
}
