import { expect } from 'chai';
import { firstDifference, valueAt } from '../../../src/application/admin/documentDifference.js';
import { canonicalJson } from '../../../src/application/admin/eventLogChecksum.js';
import { logSpan } from '../../../src/application/admin/logSpan.js';
import type { EventStore, RecordedEvent } from '../../../src/application/ports/eventStore.js';
import { MemoryEventStore } from '../../../src/infrastructure/memory/memoryEventStore.js';
import { renderProgress } from '../../../src/interfaces/cli/progressBar.js';

describe('admin helpers', () => {
  describe('firstDifference', () => {
    it('names the first differing field by path, ignoring key order', () => {
      expect(firstDifference({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).to.equal(undefined);
      expect(firstDifference({ items: [{ q: 1 }, { q: 2 }] }, { items: [{ q: 1 }, { q: 3 }] })).to.equal('items[1].q');
      expect(firstDifference({ a: 1 }, { a: 1, b: null })).to.equal('b');
      expect(firstDifference([1], { 0: 1 })).to.equal('(document)');
      expect(valueAt({ items: [{ q: 1 }, { q: 3 }] }, 'items[1].q')).to.equal(3);
    });
  });

  describe('canonicalJson', () => {
    it('is the same for the same content in any key order', () => {
      expect(canonicalJson({ b: [1, { y: 2, x: 1 }], a: 'é' })).to.equal(canonicalJson({ a: 'é', b: [1, { x: 1, y: 2 }] }));
      expect(canonicalJson({ a: 1 })).not.to.equal(canonicalJson({ a: '1' }));
    });
  });

  describe('logSpan', () => {
    it('finds first and last position of a dense log with a few reads', async () => {
      const store = new MemoryEventStore();
      expect(await logSpan(store)).to.deep.equal({ first: 0, head: 0 });
      for (let i = 0; i < 37; i++) await store.appendToStream(`s-${i}`, [{ type: 'E', data: {} }]);
      expect(await logSpan(store)).to.deep.equal({ first: 1, head: 37 });
    });

    it('finds them in a sparse log with large positions, like EventStoreDB commit positions', async () => {
      const positions = [1_000_123, 1_000_999, 5_000_000_007];
      const store = { readAll: async ({ after = 0, maxCount }: { after?: number; maxCount: number }) =>
        positions.filter((p) => p > after).slice(0, maxCount).map((position) => ({ position }) as RecordedEvent) } as unknown as EventStore;
      expect(await logSpan(store)).to.deep.equal({ first: 1_000_123, head: 5_000_000_007 });
    });
  });

  describe('progress bar', () => {
    it('shows count, estimated total, rate and ETA, and the end state', () => {
      const span = { first: 1, head: 1_000 };
      expect(renderProgress('rebuild orders', { done: 250, position: 250, span }, 2_000)).to.equal(
        'rebuild orders [########----------------------]  25% 250/~1,000 events, 125/s, ETA 0:06',
      );
      expect(renderProgress('rebuild orders', { done: 1_000, position: 1_000, span }, 8_000, true)).to.equal(
        'rebuild orders [##############################] 100% 1,000/1,000 events, 125/s, 0:08 elapsed',
      );
    });
  });
});
