import { expect } from 'chai';
import { captureAcknowledgement, captureRefusal, isCaptureStatus } from '../../../src/domain/order/captureRules.js';

const order = { status: '1', items: [{ sku: 'TS', name: 'T-shirt' }] };
const everything = { captureStatuses: null, testAllowList: null };
const paidOnly = { captureStatuses: ['2'], testAllowList: null };
const notImported = { alreadyImported: false };

describe('Capture rules: which platform orders are picked up at all', () => {
  it('given no capture statuses, when a new order arrives in any status, then it is captured', () => {
    expect(captureRefusal(order, everything, notImported)).to.equal(null);
    expect(isCaptureStatus(null, '42')).to.equal(true);
  });

  it('given capture statuses, when a new order arrives in another status, then it is skipped with the status named', () => {
    expect(captureRefusal(order, paidOnly, notImported)).to.equal('status 1 is not a capture status');
  });

  it('given capture statuses, when a new order arrives in one of them, then it is captured', () => {
    expect(captureRefusal({ ...order, status: '2' }, paidOnly, notImported)).to.equal(null);
  });

  it('given capture statuses, when an order imported before arrives in another status, then it is still kept in sync', () => {
    expect(captureRefusal(order, paidOnly, { alreadyImported: true })).to.equal(null);
  });

  it('given a status outside the capture statuses and no listed item, when a new order arrives, then the status is the reason given', () => {
    expect(captureRefusal(order, { captureStatuses: ['2'], testAllowList: ['OTHER'] }, notImported)).to.equal('status 1 is not a capture status');
  });

  it('given a test allow-list, when a new order has no listed item, then it is skipped for the allow-list', () => {
    expect(captureRefusal(order, { captureStatuses: null, testAllowList: ['OTHER'] }, notImported)).to.equal('no item is on the test allow-list');
  });

  it('given a return status, when a new order is captured, then the return status is queued for the platform; without one, nothing', () => {
    const at = '2026-11-01T10:00:00.000Z';
    expect(captureAcknowledgement('3', '1', at)).to.deep.equal({ type: 'CaptureAcknowledgementQueued', data: { platformStatus: '3', at } });
    expect(captureAcknowledgement(null, '1', at)).to.equal(null);
    expect(captureAcknowledgement(undefined, '1', at)).to.equal(null);
  });

  it('given a return status the platform shows already, when the order is captured, then nothing is queued', () => {
    expect(captureAcknowledgement('1', '1', '2026-11-01T10:00:00.000Z')).to.equal(null);
  });
});
