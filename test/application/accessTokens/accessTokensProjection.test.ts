import { expect } from 'chai';
import { authenticate } from '../../../src/application/accessTokens/authenticate.js';
import { issueAccessToken } from '../../../src/application/accessTokens/issueAccessToken.js';
import { revokeAccessToken } from '../../../src/application/accessTokens/revokeAccessToken.js';
import { roleAllows } from '../../../src/application/accessTokens/roles.js';
import { seedAdminToken } from '../../../src/application/accessTokens/seedAdminToken.js';
import {
  ACCESS_TOKENS_COLLECTION,
  accessTokensProjection,
  type AccessTokenDocument,
} from '../../../src/application/projections/accessTokensProjection.js';
import { ProjectionRunner } from '../../../src/application/projections/projectionRunner.js';
import { MemoryEventStore } from '../../../src/infrastructure/memory/memoryEventStore.js';
import { MemoryReadModels } from '../../../src/infrastructure/memory/memoryReadModels.js';

describe('access tokens: application and the access_tokens projection', () => {
  const now = new Date('2025-03-03T09:00:00.000Z');
  let store: MemoryEventStore;
  let readModels: MemoryReadModels;
  let runner: ProjectionRunner;
  beforeEach(() => {
    store = new MemoryEventStore();
    readModels = new MemoryReadModels();
    runner = new ProjectionRunner(store, readModels, accessTokensProjection);
  });

  it('given a token issued, then the stream holds only its hash and the document is keyed by id with the hash', async () => {
    const issued = await issueAccessToken(store, { name: 'reports', role: 'operator' }, now);
    await runner.catchUp();
    const [event] = await store.readStream(`accesstoken-${issued.tokenId}`);
    expect(JSON.stringify(event.data)).not.to.contain(issued.token);
    const doc = await readModels.get<AccessTokenDocument>(ACCESS_TOKENS_COLLECTION, issued.tokenId);
    expect(doc).to.deep.include({ id: issued.tokenId, name: 'reports', role: 'operator', issuedAt: now.toISOString(), revokedAt: null });
    expect(doc!.tokenHash).to.match(/^[0-9a-f]{64}$/);
    expect(await authenticate(readModels, issued.token)).to.deep.equal({ tokenId: issued.tokenId, role: 'operator' });
  });

  it('given a token revoked, then its document records when and authenticate refuses it', async () => {
    const issued = await issueAccessToken(store, { name: 'reports', role: 'viewer' }, now);
    await revokeAccessToken(store, issued.tokenId, new Date('2025-03-04T00:00:00.000Z'));
    await runner.catchUp();
    const doc = await readModels.get<AccessTokenDocument>(ACCESS_TOKENS_COLLECTION, issued.tokenId);
    expect(doc!.revokedAt).to.equal('2025-03-04T00:00:00.000Z');
    expect(await authenticate(readModels, issued.token)).to.equal(undefined);
  });

  it('given the events applied twice (a rebuild), then the same documents come back', async () => {
    await seedAdminToken(store, 'first-bootstrap-token-000', now);
    await seedAdminToken(store, 'second-bootstrap-token-00', now);
    await runner.catchUp();
    const before = await readModels.find(ACCESS_TOKENS_COLLECTION);
    await runner.rebuild();
    expect(await readModels.find(ACCESS_TOKENS_COLLECTION)).to.deep.equal(before);
    expect(before).to.have.length(1);
    expect(await authenticate(readModels, 'first-bootstrap-token-000')).to.equal(undefined);
    expect(await authenticate(readModels, 'second-bootstrap-token-00')).to.deep.equal({ tokenId: 'bootstrap-admin', role: 'admin' });
  });

  it('given the roles, then each allows itself and those below: viewer < operator < admin', () => {
    expect(roleAllows('admin', 'viewer')).to.equal(true);
    expect(roleAllows('operator', 'operator')).to.equal(true);
    expect(roleAllows('operator', 'admin')).to.equal(false);
    expect(roleAllows('viewer', 'operator')).to.equal(false);
  });
});
