import { expect } from 'chai';
import sinon from 'sinon';
import { RememberedStreams } from '../../../src/application/import/rememberedStreams.js';
import { MemoryEventStore } from '../../../src/infrastructure/memory/memoryEventStore.js';

describe('RememberedStreams: a sync run reads its products again page after page', () => {
  const event = (type: string) => ({ type, data: {} });
  const typesOf = (read: Map<string, { type: string }[]>, name: string) => read.get(name)!.map((e) => e.type);

  it('given a stream read once, when it is read again after others appended to it, then only the new events are asked for and the whole stream is answered', async () => {
    const store = new MemoryEventStore();
    await store.appendToStream('product-a', [event('A1'), event('A2')]);
    const remembered = new RememberedStreams(store);
    const reads = sinon.spy(store, 'readStreams');

    const first = await remembered.readStreams(['product-a', 'product-new']);
    await store.appendToStream('product-a', [event('A3')]);
    await store.appendToStream('product-new', [event('N1')]);
    const second = await remembered.readStreams(['product-a', 'product-new']);

    expect(typesOf(first, 'product-a')).to.deep.equal(['A1', 'A2']);
    expect(typesOf(first, 'product-new')).to.deep.equal([]);
    expect([...reads.secondCall.args[1]!.fromVersions!]).to.deep.equal([['product-a', 2]]);
    expect(typesOf(await reads.secondCall.returnValue, 'product-a')).to.deep.equal(['A3']);
    expect(typesOf(second, 'product-a')).to.deep.equal(['A1', 'A2', 'A3']);
    expect(typesOf(second, 'product-new')).to.deep.equal(['N1']);
  });

  it('given more events than it keeps, when streams are read again, then the one read longest ago is read whole and the rest from where they were', async () => {
    const store = new MemoryEventStore();
    for (const name of ['a', 'b', 'c']) await store.appendToStream(name, [event(`${name}1`), event(`${name}2`)]);
    const remembered = new RememberedStreams(store, 4);
    await remembered.readStreams(['a']);
    await remembered.readStreams(['b']);
    await remembered.readStreams(['c']);
    const reads = sinon.spy(store, 'readStreams');

    const again = await remembered.readStreams(['a', 'b', 'c']);

    expect([...reads.firstCall.args[1]!.fromVersions!].sort()).to.deep.equal([['b', 2], ['c', 2]]);
    for (const name of ['a', 'b', 'c']) expect(typesOf(again, name)).to.deep.equal([`${name}1`, `${name}2`]);
  });
});
