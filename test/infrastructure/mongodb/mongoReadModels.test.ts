import { expect } from 'chai';
import type { Db, MongoClient } from 'mongodb';
import sinon from 'sinon';
import { MongoReadModels } from '../../../src/infrastructure/mongodb/mongoReadModels.js';

/** A stubbed driver that records, in order, which writes happened and whether they ran inside withTransaction. */
function fakeMongo() {
  const writes: string[] = [];
  let inTransaction = false;
  const session = {
    withTransaction: sinon.stub().callsFake(async (work: (s: unknown) => Promise<unknown>) => {
      inTransaction = true;
      try {
        return await work(session);
      } finally {
        inTransaction = false;
      }
    }),
    endSession: sinon.stub().resolves(),
  };
  const recording = (name: string, operation: string, result: unknown = {}) =>
    sinon.stub().callsFake(async () => {
      writes.push(`${name}.${operation}${inTransaction ? ' in transaction' : ''}`);
      return result;
    });
  const fakeCollection = (name: string) => ({
    findOne: sinon.stub().resolves(null),
    find: sinon.stub().returns({ toArray: sinon.stub().resolves([]) }),
    countDocuments: sinon.stub().resolves(0),
    aggregate: sinon.stub().returns({ toArray: sinon.stub().resolves([]) }),
    bulkWrite: recording(name, 'bulkWrite'),
    updateOne: recording(name, 'updateOne'),
    deleteOne: recording(name, 'deleteOne'),
    deleteMany: recording(name, 'deleteMany'),
  });
  const collections = new Map<string, ReturnType<typeof fakeCollection>>();
  const collection = (name: string) => {
    if (!collections.has(name)) collections.set(name, fakeCollection(name));
    return collections.get(name)!;
  };
  const db = { collection: sinon.stub().callsFake(collection), command: sinon.stub().resolves({ ok: 1 }) };
  const client = { startSession: sinon.stub().returns(session), close: sinon.stub().resolves() };
  const readModels = new MongoReadModels(client as unknown as MongoClient, db as unknown as Db);
  return { readModels, session, db, client, collection, writes };
}

