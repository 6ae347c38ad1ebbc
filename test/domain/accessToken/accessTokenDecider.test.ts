import { expect } from 'chai';
import {
  accessTokenDecider,
  UnknownAccessTokenError,
  type AccessTokenCommand,
} from '../../../src/domain/accessToken/accessTokenDecider.js';
import type { AccessTokenEvent } from '../../../src/domain/accessToken/accessTokenEvents.js';
import { InvalidStateError, InvalidValueError } from '../../../src/domain/shared/errors.js';
import { DeciderSpecification } from '../../support/deciderSpecification.js';

const spec = DeciderSpecification.for(accessTokenDecider);

const hashA = 'a'.repeat(64);
const hashB = 'b'.repeat(64);
const monday = new Date('2025-03-03T09:00:00.000Z');
const tuesday = new Date('2025-03-04T09:00:00.000Z');

const issue = (data: Partial<Extract<AccessTokenCommand, { type: 'IssueAccessToken' }>['data']> = {}): AccessTokenCommand => ({
  type: 'IssueAccessToken',
  data: { tokenId: 't1', name: 'CI reader', role: 'viewer', tokenHash: hashA, issuedAt: monday, ...data },
});
const issued = (data: Partial<Extract<AccessTokenEvent, { type: 'AccessTokenIssued' }>['data']> = {}): AccessTokenEvent => ({
  type: 'AccessTokenIssued',
  data: { tokenId: 't1', name: 'CI reader', role: 'viewer', tokenHash: hashA, issuedAt: monday.toISOString(), ...data },
});
const revoke: AccessTokenCommand = { type: 'RevokeAccessToken', data: { tokenId: 't1', revokedAt: tuesday } };
const revoked: AccessTokenEvent = { type: 'AccessTokenRevoked', data: { tokenId: 't1', revokedAt: tuesday.toISOString() } };
const rotate = (tokenHash: string): AccessTokenCommand => ({
  type: 'RotateAccessToken',
  data: { tokenId: 't1', name: 'CI reader', role: 'viewer', tokenHash, rotatedAt: tuesday },
});

describe('access token decider', () => {
  it('given no token, when issued with an expiry, then the expiry is recorded; an expiry not after the issue is refused naming expiresAt', () => {
    spec.given([]).when(issue({ expiresAt: tuesday })).then([issued({ expiresAt: tuesday.toISOString() })]);
    spec.given([]).when(issue({ expiresAt: monday })).thenThrows(InvalidValueError, /^expiresAt: must be in the future/);
  });

  describe('issuing', () => {
    it('given no token, when issued, then AccessTokenIssued records the hash, role and time', () =>
      spec.given([]).when(issue()).then([issued()]));

    it('given a name with surrounding spaces, when issued, then the name is stored trimmed', () =>
      spec.given([]).when(issue({ name: '  CI reader  ' })).then([issued()]));

    it('given an issued token, when issued again, then it is an InvalidStateError', () =>
      spec.given([issued()]).when(issue()).thenThrows(InvalidStateError, /issued already/));

    it('given no token, when issued with an empty name, then it is an InvalidValueError naming the field', () =>
      spec.given([]).when(issue({ name: '   ' })).thenThrows(InvalidValueError, /^name: must not be empty/));

    it('given no token, when issued with an unknown role, then it is an InvalidValueError naming the roles', () =>
      spec.given([])
        .when(issue({ role: 'owner' as never }))
        .thenThrows(InvalidValueError, /role: must be one of viewer, operator, admin/));

    it('given no token, when issued with something that is not a SHA-256 hex digest, then it is refused', () =>
      spec.given([]).when(issue({ tokenHash: 'shub_plaintext-token' })).thenThrows(InvalidValueError, /tokenHash/));
  });

  describe('revoking', () => {
    it('given an issued token, when revoked, then AccessTokenRevoked records the time', () =>
      spec.given([issued()]).when(revoke).then([revoked]));

    it('given a revoked token, when revoked twice, then it is an InvalidStateError', () =>
      spec.given([issued(), revoked]).when(revoke).thenThrows(InvalidStateError, /revoked already/));

    it('given no token, when revoked, then it is an UnknownAccessTokenError with code not-found', () => {
      spec.given([]).when(revoke).thenThrows(UnknownAccessTokenError, /No access token with id t1/);
      expect(new UnknownAccessTokenError('t1').code).to.equal('not-found');
    });
  });

  describe('rotating (the bootstrap admin token)', () => {
    it('given no token, when rotated, then the token is issued', () =>
      spec.given([]).when(rotate(hashA)).then([issued({ issuedAt: tuesday.toISOString() })]));

    it('given the same hash is current, when rotated, then nothing happens (a restart is idempotent)', () =>
      spec.given([issued()]).when(rotate(hashA)).then([]));

    it('given another hash is current, when rotated, then the old one is revoked and the new one issued', () =>
      spec.given([issued()])
.when(rotate(hashB))
        .then([revoked, issued({ tokenHash: hashB, issuedAt: tuesday.toISOString() })]));

    it('given the token was revoked, when rotated with the same hash, then it stays revoked', () =>
      spec.given([issued(), revoked]).when(rotate(hashA)).then([]));

    it('given the token was revoked, when rotated with a new hash, then the new one is issued', () =>
      spec.given([issued(), revoked])
.when(rotate(hashB))
        .then([issued({ tokenHash: hashB, issuedAt: tuesday.toISOString() })]));
  });
});
