import type { Role } from '../../domain/accessToken/role.js';
import type { ReadModels } from '../ports/readModels.js';
import { ACCESS_TOKENS_COLLECTION, type AccessTokenDocument } from '../projections/accessTokensProjection.js';
import { hashAccessToken } from './accessTokenCredentials.js';

/** Who is calling: the token's id and role, never the token. */
export interface Principal {
  tokenId: string;
  role: Role;
}

/** Longer than any token synchub issues or accepts as SYNCHUB_ADMIN_TOKEN in practice; saves hashing junk. */
const MAX_TOKEN_LENGTH = 512;

/** The principal of a current token; undefined for an unknown, revoked or expired one. */
export async function authenticate(readModels: ReadModels, token: string, now: Date = new Date()): Promise<Principal | undefined> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return undefined;
  const matches = await readModels.find<AccessTokenDocument>(ACCESS_TOKENS_COLLECTION, {
    where: { tokenHash: hashAccessToken(token) },
  });
  const current = matches.find((doc) => (doc.revokedAt === null || doc.revokedAt === undefined) && !expired(doc, now));
  return current ? { tokenId: current.id, role: current.role } : undefined;
}

/** Past its expiry; a token without one lasts until revoked. */
function expired(doc: AccessTokenDocument, now: Date): boolean {
  return typeof doc.expiresAt === 'string' && Date.parse(doc.expiresAt) <= now.getTime();
}
