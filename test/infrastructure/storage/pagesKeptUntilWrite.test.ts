import { expect } from 'chai';
import type { FindQuery, FoundPage, KeptTotal, PlannedWrite, ReadModelDocument } from '../../../src/application/ports/readModels.js';
import { MemoryReadModels } from '../../../src/infrastructure/memory/memoryReadModels.js';
import { PagesKeptUntilWrite } from '../../../src/infrastructure/storage/pagesKeptUntilWrite.js';

/** Memory read models that count the pages they are asked for and can hold one read until released. */
class CountingReadModels extends MemoryReadModels {
  pagesRead = 0;
  held?: Promise<void>;

  override async findPage<T extends ReadModelDocument>(collection: string, query: FindQuery, keptTotal?: KeptTotal): Promise<FoundPage<T>> {
    this.pagesRead++;
    const page = await super.findPage<T>(collection, query, keptTotal);
    await this.held;
    return page;
  }

  /** The planned batch as one transaction, as the SQL stores commit it in one statement. */
  async commitPlanned(projection: string, { to, writes }: { from: number; to: number; writes: Iterable<PlannedWrite> }): Promise<boolean> {
    await this.transact(projection, async (tx) => {
      for (const { collection, id, doc } of writes) await (doc ? tx.put(collection, id, doc) : tx.delete(collection, id));
      return to;
    });
    return true;
  }
}

describe('pages kept until the next write (the embedded profile, its database written by this process alone)', () => {
  const query: FindQuery = { orderBy: { field: 'n', descending: true }, limit: 2 };
  let inner: CountingReadModels;
  let kept: PagesKeptUntilWrite;
  const write = (n: number) =>
    kept.transact('numbers', async (tx) => {
      await tx.put('numbers', `n${n}`, { n });
      return n;
    });

  beforeEach(async () => {
    inner = new CountingReadModels();
    kept = new PagesKeptUntilWrite(inner);
    await write(1);
  });

  it('given a page found, when it is asked for again with nothing written, then it is answered without reading again', async () => {
    const first = await kept.findPage('numbers', query);
    const again = await kept.findPage('numbers', query);
    expect(again).to.deep.equal(first);
    expect(inner.pagesRead).to.equal(1);
  });

  it('given a page found, when a projection writes, then the next ask reads the page anew', async () => {
    await kept.findPage('numbers', query);
    await write(2);
    const after = await kept.findPage('numbers', query);
    expect(after.items.map((doc) => doc.n)).to.deep.equal([2, 1]);
    expect(inner.pagesRead).to.equal(2);
  });

  it('given a planned batch committed, when the page is asked for, then it shows the batch', async () => {
    await kept.findPage('numbers', query);
    await kept.commitPlanned!('numbers', { from: 1, to: 2, writes: [{ collection: 'numbers', id: 'n3', doc: { n: 3 } }] });
    expect((await kept.findPage('numbers', query)).items.map((doc) => doc.n)).to.deep.equal([3, 1]);
  });

  it('given a read under way while a write commits, when the page is asked for after, then that read is not reused', async () => {
    let release!: () => void;
    inner.held = new Promise((resolve) => (release = resolve));
    const reading = kept.findPage('numbers', query);
    await write(2);
    release();
    await reading;
    inner.held = undefined;
    expect((await kept.findPage('numbers', query)).items.map((doc) => doc.n)).to.deep.equal([2, 1]);
    expect(inner.pagesRead).to.equal(2);
  });

  it('given a page answered, when its caller changes it, then the next answer is still the page as read', async () => {
    const first = await kept.findPage<{ n: number }>('numbers', query);
    first.items[0].n = 99;
    expect((await kept.findPage<{ n: number }>('numbers', query)).items[0].n).to.equal(1);
  });

  it('given a page of documents with nested fields answered, when its caller changes a nested field, then the next answer is still the page as read', async () => {
    await kept.transact('numbers', async (tx) => {
      await tx.put('numbers', 'n5', { n: 5, parts: [{ name: 'a' }] });
      return 5;
    });
    const first = await kept.findPage<{ n: number; parts: { name: string }[] }>('numbers', query);
    first.items[0].parts[0].name = 'changed';
    first.items[0].parts.push({ name: 'added' });
    expect((await kept.findPage<{ parts: { name: string }[] }>('numbers', query)).items[0].parts).to.deep.equal([{ name: 'a' }]);
  });
});
