// WooCommerce core's order statuses: the slugs the REST API reads and writes, with the names its admin shows.
import type { PlatformStatus } from '../../../application/ports/platformClient.js';

export const WOOCOMMERCE_STATUSES: readonly PlatformStatus[] = [
  { id: 'pending', name: 'Pending payment' },
  { id: 'processing', name: 'Processing' },
  { id: 'on-hold', name: 'On hold' },
  { id: 'completed', name: 'Completed' },
  { id: 'cancelled', name: 'Cancelled' },
  { id: 'refunded', name: 'Refunded' },
  { id: 'failed', name: 'Failed' },
];

/** Plugins add statuses ("shipped", "awaiting-pickup"): any slug WooCommerce accepts, never a crafted path or query. */
export const WOOCOMMERCE_STATUS_SLUG = /^[a-z0-9][a-z0-9_-]{0,19}$/;
