import { expect } from 'chai';
import sinon from 'sinon';
import { syncHistoryExport } from '../../../src/application/admin/syncHistoryExport.js';
import { SYNC_RUNS_COLLECTION, type SyncRunDocument } from '../../../src/application/projections/syncRunsProjection.js';
import { MemoryReadModels } from '../../../src/infrastructure/memory/memoryReadModels.js';

const counts = { imported: 1, updated: 0, unchanged: 0, rejected: 0, skipped: 0 };

function run(id: string, integrationId: string, startedAt: string): SyncRunDocument {
  return { id, integrationId, status: 'succeeded', trigger: 'schedule', window: { from: startedAt, to: startedAt }, startedAt, finishedAt: startedAt, counts, error: null, version: 1 };
}

describe('sync history export', () => {
  it('given more runs than one page, some starting at the same instant, when exported, then each run in the window comes once, oldest first, read by keyset', async () => {
    const readModels = new MemoryReadModels();
    // 1 100 runs over 550 seconds, two a second: pages of 500 end between two runs of the same instant.
    const runs = Array.from({ length: 1_100 }, (_, i) => run(`run-${String(i).padStart(4, '0')}`, 'int-1', new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(i / 2))).toISOString()));
    await readModels.transact('sync-runs', async (tx) => {
      for (const doc of [...runs, run('other', 'int-2', runs[10].startedAt)]) await tx.put(SYNC_RUNS_COLLECTION, doc.id, doc);
      return 1;
    });
    const find = sinon.spy(readModels, 'find');

    const exported: string[] = [];
    const from = new Date(runs[2].startedAt); // runs 0 and 1 started a second earlier: outside
    const to = new Date(runs[1_098].startedAt); // the window ends before it: runs 1 098 and 1 099 are outside
    for await (const line of syncHistoryExport(readModels, { integrationId: 'int-1', from, to })) exported.push(line.runId);

    expect(exported).to.deep.equal(runs.slice(2, 1_098).map((r) => r.id));
    const pageReads = find.getCalls().filter((call) => call.args[0] === SYNC_RUNS_COLLECTION).map((call) => call.args[1]!);
    expect(pageReads.map((query) => query.offset)).to.deep.equal([undefined, undefined, undefined]);
    expect(pageReads.slice(1).map((query) => query.after)).to.deep.equal([
      { value: runs[499].startedAt, id: runs[499].id },
      { value: runs[999].startedAt, id: runs[999].id },
    ]);
  });
});
