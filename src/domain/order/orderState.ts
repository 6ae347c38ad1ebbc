import type { OrderEvent } from './orderEvents.js';
import type { OrderDelivery, OrderDiscount, OrderItem } from './orderParts.js';

export type OrderState =
  | { exists: false }
  | {
      exists: true;
      orderId: string;
      source: 'local' | 'integration';
      integrationId: string | null;
      externalId: string | null;
      status: string;
      platformStatus: string | null;
      items: OrderItem[];
      discounts: OrderDiscount[];
      discountTotal: number;
      total: number;
      delivery: OrderDelivery | null;
      writtenOff: boolean;
      /** The platform items last refused, so the same refusal is recorded once, not at every sync. */
      refusedItems: OrderItem[] | null;
      lastRefreshAt: string | null;
    };

export const initialOrderState = (): OrderState => ({ exists: false });

export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  if (event.type === 'OrderImported' || event.type === 'OrderCreated') {
    const d = event.data;
    const imported = event.type === 'OrderImported' ? event.data : undefined;
    return {
      exists: true,
      orderId: d.orderId,
      source: imported ? 'integration' : 'local',
      integrationId: imported?.integrationId ?? null,
      externalId: imported?.externalId ?? null,
      status: d.status,
      platformStatus: imported?.platformStatus ?? null,
      items: d.items,
      discounts: d.discounts,
      discountTotal: d.discountTotal,
      total: d.total,
      delivery: d.delivery,
      writtenOff: false,
      refusedItems: null,
      lastRefreshAt: null,
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'StatusChanged':
      return { ...state, status: event.data.to, platformStatus: event.data.platformStatus ?? state.platformStatus };
    case 'OrderItemsChanged': {
      const { at: _, ...content } = event.data;
      return { ...state, ...content, refusedItems: null };
    }
    case 'QuantityChangeRefused':
      return { ...state, refusedItems: event.data.platformItems };
    case 'DeliveryChanged':
      return { ...state, delivery: event.data.delivery };
    case 'OrderSyncedFromPlatform':
      return { ...state, platformStatus: event.data.platformStatus };
    case 'WriteOffDone':
      return { ...state, writtenOff: true };
    case 'OrderRefreshRequested':
      return { ...state, lastRefreshAt: event.data.at };
  }
}
