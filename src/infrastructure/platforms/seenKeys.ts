/** Ids kept per block: a walk's memory grows a block at a time, never by copying all it holds into a larger array. */
const BLOCK = 4096;
const LARGEST_KEPT_AS_NUMBER = 0xffff_ffff;

/**
 * The keys of the items a walk over a platform's pages has handed out, so a walk that starts over hands out each
 * item once. A walk sorted by id meets ids in rising order: those are kept as 32-bit numbers in sorted blocks (a
 * million ids keep 4 MB, where a Set of their strings kept 43 MB and one array of numbers 8–12 MB plus the copy made
 * each time it grew); any other key (an id met out of order after a restart, one past 32 bits, a content hash) goes
 * into a Set.
 */
export class SeenKeys {
  private readonly blocks: Uint32Array[] = [];
  /** How many ids the last block holds. */
  private filled = 0;
  private readonly others = new Set<string>();

  /** True the first time a key is offered, false ever after. */
  firstTime(key: string): boolean {
    const id = numericId(key);
    if (id !== undefined && this.hasRising(id)) return false;
    if (this.others.has(key)) return false;
    if (id !== undefined && id > this.highestRising()) this.pushRising(id);
    else this.others.add(key);
    return true;
  }

  private highestRising(): number {
    const last = this.blocks[this.blocks.length - 1];
    return last ? last[this.filled - 1] : 0;
  }

  private pushRising(id: number): void {
    if (this.blocks.length === 0 || this.filled === BLOCK) {
      this.blocks.push(new Uint32Array(BLOCK));
      this.filled = 0;
    }
    this.blocks[this.blocks.length - 1][this.filled++] = id;
  }

  /** Binary search for the block whose first id is the highest at or below `id`, then within it. */
  private hasRising(id: number): boolean {
    let [low, high] = [0, this.blocks.length - 1];
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.blocks[middle][0] <= id) low = middle;
      else high = middle - 1;
    }
    const block = this.blocks[low];
    if (!block) return false;
    let [from, to] = [0, (low === this.blocks.length - 1 ? this.filled : BLOCK) - 1];
    while (from <= to) {
      const middle = (from + to) >>> 1;
      const at = block[middle];
      if (at === id) return true;
      if (at < id) from = middle + 1;
      else to = middle - 1;
    }
    return false;
  }
}

/** The key as a number when it is an id written the one way a number prints ("12", not "012" or "1e3") and fits 32 bits. */
function numericId(key: string): number | undefined {
  if (!/^[1-9]\d{0,9}$/.test(key)) return undefined;
  const id = Number(key);
  return id <= LARGEST_KEPT_AS_NUMBER ? id : undefined;
}
