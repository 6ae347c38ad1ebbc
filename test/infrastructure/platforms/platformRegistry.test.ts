import { expect } from 'chai';
import {
  PLATFORM_CAPABILITIES,
  PlatformRequestError,
  type PlatformClient,
  type PlatformConnection,
  type StockLevel,
} from '../../../src/application/ports/platformClient.js';
import { InvalidValueError } from '../../../src/domain/shared/errors.js';
import { credentialSchema } from '../../../src/infrastructure/platforms/credentialSchema.js';
import { capabilitiesOf, definePlatform } from '../../../src/infrastructure/platforms/platformDescriptor.js';
import { PlatformAdapters } from '../../../src/infrastructure/platforms/platformClients.js';
import { PLATFORM_NAMES, PLATFORM_REGISTRY } from '../../../src/infrastructure/platforms/platformRegistry.js';

/** A client that imports orders and nothing more. */
class OrdersOnlyClient implements PlatformClient {
  readonly platform = 'demo';
  async *ordersUpdatedBetween() {}
  async order() {
    return undefined;
  }
  async statuses() {
    return [];
  }
  async changeOrderStatus() {}
}

/** The same, able to take stock levels too. */
class StockClient extends OrdersOnlyClient {
  readonly pushed: StockLevel[][] = [];
  async pushStock(levels: StockLevel[]) {
    this.pushed.push(levels);
  }
}

const demo = (client: typeof OrdersOnlyClient, webhookSignature?: string) =>
  definePlatform({
    name: 'demo',
    title: 'Demo',
    credentials: credentialSchema({ oneOf: [{ token: {} }] }),
    endpoints: (baseUrl) => ({ apiBaseUrl: `${baseUrl}/api` }),
    client,
    clientFor: () => new client(),
    ...(webhookSignature ? { webhookSignature } : {}),
  });

const connection = (platform: string, credentials: Record<string, string>): PlatformConnection => ({ platform, baseUrl: 'https://shop.example.com', credentials });

