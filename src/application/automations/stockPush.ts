import { productDecider, productStream } from '../../domain/product/productDecider.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { ImportDependencies } from '../import/importDependencies.js';
import { loadIntegration } from '../integrations/integrationUseCases.js';
import type { PlatformClient, StockLevel } from '../ports/platformClient.js';
import { PRODUCTS_COLLECTION, type ProductDocument } from '../projections/productsProjection.js';
import { keysetPages } from '../queries/keysetPages.js';
import { platformClientOf } from '../integrations/platformClientOf.js';
import { stopRequested, untilStopped } from './runStop.js';

const PAGE = 500;

/**
 * Pushes the stock of products flagged "sync stock" whose stock changed since this integration was last told.
 * Stock levels are absolute, so a run repeated after a crash between the push and its record only repeats a
 * harmless write; each push is recorded on the product as its stock-push history.
 */
export async function pushChangedStock(
  deps: ImportDependencies,
  integrationId: string,
  progress: (done: number) => Promise<void> = async () => undefined,
  signal?: AbortSignal,
): Promise<{ pushed: number; unchanged: number; withoutArticle: number }> {
  const integration = await loadIntegration(deps.store, integrationId);
  const client = platformClientOf(deps, integration, signal);
  if (!client.pushStock) throw new Error(`${integration.platform} cannot receive stock levels`);
  const report = { pushed: 0, unchanged: 0, withoutArticle: 0 };
  await untilStopped(signal, () => pushPages(deps, integrationId, client, integration.settings.stockLocation ?? null, report, progress, signal));
  return report;
}

/** Page after page of flagged products; a stop ends it at a page boundary. */
async function pushPages(
  deps: ImportDependencies,
  integrationId: string,
  client: PlatformClient,
  location: string | null,
  report: { pushed: number; unchanged: number; withoutArticle: number },
  progress: (done: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  for await (const products of keysetPages<ProductDocument>(deps.readModels, PRODUCTS_COLLECTION, { where: { syncStock: true }, orderBy: { field: 'registeredAt' } }, PAGE)) {
    if (stopRequested(signal)) return;
    const changed = products.filter((p) => p.pushedStock?.[integrationId] !== p.stock);
    report.unchanged += products.length - changed.length;
    const levels: StockLevel[] = [];
    for (const product of changed) {
      if (product.sku) levels.push({ sku: product.sku, quantity: product.stock });
      else report.withoutArticle += 1;
    }
    if (levels.length > 0) {
      await client.pushStock!(levels, location);
      const at = deps.clock().toISOString();
      for (const product of changed.filter((p) => p.sku)) {
        await handleCommand(deps.store, productDecider, productStream(product.id), {
          type: 'RecordStockPush',
          data: { integrationId, quantity: product.stock, at },
        });
      }
      report.pushed += levels.length;
      await progress(report.pushed);
    }
  }
}
