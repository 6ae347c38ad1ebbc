/**
 * Identical reads asked while one is under way share the next one, so a page polled by many clients at once costs
 * the store one read at a time, not one per client. Each caller still gets an answer read after it asked: one that
 * started earlier may predate a write the caller has seen acknowledged, so a caller never joins a read already started.
 */
export class SharedReads<T> {
  private readonly flights = new Map<string, Flight<T>>();

  read(key: string, read: () => Promise<T>): Promise<T> {
    const flight = this.flights.get(key);
    if (!flight) return this.launch(key, read);
    // Everyone who asks while `running` is under way is answered by the one read launched after it ends.
    flight.next ??= settled(flight.running).then(() => this.launch(key, read));
    return flight.next;
  }

  /** How many keys have a read under way (for tests). */
  get underWay(): number {
    return this.flights.size;
  }

  private launch(key: string, read: () => Promise<T>): Promise<T> {
    const flight: Flight<T> = { running: Promise.resolve().then(read) };
    this.flights.set(key, flight);
    // Runs before a waiting `next` launches (registered first), so the key is left only when nobody waits.
    void settled(flight.running).then(() => {
      if (!flight.next) this.flights.delete(key);
    });
    return flight.running;
  }
}

interface Flight<T> {
  running: Promise<T>;
  /** The read that answers callers who came while `running` was under way; launched when it ends. */
  next?: Promise<T>;
}

function settled(promise: Promise<unknown>): Promise<void> {
  return promise.then(
    () => undefined,
    () => undefined,
  );
}
