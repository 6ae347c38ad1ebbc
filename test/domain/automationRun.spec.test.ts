import { expect } from 'chai';
import { platformBackoffMs } from '../../src/domain/automation/platformBackoff.js';

describe('Automation back-off when the platform is unavailable', () => {
  it('given failures in a row, then the wait doubles from 30 s and stops growing at an hour', () => {
    expect([1, 2, 3, 4, 7, 8, 50].map((n) => platformBackoffMs(n))).to.deep.equal([30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000]);
  });

  it('given the platform asked for a longer wait, then that wait is kept, up to an hour', () => {
    expect(platformBackoffMs(1, 90_000)).to.equal(90_000);
    expect(platformBackoffMs(3, 90_000)).to.equal(120_000);
    expect(platformBackoffMs(1, 86_400_000)).to.equal(3_600_000);
  });
});
