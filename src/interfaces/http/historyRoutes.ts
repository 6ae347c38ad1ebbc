import 'reflect-metadata';
import { Router } from 'express';
import { IsISO8601, IsOptional, IsString, Matches } from 'class-validator';
import { correlatedHistory } from '../../application/history/correlatedHistory.js';
import { orderAsOf } from '../../application/history/orderAsOf.js';
import { streamHistory, type HistorySubject } from '../../application/history/streamHistory.js';
import type { EventStore } from '../../application/ports/eventStore.js';
import { requireRole } from './authentication.js';
import { presentOrder } from './orderPresentation.js';
import { CursorQuery, PageQuery } from './pageQuery.js';
import { sendPage } from './nextPageLink.js';
import { sendNotFound, sendProblem } from './problem.js';
import { positionAfter } from '../../application/queries/listCursor.js';
import { validateQuery } from './validation.js';

/** `?asOf=` of GET /v1/orders/:id: the order as it stood at that time. */
export class OrderAsOfQuery {
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'asOf must be an ISO 8601 time, like 2024-05-01T12:00:00Z' })
  asOf?: string;
}

/** `?correlationId=&after=&limit=` of GET /v1/events: one request's or run's events, a page after a cursor (its `next` position, a number, is still taken). */
export class CorrelatedEventsQuery extends CursorQuery {
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, { message: 'correlationId must be up to 100 characters of A-Z a-z 0-9 . _ : -' })
  correlationId!: string;
}

/** Route segment → what has a history there, and the word a 404 names it with. */
const HISTORIES: { path: string; subject: HistorySubject; noun: string }[] = [
  { path: 'orders', subject: 'order', noun: 'order' },
  { path: 'products', subject: 'product', noun: 'product' },
  { path: 'contacts', subject: 'contact', noun: 'contact' },
  { path: 'integrations', subject: 'integration', noun: 'integration' },
  { path: 'sync-runs', subject: 'syncRun', noun: 'sync run' },
];

/** The audit view: every event of a stream with its metadata, and an order as it stood at a past time. */
export function historyRoutes({ eventStore }: { eventStore: EventStore }): Router {
  const router = Router();

  for (const { path, subject, noun } of HISTORIES) {
    router.get(`/${path}/:id/history`, requireRole('viewer'), validateQuery(PageQuery), async (req, res) => {
      const id = req.params.id as string;
      const history = await streamHistory(eventStore, subject, id, res.locals.query as PageQuery);
      if (!history) return sendNotFound(res, noun, id);
      sendPage(req, res, history, history.items);
    });
  }

  router.get('/events', requireRole('viewer'), validateQuery(CorrelatedEventsQuery), async (req, res) => {
    const { correlationId, after, limit } = res.locals.query as CorrelatedEventsQuery;
    // A bare number is the `next` position this route handed out before it handed out cursors.
    const position = after === undefined ? undefined : /^\d{1,15}$/.test(after) ? Number(after) : positionAfter(after);
    const page = await correlatedHistory(eventStore, correlationId, { after: position, limit });
    sendPage(req, res, page, page.items);
  });

  // The query is validated here (an unknown parameter is a 400); without asOf the order routes answer the live order.
  router.get('/orders/:id', requireRole('viewer'), validateQuery(OrderAsOfQuery), async (req, res, next) => {
    const requested = (res.locals.query as OrderAsOfQuery).asOf;
    if (requested === undefined) return next('route');
    const id = req.params.id as string;
    const asOf = new Date(requested);
    if (Number.isNaN(asOf.getTime())) {
      return sendProblem(res, { status: 400, title: 'Bad Request', detail: 'asOf is not a time that exists', errors: [{ field: 'asOf', reason: 'not a valid time' }] });
    }
    const doc = await orderAsOf(eventStore, id, asOf);
    if (!doc) return sendNotFound(res, 'order', id, ` as of ${asOf.toISOString()}`);
    res.json(presentOrder(doc, { withFeed: true }));
  });

  return router;
}
