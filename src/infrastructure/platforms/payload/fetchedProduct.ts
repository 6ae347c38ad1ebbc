// One raw platform product read into the port's shape, or reported malformed with the field at fault named.
import type { FetchedProduct, PlatformProduct } from '../../../application/ports/platformClient.js';
import { MalformedFieldError } from './payloadFields.js';

/** The product as `read` finds it, its optional parts only when the platform gave them; a bad field makes it malformed. */
export function fetchedProductOf(read: (found: (externalId: string) => void) => PlatformProduct): FetchedProduct {
  let externalId: string | undefined;
  try {
    const { sku, description, category, ...always } = read((id) => (externalId = id));
    return { kind: 'product', product: { ...always, ...(sku ? { sku } : {}), ...(description ? { description } : {}), ...(category ? { category } : {}) } };
  } catch (error) {
    if (!(error instanceof MalformedFieldError)) throw error;
    return { kind: 'malformed', externalId, reason: error.message };
  }
}
