import { expect } from 'chai';
import type { Projection } from '../../src/application/projections/projection.js';
import { ProjectionRunner } from '../../src/application/projections/projectionRunner.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../src/infrastructure/memory/memoryReadModels.js';

const counter: Projection = {
  name: 'counter',
  collections: ['counts'],
  handles: new Set(['Counted']),
  async apply(event, tx) {
    const current = await tx.get<{ n: number }>('counts', event.streamName);
    await tx.put('counts', event.streamName, { n: (current?.n ?? 0) + 1 });
  },
};

describe('ProjectionRunner: reading your own writes', () => {
  it('given a running projection, when an event is appended, then waitUntilApplied resolves once the read model has it', async () => {
    const store = new MemoryEventStore();
    const readModels = new MemoryReadModels();
    const runner = new ProjectionRunner(store, readModels, counter);
    await runner.start();
    const { lastPosition } = await store.appendToStream('c-1', [{ type: 'Counted', data: {} }]);

    expect(await runner.waitUntilApplied(lastPosition, 2_000)).to.equal(true);
    expect(await readModels.get('counts', 'c-1')).to.deep.equal({ n: 1 });
    await runner.stop();
  });

  it('given a stopped projection, when waiting for a position it never reaches, then it answers false after the timeout', async () => {
    const store = new MemoryEventStore();
    const runner = new ProjectionRunner(store, new MemoryReadModels(), counter);
    const { lastPosition } = await store.appendToStream('c-1', [{ type: 'Counted', data: {} }]);

    expect(await runner.waitUntilApplied(lastPosition, 50)).to.equal(false);
  });

  it('given a projection restarted from its checkpoint, then positions already applied count as reached', async () => {
    const store = new MemoryEventStore();
    const readModels = new MemoryReadModels();
    const { lastPosition } = await store.appendToStream('c-1', [{ type: 'Counted', data: {} }]);
    await new ProjectionRunner(store, readModels, counter).catchUp();

    const restarted = new ProjectionRunner(store, readModels, counter);
    await restarted.start();
    expect(await restarted.waitUntilApplied(lastPosition, 50)).to.equal(true);
    await restarted.stop();
  });
});
