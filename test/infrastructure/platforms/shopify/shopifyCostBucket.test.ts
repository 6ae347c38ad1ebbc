import { expect } from 'chai';
import { ShopifyCostBucket } from '../../../../src/infrastructure/platforms/shopify/shopifyCostBucket.js';

/** A bucket on a clock that only moves when it sleeps, recording each wait. */
function bucketOnFakeClock() {
  const clock = { now: 0, waits: [] as number[] };
  const bucket = new ShopifyCostBucket(
    () => clock.now,
    async (ms) => void (clock.waits.push(ms), (clock.now += ms)),
  );
  return { bucket, clock };
}

const status = (currentlyAvailable: number, maximumAvailable = 100, restoreRate = 50) => ({ maximumAvailable, currentlyAvailable, restoreRate });

describe('Shopify cost pacing', () => {
  it('given nothing known yet, then the first query goes at once and the next waits for its answer (the bucket size)', async () => {
    const { bucket, clock } = bucketOnFakeClock();
    const first = await bucket.reserve(undefined);
    let secondGranted = false;
    const second = bucket.reserve(50).then((reservation) => ((secondGranted = true), reservation));
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondGranted).to.equal(false);
    first.settle(status(100));
    (await second).settle(status(50));
    expect(secondGranted).to.equal(true);
    expect(clock.waits).to.deep.equal([]);
  });

  it('given the points Shopify says are left, then a query waits until its cost has been restored, in arrival order', async () => {
    const { bucket, clock } = bucketOnFakeClock();
    (await bucket.reserve(undefined)).settle(status(30));
    (await bucket.reserve(80)).settle(status(20));
    // 50 points missing at 50 a second; then 80 more from 20 left.
    expect(clock.waits).to.deep.equal([1000]);
    await bucket.reserve(80);
    expect(clock.waits).to.deep.equal([1000, 1200]);
  });

  it('given a query still on its way, then an earlier answer is read less the points that query will be charged', async () => {
    const { bucket, clock } = bucketOnFakeClock();
    (await bucket.reserve(undefined)).settle(status(100));
    const a = await bucket.reserve(40);
    const b = await bucket.reserve(40);
    a.settle(status(60)); // Shopify may not have counted b yet: the model does.
    await bucket.reserve(40);
    expect(clock.waits).to.deep.equal([400]);
    b.settle(status(20));
  });

  it('given the cost Shopify charged for a page, then pages are sized to the bucket, never above 1000 or the most asked', () => {
    const { bucket } = bucketOnFakeClock();
    expect(bucket.pageSize('SynchubOrders')).to.equal(1);
    bucket.learn('SynchubOrders\n[["first",1]]', 50, 1);
    expect(bucket.pageSize('SynchubOrders'), 'no bucket size known yet').to.equal(1);
    void bucket.reserve(undefined).then((reservation) => reservation.settle(status(100)));
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      expect(bucket.pageSize('SynchubOrders')).to.equal(2); // 3 + 2 × 48 = 99 ≤ 100
      expect(bucket.estimate('SynchubOrders\n[["first",2]]', 2)).to.equal(99);
      expect(bucket.estimate('SynchubOrders\n[["first",1]]', 1), 'a cost seen is used as it was').to.equal(50);
      bucket.throttled(status(0, 2000, 100));
      expect(bucket.pageSize('SynchubOrders'), 'a bucket of 2000: still at most 1000 a query').to.equal(20);
      expect(bucket.pageSize('SynchubOrders', 5)).to.equal(5);
    });
  });
});