describe('Platform registry and descriptors', () => {
  describe('capabilities come from the client', () => {
    it('given a client class with no optional method, then its platform can do nothing more than import orders', () => {
      expect([...demo(OrdersOnlyClient).capabilities]).to.deep.equal([]);
    });

    it('given a client class that implements pushStock, then its platform can push stock, and nothing else', () => {
      expect([...demo(StockClient).capabilities]).to.deep.equal(['pushStock']);
    });

    it('given a webhook signature documented for a client that reads no webhooks, then the descriptor is refused', () => {
      expect(() => demo(OrdersOnlyClient, 'X-Demo-Signature')).to.throw(/webhookSignature/);
    });

    it('given each registered platform, then its capabilities are exactly the optional methods the client it builds has', () => {
      for (const descriptor of PLATFORM_REGISTRY) {
        const credentials = Object.fromEntries(Object.keys(descriptor.credentials.oneOf[0]!).map((field) => [field, `${field}-value`]));
        const client = descriptor.clientFor(connection(descriptor.name, credentials));
        const implemented = PLATFORM_CAPABILITIES.filter((capability) => typeof client[capability] === 'function');
        expect([...descriptor.capabilities], descriptor.name).to.deep.equal(implemented);
        expect(descriptor.webhookSignature !== undefined, descriptor.name).to.equal(descriptor.capabilities.has('readWebhook'));
      }
    });

    it('given the four platforms, then what each can do is what the README lists', () => {
      const table = Object.fromEntries(PLATFORM_REGISTRY.map((descriptor) => [descriptor.name, [...descriptor.capabilities].sort()]));
      expect(table).to.deep.equal({
        keycrm: ['deliveredOn', 'products', 'publishProduct', 'pushStock', 'sendDeliveryInfo'],
        cartum: ['products'],
        woocommerce: ['products', 'pushStock', 'readWebhook'],
        shopify: ['products', 'pushStock', 'readWebhook'],
      });
    });

    it('given an object that implements a capability as a property, then capabilitiesOf sees it too', () => {
      expect([...capabilitiesOf({ deliveredOn: async () => null })]).to.deep.equal(['deliveredOn']);
    });
  });

  describe('the registry behind the application port', () => {
    const adapters = new PlatformAdapters();

    it('given the registry, then it names the four platforms in their usual order', () => {
      expect(PLATFORM_NAMES).to.deep.equal(['keycrm', 'cartum', 'woocommerce', 'shopify']);
      expect(adapters.platformNames()).to.deep.equal(PLATFORM_NAMES);
    });

    it('given credentials without the api key, then the refusal names credentials.apiKey and the platform', () => {
      expect(() => adapters.validCredentials('keycrm', { token: 'x' })).to.throw(InvalidValueError, 'credentials.apiKey: is required for keycrm');
    });

    it('given each platform its own credentials, then they are accepted, and another platform\'s field is refused naming it', () => {
      expect(adapters.validCredentials('keycrm', { apiKey: 'key-0001' })).to.deep.equal({ apiKey: 'key-0001' });
      expect(adapters.validCredentials('cartum', { login: 'lo', password: 'password' })).to.deep.equal({ login: 'lo', password: 'password' });
      expect(adapters.validCredentials('woocommerce', { consumerKey: 'ck_00001', consumerSecret: 'cs_00001', webhookSecret: '' })).to.include({ consumerKey: 'ck_00001' });
      expect(adapters.validCredentials('shopify', { accessToken: 'shpat_01', webhookSecret: 'whsec_01' })).to.include({ accessToken: 'shpat_01' });
      expect(() => adapters.validCredentials('cartum', { login: 'lo', password: 'password', apiKey: 'key-0001' })).to.throw(
        InvalidValueError,
        'credentials.apiKey: is not a cartum credential (expected login, password)',
      );
      expect(() => adapters.validCredentials('woocommerce', { consumerKey: 'ck' })).to.throw(InvalidValueError, 'credentials.consumerSecret: is required for woocommerce');
    });

    it('given a secret shorter than 8 characters on any platform, then it is refused naming the field, so scrubbing it can never garble a message', () => {
      const short: [string, Record<string, string>, string][] = [
        ['keycrm', { apiKey: 'k' }, 'credentials.apiKey'],
        ['cartum', { login: 'lo', password: 'p' }, 'credentials.password'],
        ['woocommerce', { consumerKey: 'ck', consumerSecret: 'cs_00001' }, 'credentials.consumerKey'],
        ['shopify', { accessToken: 'shpat_01', webhookSecret: 'wh' }, 'credentials.webhookSecret'],
      ];
      for (const [platform, credentials, field] of short) {
        expect(() => adapters.validCredentials(platform, credentials), platform).to.throw(InvalidValueError, new RegExp(`^${field.replace('.', '\\.')}: .*at least 8`));
      }
    });

    it('given a platform no descriptor names, then credentials are refused naming the platform field and the platforms there are', () => {
      expect(() => adapters.validCredentials('ebay', {})).to.throw(InvalidValueError, 'platform: must be one of keycrm, cartum, woocommerce, shopify');
      expect(adapters.capabilitiesOf('ebay').size).to.equal(0);
      expect(() => adapters.clientFor(connection('ebay', {}))).to.throw(PlatformRequestError, 'synchub has no ebay adapter yet');
    });

    it('given a factory for one platform, then it replaces that platform\'s client only; the others come from the registry', () => {
      const tuned = new StockClient();
      const withTuned = new PlatformAdapters({ keycrm: () => tuned });
      expect(withTuned.clientFor(connection('keycrm', { apiKey: 'k' }))).to.equal(tuned);
      expect(withTuned.clientFor(connection('shopify', { accessToken: 'shpat' })).platform).to.equal('shopify');
      expect(() => withTuned.clientFor(connection('constructor', {}))).to.throw(PlatformRequestError);
    });

    it('given descriptors of its own, then the port answers from those', () => {
      const own = new PlatformAdapters({}, [demo(StockClient)]);
      expect(own.platformNames()).to.deep.equal(['demo']);
      expect([...own.capabilitiesOf('demo')]).to.deep.equal(['pushStock']);
      expect(own.clientFor(connection('demo', { token: 't' }))).to.be.instanceOf(StockClient);
      expect(() => own.validCredentials('demo', {})).to.throw(InvalidValueError, 'credentials.token: is required for demo');
    });

    it('given each descriptor\'s base-URL rule, then it says where the API lives for the address an admin gives', () => {
      const apiOf = (name: string, baseUrl: string) => PLATFORM_REGISTRY.find((descriptor) => descriptor.name === name)!.endpoints(baseUrl).apiBaseUrl;
      expect(apiOf('keycrm', 'https://acme.keycrm.app')).to.equal('https://openapi.keycrm.app/v1');
      expect(apiOf('cartum', 'https://shop.example.ua/any/page')).to.equal('https://shop.example.ua/api');
      expect(apiOf('woocommerce', 'https://shop.example.com/wp-json/wc/v3/')).to.equal('https://shop.example.com/wp-json/wc/v3');
      expect(apiOf('shopify', 'https://acme.myshopify.com/admin')).to.equal('https://acme.myshopify.com/admin/api/2026-10');
    });
  });
});
