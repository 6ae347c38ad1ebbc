import { expect } from 'chai';
import { keysetPages } from '../../../src/application/queries/keysetPages.js';
import { MemoryReadModels } from '../../../src/infrastructure/memory/memoryReadModels.js';

describe('keyset pages (a walk over every document a find matches)', () => {
  it('given more matching documents than three pages, sharing sort values, some without the sort field, when walked, then each comes once in the find order, in full pages but the last', async () => {
    const readModels = new MemoryReadModels();
    // Ten documents share each registeredAt; every 97th has none; odd ones are not flagged.
    const docs = Array.from({ length: 2_600 }, (_, i) => ({
      id: `p-${String(i).padStart(4, '0')}`,
      flagged: i % 2 === 0,
      ...(i % 97 === 0 ? {} : { registeredAt: `2026-01-01T00:${String(Math.floor(i / 10) % 60).padStart(2, '0')}:00.000Z` }),
    }));
    await readModels.transact('products', async (tx) => {
      for (const doc of docs) await tx.put('products', doc.id, doc);
      return 1;
    });
    const query = { where: { flagged: true }, orderBy: { field: 'registeredAt' } };

    const pages: string[][] = [];
    for await (const page of keysetPages<{ id: string }>(readModels, 'products', query, 500)) {
      pages.push(page.map((doc) => doc.id));
      if (pages.length > 10) break; // a walk that does not advance would never end
    }

    const expected = (await readModels.find<{ id: string }>('products', query)).map((doc) => doc.id);
    expect(expected).to.have.length(1_300);
    expect(pages.flat()).to.deep.equal(expected);
    expect(pages.map((page) => page.length)).to.deep.equal([500, 500, 300]);
  });

  it('given no matching document, then the walk yields no page', async () => {
    const pages = [];
    for await (const page of keysetPages(new MemoryReadModels(), 'products', { orderBy: { field: 'registeredAt' } }, 500)) pages.push(page);
    expect(pages).to.deep.equal([]);
  });
});
