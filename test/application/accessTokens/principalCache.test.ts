import { expect } from 'chai';
import type { Principal } from '../../../src/application/accessTokens/authenticate.js';
import { PrincipalCache } from '../../../src/application/accessTokens/principalCache.js';

/** A token store that counts its look-ups; `revoked` tokens are no longer found. */
function tokenStore() {
  const principals = new Map<string, Principal>([['shub_operator', { tokenId: 't1', role: 'operator' }]]);
  const lookUps: string[] = [];
  return {
    lookUps,
    revoke: (token: string) => principals.delete(token),
    lookUp: async (token: string) => {
      lookUps.push(token);
      return principals.get(token);
    },
  };
}

describe('PrincipalCache', () => {
  it('given a current token, when it calls again within the moment, then it is not looked up again', async () => {
    let now = 0;
    const store = tokenStore();
    const cache = new PrincipalCache(store.lookUp, 1_000, () => now);
    expect(await cache.principalOf('shub_operator')).to.deep.equal({ tokenId: 't1', role: 'operator' });
    now = 999;
    expect(await cache.principalOf('shub_operator')).to.deep.equal({ tokenId: 't1', role: 'operator' });
    expect(store.lookUps).to.have.length(1);
  });

  it('given a token revoked elsewhere, when the moment has passed, then it is refused', async () => {
    let now = 0;
    const store = tokenStore();
    const cache = new PrincipalCache(store.lookUp, 1_000, () => now);
    await cache.principalOf('shub_operator');
    store.revoke('shub_operator');
    now = 1_000;
    expect(await cache.principalOf('shub_operator')).to.equal(undefined);
  });

  it('given a token revoked here, when the cache is told, then it is refused at once', async () => {
    const store = tokenStore();
    const cache = new PrincipalCache(store.lookUp, 60_000);
    await cache.principalOf('shub_operator');
    store.revoke('shub_operator');
    cache.forget();
    expect(await cache.principalOf('shub_operator')).to.equal(undefined);
  });

  it('given an unknown token, then every attempt is looked up (nothing is remembered for guesses)', async () => {
    const store = tokenStore();
    const cache = new PrincipalCache(store.lookUp);
    await cache.principalOf('shub_guess');
    await cache.principalOf('shub_guess');
    expect(store.lookUps).to.deep.equal(['shub_guess', 'shub_guess']);
  });

  it('given more tokens than its capacity, then the oldest is looked up again and the newest is not', async () => {
    const store = tokenStore();
    const lookUp = async (token: string) => (store.lookUps.push(token), { tokenId: token, role: 'viewer' as const });
    const cache = new PrincipalCache(lookUp, 60_000, Date.now, 2);
    for (const token of ['a', 'b', 'c', 'c', 'a']) await cache.principalOf(token);
    expect(store.lookUps).to.deep.equal(['a', 'b', 'c', 'a']);
  });
});
