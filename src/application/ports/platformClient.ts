// The platform port: each anti-corruption adapter speaks only these shapes; which platforms exist, what credentials
// they take and what they can do is the adapters' business, asked through `PlatformClients`.
import type { IncomingPlatformOrder } from '../../domain/order/platformOrderIntake.js';
import type { OrderDelivery, OrderDiscount } from '../../domain/order/orderParts.js';
import { platformFailureKind, type PlatformFailureKind } from '../../domain/platform/platformFailure.js';

// Money is in minor units (integer cents/kopecks) so totals add up exactly; times are ISO 8601 strings in UTC.

/** A platform's name as the adapters' registry knows it; the application checks it against `PlatformClients`. */
export type PlatformName = string;

export interface PlatformBuyer {
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  /** ISO 3166-1 alpha-2 of the buyer's address, when the platform gives one: a phone written nationally is read in it. */
  country?: string;
}

export interface PlatformOrderItem {
  /** The platform's product id, when it has one. */
  externalProductId?: string;
  /** Article / SKU of the product (of the variant when the item is a variant). */
  sku?: string;
  name: string;
  description?: string;
  category?: string;
  quantity: number;
  /** Unit price after item discounts, minor units. */
  price: number;
  /** Set when the item is one variant of a product with variants (size, colour…). */
  variant?: { parentSku?: string; parentName: string; properties: Record<string, string> };
}

/** Minor units, positive. */
export type PlatformDiscount = OrderDiscount;

/** Cost in minor units. */
export type PlatformDelivery = OrderDelivery;

/** The platform's order: the facts the domain reads (IncomingPlatformOrder) with its buyer, lines and payment. */
export interface PlatformOrder extends IncomingPlatformOrder {
  buyer?: PlatformBuyer;
  items: PlatformOrderItem[];
  /** Whether the buyer has paid, when the platform says. */
  paymentStatus?: 'paid' | 'partly_paid' | 'unpaid';
}

/** An order the adapter could not read: rejected with a reason a person can act on, the run goes on. */
export interface MalformedPlatformOrder {
  /** The platform's id when it could be read at all. */
  externalId: string | undefined;
  reason: string;
}

export type FetchedOrder = { kind: 'order'; order: PlatformOrder } | { kind: 'malformed'; order: MalformedPlatformOrder };

export interface PlatformStatus {
  id: string;
  name: string;
}

export interface UpdatedWindow {
  from: Date;
  to: Date;
}

/** Absolute stock of one article: pushing it twice leaves the platform as pushing it once. */
export interface StockLevel {
  sku: string;
  quantity: number;
}

/** A product of the platform's catalogue. */
export interface PlatformProduct {
  externalId: string;
  sku?: string;
  name: string;
  description?: string;
  category?: string;
  archived: boolean;
}

/** A local product as a platform should show it; `externalId` when it was listed there before. */
export interface ProductListing {
  sku: string;
  name: string;
  description: string;
  externalId?: string;
}

export type FetchedProduct =
  | { kind: 'product'; product: PlatformProduct }
  | { kind: 'malformed'; externalId: string | undefined; reason: string };

