import { expect } from 'chai';
import { productDecider, type ProductState } from '../../src/domain/product/productDecider.js';
import type { ProductEvent } from '../../src/domain/product/productEvents.js';
import { InvalidStateError, InvalidValueError } from '../../src/domain/shared/errors.js';
import { DeciderSpecification } from '../support/deciderSpecification.js';

const spec = DeciderSpecification.for(productDecider);
const at = '2026-11-01T10:00:00.000Z';
const tshirt = { productId: 'p1', sku: 'TS', name: 'T-shirt', description: 'Cotton', category: 'Clothes', isService: false };
const small = { sku: 'TS-S', properties: { size: 'S' } };
const registered: ProductEvent = {
  type: 'ProductRegistered',
  data: { ...tshirt, unit: 'piece', variants: [small], registeredAt: at },
};

describe('Product', () => {
  it('given no product, when registered, then its unit is always piece and its variants are kept', () => {
    spec.given([]).when({ type: 'RegisterProduct', data: { ...tshirt, variants: [small], at } }).then([registered]);
  });

  it('given a product, when it is registered again, then that is refused (products are never duplicated)', () => {
    spec.given([registered]).when({ type: 'RegisterProduct', data: { ...tshirt, variants: [], at } }).thenThrows(InvalidStateError);
  });

  it('given a product with a variant, when the same variant is added, then nothing happens', () => {
    spec.given([registered]).when({ type: 'AddVariant', data: { variant: small, at } }).thenNothing();
  });

  it('given a product, when a variant with a new article is added, then it becomes one more SKU variant', () => {
    const large = { sku: 'TS-L', properties: { size: 'L' } };
    spec
      .given([registered])
      .when({ type: 'AddVariant', data: { variant: large, at } })
      .then([{ type: 'ProductVariantAdded', data: { variant: large, addedAt: at } }]);
  });

  it('given a product, when updated with one changed field, then only that field is recorded', () => {
    spec
      .given([registered])
      .when({ type: 'UpdateProduct', data: { name: 'T-shirt', description: 'Linen', at } })
      .then([{ type: 'ProductUpdated', data: { changes: { description: 'Linen' }, updatedAt: at } }]);
  });

  it('given a product without a name, when registered, then the field is named', () => {
    spec
      .given([])
      .when({ type: 'RegisterProduct', data: { ...tshirt, name: ' ', variants: [], at } })
      .thenThrows(InvalidValueError, /name/);
  });

  it('given two variants with one article, when registered, then that is refused', () => {
    spec
      .given([])
      .when({ type: 'RegisterProduct', data: { ...tshirt, variants: [small, small], at } })
      .thenThrows(InvalidValueError, /variants/);
  });

  it('given no product, when an import ensures it, then it is registered with the variant', () => {
    spec.given([]).when({ type: 'EnsureProduct', data: { ...tshirt, variant: small, at } }).then([registered]);
  });

  it('given a product, when an import ensures it again, then nothing happens (two imports never duplicate it)', () => {
    spec.given([registered]).when({ type: 'EnsureProduct', data: { ...tshirt, variant: small, at } }).thenNothing();
  });

  it('given a product, when its stock is set to what it is, then nothing happens; a negative stock is refused', () => {
    spec.given([registered]).when({ type: 'SetStock', data: { quantity: 0, at } }).thenNothing();
    spec.given([registered]).when({ type: 'SetStock', data: { quantity: -2, at } }).thenThrows(InvalidValueError, /stock/);
  });

  it('given a stock pushed to an integration, when the same stock is recorded again, then the history does not repeat it', () => {
    const pushed: ProductEvent = { type: 'ProductStockPushed', data: { integrationId: 'i1', quantity: 5, at } };
    spec.given([registered, { type: 'ProductStockSet', data: { quantity: 5, at } }, pushed])
      .when({ type: 'RecordStockPush', data: { integrationId: 'i1', quantity: 5, at } })
      .thenNothing();
    spec.given([registered, pushed])
      .when({ type: 'RecordStockPush', data: { integrationId: 'i2', quantity: 5, at } })
      .then([{ type: 'ProductStockPushed', data: { integrationId: 'i2', quantity: 5, at } }]);
  });

  it('given a product, when it is flagged "sync stock", then only the changed flag is recorded', () => {
    spec
      .given([registered])
      .when({ type: 'ChangePublishing', data: { syncStock: true, showInEcommerce: false, at } })
      .then([{ type: 'ProductPublishingChanged', data: { changes: { syncStock: true }, at } }]);
  });

  describe('a history folded at once (evolveAll)', () => {
    const variant = (n: number) => ({ sku: `TS-${n}`, properties: { size: String(n) } });
    const added = (n: number): ProductEvent => ({ type: 'ProductVariantAdded', data: { variant: variant(n), addedAt: at } });
    const updated: ProductEvent = { type: 'ProductUpdated', data: { changes: { description: 'Linen' }, updatedAt: at } };
    const eventByEvent = (state: ProductState, events: ProductEvent[]) => events.reduce(productDecider.evolve, state);

    it('given a product with hundreds of variants and other changes between them, then folding its history at once is evolving it event by event', () => {
      const history = [added(0), registered, ...[1, 2, 3].map(added), updated, ...Array.from({ length: 300 }, (_, n) => added(n + 4)), updated, added(304)];

      const folded = productDecider.evolveAll!(productDecider.initialState(), history);

      expect(folded).to.deep.equal(eventByEvent(productDecider.initialState(), history));
      expect(folded.exists && folded.variants.map((v) => v.sku)).to.deep.equal(['TS-S', ...Array.from({ length: 304 }, (_, n) => `TS-${n + 1}`)]);
    });

    it('given a history the decider would not write (registered again after variants), then the fold still follows it event by event', () => {
      const history = [registered, added(1), added(2), registered, added(3)];

      const folded = productDecider.evolveAll!(productDecider.initialState(), history);

      expect(folded).to.deep.equal(eventByEvent(productDecider.initialState(), history));
      expect(folded.exists && folded.variants.map((v) => v.sku)).to.deep.equal(['TS-S', 'TS-3']);
    });

    it('given a state someone holds, when more variants are folded onto it, then that state is left as it was', () => {
      const held = eventByEvent(productDecider.initialState(), [registered, added(1)]);
      const before = structuredClone(held);

      const folded = productDecider.evolveAll!(held, [added(2), added(3)]);

      expect(held).to.deep.equal(before);
      expect(folded.exists && folded.variants.map((v) => v.sku)).to.deep.equal(['TS-S', 'TS-1', 'TS-2', 'TS-3']);
    });
  });
});
