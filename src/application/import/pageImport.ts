import { syncRunDecider, type SyncRunState } from '../../domain/syncRun/syncRunDecider.js';
import { handleCommand, type KnownStream } from '../commands/commandHandler.js';
import { StreamsConflictError, type EventStore } from '../ports/eventStore.js';
import type { FetchedOrder } from '../ports/platformClient.js';
import { inParallel } from './inParallel.js';
import { matchingTurns, type MatchingTurn } from './matchingTurns.js';
import { importPlatformOrder, itemsOfPage, streamsOfPage, type OrderImportContext } from './orderImport.js';
import { PageChangeSet } from './pageChangeSet.js';
import type { RememberedStreams } from './rememberedStreams.js';

/** Orders of one page decided at once: their reads that miss the page's streams (products, read models) overlap. */
const IMPORT_PARALLELISM = 8;
/** Commits of one page tried while other processes keep writing its streams; each try redoes only what they touched. */
const PAGE_COMMIT_ATTEMPTS = 5;

export interface PageImportContext extends Omit<OrderImportContext, 'store'> {
  store: EventStore;
  /** The run's product streams as its earlier pages read them. */
  remembered: RememberedStreams;
}

/**
 * One page of a sync run: every order decided against the page's streams and what the page decided before it (two
 * orders of one buyer meet on one contact), then all their events and the run's outcomes in one multi-stream append.
 * A status nobody mapped is the integration's and is recorded at once, outside the page (StatusResolution).
 * On EventStoreDB the append goes stream by stream in the order things were decided (contacts and products before
 * the orders that refer to them, the run's outcomes last): a crash in between leaves orders a re-run finds unchanged.
 */
export async function importPage(
  ctx: PageImportContext,
  page: readonly FetchedOrder[],
  run: { stream: string; known: KnownStream<SyncRunState> },
): Promise<KnownStream<SyncRunState>> {
  const items = itemsOfPage(page);
  const [changes] = await Promise.all([PageChangeSet.read(ctx.store, streamsOfPage(ctx.integration, page)), ctx.products.prefetch(items)]);
  await changes.readAhead(ctx.products.likelyStreams(items), ctx.remembered);
  const decideOrder = (index: number, turn?: MatchingTurn) => {
    const store = changes.as(index);
    return importPlatformOrder({ ...ctx, store, products: ctx.products.through(store) }, page[index], turn);
  };
  // Products are matched in page order: "the first found" must not depend on which order was faster.
  const turns = matchingTurns(page.length);
  const outcomes = await inParallel(page.map((_, index) => index), IMPORT_PARALLELISM, (index) => decideOrder(index, turns[index]));
  let known: KnownStream<SyncRunState> | undefined = run.known;
  for (let attempt = 1; ; attempt++) {
    const recorded = await handleCommand(changes.as('run'), syncRunDecider, run.stream, { type: 'RecordOutcomes', data: { outcomes } }, { known });
    try {
      await changes.commit();
      ctx.products.committed();
      return { state: recorded.state, version: recorded.version };
    } catch (error) {
      if (!(error instanceof StreamsConflictError) || attempt >= PAGE_COMMIT_ATTEMPTS) throw error;
      const redo = changes.redoAfter(error);
      changes.discard('run');
      // Another process wrote the run (it judged it stalled and ended it): the run reads it and learns so.
      if (error.conflicts.some((c) => c.streamName === run.stream)) known = undefined;
      for (const index of [...redo].filter((part): part is number => part !== 'run').sort((a, b) => a - b)) {
        outcomes[index] = await decideOrder(index);
      }
    }
  }
}
