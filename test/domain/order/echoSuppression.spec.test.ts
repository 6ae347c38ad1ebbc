import { expect } from 'chai';
import { alreadyOnPlatform } from '../../../src/domain/order/echoSuppression.js';
import { orderDecider } from '../../../src/domain/order/orderDecider.js';
import type { OrderEvent } from '../../../src/domain/order/orderEvents.js';
import { InvalidStateError } from '../../../src/domain/shared/errors.js';
import { DeciderSpecification } from '../../support/deciderSpecification.js';
import { at, facts, imported, later, localChange, pushed, receive } from './orderFixtures.js';

const spec = DeciderSpecification.for(orderDecider);
const guard = { invoiced: ['invoiced'], cannotReturnTo: ['new', 'cancelled'] };
const fromPlatform = (to: string, platformStatus: string, from = 'new'): OrderEvent => ({
  type: 'StatusChanged',
  data: { from, to, source: 'platform', platformStatus, at },
});

describe('Echo suppression: synchub recognises its own status write and never pushes it back', () => {
  it('given a local change not yet pushed, when the platform still reports the old status, then the local change stands', () => {
    spec.given([imported, localChange('shipped')]).when(receive({ regressionGuard: guard })).thenNothing();
  });

  it('given a local change pushed, when the platform sends back the pushed status, then it is recognised as the echo and nothing happens', () => {
    spec
      .given([imported, localChange('shipped'), pushed('shipped', '4')])
      .when(receive({ platformStatus: '4', status: 'shipped', regressionGuard: guard }))
      .thenNothing();
  });

  it('given a local change pushed, when the platform moves on from the pushed status, then that is a move and is followed', () => {
    spec
      .given([imported, localChange('shipped'), pushed('shipped', '4')])
      .when(receive({ platformStatus: '5', status: 'delivered' }))
      .then([
        { type: 'StatusChanged', data: { from: 'shipped', to: 'delivered', source: 'platform', platformStatus: '5', at: later } },
        { type: 'OrderSyncedFromPlatform', data: { platformStatus: '5', syncedAt: later } },
      ]);
  });

  it('given a status change that came from the platform, when a push is recorded, then there is nothing to push back', () => {
    spec.given([imported, fromPlatform('paid', '2')]).when({ type: 'RecordStatusPush', data: { platformStatus: '2', at: later } }).thenNothing();
    spec.given([imported, fromPlatform('paid', '2')]).when({ type: 'AbandonStatusPush', data: { reason: 'x', at: later } }).thenThrows(InvalidStateError, /No status push/);
  });

  it('given an order created locally, when its status changes, then nothing waits to be pushed (it has no platform)', () => {
    const { orderId, number, status, customer, items, discounts, discountTotal, total, currency, comment } = facts;
    const created: OrderEvent = { type: 'OrderCreated', data: { orderId, number, status, customer, items, discounts, discountTotal, delivery: null, total, currency, comment, createdAt: at } };
    spec.given([created, localChange('shipped')]).when({ type: 'RecordStatusPush', data: { platformStatus: '4', at: later } }).thenNothing();
  });

  it('given the platform shows the target status already, when a push is about to be written, then it is not written again', () => {
    expect(alreadyOnPlatform('4', '4')).to.equal(true);
    expect(alreadyOnPlatform('3', '4')).to.equal(false);
    expect(alreadyOnPlatform(undefined, '4')).to.equal(false);
  });
});
