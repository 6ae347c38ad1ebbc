// inventorySetQuantities as 2026-10 has it: absolute quantities of `available` or `on_hand` per inventory item and
// location, each with an explicit changeFromQuantity (null skips the compare-and-swap check), and since 2026-04 an
// @idempotent(key) on the field: a repeated key with the same input answers the first result without applying twice.
import { getDirectiveValues, GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { QuantityName, ShopifyCatalogueStore } from './shopifyCatalogueStore.js';
import { gidOf, idOfGid } from './shopifyGid.js';

interface QuantityInput {
  inventoryItemId: unknown;
  locationId: unknown;
  quantity: number;
  changeFromQuantity?: number | null;
}

interface SetQuantitiesInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null;
  quantities: QuantityInput[];
}

/** The reasons Shopify documents for quantity changes. */
const REASONS = new Set([
  'correction', 'cycle_count_available', 'damaged', 'movement_created', 'movement_updated', 'movement_received', 'movement_canceled',
  'other', 'promotion', 'quality_control', 'received', 'reservation_created', 'reservation_deleted', 'reservation_updated', 'restock',
  'safety_stock', 'shrinkage',
]);
const MAX_INPUT_ARRAY = 250;

type UserError = { field: string[]; message: string; code: string };

const answered = new WeakMap<ShopifyCatalogueStore, Map<string, { input: string; result: unknown }>>();

export function setQuantities(catalogue: ShopifyCatalogueStore, input: SetQuantitiesInput, info: GraphQLResolveInfo, now: Date) {
  const key = idempotencyKeyOf(info);
  const remembered = answered.get(catalogue) ?? new Map<string, { input: string; result: unknown }>();
  answered.set(catalogue, remembered);
  const fingerprint = JSON.stringify(input);
  const earlier = remembered.get(key);
  if (earlier) {
    if (earlier.input === fingerprint) return earlier.result;
    return { inventoryAdjustmentGroup: null, userErrors: [{ field: ['input'], message: 'The idempotency key was used with other parameters.', code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH' }] };
  }
  const userErrors = problemsOf(catalogue, input);
  const result = userErrors.length ? { inventoryAdjustmentGroup: null, userErrors } : { inventoryAdjustmentGroup: apply(catalogue, input, now), userErrors: [] };
  remembered.set(key, { input: fingerprint, result });
  return result;
}

function idempotencyKeyOf(info: GraphQLResolveInfo): string {
  const directive = info.schema.getDirective('idempotent');
  const values = directive ? getDirectiveValues(directive, info.fieldNodes[0], info.variableValues) : undefined;
  const key = values?.key;
  if (typeof key !== 'string' || key.trim() === '') {
    throw new GraphQLError('inventorySetQuantities requires an idempotency key: add @idempotent(key: "…") to the field (required since 2026-04).', {
      nodes: info.fieldNodes,
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  return key;
}

function problemsOf(catalogue: ShopifyCatalogueStore, input: SetQuantitiesInput): UserError[] {
  const problems: UserError[] = [];
  if (input.name !== 'available' && input.name !== 'on_hand') problems.push({ field: ['input', 'name'], message: 'The quantity name must be available or on_hand.', code: 'INVALID_NAME' });
  if (!REASONS.has(input.reason)) problems.push({ field: ['input', 'reason'], message: `The reason ${JSON.stringify(input.reason)} is not a possible reason.`, code: 'INVALID_REASON' });
  if (input.quantities.length > MAX_INPUT_ARRAY) problems.push({ field: ['input', 'quantities'], message: `At most ${MAX_INPUT_ARRAY} quantities can be set at once.`, code: 'INVALID' });
  const seen = new Set<string>();
  input.quantities.forEach((entry, index) => {
    const field = ['input', 'quantities', String(index)];
    const itemId = idOfGid(entry.inventoryItemId, 'InventoryItem');
    const locationId = idOfGid(entry.locationId, 'Location');
    if (!catalogue.variantWithInventoryItem(itemId)) problems.push({ field: [...field, 'inventoryItemId'], message: 'The specified inventory item could not be found.', code: 'INVALID_INVENTORY_ITEM' });
    if (!catalogue.location(locationId)?.isActive) problems.push({ field: [...field, 'locationId'], message: 'The specified location could not be found.', code: 'INVALID_LOCATION' });
    if (!('changeFromQuantity' in entry)) {
      problems.push({ field: [...field, 'changeFromQuantity'], message: 'changeFromQuantity must be given: the expected current quantity, or null to skip the check.', code: 'INVALID' });
    } else if (entry.changeFromQuantity !== null && entry.changeFromQuantity !== undefined && entry.changeFromQuantity !== catalogue.quantity(itemId, locationId, input.name as QuantityName)) {
      problems.push({ field: [...field, 'changeFromQuantity'], message: 'The quantity has changed since it was read.', code: 'CHANGE_FROM_QUANTITY_STALE' });
    }
    if (input.name === 'on_hand' && entry.quantity < 0) problems.push({ field: [...field, 'quantity'], message: 'The quantity cannot be negative.', code: 'INVALID_QUANTITY_NEGATIVE' });
    if (seen.has(`${itemId}@${locationId}`)) problems.push({ field, message: 'An inventory item and location pair is listed twice.', code: 'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR' });
    seen.add(`${itemId}@${locationId}`);
  });
  return problems;
}

function apply(catalogue: ShopifyCatalogueStore, input: SetQuantitiesInput, now: Date) {
  const name = input.name as QuantityName;
  const changes = input.quantities.map((entry) => {
    const itemId = idOfGid(entry.inventoryItemId, 'InventoryItem');
    const locationId = idOfGid(entry.locationId, 'Location');
    const before = catalogue.quantity(itemId, locationId, name);
    catalogue.setQuantity(itemId, locationId, name, entry.quantity);
    return { name, delta: entry.quantity - before, quantityAfterChange: entry.quantity, item: { id: gidOf('InventoryItem', itemId) }, location: { id: gidOf('Location', locationId) } };
  });
  return { id: gidOf('InventoryAdjustmentGroup', now.getTime()), createdAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), reason: input.reason, referenceDocumentUri: input.referenceDocumentUri ?? null, changes };
}
