import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { eachUntilStopped, endedByStop, untilStopped, watchForStop } from '../../../src/application/automations/runStop.js';

describe('A run’s stop: asked for in its events or by shutdown, seen at every boundary', () => {
  it('given a run watching for its stop, when an operator asks for it, then its signal aborts within a poll', async () => {
    let asked = false;
    const watch = watchForStop(async () => asked, new AbortController().signal);
    try {
      await sleep(400);
      expect(watch.signal.aborted).to.equal(false);
      asked = true;
      await sleep(700);
      expect(watch.signal.aborted).to.equal(true);
      expect((watch.signal.reason as Error).name).to.equal('AbortError');
    } finally {
      watch.dispose();
    }
  });

  it('given the process stopping its jobs, then the signal aborts at once', () => {
    const shutdown = new AbortController();
    const watch = watchForStop(async () => false, shutdown.signal);
    shutdown.abort();
    expect(watch.signal.aborted).to.equal(true);
    watch.dispose();
  });

  it('given items worked one by one, when the stop comes during one, then the work ends before the next and what was done stands', async () => {
    const stop = new AbortController();
    const done: number[] = [];
    await eachUntilStopped(stop.signal, [1, 2, 3, 4], async (item) => {
      done.push(item);
      if (item === 2) stop.abort();
    });
    expect(done).to.deep.equal([1, 2]);
  });

  it('given a wait for the platform ended by the stop, then it is not a failure; any other error still is', async () => {
    const stop = new AbortController();
    const waiting = untilStopped(stop.signal, () => sleep(60_000, undefined, { signal: stop.signal }));
    stop.abort();
    await waiting;
    expect(endedByStop(new Error('KeyCRM answered 503'), stop.signal)).to.equal(false);
    const failure = await untilStopped(stop.signal, async () => {
      throw new Error('the store is gone');
    }).catch((error: Error) => error);
    expect((failure as Error).message).to.equal('the store is gone');
  });
});
