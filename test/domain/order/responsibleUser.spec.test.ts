import { expect } from 'chai';
import { responsibleUserFor } from '../../../src/domain/order/responsibleUser.js';

const settings = { responsibleUser: 'desk', managerUsers: [{ platform: '7', local: 'iryna' }] };

describe('Manager mapping: the local user responsible for an imported order', () => {
  it('given a platform manager mapped to a local user, when an order of that manager arrives, then it is that user\'s', () => {
    expect(responsibleUserFor(settings, '7')).to.equal('iryna');
  });

  it('given a platform manager nobody mapped, when an order arrives, then it is the integration\'s responsible user\'s', () => {
    expect(responsibleUserFor(settings, '8')).to.equal('desk');
    expect(responsibleUserFor(settings, undefined)).to.equal('desk');
  });

  it('given neither a mapping nor a responsible user, when an order arrives, then nobody is named', () => {
    expect(responsibleUserFor({ responsibleUser: null, managerUsers: [] }, '7')).to.equal(null);
  });
});
