import { Router, type Response } from 'express';
import type { ReadModels } from '../../application/ports/readModels.js';
import type { ContactDocument } from '../../application/projections/contactsProjection.js';
import type { ProductDocument } from '../../application/projections/productsProjection.js';
import { findContacts, getContact } from '../../application/queries/findContacts.js';
import { findProducts, getProduct } from '../../application/queries/findProducts.js';
import { requireRole } from './authentication.js';
import { ContactsQuery, ProductsQuery } from './orderBodies.js';
import { sendProblem } from './problem.js';
import { validateQuery } from './validation.js';

export interface CatalogRoutesDependencies {
  readModels: ReadModels;
}

const presentProduct = ({ id, sku, name, description, unit, category, isService, variants }: ProductDocument) => ({
  id,
  sku,
  name,
  description,
  unit,
  category,
  isService,
  variants: variants.map(({ sku, properties }) => ({ sku, properties })),
});
const presentContact = ({ id, firstName, lastName, phone, email }: ContactDocument) => ({ id, firstName, lastName, phone, email });

const notFound = (res: Response, what: string, id: string) =>
  sendProblem(res, { status: 404, title: 'Not Found', detail: `No ${what} ${id.slice(0, 100)}` });

/**
 * The product and contact bases: read-only here, written by imports and local orders.
 * Takes its dependencies like the other routers; a bare ReadModels is still accepted for the current wiring.
 */
export function catalogRoutes(deps: CatalogRoutesDependencies | ReadModels): Router {
  const readModels = 'readModels' in deps ? deps.readModels : deps;
  const router = Router();

  router.get('/products', requireRole('viewer'), validateQuery(ProductsQuery), async (_req, res) => {
    const list = await findProducts(readModels, res.locals.query as ProductsQuery);
    res.json({ ...list, items: list.items.map(presentProduct) });
  });

  router.get('/products/:id', requireRole('viewer'), async (req, res) => {
    const doc = await getProduct(readModels, req.params.id as string);
    if (!doc) return notFound(res, 'product', req.params.id as string);
    res.json(presentProduct(doc));
  });

  router.get('/contacts', requireRole('viewer'), validateQuery(ContactsQuery), async (_req, res) => {
    const list = await findContacts(readModels, res.locals.query as ContactsQuery);
    res.json({ ...list, items: list.items.map(presentContact) });
  });

  router.get('/contacts/:id', requireRole('viewer'), async (req, res) => {
    const doc = await getContact(readModels, req.params.id as string);
    if (!doc) return notFound(res, 'contact', req.params.id as string);
    res.json(presentContact(doc));
  });

  return router;
}
