import type { DomainEvent } from '../shared/decider.js';
import type { Role } from './role.js';

/** Only the SHA-256 of the token is recorded: the token itself is shown once to whoever issued it. */
export type AccessTokenIssued = DomainEvent<
  'AccessTokenIssued',
  /** `expiresAt`: refused from then on; absent (older events) or null: until revoked. */
  { tokenId: string; name: string; role: Role; tokenHash: string; issuedAt: string; expiresAt?: string | null }
>;

export type AccessTokenRevoked = DomainEvent<'AccessTokenRevoked', { tokenId: string; revokedAt: string }>;

export type AccessTokenEvent = AccessTokenIssued | AccessTokenRevoked;
