/** Keys asked in one turn of the event loop and read in one query: up to this many. */
const MOST_PER_READ = 500;

/**
 * Lookups by key asked at about the same time are read together: every key asked before the next turn of the event
 * loop goes into one read (a DataLoader), so fifty clients asking for fifty orders cost the store one round trip, not
 * fifty. Each read starts after its callers asked, so none is answered from before a write it saw acknowledged.
 */
export class BatchedLookups<V> {
  private waiting = new Map<string, Array<Settle<V>>>();

  constructor(private readonly read: (keys: string[]) => Promise<Map<string, V>>) {}

  /** The value of the key as read now; undefined when there is none. */
  lookup(key: string): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) setImmediate(() => this.flush());
      const callers = this.waiting.get(key);
      if (callers) callers.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
    });
  }

  /** The values of those keys that exist, each looked up as by lookup. */
  async found(keys: readonly string[]): Promise<V[]> {
    const values: Array<V | undefined> = await Promise.all(keys.map((key) => this.lookup(key)));
    return values.filter((value): value is V => value !== undefined);
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = new Map();
    const keys = [...batch.keys()];
    for (let start = 0; start < keys.length; start += MOST_PER_READ) {
      const part = keys.slice(start, start + MOST_PER_READ);
      // Started on a turn of its own: a read that throws at once fails its callers, like one that fails later.
      Promise.resolve(part).then(this.read).then(
        (found) => part.forEach((key) => batch.get(key)!.forEach(({ resolve }) => resolve(found.get(key)))),
        (error) => part.forEach((key) => batch.get(key)!.forEach(({ reject }) => reject(error))),
      );
    }
  }
}

interface Settle<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}
