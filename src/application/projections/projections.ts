import { accessTokensProjection } from './accessTokensProjection.js';
import { automationRunsProjection } from './automationRunsProjection.js';
import { contactsProjection } from './contactsProjection.js';
import { integrationsProjection } from './integrationsProjection.js';
import { ordersProjection } from './ordersProjection.js';
import { productsProjection } from './productsProjection.js';
import type { Projection } from './projection.js';
import { syncRunsProjection } from './syncRunsProjection.js';

/** Every read model the service keeps up to date (and the admin CLI rebuilds and checks). */
export const PROJECTIONS: readonly Projection[] = [
  accessTokensProjection,
  integrationsProjection,
  syncRunsProjection,
  ordersProjection,
  productsProjection,
  contactsProjection,
  automationRunsProjection,
];
