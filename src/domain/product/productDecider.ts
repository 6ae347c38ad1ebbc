import type { Decider, DomainCommand } from '../shared/decider.js';
import { InvalidStateError, InvalidValueError } from '../shared/errors.js';
import { assertText } from '../shared/text.js';
import type { PlatformListing, ProductDetails, ProductEvent, ProductPublishing, ProductVariant } from './productEvents.js';

export type ProductState =
  | { exists: false }
  | ({
      exists: true;
      productId: string;
      variants: ProductVariant[];
      stock: number;
      /** The stock each integration was last told, so an unchanged stock is not pushed again. */
      pushedStock: Record<string, number>;
      /** Per integration, the listing its platform holds, so an unchanged product is not published again. */
      published: Record<string, PlatformListing>;
    } & ProductDetails &
      ProductPublishing);

export type RegisterProduct = DomainCommand<
  'RegisterProduct',
  ProductDetails & { productId: string; variants: ProductVariant[]; at: string }
>;
/** Adds the variant unless a variant with its article exists already. */
export type AddVariant = DomainCommand<'AddVariant', { variant: ProductVariant; at: string }>;
export type UpdateProduct = DomainCommand<'UpdateProduct', Partial<ProductDetails> & { at: string }>;

/** What an import does with a matched or new product: register it once, add a variant it did not have. */
export type EnsureProduct = DomainCommand<
  'EnsureProduct',
  ProductDetails & { productId: string; variant: ProductVariant | null; at: string }
>;

export type ChangePublishing = DomainCommand<'ChangePublishing', Partial<ProductPublishing> & { at: string }>;
export type SetStock = DomainCommand<'SetStock', { quantity: number; at: string }>;
export type RecordStockPush = DomainCommand<'RecordStockPush', { integrationId: string; quantity: number; at: string }>;

export type RecordProductPublished = DomainCommand<
  'RecordProductPublished',
  PlatformListing & { integrationId: string; detailsSent: boolean; at: string }
>;

export type ProductCommand =
  | RegisterProduct
  | AddVariant
  | UpdateProduct
  | EnsureProduct
  | ChangePublishing
  | SetStock
  | RecordStockPush
  | RecordProductPublished;

function validateDetails(details: Partial<ProductDetails>): void {
  if (details.name !== undefined) assertText('name', details.name, { required: true });
  if (details.sku !== undefined) assertText('sku', details.sku, { max: 200 });
  if (details.description !== undefined) assertText('description', details.description, { max: 20_000 });
  if (details.category !== undefined) assertText('category', details.category, { max: 200 });
}

function validateVariant(variant: ProductVariant, field: string): void {
  assertText(`${field}.sku`, variant.sku, { required: true, max: 200 });
  for (const [key, value] of Object.entries(variant.properties)) assertText(`${field}.properties.${key}`, value, { max: 200 });
}

