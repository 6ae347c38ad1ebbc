import { expect } from 'chai';
import { readingAhead } from '../../../src/application/import/readingAhead.js';

/** A source of pages that logs when each page is asked for, and can fail at one page. */
function loggedPages(count: number, log: string[], failAt?: number) {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (let page = 1; page <= count; page++) {
          log.push(`fetch ${page}`);
          await new Promise((resolve) => setTimeout(resolve, 1));
          if (page === failAt) throw new Error(`page ${page} could not be read`);
          yield page;
        }
      } finally {
        log.push('source closed');
      }
    },
  };
}

describe('readingAhead', () => {
  it('given a run reading pages, when it works on a page, then the next page is already being fetched', async () => {
    const log: string[] = [];
    for await (const page of readingAhead(loggedPages(3, log))) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push(`import ${page}`);
    }
    expect(log).to.deep.equal(['fetch 1', 'fetch 2', 'import 1', 'fetch 3', 'import 2', 'source closed', 'import 3']);
  });

  it('given a page that fails while the one before is imported, then the failure comes when that page is asked for', async () => {
    const log: string[] = [];
    const imported: number[] = [];
    let failure: unknown;
    try {
      for await (const page of readingAhead(loggedPages(3, log, 2))) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        imported.push(page);
      }
    } catch (error) {
      failure = error;
    }
    expect(imported).to.deep.equal([1]);
    expect((failure as Error).message).to.equal('page 2 could not be read');
    expect(log).to.include('source closed');
  });

  it('given a run that stops after a page, then the source is closed', async () => {
    const log: string[] = [];
    for await (const page of readingAhead(loggedPages(5, log))) {
      if (page === 1) break;
    }
    expect(log.at(-1)).to.equal('source closed');
    expect(log.filter((entry) => entry.startsWith('fetch'))).to.have.length.at.most(2);
  });
});