/** A webhook as it arrived: the exact bytes the signature covers and the headers, names lower-cased. */
export interface WebhookDelivery {
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

export type WebhookReading =
  /** `deliveryId` is the platform's id of this delivery: a redelivery carries the same one. */
  | { kind: 'order'; deliveryId: string; order: FetchedOrder }
  /** A verified delivery that carries no order (a ping, another topic): acknowledged, nothing imported. */
  | { kind: 'ignored'; deliveryId: string | undefined; reason: string };

/** Missing or wrong signature, or no webhook secret configured: the delivery is refused and nothing is stored. */
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

export interface PlatformClient {
  readonly platform: PlatformName;
  /** Every order updated within the window (inclusive, UTC), page by page to the last page. */
  ordersUpdatedBetween(window: UpdatedWindow, options?: { signal?: AbortSignal }): AsyncIterable<FetchedOrder[]>;
  /** One order by its platform id; undefined when the platform does not know it. */
  order(externalId: string): Promise<FetchedOrder | undefined>;
  /** The account's order statuses. */
  statuses(): Promise<PlatformStatus[]>;
  changeOrderStatus(externalId: string, status: string): Promise<void>;
  /** The whole catalogue, page by page; absent when the platform cannot list its products. */
  products?(options?: { signal?: AbortSignal }): AsyncIterable<FetchedProduct[]>;
  /** Sets stock levels in the platform's stock location (a warehouse id); absent when the platform cannot. */
  pushStock?(levels: StockLevel[], location: string | null): Promise<void>;
  /**
   * Lists the product on the platform: finds it by its article (an earlier run may have created it) or creates it,
   * and updates name and description where the platform's API can. Absent when the platform cannot take products.
   */
  publishProduct?(product: ProductListing): Promise<{ externalId: string; outcome: 'created' | 'updated' | 'kept' }>;
  /** Writes the tracking code and dispatch day (YYYY-MM-DD) on the platform's order; absent when the platform cannot. */
  sendDeliveryInfo?(externalId: string, info: { trackingCode: string; shippedOn: string }): Promise<void>;
  /** The day (YYYY-MM-DD) the platform's carrier data says the order was delivered, null while it is not; absent when the platform cannot tell. */
  deliveredOn?(externalId: string): Promise<string | null>;
  /** Verifies a webhook's signature (in constant time) and reads its order; absent when the platform sends none. */
  readWebhook?(delivery: WebhookDelivery): WebhookReading;
}

/** What an adapter needs to talk to one connected store. */
export interface PlatformConnection {
  platform: PlatformName;
  baseUrl: string;
  /** Decrypted credentials, only ever held in memory. */
  credentials: Record<string, string>;
  /** Of several translations the platform returns, the one in this language (ISO 639-1); the adapter's own choice when absent. */
  language?: string;
  /** The integration's platform options (e.g. an API version, a switch), as its adapter declares and checked them. */
  options?: Record<string, string | boolean>;
  /** When it aborts, every request of the client ends at once, a wait for the platform included (a run asked to stop). */
  signal?: AbortSignal;
}

/** What a client can do beyond importing orders and writing statuses back: the optional methods it implements. */
export type PlatformCapability = {
  [K in keyof PlatformClient]-?: object extends Pick<PlatformClient, K> ? K : never;
}[keyof PlatformClient];

// Every optional method once; the compiler refuses this list when PlatformClient gains or loses one.
const CAPABILITY_SET = {
  products: true,
  pushStock: true,
  publishProduct: true,
  sendDeliveryInfo: true,
  deliveredOn: true,
  readWebhook: true,
} satisfies Record<PlatformCapability, true>;

export const PLATFORM_CAPABILITIES = Object.keys(CAPABILITY_SET) as PlatformCapability[];

export interface PlatformClients {
  clientFor(connection: PlatformConnection): PlatformClient;
  /** The platforms a store can be connected on. */
  platformNames(): readonly PlatformName[];
  /** The credentials as the platform takes them; an InvalidValueError naming the field otherwise. */
  validCredentials(platform: PlatformName, credentials: Record<string, unknown>): Record<string, string>;
  /** What the platform's client can do; nothing for a platform synchub has no adapter for. */
  capabilitiesOf(platform: PlatformName): ReadonlySet<PlatformCapability>;
  /** The platform options as the platform's adapter takes them; an InvalidValueError naming `platformOptions.<option>` otherwise. */
  validOptions(platform: PlatformName, options: Record<string, unknown>): Record<string, string | boolean>;
}

/** The platform could not be reached or refused the request after the adapter's retries: always transient. */
export class PlatformUnavailableError extends Error {
  readonly kind: PlatformFailureKind = 'transient';

  constructor(
    readonly platform: PlatformName,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PlatformUnavailableError';
  }
}

/**
 * The platform refused the request itself (bad credentials, unknown order, invalid value), or synchub found it
 * impossible before sending it (`status` 0: a transition the platform's API cannot make, a status nobody mapped).
 * Whether trying again can help is the domain's rule (`platformFailureKind`), by the status. The message names the
 * request, the status and a short reason, never a body; `detail` is the platform's own words from an error answer in its
 * own format, cut and cleaned, for operators only (logs, operator answers), never for viewers.
 */
export class PlatformRequestError extends Error {
  readonly kind: PlatformFailureKind;

  constructor(
    readonly platform: PlatformName,
    readonly status: number,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'PlatformRequestError';
    this.kind = platformFailureKind(status);
  }
}

/** A request synchub does not send because the platform cannot do it: permanent, whatever the platform. */
export function impossibleRequest(platform: PlatformName, message: string): PlatformRequestError {
  return new PlatformRequestError(platform, 0, message);
}

/** Whether a failure is the platform's refusal or absence, and of which kind; undefined for any other error. */
export function platformFailureOf(error: unknown): PlatformRequestError | PlatformUnavailableError | undefined {
  return error instanceof PlatformRequestError || error instanceof PlatformUnavailableError ? error : undefined;
}

/** The platform's own words behind a failure, for the operators' log only: `{ platformSaid }`, or nothing. */
export function platformSaid(error: unknown): { platformSaid?: string } {
  return error instanceof PlatformRequestError && error.detail ? { platformSaid: error.detail } : {};
}
