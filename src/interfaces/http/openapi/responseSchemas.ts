// Shapes of the answers, written by hand from the presenters; request bodies come from the DTOs instead.
import { ROLES } from '../../../domain/accessToken/role.js';

export type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const string: Schema = { type: 'string' };
const time: Schema = { type: 'string', format: 'date-time' };
const nullable = (schema: Schema): Schema => ({ ...schema, type: [schema.type as string, 'null'] });
const nullableRef = (name: string): Schema => ({ oneOf: [ref(name), { type: 'null' }] });
const object = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
});
const counts: Schema = { type: 'object', additionalProperties: { type: 'integer' } };
const outcomeList: Schema = { type: 'array', items: object({ externalId: string, reason: string }) };

const nextCursor: Schema = {
  type: ['string', 'null'],
  description: 'Pass as after (with the same filters) for the next page; null on the last page. Opaque: a damaged one is a 400.',
};

/** A list route's answer: one page of `item`, the total of the same filter, and the cursor of the next page. */
export function pageOf(item: string): Schema {
  return {
    type: 'object',
    required: ['items', 'total', 'page', 'limit', 'nextCursor'],
    properties: {
      items: { type: 'array', items: ref(item) },
      total: { type: 'integer' },
      page: { type: ['integer', 'null'], description: 'The page number asked for; null for a page asked for by after' },
      limit: { type: 'integer' },
      nextCursor,
    },
  };
}

/** The Link header of a page that has a next one (RFC 8288). */
export const NEXT_PAGE_LINK: Schema = {
  description: 'When another page follows: <path?…&after=<nextCursor>&limit=n>; rel="next", with the filters of the request',
  schema: string,
};

const orderItem = object({
  productId: nullable(string),
  sku: string,
  name: string,
  quantity: { type: 'number' },
  price: { type: 'number', description: 'Major units (450.5)' },
  kind: string,
  deductible: { type: 'boolean' },
});

const order = object(
  {
    id: string,
    number: string,
    source: { type: 'string', enum: ['local', 'integration'] },
    integrationId: nullable(string),
    externalId: nullable(string),
    storeName: { ...nullable(string), description: 'The store of an imported order; null for a local one' },
    platformUrl: nullable(string),
    status: string,
    platformStatus: nullable(string),
    currency: string,
    total: { type: 'number', description: 'Major units' },
    discountTotal: { type: 'number' },
    discounts: { type: 'array', items: object({ name: string, amount: { type: 'number' } }) },
    createdAtPlatform: nullable(time),
    responsibleUser: nullable(string),
    paymentAccount: { ...nullable(string), description: "Bank account or cash desk the order's documents name: the integration's paymentAccount when imported" },
    lastSyncedAt: nullable(time),
    createdAt: time,
    updatedAt: time,
    customer: object({ contactId: nullable(string), firstName: string, lastName: string, phone: string, email: string }),
    items: { type: 'array', items: orderItem },
    delivery: { oneOf: [object({ method: string, cost: { type: 'number' }, recipient: string, address: string }), { type: 'null' }] },
    comment: string,
    writtenOff: { type: 'boolean' },
    pendingPush: { description: 'A status write-back to the platform not confirmed yet, or null' },
    shipment: {
      oneOf: [object({ trackingCode: string, shippedOn: { type: 'string', format: 'date' }, sentToPlatform: { type: 'boolean' }, deliveredOn: nullable(string) }), { type: 'null' }],
    },
  },
  'An order, local or imported; money in major units.',
);

const syncRunStatus: Schema = { type: 'string', enum: ['running', 'receiving', 'succeeded', 'failed', 'stopped'], description: 'receiving: the webhook deliveries of one day (trigger webhook), open while the day lasts' };

const syncRun = object({
  id: string,
  integrationId: string,
  status: syncRunStatus,
  trigger: string,
  window: object({ from: time, to: time }),
  startedAt: time,
  finishedAt: nullable(time),
  counts: object({
    imported: { type: 'integer' },
    updated: { type: 'integer' },
    unchanged: { type: 'integer' },
    rejected: { type: 'integer' },
    skipped: { type: 'integer' },
  }),
  rejected: outcomeList,
  skipped: outcomeList,
  error: nullable(string),
});

