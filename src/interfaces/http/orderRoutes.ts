import { Router, type Response } from 'express';
import { changeOrderStatus, createLocalOrder, writeOffOrder } from '../../application/orders/orderUseCases.js';
import type { EventStore } from '../../application/ports/eventStore.js';
import type { ReadModels } from '../../application/ports/readModels.js';
import { ORDERS_COLLECTION, type OrderDocument } from '../../application/projections/ordersProjection.js';
import { pagedList } from '../../application/queries/pagedList.js';
import { requireRole } from './authentication.js';
import { ChangeStatusBody, CreateOrderBody, OrdersQuery } from './orderBodies.js';
import { minor, presentOrder } from './orderPresentation.js';
import { sendProblem } from './problem.js';
import { validateBody, validateQuery } from './validation.js';

export interface OrderRoutesDependencies {
  eventStore: EventStore;
  readModels: ReadModels;
  readModelsApplied(position: number): Promise<boolean>;
}

const ID = /^[A-Za-z0-9-]{1,100}$/;
const STORE_FILTER = { local: { source: 'local' }, integrations: { source: 'integration' }, all: {} } as const;

export function orderRoutes({ eventStore, readModels, readModelsApplied }: OrderRoutesDependencies): Router {
  const router = Router();

  async function answerWithOrder(res: Response, id: string, status = 200, position?: number) {
    if (position !== undefined) await readModelsApplied(position);
    const doc = ID.test(id) ? await readModels.get<OrderDocument>(ORDERS_COLLECTION, id) : undefined;
    if (!doc) return sendProblem(res, { status: 404, title: 'Not Found', detail: `No order ${id}` });
    res.status(status).json(presentOrder(doc, { withFeed: true }));
  }

  router.get('/orders', requireRole('viewer'), validateQuery(OrdersQuery), async (_req, res) => {
    const { store, integrationId, status, page, limit } = res.locals.query as OrdersQuery;
    const where: Record<string, string> = { ...STORE_FILTER[store] };
    if (integrationId) where.integrationId = integrationId;
    if (status) where.status = status;
    const list = await pagedList<OrderDocument>(readModels, ORDERS_COLLECTION, { where, orderBy: { field: 'createdAt', descending: true } }, { page, limit });
    res.json({ ...list, items: list.items.map((doc) => presentOrder(doc)) });
  });

  router.get('/orders/:id', requireRole('viewer'), (req, res) => answerWithOrder(res, req.params.id as string));

  router.post('/orders', requireRole('operator'), validateBody(CreateOrderBody), async (_req, res) => {
    const body = res.locals.body as CreateOrderBody;
    const { orderId, position } = await createLocalOrder(eventStore, readModels, {
      number: body.number,
      status: body.status,
      customer: { ...body.customer },
      items: body.items.map((i) => ({ productId: i.productId, sku: i.sku, name: i.name, quantity: i.quantity, price: minor(i.price) })),
      discounts: body.discounts.map((d) => ({ name: d.name, amount: minor(d.amount) })),
      delivery: body.delivery ? { ...body.delivery, cost: minor(body.delivery.cost) } : null,
      currency: body.currency,
      comment: body.comment,
    });
    res.location(`/v1/orders/${orderId}`);
    await answerWithOrder(res, orderId, 201, position);
  });

  router.post('/orders/:id/status', requireRole('operator'), validateBody(ChangeStatusBody), async (req, res) => {
    const id = req.params.id as string;
    const { position } = await changeOrderStatus(eventStore, id, (res.locals.body as ChangeStatusBody).status);
    await answerWithOrder(res, id, 200, position);
  });

  router.post('/orders/:id/write-off', requireRole('operator'), async (req, res) => {
    const id = req.params.id as string;
    const { position } = await writeOffOrder(eventStore, id);
    await answerWithOrder(res, id, 200, position);
  });

  return router;
}
