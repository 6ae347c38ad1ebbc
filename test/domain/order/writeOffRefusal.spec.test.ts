import { expect } from 'chai';
import { orderDecider } from '../../../src/domain/order/orderDecider.js';
import type { OrderEvent } from '../../../src/domain/order/orderEvents.js';
import { InvalidStateError } from '../../../src/domain/shared/errors.js';
import { DeciderSpecification } from '../../support/deciderSpecification.js';
import { decided, imported, later, receive, shirt, writtenOff } from './orderFixtures.js';

const spec = DeciderSpecification.for(orderDecider);

describe('Write-off refusal: platform edits of items stop once the stock is written off', () => {
  it('given an imported order, when the platform edits a quantity before the write-off, then the items are synchronised', () => {
    const items = [{ ...shirt, quantity: 3 }];
    spec
      .given([imported])
      .when(receive({ items, total: 142_000 }))
      .then([
        { type: 'OrderItemsChanged', data: { items, discounts: [], discountTotal: 0, total: 142_000, at: later } },
        { type: 'OrderSyncedFromPlatform', data: { platformStatus: '1', syncedAt: later } },
      ]);
  });

  it('given an order written off, when the platform changes a quantity, then the change is refused and recorded', () => {
    const items = [{ ...shirt, quantity: 3 }];
    spec
      .given([imported, writtenOff])
      .when(receive({ items, total: 142_000 }))
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).to.deep.equal(['QuantityChangeRefused', 'OrderSyncedFromPlatform']);
        const refused = events[0] as Extract<OrderEvent, { type: 'QuantityChangeRefused' }>;
        expect(refused.data.changes).to.deep.equal([{ sku: 'TS-S', name: 'T-shirt S', from: 2, to: 3 }]);
        expect(refused.data.reason).to.match(/written off/);
      });
  });

  it('given a refusal recorded, when the platform sends the same quantities again, then it is not recorded twice', () => {
    const items = [{ ...shirt, quantity: 3 }];
    const history = [imported, writtenOff, ...decided([imported, writtenOff], receive({ items, total: 142_000 }))];
    spec.given(history).when(receive({ items, total: 142_000 })).thenNothing();
  });

  it('given a refusal recorded, when the platform changes the quantities once more, then that new change is refused and recorded too', () => {
    const three = [{ ...shirt, quantity: 3 }];
    const refusedOnce = decided([imported, writtenOff], receive({ items: three, total: 142_000 }));
    const four = [{ ...shirt, quantity: 4 }];
    spec
      .given([imported, writtenOff, ...refusedOnce])
      .when(receive({ items: four, total: 187_000 }))
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).to.deep.equal(['QuantityChangeRefused', 'OrderSyncedFromPlatform']);
        expect((events[0] as Extract<OrderEvent, { type: 'QuantityChangeRefused' }>).data.changes).to.deep.equal([{ sku: 'TS-S', name: 'T-shirt S', from: 2, to: 4 }]);
      });
  });

  it('given an order written off, when the platform sends the items the order has, then nothing is refused', () => {
    spec.given([imported, writtenOff]).when(receive({})).thenNothing();
  });

  it('given an order, when its stock is written off, then WriteOffDone; a second write-off is refused', () => {
    spec.given([imported]).when({ type: 'WriteOff', data: { at: later } }).then([{ type: 'WriteOffDone', data: { at: later } }]);
    spec.given([imported, writtenOff]).when({ type: 'WriteOff', data: { at: later } }).thenThrows(InvalidStateError);
  });
});
