import { expect } from 'chai';
import { orderDecider } from '../../src/domain/order/orderDecider.js';
import type { OrderEvent, OrderImported } from '../../src/domain/order/orderEvents.js';
import { RefreshTooSoonError } from '../../src/domain/order/refreshTooSoonError.js';
import { InvalidStateError, InvalidValueError } from '../../src/domain/shared/errors.js';
import { DeciderSpecification } from '../support/deciderSpecification.js';
import { at, delivery, facts, imported, importedData, later, localChange, pushed, receive, shirt } from './order/orderFixtures.js';

const spec = DeciderSpecification.for(orderDecider);

describe('Order', () => {
  describe('importing from a platform', () => {
    it('given no order, when a platform order is received, then it is imported with every field', () => {
      spec.given([]).when({ type: 'ReceivePlatformOrder', data: facts }).then([imported]);
    });

    it('given an imported order, when the same platform order is received unchanged, then nothing happens (re-import creates nothing)', () => {
      spec.given([imported]).when(receive({})).thenNothing();
    });

    it('given an imported order, when the platform status moved, then the local status follows through the mapping', () => {
      spec
        .given([imported])
        .when(receive({ platformStatus: '2', status: 'paid' }))
        .then([
          { type: 'StatusChanged', data: { from: 'new', to: 'paid', source: 'platform', platformStatus: '2', at: later } },
          { type: 'OrderSyncedFromPlatform', data: { platformStatus: '2', syncedAt: later } },
        ]);
    });

    it('given an imported order, when the delivery details change, then DeliveryChanged keeps the old and the new details', () => {
      const moved = { ...delivery, address: 'Lviv, branch 3', cost: 8_000 };
      spec
        .given([imported])
        .when(receive({ delivery: moved }))
        .then([
          { type: 'DeliveryChanged', data: { previous: delivery, delivery: moved, at: later } },
          { type: 'OrderSyncedFromPlatform', data: { platformStatus: '1', syncedAt: later } },
        ]);
    });

    it('given an imported order, when the platform order of another store is received for it, then that is refused', () => {
      spec.given([imported]).when(receive({ externalId: '999' })).thenThrows(InvalidStateError, /another platform order/);
    });

    it('given a platform order with a negative quantity, when received, then it is refused naming the item field', () => {
      spec
        .given([])
        .when(receive({ items: [{ ...shirt, quantity: -1 }] }))
        .thenThrows(InvalidValueError, /items\[0\]\.quantity/);
    });

    it('given a platform order with a price that is not whole minor units, when received, then the field is named', () => {
      spec.given([]).when(receive({ items: [{ ...shirt, price: 12.5 }] })).thenThrows(InvalidValueError, /items\[0\]\.price/);
    });

    it('given a platform order with an unknown currency code, when received, then the currency is named', () => {
      spec.given([]).when(receive({ currency: 'hryvnia' })).thenThrows(InvalidValueError, /currency/);
    });

    it('given a platform order with a huge comment, when received, then it is refused rather than stored', () => {
      spec.given([]).when(receive({ comment: 'x'.repeat(10_000) })).thenThrows(InvalidValueError, /comment/);
    });
  });

  describe('local changes', () => {
    it('given an order, when its status is changed locally, then StatusChanged records the local source', () => {
      spec
        .given([imported])
        .when({ type: 'ChangeStatus', data: { to: 'shipped', at: later } })
        .then([{ type: 'StatusChanged', data: { from: 'new', to: 'shipped', source: 'local', at: later } }]);
    });

    it('given an order, when it is set to the status it has, then nothing happens', () => {
      spec.given([imported]).when({ type: 'ChangeStatus', data: { to: 'new', at: later } }).thenNothing();
    });

    it('given no order, when its status is changed, then that is refused', () => {
      spec.given([]).when({ type: 'ChangeStatus', data: { to: 'paid', at } }).thenThrows(InvalidStateError);
    });

    it('given no order, when a local order is created, then OrderCreated', () => {
      const { orderId, number, status, customer, items, discounts, discountTotal, total, currency, comment } = facts;
      const content = { number, status, customer, items, discounts, discountTotal, delivery: null, total, currency, comment };
      spec
        .given([])
        .when({ type: 'CreateOrder', data: { orderId, ...content, at } })
        .then([{ type: 'OrderCreated', data: { orderId, ...content, createdAt: at } }]);
    });
  });

  describe('manual refresh', () => {
    it('given an imported order, when a refresh is requested, then it is recorded', () => {
      spec
        .given([imported])
        .when({ type: 'RequestRefresh', data: { at } })
        .then([{ type: 'OrderRefreshRequested', data: { at } }]);
    });

    it('given a refresh 5 minutes ago, when another is requested, then it is refused with the seconds to wait', () => {
      const fiveMinutesLater = '2026-11-01T10:05:00.000Z';
      spec
        .given([imported, { type: 'OrderRefreshRequested', data: { at } }])
        .when({ type: 'RequestRefresh', data: { at: fiveMinutesLater } })
        .thenThrows(RefreshTooSoonError, /300 s/);
    });

    it('given a refresh 10 minutes ago, when another is requested, then it is allowed', () => {
      spec
        .given([imported, { type: 'OrderRefreshRequested', data: { at } }])
        .when({ type: 'RequestRefresh', data: { at: '2026-11-01T10:10:00.000Z' } })
        .then([{ type: 'OrderRefreshRequested', data: { at: '2026-11-01T10:10:00.000Z' } }]);
    });
  });
});

describe('Order facts compared after a round trip through storage', () => {
  it('given an order whose stored events came back with their keys reordered, when the same facts arrive, then nothing happens', () => {
    const reordered = JSON.parse(JSON.stringify(imported), (_key, value) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    ) as OrderImported;
    spec.given([reordered]).when(receive({})).thenNothing();
  });
});

