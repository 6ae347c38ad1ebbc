// Orders of a page are imported in parallel, but match their products one after the other in page order: "the
// first product found" (matching by name) must not depend on which order happened to be faster.

export interface MatchingTurn {
  /** Resolves once every earlier order of the page has matched its products (or needed none). */
  wait(): Promise<void>;
  /** This order is done matching; safe to call more than once, and without having waited. */
  done(): void;
}

export function matchingTurns(count: number): MatchingTurn[] {
  let previous: Promise<void> = Promise.resolve();
  return Array.from({ length: count }, () => {
    const before = previous;
    let release!: () => void;
    const finished = new Promise<void>((resolve) => (release = resolve));
    // Finished only after the earlier ones, so the chain keeps page order even when an order skips matching.
    previous = before.then(() => finished);
    return { wait: () => before, done: () => release() };
  });
}
