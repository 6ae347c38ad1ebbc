/**
 * Work still going (sync runs started by requests, requests being answered): shutdown lets it finish, tests and
 * benchmarks wait for it.
 */
export class BackgroundWork {
  private readonly inFlight = new Set<Promise<void>>();

  /** Keeps `work` in view until it ends. */
  readonly track = (work: Promise<void>): void => {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  };

  /** Resolves once nothing is in flight, work started meanwhile included; rejects with a failure of the work. */
  async done(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  /** Waits for the work in flight, at most `ms` (a run cut short is safe, one nearly done should finish): what is left. */
  async drain(ms: number): Promise<number> {
    await Promise.race([Promise.allSettled(this.inFlight), new Promise((resolve) => setTimeout(resolve, ms).unref())]);
    return this.inFlight.size;
  }
}
