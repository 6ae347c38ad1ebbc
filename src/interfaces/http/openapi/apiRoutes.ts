// Every route the app serves, as the OpenAPI document and the latency metric name them.
// test/interfaces/http/openapi.test.ts fails when this table and express's router disagree.
import type { ClassConstructor } from 'class-transformer';
import type { Role } from '../../../domain/accessToken/role.js';
import { PLATFORM_REGISTRY } from '../../../infrastructure/platforms/platformRegistry.js';
import { ScheduleAutomationBody } from '../automationRoutes.js';
import { ChangeProductBody } from '../catalogRoutes.js';
import { ConnectIntegrationBody, IntegrationSettingsBody, StartSyncBody, SyncRunsQuery } from '../integrationBodies.js';
import { AbandonPushBody, ChangeStatusBody, ContactsQuery, CreateOrderBody, OrdersQuery, ProductsQuery, ShipmentBody } from '../orderBodies.js';
import { PageQuery } from '../pageQuery.js';
import { IssueAccessTokenBody } from '../tokenRoutes.js';
import { CorrelatedEventsQuery, OrderAsOfQuery } from '../historyRoutes.js';
import { ConsoleSignInBody } from '../console/consoleSessionRoutes.js';
import { SyncHistoryQuery } from '../syncHistoryRoutes.js';

/** The platforms that send signed webhooks, as their descriptors document them. */
const WEBHOOK_SENDERS = PLATFORM_REGISTRY.filter((platform) => platform.webhookSignature !== undefined);

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call: a role and those above it, any current token, anyone, or a platform signing its deliveries. */
export type Access = Role | 'token' | 'public' | 'signature';

export interface ApiRoute {
  method: HttpMethod;
  /** Express template, e.g. /v1/orders/:id */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  body?: ClassConstructor<object>;
  /** A POST whose body may be left out (treated as {}). */
  bodyOptional?: boolean;
  /** A body that is not a DTO: JSON the platform sends, read as raw bytes. */
  rawBody?: boolean;
  query?: ClassConstructor<object>;
  /** contentType: the answer's media type, or each it may have (e.g. by a format parameter). */
  success: { status: number; description: string; schema?: string; contentType?: string | string[] };
  /** Error answers beyond those of authentication, validation and the server. */
  problems?: number[];
}

/** Path parameters by name, as the templates spell them. */
export const PATH_PARAMETERS: Record<string, string> = {
  id: 'Id of the resource (an order, product, contact, integration, sync run or access token)',
  name: 'Name of the automation, e.g. status-push or stock-push',
  runId: 'Id of one run of the automation',
  integrationId: 'Id of the integration the platform delivers for',
};

const pageOf = (schema: string) => `Page<${schema}>`;

/** GET …/:id/history of one kind of thing: every event of its stream, oldest first. */
const historyOf = (path: string, tag: string, noun: string): ApiRoute => ({
  method: 'get',
  path: `/v1/${path}/:id/history`,
  tag,
  summary: `Every event of the ${noun}, oldest first, with its metadata`,
  description:
    'Each event with its global position, version in the stream, type, recording time, data (credentials shown as "[redacted]") and ' +
    'metadata: actor (token:<id>, automation:<name> or system), source (local, platform, automation, webhook), correlationId, ' +
    'causationId and schemaVersion (older events are shown upcast to the current shape, with storedSchemaVersion).',
  access: 'viewer',
  query: PageQuery,
  success: { status: 200, description: 'A page of events', schema: pageOf('HistoryEntry') },
  problems: [404],
});

