import { productDecider, productStream } from '../../domain/product/productDecider.js';
import type { ProductPublishing } from '../../domain/product/productEvents.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { EventStore } from '../ports/eventStore.js';

/** What the back office changes on a product: its stock and whether it is published and its stock synced. */
export async function changeProductStock(
  store: EventStore,
  productId: string,
  changes: Partial<ProductPublishing> & { stock?: number },
  now = new Date(),
): Promise<{ position: number | undefined }> {
  const at = now.toISOString();
  const stream = productStream(productId);
  let position: number | undefined;
  if (changes.stock !== undefined) {
    position = (await handleCommand(store, productDecider, stream, { type: 'SetStock', data: { quantity: changes.stock, at } })).position ?? position;
  }
  const { stock: _, ...publishing } = changes;
  if (Object.keys(publishing).length > 0) {
    position = (await handleCommand(store, productDecider, stream, { type: 'ChangePublishing', data: { ...publishing, at } })).position ?? position;
  }
  return { position };
}
