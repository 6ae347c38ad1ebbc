import type { Decider, DomainCommand } from '../shared/decider.js';
import { DomainError, InvalidStateError, InvalidValueError } from '../shared/errors.js';
import type { AccessTokenEvent, AccessTokenIssued, AccessTokenRevoked } from './accessTokenEvents.js';
import { isRole, ROLES, type Role } from './role.js';

export type IssueAccessToken = DomainCommand<
  'IssueAccessToken',
  { tokenId: string; name: string; role: Role; tokenHash: string; issuedAt: Date; expiresAt?: Date | null }
>;

export type RevokeAccessToken = DomainCommand<'RevokeAccessToken', { tokenId: string; revokedAt: Date }>;

/** Makes `tokenHash` the one valid token of the stream: a no-op when it already is, or when it was revoked. */
export type RotateAccessToken = DomainCommand<
  'RotateAccessToken',
  { tokenId: string; name: string; role: Role; tokenHash: string; rotatedAt: Date }
>;

export type AccessTokenCommand = IssueAccessToken | RevokeAccessToken | RotateAccessToken;

export type AccessTokenState =
  | { status: 'none' }
  | { status: 'active' | 'revoked'; tokenId: string; role: Role; tokenHash: string };

/** The command names a token that was never issued. */
export class UnknownAccessTokenError extends DomainError {
  constructor(readonly tokenId: string) {
    super('not-found', `No access token with id ${tokenId}`);
  }
}

const NAME_MAX_LENGTH = 100;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export const accessTokenDecider: Decider<AccessTokenState, AccessTokenCommand, AccessTokenEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'IssueAccessToken': {
        if (state.status !== 'none') throw new InvalidStateError(`Access token ${state.tokenId} was issued already`);
        return [issued(command.data, command.data.issuedAt)];
      }
      case 'RevokeAccessToken': {
        if (state.status === 'none') throw new UnknownAccessTokenError(command.data.tokenId);
        if (state.status === 'revoked') throw new InvalidStateError(`Access token ${state.tokenId} is revoked already`);
        return [revoked(state.tokenId, command.data.revokedAt)];
      }
      case 'RotateAccessToken': {
        const { data } = command;
        if (state.status === 'none') return [issued(data, data.rotatedAt)];
        // A revoked token stays revoked even when offered again: revocation is how a leaked token is stopped.
        if (state.tokenHash === data.tokenHash) return [];
        if (state.status === 'revoked') return [issued(data, data.rotatedAt)];
        return [revoked(state.tokenId, data.rotatedAt), issued(data, data.rotatedAt)];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'AccessTokenIssued': {
        const { tokenId, role, tokenHash } = event.data;
        return { status: 'active', tokenId, role, tokenHash };
      }
      case 'AccessTokenRevoked':
        return state.status === 'none' ? state : { ...state, status: 'revoked' };
    }
  },
};

function issued(
  data: { tokenId: string; name: string; role: Role; tokenHash: string; expiresAt?: Date | null },
  at: Date,
): AccessTokenIssued {
  const name = data.name.trim();
  if (name === '') throw new InvalidValueError('name', 'must not be empty');
  if (name.length > NAME_MAX_LENGTH) throw new InvalidValueError('name', `must be at most ${NAME_MAX_LENGTH} characters`);
  if (!isRole(data.role)) throw new InvalidValueError('role', `must be one of ${ROLES.join(', ')}`);
  if (!SHA256_HEX.test(data.tokenHash)) throw new InvalidValueError('tokenHash', 'must be a SHA-256 hex digest');
  const expiresAt = data.expiresAt ? isoTime('expiresAt', data.expiresAt) : null;
  // A token that is born expired is a mistake in the request, not a token.
  if (expiresAt !== null && Date.parse(expiresAt) <= at.getTime()) throw new InvalidValueError('expiresAt', 'must be in the future');
  return {
    type: 'AccessTokenIssued',
    // A token without expiry records none, as tokens issued before expiry existed.
    data: { tokenId: data.tokenId, name, role: data.role, tokenHash: data.tokenHash, issuedAt: isoTime('issuedAt', at), ...(expiresAt === null ? {} : { expiresAt }) },
  };
}

function revoked(tokenId: string, at: Date): AccessTokenRevoked {
  return { type: 'AccessTokenRevoked', data: { tokenId, revokedAt: isoTime('revokedAt', at) } };
}

function isoTime(field: string, at: Date): string {
  if (Number.isNaN(at.getTime())) throw new InvalidValueError(field, 'must be a valid time');
  return at.toISOString();
}
