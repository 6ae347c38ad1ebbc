import { Router } from 'express';
import type { ReadModels } from '../../application/ports/readModels.js';
import { CONTACTS_COLLECTION, type ContactDocument } from '../../application/projections/contactsProjection.js';
import { PRODUCTS_COLLECTION, type ProductDocument } from '../../application/projections/productsProjection.js';
import { pagedList } from '../../application/queries/pagedList.js';
import { normalisePhone } from '../../domain/contact/phone.js';
import { InvalidValueError } from '../../domain/shared/errors.js';
import { requireRole } from './authentication.js';
import { ContactsQuery, ProductsQuery } from './orderBodies.js';
import { sendProblem } from './problem.js';
import { validateQuery } from './validation.js';

const ID = /^[A-Za-z0-9-]{1,100}$/;

const presentProduct = ({ id, sku, name, description, unit, category, isService, variants }: ProductDocument) => ({
  id,
  sku,
  name,
  description,
  unit,
  category,
  isService,
  variants,
});
const presentContact = ({ id, firstName, lastName, phone, email }: ContactDocument) => ({ id, firstName, lastName, phone, email });

/** The product and contact bases: read-only here, written by imports and local orders. */
export function catalogRoutes(readModels: ReadModels): Router {
  const router = Router();

  router.get('/products', requireRole('viewer'), validateQuery(ProductsQuery), async (_req, res) => {
    const { sku, q, page, limit } = res.locals.query as ProductsQuery;
    const list = await pagedList<ProductDocument>(
      readModels,
      PRODUCTS_COLLECTION,
      { where: sku ? { sku } : {}, matching: q ? { fields: ['name', 'sku'], text: q } : undefined, orderBy: { field: 'name' } },
      { page, limit },
    );
    res.json({ ...list, items: list.items.map(presentProduct) });
  });

  router.get('/products/:id', requireRole('viewer'), async (req, res) => {
    const id = req.params.id as string;
    const doc = ID.test(id) ? await readModels.get<ProductDocument>(PRODUCTS_COLLECTION, id) : undefined;
    if (!doc) return sendProblem(res, { status: 404, title: 'Not Found', detail: `No product ${id}` });
    res.json(presentProduct(doc));
  });

  router.get('/contacts', requireRole('viewer'), validateQuery(ContactsQuery), async (_req, res) => {
    const { phone, q, page, limit } = res.locals.query as ContactsQuery;
    let where = {};
    if (phone) {
      try {
        where = { phone: normalisePhone(phone) };
      } catch (error) {
        if (!(error instanceof InvalidValueError)) throw error;
        return res.json({ items: [], total: 0, page, limit });
      }
    }
    const list = await pagedList<ContactDocument>(
      readModels,
      CONTACTS_COLLECTION,
      { where, matching: q ? { fields: ['name', 'email', 'phone'], text: q } : undefined, orderBy: { field: 'name' } },
      { page, limit },
    );
    res.json({ ...list, items: list.items.map(presentContact) });
  });

  router.get('/contacts/:id', requireRole('viewer'), async (req, res) => {
    const id = req.params.id as string;
    const doc = ID.test(id) ? await readModels.get<ContactDocument>(CONTACTS_COLLECTION, id) : undefined;
    if (!doc) return sendProblem(res, { status: 404, title: 'Not Found', detail: `No contact ${id}` });
    res.json(presentContact(doc));
  });

  return router;
}