/** One line of the sync-history export: every field always present, nothing else (auditors' tools read it by column). */
const syncRunExportFields: Record<string, Schema> = {
  runId: string,
  integrationId: string,
  status: syncRunStatus,
  trigger: string,
  startedAt: time,
  finishedAt: nullable(time),
  windowFrom: time,
  windowTo: time,
  imported: { type: 'integer' },
  updated: { type: 'integer' },
  unchanged: { type: 'integer' },
  rejected: { type: 'integer' },
  skipped: { type: 'integer' },
  error: nullable(string),
  rejectedOrders: outcomeList,
};
const syncRunExport: Schema = {
  ...object(syncRunExportFields, 'One line of GET /v1/integrations/{id}/sync-history as ndjson (the CLI export writes the same lines)'),
  required: Object.keys(syncRunExportFields),
  additionalProperties: false,
};

const runSummary = object({
  id: string,
  status: { type: 'string', enum: ['running', 'succeeded', 'failed', 'stopped'] },
  startedAt: time,
  finishedAt: nullable(time),
  counts,
  error: nullable(string),
});

/** components.schemas of every answer. */
export const RESPONSE_SCHEMAS: Record<string, Schema> = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details: every error has this shape, never a stack trace.',
    required: ['type', 'title', 'status'],
    properties: {
      type: { type: 'string', default: 'about:blank' },
      title: string,
      status: { type: 'integer' },
      detail: string,
      errors: { type: 'array', items: ref('FieldError'), description: 'On 400: every invalid field' },
      code: { type: 'string', description: 'A domain error code (409) or refresh-too-soon (429)' },
      requiredRole: { type: 'string', enum: [...ROLES], description: 'On 403' },
      platform: { type: 'string', description: 'On 502/503: the platform that failed' },
      platformSaid: { type: 'string', description: "On 502, to operators and admins: the platform's own words, cut and cleaned" },
    },
  },
  FieldError: object({ field: { type: 'string', description: 'Path into the input, like statusMap[0].platform' }, reason: string }),
  Health: object({ status: { type: 'string', enum: ['ok'] } }),
  Readiness: object({
    status: { type: 'string', enum: ['ready', 'unavailable'] },
    profile: string,
    checks: object({
      eventStore: { type: 'string', enum: ['up', 'down'] },
      readModels: { type: 'string', enum: ['up', 'down'] },
      shuttingDown: { type: 'boolean' },
    }),
  }),
  Principal: object({ tokenId: string, role: { type: 'string', enum: [...ROLES] } }),
  ConsoleSession: {
    ...object({
      tokenId: string,
      role: { type: 'string', enum: [...ROLES] },
      csrfToken: { type: 'string', description: 'Send it as X-CSRF-Token with every change made with the session cookie' },
    }),
    required: ['tokenId', 'role', 'csrfToken'],
  },
  AccessToken: object({ id: string, name: string, role: { type: 'string', enum: [...ROLES] }, issuedAt: time, revokedAt: nullable(time), expiresAt: nullable(time) }),
  IssuedAccessToken: object(
    {
      id: string,
      name: string,
      role: { type: 'string', enum: [...ROLES] },
      token: { type: 'string', description: 'Shown once; only its hash is kept' },
      expiresAt: { ...nullable(time), description: 'Refused from then on; null: until revoked' },
    },
    'The new token; answered with Cache-Control: no-store.',
  ),
  Order: order,
  OrderDetail: {
    allOf: [order, object({ feed: { type: 'array', items: { type: 'object' }, description: 'What happened to the order, oldest first' } })],
  },
  OrderRefresh: object({
    orderId: string,
    outcome: { type: 'string', enum: ['imported', 'updated', 'unchanged', 'rejected', 'skipped'] },
    reason: string,
  }),
  Product: object({
    id: string,
    sku: string,
    name: string,
    description: string,
    unit: string,
    category: string,
    isService: { type: 'boolean' },
    variants: { type: 'array', items: object({ sku: string, properties: { type: 'object', additionalProperties: string } }) },
    stock: { type: 'integer' },
    syncStock: { type: 'boolean' },
    showInEcommerce: { type: 'boolean' },
    stockPushes: { type: 'array', items: { type: 'object' } },
    publishedOn: { type: 'object', additionalProperties: { type: 'object' }, description: 'Listings of the product on platforms, by integration id' },
  }),
  Contact: object({ id: string, firstName: string, lastName: string, phone: string, email: string }),
  Integration: object(
    {
      id: string,
      platform: string,
      name: string,
      storeName: string,
      baseUrl: string,
      currency: string,
      hasCredentials: { type: 'boolean', description: 'Credentials are write-only: never returned' },
      credentialsChangedAt: nullable(time),
      statusMap: { type: 'array', items: object({ platform: string, local: string }) },
      discoveredStatuses: { type: 'array', items: object({ platform: string, local: string, discoveredAt: time }) },
      unmappedStatuses: { type: 'array', items: object({ platform: string, local: string, discoveredAt: time }) },
      importCursor: nullable(time),
      lastExchange: { description: 'The last sync run: runId, at, outcome, error; or null' },
      connectedAt: time,
      updatedAt: time,
    },
    'A connection profile: its settings (every field of the settings body) and state; never the credentials.',
  ),
  SyncRun: syncRun,
  SyncRunExport: syncRunExport,
  SyncRunStarted: object({ runId: string, status: { type: 'string', enum: ['running'] }, href: string }),
  Automation: object({
    name: string,
    title: string,
    supported: { type: 'boolean' },
    state: { type: 'string', enum: ['disabled', 'enabled', 'running'], description: 'disabled (also never configured), enabled (repeats every intervalMs) or running' },
    intervalMs: nullable({ type: 'integer' }),
    enabled: { type: 'boolean' },
    scheduled: { type: 'boolean' },
    running: { type: 'boolean' },
    nextRunAt: nullable(time),
    backingOffUntil: nullable(time),
    lastRun: nullableRef('AutomationRunSummary'),
  }),
  AutomationList: object({ items: { type: 'array', items: ref('Automation') } }),
  AutomationRunSummary: runSummary,
  AutomationRun: {
    allOf: [
      runSummary,
      object({
        integrationId: string,
        automation: string,
        trigger: string,
        retryNotBefore: nullable(time),
        stopRequested: { type: 'boolean' },
        log: { type: 'array', items: object({ at: time, level: { type: 'string', enum: ['info', 'error'] }, message: string }) },
      }),
    ],
  },
  HistoryEntry: object(
    {
      id: { type: 'string', description: "The event's id, as later events name it in causationId" },
      position: { type: 'integer', description: 'Position in the global order of all events' },
      version: { type: 'integer', description: 'Version within the stream, from 0' },
      type: string,
      recordedAt: time,
      data: { type: 'object', description: 'The event as recorded, in the current shape of its type; credentials are "[redacted]"' },
      metadata: object({
        actor: { type: 'string', description: 'token:<id>, automation:<name> or system' },
        source: { type: 'string', enum: ['local', 'platform', 'automation', 'webhook'] },
        correlationId: { type: 'string', description: 'Shared by the events of one request (X-Correlation-Id), sync run or job run' },
        causationId: nullable(string),
        schemaVersion: { type: 'integer', description: 'Version of the shape of data' },
        storedSchemaVersion: { type: 'integer', description: 'Present when the event was stored in an older shape and upcast' },
      }),
    },
    'One event of a stream; events recorded before metadata was kept have none of the metadata fields.',
  ),
  CorrelatedEventPage: {
    type: 'object',
    required: ['items', 'limit', 'next', 'nextCursor'],
    properties: {
      items: { type: 'array', items: { allOf: [ref('HistoryEntry'), object({ streamName: { type: 'string', description: 'The stream the event belongs to, e.g. order-<id>' } })] } },
      limit: { type: 'integer' },
      next: { type: ['integer', 'null'], description: "The position of the page's last event, also taken as after; null when this is the last page" },
      nextCursor,
    },
  },
  WebhookReceipt: { type: 'object', description: 'What became of the delivery (imported, a redelivery, or ignored)' },
};