export const productDecider: Decider<ProductState, ProductCommand, ProductEvent> = {
  initialState: () => ({ exists: false }),
  decide(command, state) {
    switch (command.type) {
      case 'EnsureProduct': {
        const { variant, at, ...details } = command.data;
        if (!state.exists) {
          return productDecider.decide({ type: 'RegisterProduct', data: { ...details, variants: variant ? [variant] : [], at } }, state);
        }
        return variant ? productDecider.decide({ type: 'AddVariant', data: { variant, at } }, state) : [];
      }
      case 'RegisterProduct': {
        if (state.exists) throw new InvalidStateError(`Product ${state.productId} is already registered`);
        const { at, ...data } = command.data;
        validateDetails(data);
        data.variants.forEach((v, i) => validateVariant(v, `variants[${i}]`));
        const skus = data.variants.map((v) => v.sku);
        if (new Set(skus).size !== skus.length) throw new InvalidValueError('variants', 'two variants share an article');
        return [{ type: 'ProductRegistered', data: { ...data, unit: 'piece', registeredAt: at } }];
      }
      case 'AddVariant': {
        if (!state.exists) throw new InvalidStateError('The product does not exist');
        validateVariant(command.data.variant, 'variant');
        if (state.variants.some((v) => v.sku === command.data.variant.sku)) return [];
        return [{ type: 'ProductVariantAdded', data: { variant: command.data.variant, addedAt: command.data.at } }];
      }
      case 'ChangePublishing': {
        if (!state.exists) throw new InvalidStateError('The product does not exist');
        const changes: Partial<ProductPublishing> = {};
        for (const flag of ['showInEcommerce', 'syncStock'] as const) {
          const value = command.data[flag];
          if (value !== undefined && value !== state[flag]) changes[flag] = value;
        }
        return Object.keys(changes).length === 0 ? [] : [{ type: 'ProductPublishingChanged', data: { changes, at: command.data.at } }];
      }
      case 'SetStock': {
        if (!state.exists) throw new InvalidStateError('The product does not exist');
        const { quantity, at } = command.data;
        if (!Number.isInteger(quantity) || quantity < 0) throw new InvalidValueError('stock', `must be a whole number of at least 0, got ${quantity}`);
        return quantity === state.stock ? [] : [{ type: 'ProductStockSet', data: { quantity, at } }];
      }
      case 'RecordStockPush': {
        if (!state.exists) throw new InvalidStateError('The product does not exist');
        const { integrationId, quantity } = command.data;
        return state.pushedStock[integrationId] === quantity ? [] : [{ type: 'ProductStockPushed', data: command.data }];
      }
      case 'RecordProductPublished': {
        if (!state.exists) throw new InvalidStateError('The product does not exist');
        const { integrationId, externalId, name, description } = command.data;
        const held = state.published[integrationId];
        const same = held && held.externalId === externalId && held.name === name && held.description === description;
        return same ? [] : [{ type: 'ProductPublishedOnPlatform', data: command.data }];
      }
      case 'UpdateProduct': {
        if (!state.exists) throw new InvalidStateError('The product does not exist');
        const { at, ...incoming } = command.data;
        validateDetails(incoming);
        const changes: Partial<ProductDetails> = {};
        for (const [field, value] of Object.entries(incoming) as [keyof ProductDetails, never][]) {
          if (value !== undefined && value !== state[field]) changes[field] = value;
        }
        return Object.keys(changes).length === 0 ? [] : [{ type: 'ProductUpdated', data: { changes, updatedAt: at } }];
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'ProductRegistered': {
        const { registeredAt: _, unit: __, ...rest } = event.data;
        return { exists: true, ...rest, stock: 0, pushedStock: {}, published: {}, showInEcommerce: false, syncStock: false };
      }
      case 'ProductPublishingChanged':
        return state.exists ? { ...state, ...event.data.changes } : state;
      case 'ProductStockSet':
        return state.exists ? { ...state, stock: event.data.quantity } : state;
      case 'ProductStockPushed':
        return state.exists ? { ...state, pushedStock: { ...state.pushedStock, [event.data.integrationId]: event.data.quantity } } : state;
      case 'ProductPublishedOnPlatform': {
        if (!state.exists) return state;
        const { integrationId, externalId, name, description } = event.data;
        return { ...state, published: { ...state.published, [integrationId]: { externalId, name, description } } };
      }
      case 'ProductVariantAdded':
        return state.exists ? { ...state, variants: [...state.variants, event.data.variant] } : state;
      case 'ProductUpdated':
        return state.exists ? { ...state, ...event.data.changes } : state;
    }
  },
  // One variants list owned by the fold and grown in place: copying it for each variant made a history quadratic.
  evolveAll(state, events) {
    let owned: ProductVariant[] | undefined;
    for (const event of events) {
      if (event.type !== 'ProductVariantAdded' || !state.exists) {
        state = productDecider.evolve(state, event);
        continue;
      }
      if (state.variants !== owned) {
        owned = [...state.variants];
        state = { ...state, variants: owned };
      }
      owned.push(event.data.variant);
    }
    return state;
  },
};

export const productStream = (productId: string) => `product-${productId}`;
