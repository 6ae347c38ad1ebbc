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
