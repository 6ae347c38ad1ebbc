import { InvalidValueError } from '../shared/errors.js';
import { assertText } from '../shared/text.js';

/** A platform's name; which platforms exist is the application's question, asked of its platform adapters. */
export type Platform = string;
export type ProductMatchKey = 'sku' | 'name';

export interface StatusCorrespondence {
  /** The platform's status id, as its adapter names it ("1", "paid"…). */
  platform: string;
  local: string;
}

/** The connection profile of one store; credentials are held apart, sealed, never in these settings. */
export interface IntegrationSettings {
  name: string;
  storeName: string;
  baseUrl: string;
  currency: string;
  /** ISO 3166-1 alpha-2: buyers' phones written without a country code are read in it (unless their address says); null: none. */
  country: string | null;
  /** Of several translations a platform returns (names, descriptions), the one in this language (ISO 639-1, e.g. uk). */
  language: string;
  statusMap: StatusCorrespondence[];
  /** Platform statuses picked up at all; null captures every status. */
  captureStatuses: string[] | null;
  /** Status written back to the platform after a successful capture; null writes nothing. */
  returnStatus: string | null;
  /** Order of keys to find an existing product: article first, then name, is the usual. */
  productMatch: ProductMatchKey[];
  /** Contact used for platform orders that have no buyer. */
  defaultContactId: string | null;
  /** The item used as the order line for the delivery cost. */
  deliveryItem: { sku: string; name: string };
  sourceNumberInComment: boolean;
  /** Platform category whose items are services, not stock. */
  servicesCategory: string | null;
  /** Local user responsible for imported orders, and the map from platform manager ids to local users. */
  responsibleUser: string | null;
  managerUsers: { platform: string; local: string }[];
  /** Bank account or cash desk written into documents. */
  paymentAccount: string | null;
  /** When set, only orders with an item whose article or EAN is listed are imported: a first test with one product. */
  testAllowList: string[] | null;
  /** How far back the first import reaches. */
  firstImportDays: number;
  /** Orders in `status` wait for payment: opened (`openStatus`) once paid, no longer checked after `giveUpAfterDays`. */
  pendingPayment: { status: string; openStatus: string; giveUpAfterDays: number };
  /** Where pushed stock goes on the platform (e.g. a warehouse id); null for the platform's default. */
  stockLocation: string | null;
  /** Once an order had an `invoiced` status, platform updates may not move it to a `cannotReturnTo` status. */
  regressionGuard: { invoiced: string[]; cannotReturnTo: string[] };
  /** Options the platform's adapter declares (e.g. an API version, a switch), checked by that adapter. */
  platformOptions: Record<string, string | boolean>;
}

/** Every setting's default; a store connected without a country gets the one its currency names (storeCountry.ts). */
export const DEFAULT_SETTINGS: Omit<IntegrationSettings, 'name' | 'storeName' | 'baseUrl' | 'currency'> = {
  country: null,
  language: 'uk',
  statusMap: [],
  captureStatuses: null,
  returnStatus: null,
  productMatch: ['sku', 'name'],
  defaultContactId: null,
  deliveryItem: { sku: 'DELIVERY', name: 'Delivery' },
  sourceNumberInComment: false,
  servicesCategory: null,
  responsibleUser: null,
  managerUsers: [],
  paymentAccount: null,
  testAllowList: null,
  firstImportDays: 30,
  stockLocation: null,
  pendingPayment: { status: 'awaiting payment', openStatus: 'open', giveUpAfterDays: 7 },
  regressionGuard: { invoiced: ['invoiced'], cannotReturnTo: ['new', 'open', 'in separation', 'cancelled'] },
  platformOptions: {},
};

export function validateSettings(settings: Partial<IntegrationSettings>): void {
  if (settings.name !== undefined) assertText('name', settings.name, { required: true, max: 200 });
  if (settings.storeName !== undefined) assertText('storeName', settings.storeName, { required: true, max: 200 });
  if (settings.baseUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(settings.baseUrl)) {
    throw new InvalidValueError('baseUrl', 'must be an http(s) URL');
  }
  // A user name or password in the URL would be sent with every request, outside the sealed credentials.
  if (settings.baseUrl !== undefined && /^https?:\/\/[^/?#]*@/.test(settings.baseUrl)) {
    throw new InvalidValueError('baseUrl', 'must not carry a user name or password; give them as credentials');
  }
  if (settings.currency !== undefined && !/^[A-Z]{3}$/.test(settings.currency)) {
    throw new InvalidValueError('currency', 'must be a three-letter ISO 4217 code');
  }
  if (settings.country !== undefined && settings.country !== null && !/^[A-Z]{2}$/.test(settings.country)) {
    throw new InvalidValueError('country', 'must be a two-letter ISO 3166-1 code such as UA, or null');
  }
  if (settings.statusMap) {
    const platformSides = settings.statusMap.map((entry) => entry.platform);
    if (new Set(platformSides).size !== platformSides.length) {
      throw new InvalidValueError('statusMap', 'maps one platform status twice');
    }
  }
  if (settings.productMatch && (settings.productMatch.length === 0 || new Set(settings.productMatch).size !== settings.productMatch.length)) {
    throw new InvalidValueError('productMatch', 'must list sku and/or name, each once');
  }
  if (settings.firstImportDays !== undefined && !(Number.isInteger(settings.firstImportDays) && settings.firstImportDays >= 1 && settings.firstImportDays <= 3650)) {
    throw new InvalidValueError('firstImportDays', 'must be a whole number of days from 1 to 3650');
  }
}
