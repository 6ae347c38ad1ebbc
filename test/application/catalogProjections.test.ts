import { expect } from 'chai';
import { handleCommand } from '../../src/application/commands/commandHandler.js';
import { CONTACTS_COLLECTION, contactsProjection, type ContactDocument } from '../../src/application/projections/contactsProjection.js';
import {
  PRODUCT_CATEGORIES_COLLECTION,
  PRODUCT_SKUS_COLLECTION,
  PRODUCTS_COLLECTION,
  productsProjection,
  type ProductDocument,
} from '../../src/application/projections/productsProjection.js';
import type { Projection } from '../../src/application/projections/projection.js';
import { ProjectionRunner } from '../../src/application/projections/projectionRunner.js';
import { findContacts } from '../../src/application/queries/findContacts.js';
import { findProducts } from '../../src/application/queries/findProducts.js';
import { contactDecider, contactStream, type ContactCommand } from '../../src/domain/contact/contactDecider.js';
import { productDecider, productStream, type ProductCommand } from '../../src/domain/product/productDecider.js';
import { MemoryEventStore } from '../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../src/infrastructure/memory/memoryReadModels.js';

const at = (minute: number) => `2026-11-03T09:${String(minute).padStart(2, '0')}:00.000Z`;
const details = { description: 'Cotton', category: 'T-Shirts', isService: false };

function catalog() {
  const store = new MemoryEventStore();
  const readModels = new MemoryReadModels();
  const product = (id: string, command: ProductCommand) => handleCommand(store, productDecider, productStream(id), command);
  const contact = (id: string, command: ContactCommand) => handleCommand(store, contactDecider, contactStream(id), command);
  async function project(projection: Projection) {
    await new ProjectionRunner(store, readModels, projection).catchUp();
  }
  /** Every recorded event handed to the projection again, ignoring the runner's checkpoint. */
  async function redeliver(projection: Projection) {
    for (const event of await store.readAll({ maxCount: 1_000 })) {
      if (!projection.handles.has(event.type)) continue;
      await readModels.transact(`${projection.name}-again`, async (tx) => {
        await projection.apply(event, tx);
        return event.position;
      });
    }
  }
  return { store, readModels, product, contact, project, redeliver };
}

