import { expect } from 'chai';
import { SeenKeys } from '../../../src/infrastructure/platforms/seenKeys.js';

describe('Seen keys of a walk over pages', () => {
  it('given ids met in rising order, when the walk starts over, then each id is new once', () => {
    // given
    const seen = new SeenKeys();
    const first = ['3', '5', '9', '12'].map((key) => seen.firstTime(key));
    // when
    const again = ['3', '5', '9', '12'].map((key) => seen.firstTime(key));
    // then
    expect(first).to.deep.equal([true, true, true, true]);
    expect(again).to.deep.equal([false, false, false, false]);
  });

  it('given a walk that started over, when it meets an id it skipped before (lower than the last), then that id is new once', () => {
    // given
    const seen = new SeenKeys();
    for (const key of ['1', '2', '4', '5']) seen.firstTime(key);
    // when
    const skipped = [seen.firstTime('3'), seen.firstTime('3')];
    // then
    expect(skipped).to.deep.equal([true, false]);
    expect(seen.firstTime('6')).to.equal(true);
    expect(seen.firstTime('4')).to.equal(false);
  });

  it('given more rising ids than one block holds, with gaps, when the walk starts over, then each is new once and the gaps are new when met', () => {
    // given: ids 10, 13, 16, … across several blocks of 4 096
    const ids = Array.from({ length: 10_000 }, (_, i) => String(10 + 3 * i));
    const seen = new SeenKeys();
    const first = ids.filter((key) => seen.firstTime(key));
    // when
    const again = ids.filter((key) => seen.firstTime(key));
    const gaps = ['11', '12', String(10 + 3 * 4_096 - 1), '29999', '30008'].map((key) => seen.firstTime(key));
    // then
    expect(first).to.have.length(10_000);
    expect(again).to.deep.equal([]);
    expect(gaps).to.deep.equal([true, true, true, true, true]);
    expect(['11', '29999', '30008', '30007', '10'].map((key) => seen.firstTime(key))).to.deep.equal([false, false, false, false, false]);
  });

  it('given an id past 32 bits, then it is new once like any other key', () => {
    const seen = new SeenKeys();
    expect(['5000000000', '5000000000', '7', '7'].map((key) => seen.firstTime(key))).to.deep.equal([true, false, true, false]);
  });

  it('given keys that are not plain ids, then each is new once and none is taken for the number it spells', () => {
    // given
    const seen = new SeenKeys();
    const keys = ['unidentified:ab12', '012', '12', '0', '1e3', '1000', '1234567890123456'];
    // when
    const first = keys.map((key) => seen.firstTime(key));
    const again = keys.map((key) => seen.firstTime(key));
    // then
    expect(first).to.deep.equal(keys.map(() => true));
    expect(again).to.deep.equal(keys.map(() => false));
  });
});
