import { Router, type Response } from 'express';
import { abandonStatusPush, changeOrderStatus, createLocalOrder, writeOffOrder, recordShipment } from '../../application/orders/orderUseCases.js';
import type { EventStore } from '../../application/ports/eventStore.js';
import type { ReadModels } from '../../application/ports/readModels.js';
import { findOrderPage, listedOrders, type OrderRef } from '../../application/queries/findOrders.js';
import type { Page } from '../../application/queries/pagedList.js';
import { SharedReads } from '../../application/queries/sharedReads.js';
import { BatchedLookups } from '../../application/queries/batchedLookups.js';
import { getOrders, orderVersions } from '../../application/queries/getOrder.js';
import { isReadModelId } from '../../application/queries/readModelId.js';
import { requireRole } from './authentication.js';
import { AbandonPushBody, ChangeStatusBody, CreateOrderBody, OrdersQuery, ShipmentBody } from './orderBodies.js';
import { JsonPages, KeptOrderJson, sendJsonPage, sendKeptJson, type JsonPage } from './keptOrderJson.js';
import { linkToNextPage } from './nextPageLink.js';
import { presentOrder } from './orderPresentation.js';
import { toMinorUnits } from '../../domain/shared/currencyExponent.js';
import { sendNotFound } from './problem.js';
import { validateBody, validateQuery } from './validation.js';

export interface OrderRoutesDependencies {
  eventStore: EventStore;
  readModels: ReadModels;
  readModelsApplied(position: number): Promise<boolean>;
}

/** Orders shown whole, feed and all, are fewer and larger than listed ones: a few thousand of them. */
const DETAIL_BUDGET_BYTES = 16 * 1024 * 1024;

export function orderRoutes({ eventStore, readModels, readModelsApplied }: OrderRoutesDependencies): Router {
  const router = Router();
  // An id no order can have (a NUL, a quote) is a 404 on every order route, before it reaches a stream name.
  router.param('id', (_req, res, next, id: string) => (isReadModelId(id) ? next() : sendNotFound(res, 'order', id)));

  // Clients asking for orders at the same time share one read of their versions, and one of the orders read whole.
  const versions = new BatchedLookups((ids) => orderVersions(readModels, ids));
  const wholeOrders = new BatchedLookups(async (ids) => new Map((await getOrders(readModels, ids)).map((doc) => [doc.id, doc])));
  const detailJson = new KeptOrderJson((ids) => wholeOrders.found(ids), (doc) => presentOrder(doc, { withFeed: true }), DETAIL_BUDGET_BYTES);
  async function answerWithOrder(res: Response, id: string, status = 200, position?: number) {
    if (position !== undefined) await readModelsApplied(position);
    // With an answer kept, the order's version alone says whether it holds; without, the order is read whole.
    const version = detailJson.has(id) ? await versions.lookup(id) : undefined;
    const [order] = await detailJson.of([{ id, version }]);
    if (!order) return sendNotFound(res, 'order', id);
    sendKeptJson(res.status(status), order);
  }

  const listedJson = new KeptOrderJson((ids) => listedOrders(readModels, ids), (doc) => presentOrder(doc));
  // Dashboards poll the same first page: clients asking for one page at once share one read of it, and its answer.
  const pages = new SharedReads<{ read: Page<OrderRef>; answer: JsonPage }>();
  const bodies = new JsonPages();
  router.get('/orders', requireRole('viewer'), validateQuery(OrdersQuery), async (req, res) => {
    const { store, integrationId, status, q, pendingPush, page, limit, after } = res.locals.query as OrdersQuery;
    const filter = { store, integrationId, status, q, pendingPush: pendingPush === undefined ? undefined : pendingPush === 'true', page, limit, after };
    const { read, answer } = await pages.read(JSON.stringify(filter), async () => {
      const { items, ...rest } = await findOrderPage(readModels, filter);
      return { read: { items, ...rest }, answer: bodies.pageOf(await listedJson.of(items), rest) };
    });
    linkToNextPage(req, res, read);
    sendJsonPage(res, answer);
  });

  router.get('/orders/:id', requireRole('viewer'), (req, res) => answerWithOrder(res, req.params.id as string));

  router.post('/orders', requireRole('operator'), validateBody(CreateOrderBody), async (_req, res) => {
    const body = res.locals.body as CreateOrderBody;
    const minor = (major: number) => toMinorUnits(major, body.currency);
    // @IsOptional lets a null through in place of the default: null means left out.
    const { orderId, position } = await createLocalOrder(eventStore, readModels, {
      number: body.number,
      status: body.status ?? 'new',
      customer: { ...body.customer },
      items: body.items.map((i) => ({ productId: i.productId, sku: i.sku, name: i.name, quantity: i.quantity, price: minor(i.price) })),
      discounts: (body.discounts ?? []).map((d) => ({ name: d.name, amount: minor(d.amount) })),
      delivery: body.delivery ? { ...body.delivery, cost: minor(body.delivery.cost) } : null,
      currency: body.currency,
      comment: body.comment ?? '',
    });
    res.location(`/v1/orders/${orderId}`);
    await answerWithOrder(res, orderId, 201, position);
  });

  router.post('/orders/:id/status', requireRole('operator'), validateBody(ChangeStatusBody), async (req, res) => {
    const id = req.params.id as string;
    const { position } = await changeOrderStatus(eventStore, id, (res.locals.body as ChangeStatusBody).status);
    await answerWithOrder(res, id, 200, position);
  });

  router.post('/orders/:id/status-push/abandon', requireRole('operator'), validateBody(AbandonPushBody), async (req, res) => {
    const id = req.params.id as string;
    const { position } = await abandonStatusPush(eventStore, id, (res.locals.body as AbandonPushBody).reason);
    await answerWithOrder(res, id, 200, position);
  });

  router.post('/orders/:id/shipment', requireRole('operator'), validateBody(ShipmentBody), async (req, res) => {
    const id = req.params.id as string;
    const { trackingCode, shippedOn } = res.locals.body as ShipmentBody;
    const { position } = await recordShipment(eventStore, id, { trackingCode, shippedOn });
    await answerWithOrder(res, id, 200, position);
  });

  router.post('/orders/:id/write-off', requireRole('operator'), async (req, res) => {
    const id = req.params.id as string;
    const { position } = await writeOffOrder(eventStore, id);
    await answerWithOrder(res, id, 200, position);
  });

  return router;
}
