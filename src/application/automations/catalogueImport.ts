import { productDecider, productStream } from '../../domain/product/productDecider.js';
import { DomainError } from '../../domain/shared/errors.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { ImportDependencies } from '../import/importDependencies.js';
import { ProductMatcher } from '../import/productMatching.js';
import { loadIntegration } from '../integrations/integrationUseCases.js';
import { platformClientOf } from '../integrations/platformClientOf.js';
import type { RunReporting } from './automationDefinition.js';
import { eachUntilStopped } from './runStop.js';

export interface CatalogueReport {
  created: number;
  updated: number;
  unchanged: number;
  archived: number;
  rejected: number;
}

/**
 * Brings the platform's catalogue into the local inventory, matched by the integration's keys like imported
 * order items. New products are created; with `updateExisting` (the one-off catalogue import) the names,
 * descriptions and categories of matched products are brought up to date too. Archived products are left out.
 */
export async function importCatalogue(
  deps: ImportDependencies,
  integrationId: string,
  { updateExisting, log, progress, signal }: { updateExisting: boolean } & RunReporting,
): Promise<CatalogueReport> {
  const integration = await loadIntegration(deps.store, integrationId);
  const client = platformClientOf(deps, integration, signal);
  if (!client.products) throw new Error(`${integration.platform} cannot list its products`);
  const matcher = new ProductMatcher(deps.store, deps.readModels, integration.settings);
  const report: CatalogueReport = { created: 0, updated: 0, unchanged: 0, archived: 0, rejected: 0 };
  // Each page is a boundary: a stop ends the import before the next one.
  await eachUntilStopped(signal, client.products({ signal }), async (page) => {
    const at = deps.clock().toISOString();
    for (const fetched of page) {
      if (fetched.kind === 'malformed') {
        report.rejected += 1;
        await log(`product ${fetched.externalId ?? '(unreadable id)'} rejected: ${fetched.reason}`);
        continue;
      }
      const { product } = fetched;
      if (product.archived) {
        report.archived += 1;
        continue;
      }
      try {
        const item = { sku: product.sku, name: product.name, description: product.description, category: product.category, quantity: 1, price: 0 };
        const { productId, created } = await matcher.matchReporting(item, at);
        if (created) report.created += 1;
        else if (!updateExisting) report.unchanged += 1;
        else {
          const { newEvents } = await handleCommand(deps.store, productDecider, productStream(productId), {
            type: 'UpdateProduct',
            data: { name: product.name, description: product.description ?? '', category: product.category ?? '', at },
          });
          report[newEvents.length > 0 ? 'updated' : 'unchanged'] += 1;
        }
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        report.rejected += 1;
        await log(`product ${product.externalId} rejected: ${error.message}`);
      }
    }
    await progress(report.created + report.updated + report.unchanged);
  });
  return report;
}