describe('Products projection', () => {
  it('declares its name and its three collections', () => {
    expect(productsProjection.name).to.equal('products');
    expect(productsProjection.collections).to.deep.equal(['products', 'product_categories', 'product_skus']);
  });

  it('given products with variants, then every article, a variant\'s too, leads to the product that holds it first', async () => {
    const c = catalog();
    await c.product('p1', { type: 'RegisterProduct', data: { productId: 'p1', sku: 'TEE', name: 'T-shirt', ...details, variants: [{ sku: 'TEE-M', properties: { size: 'M' } }], at: at(0) } });
    await c.product('p1', { type: 'AddVariant', data: { variant: { sku: 'TEE-L', properties: { size: 'L' } }, at: at(1) } });
    await c.product('p2', { type: 'RegisterProduct', data: { productId: 'p2', sku: 'TEE-L', name: 'Another tee', ...details, variants: [], at: at(2) } });
    await c.project(productsProjection);
    expect(await c.readModels.get(PRODUCT_SKUS_COLLECTION, 'TEE')).to.deep.equal({ productId: 'p1', variant: false });
    expect(await c.readModels.get(PRODUCT_SKUS_COLLECTION, 'TEE-M')).to.deep.equal({ productId: 'p1', variant: true });
    expect(await c.readModels.get(PRODUCT_SKUS_COLLECTION, 'TEE-L'), 'the first holder keeps the article').to.deep.equal({ productId: 'p1', variant: true });
    const found = await findProducts(c.readModels, { sku: 'TEE-L', page: 1, limit: 10 });
    expect(found.items.map((p) => p.id), 'the holder of the variant, then the product with it as its own').to.deep.equal(['p1', 'p2']);
    expect((await findProducts(c.readModels, { sku: 'TEE-M', page: 1, limit: 10 })).items.map((p) => p.id)).to.deep.equal(['p1']);
  });

  it('given a product registered with variants, then one document with the variant articles and a lower-cased name key', async () => {
    const c = catalog();
    const variants = [{ sku: 'TS-1-M', properties: { size: 'M' } }];
    await c.product('p1', { type: 'RegisterProduct', data: { productId: 'p1', sku: 'TS-1', name: '  Blue T-Shirt ', ...details, variants, at: at(0) } });
    await c.product('p1', { type: 'AddVariant', data: { variant: { sku: 'TS-1-L', properties: { size: 'L' } }, at: at(1) } });
    await c.project(productsProjection);
    const doc = (await c.readModels.get<ProductDocument>(PRODUCTS_COLLECTION, 'p1'))!;
    expect(doc).to.include({ id: 'p1', sku: 'TS-1', unit: 'piece', category: 'T-Shirts', isService: false, nameKey: 'blue t-shirt', registeredAt: at(0), updatedAt: at(1), version: 1 });
    expect(doc.variantSkus).to.deep.equal(['TS-1-M', 'TS-1-L']);
    expect(doc.variants.map((v) => v.properties.size)).to.deep.equal(['M', 'L']);
  });

  it('given a renamed product, then name and name key follow and a new category is remembered', async () => {
    const c = catalog();
    await c.product('p1', { type: 'RegisterProduct', data: { productId: 'p1', sku: 'TS-1', name: 'Shirt', ...details, variants: [], at: at(0) } });
    await c.product('p1', { type: 'UpdateProduct', data: { name: 'Polo Shirt', category: 'Polos', at: at(2) } });
    await c.project(productsProjection);
    expect(await c.readModels.get<ProductDocument>(PRODUCTS_COLLECTION, 'p1')).to.include({ name: 'Polo Shirt', nameKey: 'polo shirt', category: 'Polos', updatedAt: at(2) });
    expect(await c.readModels.get(PRODUCT_CATEGORIES_COLLECTION, 'polos')).to.deep.equal({ name: 'Polos' });
  });

  it('given two spellings of a category, then one category keyed lower-case keeps the first spelling', async () => {
    const c = catalog();
    await c.product('p1', { type: 'RegisterProduct', data: { productId: 'p1', sku: 'A', name: 'A', ...details, category: 'Home Decor', variants: [], at: at(0) } });
    await c.product('p2', { type: 'RegisterProduct', data: { productId: 'p2', sku: 'B', name: 'B', ...details, category: 'HOME DECOR', variants: [], at: at(1) } });
    await c.project(productsProjection);
    expect(await c.readModels.find(PRODUCT_CATEGORIES_COLLECTION)).to.deep.equal([{ name: 'Home Decor' }]);
    expect(await c.readModels.get(PRODUCT_CATEGORIES_COLLECTION, 'home decor')).to.deep.equal({ name: 'Home Decor' });
  });

  it('given the events delivered twice, then the product is the same as when delivered once', async () => {
    const c = catalog();
    await c.product('p1', { type: 'RegisterProduct', data: { productId: 'p1', sku: 'TS-1', name: 'Shirt', ...details, variants: [], at: at(0) } });
    await c.product('p1', { type: 'AddVariant', data: { variant: { sku: 'TS-1-S', properties: { size: 'S' } }, at: at(1) } });
    await c.project(productsProjection);
    const once = await c.readModels.get<ProductDocument>(PRODUCTS_COLLECTION, 'p1');
    await c.redeliver(productsProjection);
    const twice = await c.readModels.get<ProductDocument>(PRODUCTS_COLLECTION, 'p1');
    expect(twice).to.deep.equal(once);
    expect(twice!.variants).to.have.length(1);
  });

  it('finds products by exact article and by text in the name or article, any case', async () => {
    const c = catalog();
    await c.product('p1', { type: 'RegisterProduct', data: { productId: 'p1', sku: 'TS-1', name: 'Blue T-Shirt', ...details, variants: [], at: at(0) } });
    await c.product('p2', { type: 'RegisterProduct', data: { productId: 'p2', sku: 'MUG-9', name: 'Coffee mug', ...details, variants: [], at: at(1) } });
    await c.project(productsProjection);
    expect((await findProducts(c.readModels, { sku: 'MUG-9', page: 1, limit: 10 })).items.map((p) => p.id)).to.deep.equal(['p2']);
    expect((await findProducts(c.readModels, { sku: 'mug-9', page: 1, limit: 10 })).total).to.equal(0);
    expect((await findProducts(c.readModels, { q: 'shirt', page: 1, limit: 10 })).items.map((p) => p.id)).to.deep.equal(['p1']);
    expect((await findProducts(c.readModels, { q: 'mug-', page: 1, limit: 10 })).items.map((p) => p.id)).to.deep.equal(['p2']);
    const page2 = await findProducts(c.readModels, { page: 2, limit: 1 });
    expect(page2).to.include({ total: 2, page: 2, limit: 1 });
    expect(page2.items.map((p) => p.id), 'sorted by name: Blue…, Coffee…').to.deep.equal(['p2']);
  });
});

