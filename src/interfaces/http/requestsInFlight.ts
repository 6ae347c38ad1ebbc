import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { BackgroundWork } from '../../infrastructure/composition/backgroundWork.js';

/**
 * The requests whose handler has not begun its answer. Shutdown waits for them before it closes the stores: a client
 * that goes away does not stop its handler, which would otherwise meet a closed database half-way through.
 */
export class RequestsInFlight {
  private readonly work = new BackgroundWork();

  /** The listener, keeping each request in view until its answer ends, or has begun when its connection closes. */
  around(listener: RequestListener): RequestListener {
    return (req: IncomingMessage, res: ServerResponse) => {
      let answered!: () => void;
      this.work.track(new Promise<void>((resolve) => (answered = resolve)));
      const end = res.end;
      res.end = function (this: ServerResponse, ...args: unknown[]) {
        answered();
        return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
      } as ServerResponse['end'];
      // An answer already begun (a file being sent) has nothing left to do with the stores when its client leaves.
      res.on('close', () => {
        if (res.headersSent) answered();
      });
      listener(req, res);
    };
  }

  /** Resolves with how many are still running: 0 once every one has answered, more if `withinMs` ran out first. */
  drained(withinMs: number): Promise<number> {
    return this.work.drain(withinMs);
  }
}
