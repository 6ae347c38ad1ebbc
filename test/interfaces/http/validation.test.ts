import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { expect } from 'chai';
import express from 'express';
import { OrdersQuery } from '../../../src/interfaces/http/orderBodies.js';
import { problemHandler } from '../../../src/interfaces/http/problem.js';
import { validateQuery } from '../../../src/interfaces/http/validation.js';
import { createLogger } from '../../../src/infrastructure/logging/logger.js';

describe('Query strings validated once and kept', () => {
  let server: Server;
  let base: string;
  const handed: OrdersQuery[] = [];

  before(async () => {
    const app = express();
    app.get('/orders', validateQuery(OrdersQuery), (_req, res) => {
      const query = res.locals.query as OrdersQuery;
      handed.push(query);
      // A handler that changes its query must not change what the next request is handed.
      const answer = { ...query };
      query.store = 'local';
      res.json(answer);
    });
    app.use(problemHandler(createLogger('silent')));
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('given the same query string twice, then each request is handed an instance of the DTO of its own, with the same values', async () => {
    const first = await (await fetch(`${base}/orders?store=integrations&limit=5`)).json();
    const second = await (await fetch(`${base}/orders?store=integrations&limit=5`)).json();
    expect(first).to.deep.include({ store: 'integrations', limit: 5 });
    expect(second).to.deep.equal(first);
    expect(handed.at(-1)).to.be.instanceOf(OrdersQuery).and.not.equal(handed.at(-2));
  });

  it('given an invalid query string, then every request with it is refused with 400 naming the field', async () => {
    for (let i = 0; i < 2; i++) {
      const answer = await fetch(`${base}/orders?store=nowhere`);
      expect(answer.status).to.equal(400);
      expect(JSON.stringify(await answer.json())).to.contain('store');
    }
  });
});
