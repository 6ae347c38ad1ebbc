import { productDecider, productStream, type ProductCommand } from '../../domain/product/productDecider.js';
import type { ProductPublishing } from '../../domain/product/productEvents.js';
import { handleCommands } from '../commands/commandHandler.js';
import type { EventStore } from '../ports/eventStore.js';

/** What the back office changes on a product: its stock and whether it is published and its stock synced. */
export async function changeProductStock(
  store: EventStore,
  productId: string,
  changes: Partial<ProductPublishing> & { stock?: number },
  now = new Date(),
): Promise<{ position: number | undefined }> {
  const at = now.toISOString();
  const { stock, ...publishing } = changes;
  // Stock and flags of one request are one append: a refused stock leaves the flags unchanged too.
  const commands: ProductCommand[] = [
    ...(stock === undefined ? [] : [{ type: 'SetStock', data: { quantity: stock, at } } as const]),
    ...(Object.keys(publishing).length === 0 ? [] : [{ type: 'ChangePublishing', data: { ...publishing, at } } as const]),
  ];
  return { position: (await handleCommands(store, productDecider, productStream(productId), commands)).position };
}
