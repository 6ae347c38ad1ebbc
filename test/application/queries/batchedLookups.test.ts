import { expect } from 'chai';
import { BatchedLookups } from '../../../src/application/queries/batchedLookups.js';

/** A store of values that records the keys of each read it is asked for. */
function storeOf(values: Record<string, number>) {
  const reads: string[][] = [];
  const read = async (keys: string[]) => {
    reads.push(keys);
    return new Map(keys.filter((key) => key in values).map((key) => [key, values[key]]));
  };
  return { reads, read };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('Lookups asked at about the same time, read together', () => {
  it('given lookups asked in one turn, some of the same key, then one read of the distinct keys answers each, a missing one undefined', async () => {
    const { reads, read } = storeOf({ a: 1, b: 2 });
    const lookups = new BatchedLookups(read);
    const answers = await Promise.all([lookups.lookup('a'), lookups.lookup('b'), lookups.lookup('a'), lookups.lookup('gone')]);
    expect(answers).to.deep.equal([1, 2, 1, undefined]);
    expect(reads).to.deep.equal([['a', 'b', 'gone']]);
  });

  it('given several callers each asking for some keys in one turn, then one read answers all, each caller getting its own keys that exist', async () => {
    const { reads, read } = storeOf({ a: 1, b: 2, c: 3 });
    const lookups = new BatchedLookups(read);
    const answers = await Promise.all([lookups.found(['a', 'gone']), lookups.found(['c', 'b'])]);
    expect(answers).to.deep.equal([[1], [3, 2]]);
    expect(reads).to.deep.equal([['a', 'gone', 'c', 'b']]);
  });

  it('given a read under way, when a key is asked after it started, then a read of its own answers it, launched after it asked', async () => {
    const values: Record<string, number> = { a: 1 };
    const { reads, read } = storeOf(values);
    const lookups = new BatchedLookups(read);
    const first = lookups.lookup('a');
    await nextTurn();
    values.a = 2;
    const second = lookups.lookup('a');
    expect([await first, await second]).to.deep.equal([1, 2]);
    expect(reads).to.deep.equal([['a'], ['a']]);
  });

  it('given a read that fails, at once or later, then every caller of that read gets the error and the next read is tried again', async () => {
    let calls = 0;
    const lookups = new BatchedLookups<number>(async (keys) => {
      calls++;
      if (calls === 1) throw new Error('store down');
      return new Map(keys.map((key) => [key, 7]));
    });
    const failed = await Promise.allSettled([lookups.lookup('a'), lookups.lookup('b')]);
    expect(failed.map((result) => result.status === 'rejected' && (result.reason as Error).message)).to.deep.equal(['store down', 'store down']);
    const throwsAtOnce = new BatchedLookups<number>(() => {
      throw new Error('refused');
    });
    expect(await throwsAtOnce.lookup('a').catch((error: Error) => error.message)).to.equal('refused');
    expect(await lookups.lookup('a')).to.equal(7);
  });

  it('given more keys in one turn than one read takes, then they are read in parts of 500', async () => {
    const keys = Array.from({ length: 501 }, (_, i) => `k${i}`);
    const { reads, read } = storeOf(Object.fromEntries(keys.map((key, i) => [key, i])));
    const lookups = new BatchedLookups(read);
    const answers = await Promise.all(keys.map((key) => lookups.lookup(key)));
    expect(reads.map((part) => part.length)).to.deep.equal([500, 1]);
    expect(answers).to.deep.equal(keys.map((_, i) => i));
  });
});
