// Every KeyCRM field the adapter reads, named once per schema of the published OpenAPI (test/fixtures/keycrm/
// keycrm-open-api.yml). Payloads are typed from these lists, so reading a field that is not listed does not compile,
// and test/infrastructure/platforms/keycrm/keycrmSpec.test.ts fails when a listed field is not in the spec.
import { requireObject, optionalObject, type Json } from '../payload/payloadFields.js';

/** Where each list lives in the spec (a component schema, or a path into one) and the fields read from it. */
export const KEYCRM_READS = {
  order: {
    schema: 'OrderWithIncludes',
    fields: ['id', 'source_id', 'source_uuid', 'status_id', 'grand_total', 'promocode', 'total_discount', 'shipping_price', 'buyer_comment', 'payment_status', 'created_at', 'updated_at', 'buyer', 'products', 'manager', 'shipping'],
  },
  buyer: { schema: 'OrderWithIncludes.buyer', fields: ['full_name', 'email', 'phone'] },
  manager: { schema: 'OrderWithIncludes.manager', fields: ['id'] },
  orderProduct: { schema: 'OrderWithIncludes.products[]', fields: ['name', 'sku', 'price', 'price_sold', 'quantity', 'comment', 'discount_percent', 'discount_amount', 'total_discount', 'offer'] },
  offerOfProduct: { schema: 'OrderWithIncludes.products[].offer', fields: ['product_id', 'sku', 'properties'] },
  property: { schema: 'OrderWithIncludes.products[].offer.properties[]', fields: ['name', 'value'] },
  shipping: {
    schema: 'OrderWithIncludes.shipping',
    fields: [
      'delivery_service_id', 'shipping_status', 'shipping_date_actual', 'shipping_address_city', 'shipping_address_country', 'shipping_address_country_code',
      'shipping_address_region', 'shipping_address_zip', 'shipping_secondary_line', 'shipping_receive_point', 'recipient_full_name',
    ],
  },
  status: { schema: 'Status', fields: ['id', 'name', 'alias'] },
  source: { schema: 'Source', fields: ['id', 'currency_code'] },
  deliveryService: { schema: 'DeliveryService', fields: ['id', 'name'] },
  product: { schema: 'ProductWithIncludes', fields: ['id', 'name', 'sku', 'description', 'is_archived', 'category_id'] },
  category: { schema: 'Category', fields: ['id', 'name'] },
  offer: { schema: 'Offer', fields: ['product_id'] },
  createdProduct: { schema: 'Product', fields: ['id'] },
  page: { schema: 'PaginatedResponse', fields: ['total', 'per_page', 'data', 'next_page_url'] },
} as const;

export type KeycrmSchema = keyof typeof KEYCRM_READS;

/** A KeyCRM object as the adapter may read it: only the listed fields, each still to be checked by a reader. */
export type KeycrmJson<S extends KeycrmSchema> = { readonly [F in (typeof KEYCRM_READS)[S]['fields'][number]]?: unknown };

/** The object at `field`, typed to what the adapter reads of the schema; a MalformedFieldError when it is none. */
export function keycrmObject<S extends KeycrmSchema>(_schema: S, value: unknown, field: string): KeycrmJson<S> {
  return requireObject(value, field) as KeycrmJson<S>;
}

export function optionalKeycrmObject<S extends KeycrmSchema>(_schema: S, value: unknown, field: string): KeycrmJson<S> | undefined {
  return optionalObject(value, field) as KeycrmJson<S> | undefined;
}

/** An untyped value known to be a JSON object, typed as the schema it is. */
export const asKeycrm = <S extends KeycrmSchema>(_schema: S, json: Json): KeycrmJson<S> => json as KeycrmJson<S>;
