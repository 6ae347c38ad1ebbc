import { expect } from 'chai';
import { isServiceProduct, itemProduct, nameKey, newProductKey, productLookups } from '../../../src/domain/product/productMatch.js';

describe('Product match order: article first, then name', () => {
  it('given both keys configured, when an item has an article and a name, then it is looked up by article first, then by name', () => {
    expect(productLookups(['sku', 'name'], { sku: 'MUG-1', name: 'Mug' })).to.deep.equal([
      { key: 'sku', sku: 'MUG-1' },
      { key: 'name', nameKey: 'mug' },
    ]);
  });

  it('given name first configured, when an item has both, then the name is tried first', () => {
    expect(productLookups(['name', 'sku'], { sku: 'MUG-1', name: 'Mug' }).map((lookup) => lookup.key)).to.deep.equal(['name', 'sku']);
  });

  it('given both keys configured, when an item has no article, then it is looked up by name only', () => {
    expect(productLookups(['sku', 'name'], { sku: '', name: 'Mug' })).to.deep.equal([{ key: 'name', nameKey: 'mug' }]);
  });

  it('given matching by article only, when an item has no article, then nothing is looked up and a product is created', () => {
    expect(productLookups(['sku'], { sku: '', name: 'Mug' })).to.deep.equal([]);
  });

  it('given names written differently, when compared, then spaces around and letter case do not matter', () => {
    expect(nameKey(' Mug ')).to.equal(nameKey('mug'));
    expect(productLookups(['name'], { sku: '', name: 'Чашка' })).to.deep.equal([{ key: 'name', nameKey: 'чашка' }]);
  });

  it('given a product found by no key, when created, then it is known by its article, or by its name without one', () => {
    expect(newProductKey({ sku: 'MUG-1', name: 'Mug' })).to.equal('sku:MUG-1');
    expect(newProductKey({ sku: '', name: ' Big Mug' })).to.equal('name:big mug');
  });

  it('given a variant with its own article, when matched, then its parent is the product and the item its variant', () => {
    const item = { sku: ' HD-S ', name: 'Hoodie S', variant: { parentSku: 'HD', parentName: ' Hoodie ', properties: { size: 'S' } } };
    expect(itemProduct(item)).to.deep.equal({ sku: 'HD', name: 'Hoodie', variant: { sku: 'HD-S', properties: { size: 'S' } } });
  });

  it('given a variant without its own article, when matched, then it is the plain parent product', () => {
    const item = { name: 'Hoodie S', variant: { parentName: 'Hoodie', properties: { size: 'S' } } };
    expect(itemProduct(item)).to.deep.equal({ sku: '', name: 'Hoodie', variant: null });
  });

  it('given an item that is no variant, when matched, then it is its own product, trimmed', () => {
    expect(itemProduct({ sku: ' MUG-1 ', name: ' Mug ' })).to.deep.equal({ sku: 'MUG-1', name: 'Mug', variant: null });
  });

  it('given a product found, then it stays what it is; a new one is a service when asked or of the services category', () => {
    expect(isServiceProduct({ isService: false }, { category: 'Services', service: true }, 'Services')).to.equal(false);
    expect(isServiceProduct(undefined, { category: 'Services', service: false }, 'Services')).to.equal(true);
    expect(isServiceProduct(undefined, { category: 'Clothes', service: false }, 'Services')).to.equal(false);
    expect(isServiceProduct(undefined, { service: true }, null)).to.equal(true);
    expect(isServiceProduct(undefined, { service: false }, null)).to.equal(false);
  });

  it('given a variant with its own article, when looked up, then its article comes first: the product holding that variant is the one', () => {
    const product = itemProduct({ sku: 'TEE-L', name: 'T-shirt - L', variant: { parentName: 'T-shirt', properties: { size: 'L' } } });
    expect(productLookups(['sku', 'name'], product)).to.deep.equal([
      { key: 'sku', sku: 'TEE-L' },
      { key: 'name', nameKey: 't-shirt' },
    ]);
    const withParent = itemProduct({ sku: 'TEE-L', name: 'T-shirt - L', variant: { parentSku: 'TEE', parentName: 'T-shirt', properties: {} } });
    expect(productLookups(['sku'], withParent)).to.deep.equal([{ key: 'sku', sku: 'TEE-L' }, { key: 'sku', sku: 'TEE' }]);
  });

  it('given an item that only names a variant\'s article (a local order, an offer), when looked up, then that article is looked up', () => {
    expect(productLookups(['sku'], itemProduct({ sku: 'TEE-L', name: 'T-shirt L' }))).to.deep.equal([{ key: 'sku', sku: 'TEE-L' }]);
  });
});
