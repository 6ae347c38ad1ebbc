import { expect } from 'chai';
import { cursorAfter, keysetOf, positionAfter } from '../../../src/application/queries/listCursor.js';
import { pageOfSorted } from '../../../src/application/queries/pagedList.js';
import { InvalidValueError } from '../../../src/domain/shared/errors.js';

const BY_NAME = { field: 'name' };
const refusal = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidValueError);
    return (error as InvalidValueError).field;
  }
  throw new Error('the cursor was taken');
};

describe('List cursors', () => {
  it('given an item of a list, when its cursor is read back in the same order, then it names the item’s sort value and id, and nothing a person can read', () => {
    const cursor = cursorAfter({ field: 'createdAt', descending: true }, { id: 'o-1', createdAt: '2024-01-02T00:00:00.000Z', number: 'A-1' });
    expect(cursor).to.match(/^[A-Za-z0-9_-]+$/);
    expect(cursor).to.not.contain('o-1');
    expect(keysetOf(cursor, { field: 'createdAt', descending: true })).to.deep.equal({ value: '2024-01-02T00:00:00.000Z', id: 'o-1' });
    expect(keysetOf(cursorAfter(BY_NAME, { id: 'p1' }), BY_NAME)).to.deep.equal({ value: null, id: 'p1' });
    expect(keysetOf(cursorAfter(BY_NAME, { id: 'p1', name: 'Чашка 🍵' }), BY_NAME)).to.deep.equal({ value: 'Чашка 🍵', id: 'p1' });
  });

  it('given a cursor of another order, a damaged one, or one holding what no list holds, then it is refused on the field after', () => {
    const cursorOf = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');
    for (const cursor of [
      '',
      'a.b',
      cursorAfter({ field: 'createdAt' }, { id: 'o1', createdAt: 'x' }),
      cursorAfter({ field: 'name', descending: true }, { id: 'o1', name: 'x' }),
      cursorOf(['name', 'x']),
      cursorOf({ key: 'name' }),
      cursorOf(['name', { $gt: '' }, 'p1']),
      cursorOf(['name', 'x', 'p 1']),
      cursorOf(['name', 'x', 42]),
      cursorOf(['name', 'nul\u0000', 'p1']),
      cursorOf(['name', '\udc00', 'p1']),
      Buffer.from('["name","x","p1"').toString('base64url'),
      Buffer.from('["name",1e999,"p1"]').toString('base64url'),
    ]) {
      expect(refusal(() => keysetOf(cursor, BY_NAME)), cursor).to.equal('after');
    }
    expect(refusal(() => positionAfter(cursorOf(['position', 'seven', 'e1'])))).to.equal('after');
    expect(refusal(() => positionAfter(cursorOf(['position', -1, 'e1'])))).to.equal('after');
    expect(positionAfter(cursorOf(['position', 7, 'e1']))).to.equal(7);
  });

  it('given a list sorted in memory, when walked by cursor, then each item comes once; when the item a cursor names is gone, the walk goes on after its place', () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, name: i < 2 ? 'Mug' : `Plate ${i}` }));
    const first = pageOfSorted(items, { page: 1, limit: 2 }, BY_NAME);
    expect(first).to.deep.include({ page: 1, total: 5, items: items.slice(0, 2) });
    const second = pageOfSorted(items, { page: 1, limit: 2, after: first.nextCursor! }, BY_NAME);
    expect(second).to.deep.include({ page: null, items: items.slice(2, 4) });
    const last = pageOfSorted(items, { page: 1, limit: 2, after: second.nextCursor! }, BY_NAME);
    expect(last).to.deep.include({ items: items.slice(4), nextCursor: null });

    const withoutB = items.filter((item) => item.id !== 'b');
    expect(pageOfSorted(withoutB, { page: 1, limit: 2, after: first.nextCursor! }, BY_NAME).items.map((item) => item.id)).to.deep.equal(['c', 'd']);
  });
});