describe('MongoReadModels (stubbed driver)', () => {
  describe('transactions', () => {
    it('given a transaction, then its writes and the checkpoint go through the same session inside withTransaction, checkpoint last', async () => {
      const mongo = fakeMongo();
      mongo.collection('projection_checkpoints').findOne.resolves({ _id: 'orders', position: 7 });
      let seenCheckpoint: number | undefined;
      await mongo.readModels.transact('orders', async (tx) => {
        seenCheckpoint = tx.checkpoint;
        await tx.put('orders', 'o1', { number: 'A-1' });
        await tx.delete('orders', 'o2');
        await tx.put('customers', 'c1', { name: 'Olena' });
        return 9;
      });

      expect(seenCheckpoint).to.equal(7);
      expect(mongo.collection('projection_checkpoints').findOne.firstCall.args).to.deep.equal([{ _id: 'orders' }, { session: mongo.session }]);
      expect(mongo.writes).to.deep.equal([
        'orders.bulkWrite in transaction',
        'customers.bulkWrite in transaction',
        'projection_checkpoints.updateOne in transaction',
      ]);
      const [operations, options] = mongo.collection('orders').bulkWrite.firstCall.args;
      expect(operations).to.deep.equal([
        { replaceOne: { filter: { _id: 'o1' }, replacement: { number: 'A-1', _id: 'o1' }, upsert: true } },
        { deleteOne: { filter: { _id: 'o2' } } },
      ]);
      expect(options.session).to.equal(mongo.session);
      expect(mongo.collection('projection_checkpoints').updateOne.firstCall.args).to.deep.equal([
        { _id: 'orders' },
        { $set: { position: 9 } },
        { upsert: true, session: mongo.session },
      ]);
      expect(mongo.session.withTransaction.firstCall.args[1]).to.deep.include({
        readConcern: { level: 'snapshot' },
        writeConcern: { w: 'majority' },
      });
      expect(mongo.session.endSession.calledOnce).to.equal(true);
    });

    it('given a transaction, when it reads, then it sees its own buffered writes and otherwise reads through the session without _id', async () => {
      const mongo = fakeMongo();
      mongo.collection('orders').findOne.resolves({ number: 'B-2' });
      await mongo.readModels.transact('orders', async (tx) => {
        await tx.put('orders', 'o1', { number: 'A-1' });
        expect(await tx.get('orders', 'o1')).to.deep.equal({ number: 'A-1' });
        expect(await tx.get('orders', 'o2')).to.deep.equal({ number: 'B-2' });
        await tx.delete('orders', 'o2');
        expect(await tx.get('orders', 'o2')).to.equal(undefined);
        return 1;
      });
      const reads = mongo.collection('orders').findOne.getCalls().map((c) => c.args);
      expect(reads).to.deep.equal([[{ _id: 'o2' }, { session: mongo.session, projection: { _id: 0 } }]]);
    });

    it('given work that throws, then nothing is written, the error comes out and the session is ended', async () => {
      const mongo = fakeMongo();
      const error = await mongo.readModels
        .transact('orders', async (tx) => {
          await tx.put('orders', 'o1', { number: 'A-1' });
          throw new Error('crash');
        })
        .catch((e: Error) => e);
      expect((error as Error).message).to.equal('crash');
      expect(mongo.writes).to.deep.equal([]);
      expect(mongo.session.endSession.calledOnce).to.equal(true);
    });

    it('given concurrent transactions, then those of one projection run one at a time, a failure does not block the next, and other projections run alongside', async () => {
      const mongo = fakeMongo();
      const running = new Map<string, number>();
      const most = new Map<string, number>();
      let total = 0;
      let mostTotal = 0;
      const slowWork = (projection: string, fail = false) => async () => {
        running.set(projection, (running.get(projection) ?? 0) + 1);
        most.set(projection, Math.max(most.get(projection) ?? 0, running.get(projection)!));
        mostTotal = Math.max(mostTotal, ++total);
        await new Promise((resolve) => setTimeout(resolve, 5));
        total--;
        running.set(projection, running.get(projection)! - 1);
        if (fail) throw new Error('crash');
        return 1;
      };
      const outcomes = await Promise.allSettled([
        mongo.readModels.transact('a', slowWork('a')),
        mongo.readModels.transact('a', slowWork('a', true)),
        mongo.readModels.transact('a', slowWork('a')),
        mongo.readModels.transact('b', slowWork('b')),
        mongo.readModels.transact('b', slowWork('b')),
      ]);
      expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
      expect(most.get('a')).to.equal(1);
      expect(most.get('b')).to.equal(1);
      // Both projections were in flight together, so the queue is per projection, not global.
      expect(mostTotal).to.equal(2);
    });
  });

  describe('queries', () => {
    it('when finding, then where, text search, sort with id tie-break, offset and limit become one query that leaves _id out', async () => {
      const mongo = fakeMongo();
      mongo.collection('contacts').find.returns({ toArray: sinon.stub().resolves([{ name: 'Olena' }]) });
      const found = await mongo.readModels.find('contacts', {
        where: { store: 'keycrm', archived: null },
        matching: { fields: ['name', 'email'], text: 'a.b*' },
        orderBy: { field: 'number', descending: true },
        offset: 20,
        limit: 10,
      });
      expect(found).to.deep.equal([{ name: 'Olena' }]);
      const [filter, options] = mongo.collection('contacts').find.firstCall.args;
      expect(filter).to.deep.equal({
        store: { $eq: 'keycrm', $not: { $type: 'array' } },
        archived: { $type: 'null' },
        $or: [{ name: { $regex: 'a\\.b\\*', $options: 'i' } }, { email: { $regex: 'a\\.b\\*', $options: 'i' } }],
      });
      expect(options).to.deep.equal({
        projection: { _id: 0 },
        sort: [
          ['number', -1],
          ['_id', -1],
        ],
        skip: 20,
        limit: 10,
      });
    });

    it('when finding without options, then documents come in id order with no limit', async () => {
      const mongo = fakeMongo();
      await mongo.readModels.find('orders');
      expect(mongo.collection('orders').find.firstCall.args).to.deep.equal([{}, { projection: { _id: 0 }, sort: [['_id', 1]], skip: 0, limit: 0 }]);
    });

    it('when counting, then the same filter goes to countDocuments, and a field whose value is undefined filters nothing', async () => {
      const mongo = fakeMongo();
      mongo.collection('orders').countDocuments.resolves(3);
      const where = { store: 'keycrm', integrationId: undefined } as unknown as Record<string, string>;
      expect(await mongo.readModels.count('orders', where, { fields: ['number'], text: '%' })).to.equal(3);
      expect(mongo.collection('orders').countDocuments.firstCall.args[0]).to.deep.equal({
        store: { $eq: 'keycrm', $not: { $type: 'array' } },
        $or: [{ number: { $regex: '%', $options: 'i' } }],
      });
    });

    it('when finding a page, then the page and its total are read in one snapshot session, which is ended', async () => {
      const mongo = fakeMongo();
      mongo.collection('contacts').find.returns({ toArray: sinon.stub().resolves([{ name: 'Olena' }]) });
      mongo.collection('contacts').countDocuments.resolves(41);
      const page = await mongo.readModels.findPage('contacts', { where: { store: 'keycrm' }, limit: 1 });
      expect(page).to.deep.equal({ items: [{ name: 'Olena' }], total: 41 });
      expect(mongo.client.startSession.firstCall.args).to.deep.equal([{ snapshot: true }]);
      expect(mongo.collection('contacts').find.firstCall.args[1].session).to.equal(mongo.session);
      expect(mongo.collection('contacts').countDocuments.firstCall.args).to.deep.equal([
        { store: { $eq: 'keycrm', $not: { $type: 'array' } } },
        { session: mongo.session },
      ]);
      expect(mongo.session.endSession.calledOnce).to.equal(true);
    });

    it('when finding a page after a keyset bound, then the filter is ANDed with a range on (field, _id) in the sort direction, and the total counts the filter alone', async () => {
      const mongo = fakeMongo();
      mongo.collection('orders').countDocuments.resolves(9);
      const where = { status: 'new' };
      await mongo.readModels.findPage('orders', { where, orderBy: { field: 'createdAt', descending: true }, after: { value: '2024-01-02', id: 'o7' }, limit: 3 });
      const status = { $eq: 'new', $not: { $type: 'array' } };
      const [filter, options] = mongo.collection('orders').find.firstCall.args;
      expect(filter).to.deep.equal({
        $and: [
          { status },
          // Descending, the documents without the field come last: after any bound with a value.
          { $or: [{ createdAt: { $lt: '2024-01-02' } }, { createdAt: '2024-01-02', _id: { $lt: 'o7' } }, { createdAt: null }] },
        ],
      });
      expect(options).to.include({ skip: 0, limit: 3 });
      expect(mongo.collection('orders').countDocuments.firstCall.args[0]).to.deep.equal({ status });
    });

    it('when the bound is ascending, lacks the sort value, or the find has no sort, then the range follows where Mongo sorts null (first) and the id', async () => {
      const mongo = fakeMongo();
      const filterOf = async (orderBy: { field: string; descending?: boolean } | undefined, value: string | null) => {
        mongo.collection('docs').find.resetHistory();
        await mongo.readModels.find('docs', { orderBy, after: { value, id: 'd1' } });
        return mongo.collection('docs').find.firstCall.args[0].$and[1];
      };
      expect(await filterOf({ field: 'name' }, 'Mug')).to.deep.equal({ $or: [{ name: { $gt: 'Mug' } }, { name: 'Mug', _id: { $gt: 'd1' } }] });
      expect(await filterOf({ field: 'name' }, null)).to.deep.equal({ $or: [{ name: { $ne: null } }, { name: null, _id: { $gt: 'd1' } }] });
      expect(await filterOf({ field: 'name', descending: true }, null)).to.deep.equal({ name: null, _id: { $lt: 'd1' } });
      expect(await filterOf(undefined, 'ignored')).to.deep.equal({ _id: { $gt: 'd1' } });
      const refused = await mongo.readModels.find('docs', { orderBy: { field: '$where' }, after: { value: 1, id: 'd1' } }).catch((e: Error) => e);
      expect((refused as Error).message).to.match(/Cannot filter by|Cannot sort by/);
    });

    it('when finding a page with a kept total, then the kept counts are summed in the same session and a checked field is refused', async () => {
      const mongo = fakeMongo();
      mongo.collection('order_counts').aggregate.returns({ toArray: sinon.stub().resolves([{ total: 42 }]) });
      const kept = { collection: 'order_counts', field: 'count', where: { source: 'integration' } };
      expect(await mongo.readModels.findPage('orders', { limit: 1 }, kept)).to.deep.equal({ items: [], total: 42 });
      expect(mongo.collection('order_counts').aggregate.firstCall.args).to.deep.equal([
        [{ $match: { source: { $eq: 'integration', $not: { $type: 'array' } } } }, { $group: { _id: null, total: { $sum: '$count' } } }],
        { session: mongo.session },
      ]);
      const refused = await mongo.readModels.findPage('orders', { limit: 1 }, { ...kept, field: '$where' }).catch((e: Error) => e);
      expect(refused).to.be.instanceOf(Error);
      expect(mongo.session.endSession.calledTwice).to.equal(true);
    });

    it('when picking fields, then only those are projected and one a document lacks comes back null', async () => {
      const mongo = fakeMongo();
      mongo.collection('orders').find.returns({ toArray: sinon.stub().resolves([{ id: 'a', version: 3 }, { id: 'b' }]) });
      const picked = await mongo.readModels.find('orders', { pick: ['id', 'version'] });
      expect(picked).to.deep.equal([{ id: 'a', version: 3 }, { id: 'b', version: null }]);
      expect(mongo.collection('orders').find.firstCall.args[1].projection).to.deep.equal({ _id: 0, id: 1, version: 1 });
      const refused = await mongo.readModels.find('orders', { pick: [] }).catch((e: Error) => e);
      expect(refused).to.be.instanceOf(Error);
    });

    it('when getting several by id, then one query by _id leaves the omitted fields out and hands each id out with its document', async () => {
      const mongo = fakeMongo();
      mongo.collection('orders').find.returns({ toArray: sinon.stub().resolves([{ _id: 'b', n: 2 }]) });
      expect(await mongo.readModels.getMany('orders', ['a', 'b'], { omit: ['feed'] })).to.deep.equal([{ id: 'b', doc: { n: 2 } }]);
      expect(mongo.collection('orders').find.firstCall.args).to.deep.equal([{ _id: { $in: ['a', 'b'] } }, { projection: { _id: 1, feed: 0 } }]);
      expect(await mongo.readModels.getMany('orders', [])).to.deep.equal([]);
      expect(mongo.collection('orders').find.calledOnce).to.equal(true);
    });

    it('when getting several by id with fields picked, then only those are projected and a missing one comes back null', async () => {
      const mongo = fakeMongo();
      mongo.collection('orders').find.returns({ toArray: sinon.stub().resolves([{ _id: 'a', version: 4 }, { _id: 'b' }]) });
      expect(await mongo.readModels.getMany('orders', ['a', 'b'], { pick: ['version'] })).to.deep.equal([
        { id: 'a', doc: { version: 4 } },
        { id: 'b', doc: { version: null } },
      ]);
      expect(mongo.collection('orders').find.firstCall.args[1]).to.deep.equal({ projection: { _id: 1, version: 1 } });
    });

    it('given a field name that is an operator, a path or _id, then the query is refused before it reaches Mongo', async () => {
      const mongo = fakeMongo();
      const refused = await Promise.all([
        mongo.readModels.find('orders', { where: { $where: 'sleep(1000)' } }).catch((e: Error) => e),
        mongo.readModels.find('orders', { orderBy: { field: 'customer.name' } }).catch((e: Error) => e),
        mongo.readModels.count('orders', { _id: 'o1' }).catch((e: Error) => e),
        mongo.readModels.count('orders', {}, { fields: ['$expr'], text: 'x' }).catch((e: Error) => e),
      ]);
      expect(refused.every((e) => e instanceof Error)).to.equal(true);
      expect(mongo.collection('orders').find.called).to.equal(false);
      expect(mongo.collection('orders').countDocuments.called).to.equal(false);
    });

    it('given a limit of 0, then no documents come back and Mongo, which reads 0 as no limit, is not asked', async () => {
      const mongo = fakeMongo();
      expect(await mongo.readModels.find('orders', { limit: 0 })).to.deep.equal([]);
      expect(mongo.collection('orders').find.called).to.equal(false);
    });

    it('when reading a document or checkpoint outside a transaction, then _id is left out and a missing one is undefined', async () => {
      const mongo = fakeMongo();
      mongo.collection('orders').findOne.withArgs({ _id: 'o1' }).resolves({ number: 'A-1' });
      mongo.collection('projection_checkpoints').findOne.withArgs({ _id: 'orders' }).resolves({ _id: 'orders', position: 42 });
      expect(await mongo.readModels.get('orders', 'o1')).to.deep.equal({ number: 'A-1' });
      expect(mongo.collection('orders').findOne.firstCall.args[1]).to.deep.equal({ projection: { _id: 0 } });
      expect(await mongo.readModels.get('orders', 'o9')).to.equal(undefined);
      expect(await mongo.readModels.checkpoint('orders')).to.equal(42);
      expect(await mongo.readModels.checkpoint('other')).to.equal(undefined);
    });
  });

  describe('rebuild, health and shutdown', () => {
    it("when resetting, then the checkpoint is deleted first and then every document of the projection's collections", async () => {
      const mongo = fakeMongo();
      await mongo.readModels.reset('orders', ['orders', 'order_lines']);
      expect(mongo.writes).to.deep.equal(['projection_checkpoints.deleteOne', 'orders.deleteMany', 'order_lines.deleteMany']);
      expect(mongo.collection('projection_checkpoints').deleteOne.firstCall.args[0]).to.deep.equal({ _id: 'orders' });
      expect(mongo.collection('orders').deleteMany.firstCall.args[0]).to.deep.equal({});
    });

    it('when pinged, then it runs the ping command; when closed, then the client it owns is closed', async () => {
      const mongo = fakeMongo();
      await mongo.readModels.ping();
      await mongo.readModels.close();
      expect(mongo.db.command.firstCall.args[0]).to.deep.equal({ ping: 1 });
      expect(mongo.client.close.calledOnce).to.equal(true);
    });
  });
});