describe('Order statuses both ways', () => {
  it('given a pending push, when the push succeeds, then StatusPushed; a second record finds nothing to do', () => {
    spec
      .given([imported, localChange('shipped')])
      .when({ type: 'RecordStatusPush', data: { platformStatus: '4', at: later } })
      .then([{ type: 'StatusPushed', data: { status: 'shipped', platformStatus: '4', at: later } }]);
    spec
      .given([imported, localChange('shipped'), pushed('shipped', '4')])
      .when({ type: 'RecordStatusPush', data: { platformStatus: '4', at: later } })
      .thenNothing();
  });

  it('given failed pushes, then each failure doubles the pause before the next attempt', () => {
    const first: OrderEvent = {
      type: 'StatusPushFailed',
      data: { status: 'shipped', error: 'KeyCRM answered 503', attempts: 1, nextAttemptAt: '2026-11-01T11:00:30.000Z', at: later },
    };
    spec
      .given([imported, localChange('shipped')])
      .when({ type: 'RecordStatusPushFailure', data: { error: 'KeyCRM answered 503', at: later } })
      .then([first]);
    spec
      .given([imported, localChange('shipped'), first])
      .when({ type: 'RecordStatusPushFailure', data: { error: 'KeyCRM answered 503', at: later } })
      .thenEvents((events) => expect((events[0].data as { nextAttemptAt: string }).nextAttemptAt).to.equal('2026-11-01T11:01:00.000Z'));
  });

  it('given a push the platform will refuse every time, when it fails, then it ends at once with its reason: no next attempt', () => {
    spec
      .given([imported, localChange('paid')])
      .when({ type: 'RecordStatusPushFailure', data: { error: 'Shopify cannot set the status "paid" by API', at: later, kind: 'permanent' } })
      .then([
        {
          type: 'StatusPushAbandoned',
          data: { status: 'paid', reason: 'Shopify cannot set the status "paid" by API (not retried: the platform will refuse it every time)', at: later },
        },
      ]);
  });

  it('given a push failing for now, when it fails, then it waits for its next attempt as before', () => {
    spec
      .given([imported, localChange('shipped')])
      .when({ type: 'RecordStatusPushFailure', data: { error: 'KeyCRM answered 503', at: later, kind: 'transient' } })
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).to.deep.equal(['StatusPushFailed']);
        expect((events[0].data as { nextAttemptAt: string }).nextAttemptAt).to.equal('2026-11-01T11:00:30.000Z');
      });
  });

  it('given a push failing, when an operator gives it up, then StatusPushAbandoned; with nothing pending that is refused', () => {
    spec
      .given([imported, localChange('shipped')])
      .when({ type: 'AbandonStatusPush', data: { reason: 'set by hand on KeyCRM', at: later } })
      .then([{ type: 'StatusPushAbandoned', data: { status: 'shipped', reason: 'set by hand on KeyCRM', at: later } }]);
    spec.given([imported]).when({ type: 'AbandonStatusPush', data: { reason: 'x', at: later } }).thenThrows(InvalidStateError);
  });

});

describe('Order copies arriving out of order (webhooks and polling)', () => {
  const t1 = '2026-11-01T10:05:00.000Z';
  const t2 = '2026-11-01T10:10:00.000Z';
  const paidAtT2: OrderEvent = { type: 'OrderImported', data: { ...importedData, platformUpdatedAt: t2, platformStatus: 'paid', status: 'paid', syncedAt: at } };

  it('given an order taken in as of its platform change at t2, when an older copy from t1 arrives, then nothing changes', () => {
    spec.given([paidAtT2]).when(receive({ platformUpdatedAt: t1, platformStatus: 'pending', status: 'new' })).thenNothing();
  });

  it('given an order taken in as of t2, when a newer copy arrives, then it is applied and its platform time kept', () => {
    const t3 = '2026-11-01T10:20:00.000Z';
    spec
      .given([paidAtT2])
      .when(receive({ platformUpdatedAt: t3, platformStatus: 'completed', status: 'shipped' }))
      .then([
        { type: 'StatusChanged', data: { from: 'paid', to: 'shipped', source: 'platform', platformStatus: 'completed', at: later } },
        { type: 'OrderSyncedFromPlatform', data: { platformStatus: 'completed', syncedAt: later, platformUpdatedAt: t3 } },
      ]);
  });
});

describe('Order capture acknowledged on the platform (return status)', () => {
  it('given a return status, when a new order is captured, then the return status is queued for the platform', () => {
    spec
      .given([])
      .when({ type: 'ReceivePlatformOrder', data: { ...facts, returnStatus: '3' } })
      .then([imported, { type: 'CaptureAcknowledgementQueued', data: { platformStatus: '3', at } }]);
  });

  it('given the platform already shows the return status, when the order is captured, then nothing is queued', () => {
    spec.given([]).when({ type: 'ReceivePlatformOrder', data: { ...facts, returnStatus: '1' } }).then([imported]);
  });

  it('given a queued acknowledgement, when the platform took it, then it is recorded as pushed with the local status unchanged', () => {
    spec
      .given([imported, { type: 'CaptureAcknowledgementQueued', data: { platformStatus: '3', at } }])
      .when({ type: 'RecordStatusPush', data: { platformStatus: '3', at: later } })
      .then([{ type: 'StatusPushed', data: { status: 'new', platformStatus: '3', at: later } }]);
  });

  it('given an order synced before, when it is received again with a return status, then nothing is queued (only new captures)', () => {
    spec.given([imported]).when(receive({ returnStatus: '3' })).thenNothing();
  });
});
