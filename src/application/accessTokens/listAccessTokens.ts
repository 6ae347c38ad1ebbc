import type { Role } from '../../domain/accessToken/role.js';
import type { ReadModels } from '../ports/readModels.js';
import { ACCESS_TOKENS_COLLECTION, type AccessTokenDocument } from '../projections/accessTokensProjection.js';

/** A token as listed to admins: no hash, no token. */
export interface AccessTokenSummary {
  id: string;
  name: string;
  role: Role;
  issuedAt: string;
  revokedAt: string | null;
}

export interface AccessTokenPage {
  items: AccessTokenSummary[];
  total: number;
  page: number;
  limit: number;
}

/** Newest first; `page` counts from 1. */
export async function listAccessTokens(
  readModels: ReadModels,
  { page, limit }: { page: number; limit: number },
): Promise<AccessTokenPage> {
  const [docs, total] = await Promise.all([
    readModels.find<AccessTokenDocument>(ACCESS_TOKENS_COLLECTION, {
      orderBy: { field: 'issuedAt', descending: true },
      limit,
      offset: (page - 1) * limit,
    }),
    readModels.count(ACCESS_TOKENS_COLLECTION),
  ]);
  const items = docs.map(({ id, name, role, issuedAt, revokedAt }) => ({ id, name, role, issuedAt, revokedAt: revokedAt ?? null }));
  return { items, total, page, limit };
}
