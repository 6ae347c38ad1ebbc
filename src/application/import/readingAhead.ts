/**
 * The items of `source`, the next one already being fetched while the caller works on the current one: a run's
 * next page comes over the network while this page is imported, so the two waits overlap instead of adding up.
 */
export async function* readingAhead<Item>(source: AsyncIterable<Item>): AsyncGenerator<Item> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  // The fetch ahead may fail while the caller is busy: the failure is reported when the caller asks for the item.
  next.catch(() => undefined);
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = iterator.next();
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    // A caller that stops early (a failed page) lets the source release what it holds.
    await iterator.return?.();
  }
}
