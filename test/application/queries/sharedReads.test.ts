import { expect } from 'chai';
import { SharedReads } from '../../../src/application/queries/sharedReads.js';

/** A read that answers when told to, and records what it was asked (its launch number). */
class ControlledReads {
  launched = 0;
  private readonly pending: { answer(value: string): void; fail(error: Error): void }[] = [];

  read = (): Promise<string> => {
    const launch = ++this.launched;
    return new Promise<string>((resolve, reject) => {
      this.pending.push({ answer: (value) => resolve(`${value}#${launch}`), fail: reject });
    });
  };

  /** Answers the oldest read still under way, then lets the reads it ends launch their successors. */
  async answer(value: string): Promise<void> {
    this.pending.shift()!.answer(value);
    await settle();
  }

  async fail(message: string): Promise<void> {
    this.pending.shift()!.fail(new Error(message));
    await settle();
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

/** The error a read ended with; a read that answers fails the test. */
const failureOf = (read: Promise<unknown>) =>
  read.then(
    (value) => expect.fail(`expected the read to fail, it answered ${String(value)}`),
    (error: Error) => error.message,
  );

describe('Shared reads: identical reads asked at once share one read, never one that started before they asked', () => {
  it('given no read under way, when a page is asked, then it is read at once', async () => {
    const shared = new SharedReads<string>();
    const reads = new ControlledReads();
    const page = shared.read('page-1', reads.read);
    await settle();
    expect(reads.launched).to.equal(1);
    await reads.answer('v1');
    expect(await page).to.equal('v1#1');
    expect(shared.underWay).to.equal(0);
  });

  it('given a read under way, when the same page is asked three times, then the three share one read launched after it ends', async () => {
    const shared = new SharedReads<string>();
    const reads = new ControlledReads();
    const first = shared.read('page-1', reads.read);
    await settle();
    const later = [shared.read('page-1', reads.read), shared.read('page-1', reads.read), shared.read('page-1', reads.read)];
    await settle();
    // The read under way started before they asked: it may miss a write they have seen acknowledged.
    expect(reads.launched).to.equal(1);
    await reads.answer('before');
    expect(await first).to.equal('before#1');
    expect(reads.launched).to.equal(2);
    await reads.answer('after');
    expect(await Promise.all(later)).to.deep.equal(['after#2', 'after#2', 'after#2']);
    expect(shared.underWay).to.equal(0);
  });

  it('given a read of one page under way, when another page is asked, then it is read at once on its own', async () => {
    const shared = new SharedReads<string>();
    const reads = new ControlledReads();
    const one = shared.read('page-1', reads.read);
    const two = shared.read('page-2', reads.read);
    await settle();
    expect(reads.launched).to.equal(2);
    await reads.answer('a');
    await reads.answer('b');
    expect([await one, await two]).to.deep.equal(['a#1', 'b#2']);
  });

  it('given a read that fails, then its callers get the error, and those waiting for the next read get that read', async () => {
    const shared = new SharedReads<string>();
    const reads = new ControlledReads();
    const failing = shared.read('page-1', reads.read);
    await settle();
    const waiting = shared.read('page-1', reads.read);
    await reads.fail('database away');
    expect(await failureOf(failing)).to.equal('database away');
    await reads.answer('back');
    expect(await waiting).to.equal('back#2');
    expect(shared.underWay).to.equal(0);
  });

  it('given a read function that throws before it returns a promise, then the caller gets a rejected read and the page is free again', async () => {
    const shared = new SharedReads<string>();
    const throwing = () => {
      throw new Error('bad filter');
    };
    expect(await failureOf(shared.read('page-1', throwing))).to.equal('bad filter');
    expect(shared.underWay).to.equal(0);
  });
});
