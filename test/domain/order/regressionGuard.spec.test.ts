import { expect } from 'chai';
import { orderDecider } from '../../../src/domain/order/orderDecider.js';
import { regressionForbidden } from '../../../src/domain/order/regressionGuard.js';
import { DeciderSpecification } from '../../support/deciderSpecification.js';
import { decided, imported, later, localChange, pushed, receive } from './orderFixtures.js';

const spec = DeciderSpecification.for(orderDecider);
const guard = { invoiced: ['invoiced'], cannotReturnTo: ['new', 'cancelled'] };

describe('Regression guard: an invoiced order is not moved back by the platform', () => {
  it('given an invoiced order, when the platform moves it back to cancelled, then the move is refused and recorded once', () => {
    const invoiced = [imported, localChange('invoiced'), pushed('invoiced', '3')];
    spec
      .given(invoiced)
      .when(receive({ platformStatus: '6', status: 'cancelled', regressionGuard: guard }))
      .thenEvents((events) => {
        expect(events.map((e) => e.type)).to.deep.equal(['StatusRegressionRefused', 'OrderSyncedFromPlatform']);
        expect(events[0].data).to.include({ from: 'invoiced', to: 'cancelled', platformStatus: '6' });
      });
    const refused = decided(invoiced, receive({ platformStatus: '6', status: 'cancelled', regressionGuard: guard }));
    spec.given([...invoiced, ...refused]).when(receive({ platformStatus: '6', status: 'cancelled', regressionGuard: guard })).thenNothing();
  });

  it('given an invoiced order, when the platform moves it forward, then it follows', () => {
    spec
      .given([imported, localChange('invoiced'), pushed('invoiced', '3')])
      .when(receive({ platformStatus: '5', status: 'completed', regressionGuard: guard }))
      .thenEvents((events) => expect(events[0]).to.deep.include({ type: 'StatusChanged' }));
  });

  it('given an order invoiced once and since moved on, when the platform moves it back to new, then that is refused with the reason', () => {
    spec
      .given([imported, localChange('invoiced'), pushed('invoiced', '3'), localChange('packed', 'invoiced'), pushed('packed', '4')])
      .when(receive({ platformStatus: '1', status: 'new', regressionGuard: guard }))
      .then([
        {
          type: 'StatusRegressionRefused',
          data: { from: 'packed', to: 'new', platformStatus: '1', reason: 'The order was invoiced; a platform update may not move it back to new', at: later },
        },
        { type: 'OrderSyncedFromPlatform', data: { platformStatus: '1', syncedAt: later } },
      ]);
  });

  it('given an order never invoiced, when the platform moves it to cancelled, then it follows', () => {
    spec
      .given([imported])
      .when(receive({ platformStatus: '6', status: 'cancelled', regressionGuard: guard }))
      .then([
        { type: 'StatusChanged', data: { from: 'new', to: 'cancelled', source: 'platform', platformStatus: '6', at: later } },
        { type: 'OrderSyncedFromPlatform', data: { platformStatus: '6', syncedAt: later } },
      ]);
  });

  it('given a status history, when the guard is asked, then only a move of an invoiced order to a guarded status is forbidden', () => {
    expect(regressionForbidden(['new', 'invoiced'], 'cancelled', guard)).to.equal(true);
    expect(regressionForbidden(['new', 'invoiced'], 'completed', guard)).to.equal(false);
    expect(regressionForbidden(['new', 'paid'], 'cancelled', guard)).to.equal(false);
    expect(regressionForbidden(['new', 'invoiced'], 'cancelled', undefined)).to.equal(false);
  });
});
