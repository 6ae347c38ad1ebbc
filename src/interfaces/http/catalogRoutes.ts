import 'reflect-metadata';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Router } from 'express';
import type { EventStore } from '../../application/ports/eventStore.js';
import { changeProductStock } from '../../application/products/productUseCases.js';
import type { ReadModels } from '../../application/ports/readModels.js';
import type { ContactDocument } from '../../application/projections/contactsProjection.js';
import type { ProductDocument } from '../../application/projections/productsProjection.js';
import { findContacts, getContact } from '../../application/queries/findContacts.js';
import { findProducts, getProduct } from '../../application/queries/findProducts.js';
import { requireRole } from './authentication.js';
import { ContactsQuery, ProductsQuery } from './orderBodies.js';
import { sendPage } from './nextPageLink.js';
import { sendNotFound } from './problem.js';
import { validateBody, validateQuery } from './validation.js';

export interface CatalogRoutesDependencies {
  readModels: ReadModels;
  eventStore: EventStore;
  readModelsApplied(position: number): Promise<boolean>;
}

export class ChangeProductBody {
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000_000) stock?: number;
  @IsOptional() @IsBoolean() syncStock?: boolean;
  @IsOptional() @IsBoolean() showInEcommerce?: boolean;
}

const presentProduct = (doc: ProductDocument) => ({
  id: doc.id,
  sku: doc.sku,
  name: doc.name,
  description: doc.description,
  unit: doc.unit,
  category: doc.category,
  isService: doc.isService,
  variants: doc.variants.map(({ sku, properties }) => ({ sku, properties })),
  stock: doc.stock ?? 0,
  syncStock: doc.syncStock ?? false,
  showInEcommerce: doc.showInEcommerce ?? false,
  stockPushes: doc.stockPushes ?? [],
  publishedOn: doc.publishedOn ?? {},
});
const presentContact = ({ id, firstName, lastName, phone, email }: ContactDocument) => ({ id, firstName, lastName, phone, email });

/** The product and contact bases, written by imports and local orders; stock and publishing flags set here. */
export function catalogRoutes({ readModels, eventStore, readModelsApplied }: CatalogRoutesDependencies): Router {
  const router = Router();

  router.patch('/products/:id', requireRole('operator'), validateBody(ChangeProductBody), async (req, res) => {
    const id = req.params.id as string;
    if (!(await getProduct(readModels, id))) return sendNotFound(res, 'product', id);
    const { position } = await changeProductStock(eventStore, id, res.locals.body as ChangeProductBody);
    if (position !== undefined) await readModelsApplied(position);
    res.json(presentProduct((await getProduct(readModels, id))!));
  });

  router.get('/products', requireRole('viewer'), validateQuery(ProductsQuery), async (req, res) => {
    const list = await findProducts(readModels, res.locals.query as ProductsQuery);
    sendPage(req, res, list, list.items.map(presentProduct));
  });

  router.get('/products/:id', requireRole('viewer'), async (req, res) => {
    const doc = await getProduct(readModels, req.params.id as string);
    if (!doc) return sendNotFound(res, 'product', req.params.id as string);
    res.json(presentProduct(doc));
  });

  router.get('/contacts', requireRole('viewer'), validateQuery(ContactsQuery), async (req, res) => {
    const list = await findContacts(readModels, res.locals.query as ContactsQuery);
    sendPage(req, res, list, list.items.map(presentContact));
  });

  router.get('/contacts/:id', requireRole('viewer'), async (req, res) => {
    const doc = await getContact(readModels, req.params.id as string);
    if (!doc) return sendNotFound(res, 'contact', req.params.id as string);
    res.json(presentContact(doc));
  });

  return router;
}