describe('Contacts projection', () => {
  it('declares its name and collection', () => {
    expect(contactsProjection.name).to.equal('contacts');
    expect(contactsProjection.collections).to.deep.equal(['contacts']);
  });

  it('given a registered then updated contact, then one document with the full name for search', async () => {
    const c = catalog();
    await c.contact('c1', { type: 'RegisterContact', data: { contactId: 'c1', firstName: 'Olena', lastName: '', phone: '+38 (067) 123-45-67', email: '', at: at(0) } });
    await c.contact('c1', { type: 'UpdateContact', data: { lastName: 'Koval', email: 'olena@example.com', at: at(4) } });
    await c.project(contactsProjection);
    const doc = await c.readModels.get<ContactDocument>(CONTACTS_COLLECTION, 'c1');
    expect(doc).to.deep.equal({
      id: 'c1',
      firstName: 'Olena',
      lastName: 'Koval',
      name: 'Olena Koval',
      phone: '+380671234567',
      email: 'olena@example.com',
      registeredAt: at(0),
      updatedAt: at(4),
      version: 1,
    });
  });

  it('given the events delivered twice, then the contact is the same as when delivered once', async () => {
    const c = catalog();
    await c.contact('c1', { type: 'RegisterContact', data: { contactId: 'c1', firstName: 'Ivan', lastName: 'Bondar', phone: '+380501112233', email: '', at: at(0) } });
    await c.contact('c1', { type: 'UpdateContact', data: { firstName: 'Ivan-Petro', at: at(3) } });
    await c.project(contactsProjection);
    const once = await c.readModels.get<ContactDocument>(CONTACTS_COLLECTION, 'c1');
    await c.redeliver(contactsProjection);
    expect(await c.readModels.get<ContactDocument>(CONTACTS_COLLECTION, 'c1')).to.deep.equal(once);
    expect(once).to.include({ name: 'Ivan-Petro Bondar', version: 1 });
  });

  it('finds contacts by phone in any spelling and by text in name, e-mail or phone', async () => {
    const c = catalog();
    await c.contact('c1', { type: 'RegisterContact', data: { contactId: 'c1', firstName: 'Olena', lastName: 'Koval', phone: '+380671234567', email: 'olena@example.com', at: at(0) } });
    await c.contact('c2', { type: 'RegisterContact', data: { contactId: 'c2', firstName: 'Ivan', lastName: 'Bondar', phone: '+380509876543', email: 'ivan@shop.ua', at: at(1) } });
    await c.project(contactsProjection);
    const ids = async (filter: { phone?: string; q?: string }) => (await findContacts(c.readModels, { ...filter, page: 1, limit: 10 })).items.map((x) => x.id);
    expect(await ids({ phone: '380 (67) 123 45 67' })).to.deep.equal(['c1']);
    expect(await ids({ phone: '12' })).to.deep.equal([]);
    expect(await ids({ q: 'olena koval' })).to.deep.equal(['c1']);
    expect(await ids({ q: 'SHOP.UA' })).to.deep.equal(['c2']);
    expect(await ids({ q: '98765' })).to.deep.equal(['c2']);
  });
});