export const API_ROUTES: readonly ApiRoute[] = [
  // Process
  { method: 'get', path: '/health', tag: 'process', summary: 'Liveness: the process answers', access: 'public', success: { status: 200, description: 'Alive', schema: 'Health' } },
  {
    method: 'get',
    path: '/ready',
    tag: 'process',
    summary: 'Readiness: every store answers and the process is not draining',
    access: 'public',
    success: { status: 200, description: 'Ready; 503 with the same shape when not', schema: 'Readiness' },
  },
  {
    method: 'get',
    path: '/metrics',
    tag: 'process',
    summary: 'Prometheus metrics in the text exposition format',
    description: 'Open as scrapers expect unless SYNCHUB_METRICS_TOKEN is set; then it needs that token as "Authorization: Bearer <token>" (401 otherwise).',
    access: 'public',
    success: { status: 200, description: 'Prometheus text format 0.0.4', contentType: 'text/plain' },
  },
  { method: 'get', path: '/openapi.json', tag: 'process', summary: 'This document', access: 'public', success: { status: 200, description: 'OpenAPI 3.1' } },
  { method: 'get', path: '/docs', tag: 'process', summary: 'This document as a page to read', access: 'public', success: { status: 200, description: 'HTML', contentType: 'text/html' } },
  {
    method: 'post',
    path: '/webhooks/:integrationId',
    tag: 'webhooks',
    summary: `A platform delivers an order change (${WEBHOOK_SENDERS.map((platform) => platform.title).join(', ')})`,
    description:
      `Signed by the platform (${WEBHOOK_SENDERS.map((platform) => platform.webhookSignature).join(', or ')}) over the raw body with the ` +
      "integration's webhook secret; a missing or wrong signature is refused with 401 and nothing is stored. Redeliveries are deduplicated.",
    access: 'signature',
    rawBody: true,
    success: { status: 200, description: 'Accepted: imported, a redelivery, or ignored', schema: 'WebhookReceipt' },
    problems: [404],
  },

  // The operations console's session (its pages are served at /console)
  {
    method: 'post',
    path: '/console/session',
    tag: 'console',
    summary: 'Sign in to the console: exchange an access token for a session cookie',
    description:
      'Sets an HttpOnly, SameSite=Strict cookie holding the token for this browser session and answers the CSRF token: a request ' +
      'authenticated by that cookie that changes anything must send it in X-CSRF-Token, or it is refused with 403.',
    access: 'public',
    body: ConsoleSignInBody,
    success: { status: 201, description: 'Signed in', schema: 'ConsoleSession' },
    problems: [401],
  },
  {
    method: 'get',
    path: '/console/session',
    tag: 'console',
    summary: "The console's session: its role and CSRF token",
    access: 'token',
    success: { status: 200, description: 'The session', schema: 'ConsoleSession' },
  },
  { method: 'delete', path: '/console/session', tag: 'console', summary: 'Sign out of the console: the cookie is cleared', access: 'token', success: { status: 204, description: 'Signed out' } },

  // Access tokens
  { method: 'get', path: '/v1/me', tag: 'tokens', summary: 'The calling token and its role', access: 'token', success: { status: 200, description: 'The principal', schema: 'Principal' } },
  {
    method: 'post',
    path: '/v1/tokens',
    tag: 'tokens',
    summary: 'Issue an access token',
    access: 'admin',
    body: IssueAccessTokenBody,
    success: { status: 201, description: 'Issued; the token is shown only in this answer', schema: 'IssuedAccessToken' },
  },
  { method: 'get', path: '/v1/tokens', tag: 'tokens', summary: 'List access tokens, newest first', access: 'admin', query: PageQuery, success: { status: 200, description: 'A page', schema: pageOf('AccessToken') } },
  { method: 'delete', path: '/v1/tokens/:id', tag: 'tokens', summary: 'Revoke an access token', access: 'admin', success: { status: 204, description: 'Revoked: refused from now on' }, problems: [404, 409] },

  // Orders
  {
    method: 'get',
    path: '/v1/orders',
    tag: 'orders',
    summary: 'List orders, filtered by store, integration and status',
    access: 'viewer',
    query: OrdersQuery,
    success: { status: 200, description: 'A page', schema: pageOf('Order') },
  },
  {
    method: 'get',
    path: '/v1/orders/:id',
    tag: 'orders',
    summary: 'One order with its feed; with asOf, as it stood at that time',
    description:
      'With `asOf` (ISO 8601, e.g. 2024-05-01T12:00:00Z) the order is rebuilt from its events recorded up to that time, by the same ' +
      'projection as the live order, and presented the same way; 404 when the order did not exist yet.',
    access: 'viewer',
    query: OrderAsOfQuery,
    success: { status: 200, description: 'The order', schema: 'OrderDetail' },
    problems: [404],
  },
  {
    method: 'post',
    path: '/v1/orders',
    tag: 'orders',
    summary: 'Create a local order',
    access: 'operator',
    body: CreateOrderBody,
    success: { status: 201, description: 'Created; Location names it', schema: 'OrderDetail' },
    problems: [409],
  },
  {
    method: 'post',
    path: '/v1/orders/:id/status',
    tag: 'orders',
    summary: 'Change the status of an order',
    access: 'operator',
    body: ChangeStatusBody,
    success: { status: 200, description: 'The order after the change', schema: 'OrderDetail' },
    problems: [404, 409],
  },
  {
    method: 'post',
    path: '/v1/orders/:id/status-push/abandon',
    tag: 'orders',
    summary: 'Give up writing the status back to the platform',
    access: 'operator',
    body: AbandonPushBody,
    success: { status: 200, description: 'The order', schema: 'OrderDetail' },
    problems: [404, 409],
  },
  {
    method: 'post',
    path: '/v1/orders/:id/shipment',
    tag: 'orders',
    summary: 'Record that the order was shipped, with its tracking code',
    access: 'operator',
    body: ShipmentBody,
    success: { status: 200, description: 'The order', schema: 'OrderDetail' },
    problems: [404, 409],
  },
  {
    method: 'post',
    path: '/v1/orders/:id/write-off',
    tag: 'orders',
    summary: "Write off the order's items from stock",
    access: 'operator',
    success: { status: 200, description: 'The order', schema: 'OrderDetail' },
    problems: [404, 409],
  },
  {
    method: 'post',
    path: '/v1/orders/:id/refresh',
    tag: 'orders',
    summary: 'Re-read one imported order from its platform (at most once per 10 minutes)',
    access: 'operator',
    success: { status: 200, description: 'What the refresh did', schema: 'OrderRefresh' },
    problems: [404, 409, 429, 502, 503],
  },

  historyOf('orders', 'orders', 'order'),
  {
    method: 'get',
    path: '/v1/events',
    tag: 'audit',
    summary: 'Every event of one request, sync run or job run, across streams, in log order',
    description:
      'The events whose metadata.correlationId is the one asked (an X-Correlation-Id of a request, a sync run, an automation run), ' +
      'each with its stream, as the history routes show events; nextCursor (or next, the position) is the after of the next page (null at the end).',
    access: 'viewer',
    query: CorrelatedEventsQuery,
    success: { status: 200, description: 'A page of events', schema: 'CorrelatedEventPage' },
  },

  // Catalogue
  { method: 'get', path: '/v1/products', tag: 'catalogue', summary: 'List products, by article or text', access: 'viewer', query: ProductsQuery, success: { status: 200, description: 'A page', schema: pageOf('Product') } },
  { method: 'get', path: '/v1/products/:id', tag: 'catalogue', summary: 'One product', access: 'viewer', success: { status: 200, description: 'The product', schema: 'Product' }, problems: [404] },
  {
    method: 'patch',
    path: '/v1/products/:id',
    tag: 'catalogue',
    summary: 'Set stock and publishing flags',
    access: 'operator',
    body: ChangeProductBody,
    success: { status: 200, description: 'The product after the change', schema: 'Product' },
    problems: [404, 409],
  },
  { method: 'get', path: '/v1/contacts', tag: 'catalogue', summary: 'List contacts, by phone or text', access: 'viewer', query: ContactsQuery, success: { status: 200, description: 'A page', schema: pageOf('Contact') } },
  { method: 'get', path: '/v1/contacts/:id', tag: 'catalogue', summary: 'One contact', access: 'viewer', success: { status: 200, description: 'The contact', schema: 'Contact' }, problems: [404] },
  historyOf('products', 'catalogue', 'product'),
  historyOf('contacts', 'catalogue', 'contact'),

  // Integrations and sync runs
  {
    method: 'post',
    path: '/v1/integrations',
    tag: 'integrations',
    summary: 'Connect a store on a platform',
    access: 'admin',
    body: ConnectIntegrationBody,
    success: { status: 201, description: 'Connected; Location names it', schema: 'Integration' },
    problems: [409],
  },
  { method: 'get', path: '/v1/integrations', tag: 'integrations', summary: 'List integrations', access: 'viewer', query: PageQuery, success: { status: 200, description: 'A page', schema: pageOf('Integration') } },
  { method: 'get', path: '/v1/integrations/:id', tag: 'integrations', summary: 'One integration', access: 'viewer', success: { status: 200, description: 'The integration', schema: 'Integration' }, problems: [404] },
  {
    method: 'patch',
    path: '/v1/integrations/:id',
    tag: 'integrations',
    summary: 'Change settings or credentials',
    access: 'admin',
    body: IntegrationSettingsBody,
    success: { status: 200, description: 'The integration after the change', schema: 'Integration' },
    problems: [404, 409],
  },
  {
    method: 'post',
    path: '/v1/integrations/:id/sync',
    tag: 'integrations',
    summary: 'Start importing orders now',
    access: 'operator',
    body: StartSyncBody,
    bodyOptional: true,
    success: { status: 202, description: 'Started; follow href for the report', schema: 'SyncRunStarted' },
    problems: [404, 409],
  },
  {
    method: 'get',
    path: '/v1/sync-runs',
    tag: 'integrations',
    summary: 'List sync runs, newest first',
    access: 'viewer',
    query: SyncRunsQuery,
    success: { status: 200, description: 'A page', schema: pageOf('SyncRun') },
  },
  { method: 'get', path: '/v1/sync-runs/:id', tag: 'integrations', summary: 'One sync run with its report', access: 'viewer', success: { status: 200, description: 'The run', schema: 'SyncRun' }, problems: [404] },
  {
    method: 'get',
    path: '/v1/integrations/:id/sync-history',
    tag: 'integrations',
    summary: 'Export the sync runs that started in a period, with counts and rejected orders (ndjson or csv)',
    description:
      'The same lines as the CLI\'s `synchub export sync-history`: one run a line, oldest first, with its window, outcome, counts, ' +
      'error and every rejected order with its reason (each ndjson line is a SyncRunExport); the CSV puts rejected orders in one cell as `externalId: reason; …`.',
    access: 'viewer',
    query: SyncHistoryQuery,
    success: { status: 200, description: 'One line per run (application/x-ndjson; text/csv with format=csv)', contentType: ['application/x-ndjson', 'text/csv'] },
    problems: [404],
  },
  historyOf('integrations', 'integrations', 'integration'),
  historyOf('sync-runs', 'integrations', 'sync run'),

  // Automations
  {
    method: 'get',
    path: '/v1/integrations/:id/automations',
    tag: 'automations',
    summary: 'The automations of an integration and their state',
    access: 'viewer',
    success: { status: 200, description: 'Every automation', schema: 'AutomationList' },
    problems: [404],
  },
  { method: 'get', path: '/v1/integrations/:id/automations/:name', tag: 'automations', summary: 'One automation', access: 'viewer', success: { status: 200, description: 'The automation', schema: 'Automation' }, problems: [404] },
  {
    method: 'put',
    path: '/v1/integrations/:id/automations/:name',
    tag: 'automations',
    summary: 'Schedule an automation (optionally with its interval)',
    access: 'operator',
    body: ScheduleAutomationBody,
    success: { status: 200, description: 'The automation', schema: 'Automation' },
    problems: [404, 409],
  },
  { method: 'delete', path: '/v1/integrations/:id/automations/:name', tag: 'automations', summary: 'Unschedule an automation', access: 'admin', success: { status: 204, description: 'Removed' }, problems: [404] },
  {
    method: 'post',
    path: '/v1/integrations/:id/automations/:name/start',
    tag: 'automations',
    summary: 'Run an automation now',
    access: 'operator',
    success: { status: 202, description: 'Started', schema: 'Automation' },
    problems: [404, 409],
  },
  {
    method: 'post',
    path: '/v1/integrations/:id/automations/:name/stop',
    tag: 'automations',
    summary: 'Ask the running automation to stop at its next safe point',
    access: 'operator',
    success: { status: 202, description: 'Stop requested', schema: 'Automation' },
    problems: [404, 409],
  },
  { method: 'post', path: '/v1/integrations/:id/automations/:name/enable', tag: 'automations', summary: 'Enable an automation', access: 'operator', success: { status: 200, description: 'The automation', schema: 'Automation' }, problems: [404, 409] },
  { method: 'post', path: '/v1/integrations/:id/automations/:name/disable', tag: 'automations', summary: 'Disable an automation', access: 'operator', success: { status: 200, description: 'The automation', schema: 'Automation' }, problems: [404, 409] },
  {
    method: 'get',
    path: '/v1/integrations/:id/automations/:name/runs',
    tag: 'automations',
    summary: 'Runs of an automation, newest first (without their logs)',
    access: 'viewer',
    query: PageQuery,
    success: { status: 200, description: 'A page', schema: pageOf('AutomationRun') },
    problems: [404],
  },
  {
    method: 'get',
    path: '/v1/integrations/:id/automations/:name/runs/:runId',
    tag: 'automations',
    summary: 'One run with its log',
    access: 'viewer',
    success: { status: 200, description: 'The run', schema: 'AutomationRun' },
    problems: [404],
  },
];
