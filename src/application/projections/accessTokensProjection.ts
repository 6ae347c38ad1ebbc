import type { AccessTokenEvent } from '../../domain/accessToken/accessTokenEvents.js';
import type { Role } from '../../domain/accessToken/role.js';
import type { RecordedEvent } from '../ports/eventStore.js';
import type { ReadModelTransaction } from '../ports/readModels.js';
import type { Projection } from './projection.js';

export const ACCESS_TOKENS_COLLECTION = 'access_tokens';

/** One document per token id; authentication looks it up by `tokenHash`. */
export interface AccessTokenDocument extends Record<string, unknown> {
  id: string;
  name: string;
  role: Role;
  tokenHash: string;
  issuedAt: string;
  revokedAt: string | null;
  /** Refused from then on; null: until revoked. */
  expiresAt?: string | null;
  /** Global position of the last event applied to this document. */
  position: number;
}

export const accessTokensProjection: Projection = {
  name: 'access_tokens',
  collections: [ACCESS_TOKENS_COLLECTION],
  handles: new Set<AccessTokenEvent['type']>(['AccessTokenIssued', 'AccessTokenRevoked']),

  async apply(recorded: RecordedEvent, tx: ReadModelTransaction): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as AccessTokenEvent;
    switch (event.type) {
      case 'AccessTokenIssued': {
        // A rotated token reuses its id: the new hash replaces the old one, so the old token stops matching.
        const { tokenId, name, role, tokenHash, issuedAt, expiresAt = null } = event.data;
        const doc: AccessTokenDocument = { id: tokenId, name, role, tokenHash, issuedAt, revokedAt: null, expiresAt, position: recorded.position };
        return tx.put(ACCESS_TOKENS_COLLECTION, tokenId, doc);
      }
      case 'AccessTokenRevoked': {
        const doc = await tx.get<AccessTokenDocument>(ACCESS_TOKENS_COLLECTION, event.data.tokenId);
        if (!doc) return;
        return tx.put(ACCESS_TOKENS_COLLECTION, doc.id, { ...doc, revokedAt: event.data.revokedAt, position: recorded.position });
      }
    }
  },
};
