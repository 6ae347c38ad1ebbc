// What a synchub database holds after an import, read straight from its tables (events and read models), to
// compare with what the platform had: no API in between that could hide a duplicate.
import { expect } from 'chai';
import type { KeycrmOrderRecord } from '../../simulators/keycrm/index.js';
import type { EventStore } from '../../src/application/ports/eventStore.js';
import type { ReadModels } from '../../src/application/ports/readModels.js';
import type { PgSqlClient } from '../../src/infrastructure/postgres/pgSqlClient.js';

export interface StoredOrder {
  externalId: string;
  total: number;
  currency: string;
  platformStatus: string;
  customer: { phone: string; firstName: string; lastName: string; email: string };
  items: { sku: string; quantity: number; price: number; kind: string }[];
  createdAtPlatform: string;
}

export async function importedState(db: PgSqlClient, schema = 'synchub') {
  const count = async (sql: string) => (await db.query<{ n: string }>(sql)).rows.map((row) => Number(row.n));
  return {
    /** OrderImported events per order stream: every entry must be 1. */
    importsPerOrder: await count(`SELECT count(*) AS n FROM ${schema}.events WHERE type = 'OrderImported' GROUP BY stream_name`),
    /** Order documents per external id. */
    ordersPerExternalId: await count(`SELECT count(*) AS n FROM ${schema}.read_models WHERE collection = 'orders' GROUP BY doc->>'externalId'`),
    contactsPerPhone: await count(`SELECT count(*) AS n FROM ${schema}.read_models WHERE collection = 'contacts' GROUP BY doc->>'phone'`),
    productsPerSku: await count(`SELECT count(*) AS n FROM ${schema}.read_models WHERE collection = 'products' GROUP BY doc->>'sku'`),
    orders: new Map(
      (await db.query<{ doc: StoredOrder }>(`SELECT doc FROM ${schema}.read_models WHERE collection = 'orders'`)).rows.map(({ doc }) => [doc.externalId, doc]),
    ),
  };
}

// toPrecision first: 1.005 × 100 is 100.49999… in binary.
const minor = (amount: number) => Math.round(Number((amount * 100).toPrecision(12)));

/** The stored order carries every field of the platform's order (money in minor units, as the events keep it). */
export function expectSameOrder(stored: StoredOrder | undefined, platform: KeycrmOrderRecord): void {
  const what = `order ${platform.id}`;
  expect(stored, `${what} is missing`).to.not.equal(undefined);
  expect(stored!.total, `${what} total`).to.equal(minor(platform.grand_total));
  expect(stored!.currency, `${what} currency`).to.equal('UAH');
  expect(stored!.platformStatus, `${what} status`).to.equal(String(platform.status_id));
  expect(stored!.createdAtPlatform, `${what} created`).to.equal(new Date(`${platform.created_at.replace(' ', 'T')}Z`).toISOString());
  expect(stored!.customer.phone, `${what} buyer`).to.equal(platform.buyer!.phone);
  expect(`${stored!.customer.firstName} ${stored!.customer.lastName}`, `${what} buyer name`).to.equal(platform.buyer!.full_name);
  const products = stored!.items.filter((item) => item.kind === 'product');
  expect(
    products.map((item) => [item.sku, item.quantity, item.price]),
    `${what} items`,
  ).to.deep.equal(platform.products.map((line) => [line.offer.sku, line.quantity, minor(line.price_sold)]));
  const delivery = stored!.items.filter((item) => item.kind === 'service');
  expect(delivery.map((item) => item.price), `${what} delivery line`).to.deep.equal(platform.shipping_price > 0 ? [minor(platform.shipping_price)] : []);
}

/** The same counts through the ports (event store and read models), for tests that run synchub in-process. */
export async function importedStateThroughPorts(store: EventStore, readModels: ReadModels) {
  const importsPerStream = new Map<string, number>();
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: 5_000 });
    if (page.length === 0) break;
    for (const event of page) if (event.type === 'OrderImported') importsPerStream.set(event.streamName, (importsPerStream.get(event.streamName) ?? 0) + 1);
    after = page[page.length - 1].position;
  }
  const docs = (await readModels.find('orders', { limit: 100_000 })) as unknown as StoredOrder[];
  const perExternalId = new Map<string, number>();
  for (const doc of docs) perExternalId.set(doc.externalId, (perExternalId.get(doc.externalId) ?? 0) + 1);
  return {
    importsPerOrder: [...importsPerStream.values()],
    ordersPerExternalId: [...perExternalId.values()],
    orders: new Map(docs.map((doc) => [doc.externalId, doc])),
  };
}
