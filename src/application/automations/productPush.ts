import { productDecider, productStream } from '../../domain/product/productDecider.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { ImportDependencies } from '../import/importDependencies.js';
import { loadIntegration } from '../integrations/integrationUseCases.js';
import { platformClientOf } from '../integrations/platformClientOf.js';
import { PlatformRequestError } from '../ports/platformClient.js';
import { PRODUCTS_COLLECTION, type ProductDocument } from '../projections/productsProjection.js';
import { keysetPages } from '../queries/keysetPages.js';
import type { RunReporting } from './automationDefinition.js';
import { eachUntilStopped } from './runStop.js';

const PAGE = 500;

export interface ProductPushReport {
  created: number;
  updated: number;
  kept: number;
  unchanged: number;
  withoutArticle: number;
  failed: number;
}

/**
 * Lists products flagged "show in e-commerce" on the platform, and again when their name or description changed.
 * The adapter finds a product by its article before creating it, so a run repeated after a crash between the
 * creation and its record links the product it created instead of creating a second one.
 */
export async function pushProducts(
  deps: ImportDependencies,
  integrationId: string,
  work: RunReporting,
): Promise<ProductPushReport> {
  const integration = await loadIntegration(deps.store, integrationId);
  const client = platformClientOf(deps, integration, work.signal);
  const publish = client.publishProduct?.bind(client);
  if (!publish) throw new Error(`${integration.platform} cannot take products through its API`);
  const report: ProductPushReport = { created: 0, updated: 0, kept: 0, unchanged: 0, withoutArticle: 0, failed: 0 };
  // Each product is a boundary: a stop ends the run before the next one.
  await eachUntilStopped(work.signal, flaggedProducts(deps), async (product) => {
    const listed = product.publishedOn?.[integrationId];
    if (listed && listed.name === product.name && listed.description === product.description) {
      report.unchanged += 1;
      return;
    }
    // Without an article a repeated run could not find what it created: such products are not sent.
    if (!product.sku) {
      report.withoutArticle += 1;
      return;
    }
    const listing = { sku: product.sku, name: product.name, description: product.description, externalId: listed?.externalId };
    try {
      const { externalId, outcome } = await publish(listing);
      await handleCommand(deps.store, productDecider, productStream(product.id), {
        type: 'RecordProductPublished',
        data: { integrationId, externalId, name: product.name, description: product.description, detailsSent: outcome !== 'kept', at: deps.clock().toISOString() },
      });
      report[outcome] += 1;
      if (outcome === 'kept' && listed) await work.log(`${product.sku}: ${integration.platform} cannot update products through its API; it keeps its own name and description`);
    } catch (error) {
      if (!(error instanceof PlatformRequestError)) throw error;
      await work.log(`${product.sku}: ${error.message}`);
      report.failed += 1;
    }
    await work.progress(report.created + report.updated + report.kept + report.failed);
  });
  if (report.withoutArticle > 0) await work.log(`${report.withoutArticle} product(s) flagged "show in e-commerce" have no article and were not sent`);
  return report;
}

/** The products flagged "show in e-commerce", read page by page, oldest first. */
async function* flaggedProducts(deps: ImportDependencies): AsyncGenerator<ProductDocument> {
  for await (const products of keysetPages<ProductDocument>(deps.readModels, PRODUCTS_COLLECTION, { where: { showInEcommerce: true }, orderBy: { field: 'registeredAt' } }, PAGE)) yield* products;
}
