import { productDecider, productStream } from '../../domain/product/productDecider.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { ImportDependencies } from '../import/importDependencies.js';
import { loadIntegration } from '../integrations/integrationUseCases.js';
import type { StockLevel } from '../ports/platformClient.js';
import { PRODUCTS_COLLECTION, type ProductDocument } from '../projections/productsProjection.js';
import { platformClientOf } from '../integrations/platformClientOf.js';

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
): Promise<{ pushed: number; unchanged: number; withoutArticle: number }> {
  const integration = await loadIntegration(deps.store, integrationId);
  const client = platformClientOf(deps, integration);
  if (!client.pushStock) throw new Error(`${integration.platform} cannot receive stock levels`);
  const report = { pushed: 0, unchanged: 0, withoutArticle: 0 };
  for (let offset = 0; ; offset += PAGE) {
    const products = await deps.readModels.find<ProductDocument>(PRODUCTS_COLLECTION, {
      where: { syncStock: true },
      orderBy: { field: 'registeredAt' },
      limit: PAGE,
      offset,
    });
    const changed = products.filter((p) => p.pushedStock?.[integrationId] !== p.stock);
    report.unchanged += products.length - changed.length;
    const levels: StockLevel[] = [];
    for (const product of changed) {
      if (product.sku) levels.push({ sku: product.sku, quantity: product.stock });
      else report.withoutArticle += 1;
    }
    if (levels.length > 0) {
      await client.pushStock(levels, integration.settings.stockLocation ?? null);
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
    if (products.length < PAGE) return report;
  }
}
