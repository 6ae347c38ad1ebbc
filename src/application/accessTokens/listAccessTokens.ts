import type { Role } from '../../domain/accessToken/role.js';
import type { ReadModels } from '../ports/readModels.js';
import { ACCESS_TOKENS_COLLECTION, type AccessTokenDocument } from '../projections/accessTokensProjection.js';
import { pagedList, type Page, type PageRequest } from '../queries/pagedList.js';

/** A token as listed to admins: no hash, no token. */
export interface AccessTokenSummary {
  id: string;
  name: string;
  role: Role;
  issuedAt: string;
  revokedAt: string | null;
  expiresAt: string | null;
}

export type AccessTokenPage = Page<AccessTokenSummary>;

/** Newest first; `page` counts from 1, or `after` goes on from a cursor. */
export async function listAccessTokens(readModels: ReadModels, request: PageRequest): Promise<AccessTokenPage> {
  const list = await pagedList<AccessTokenDocument>(
    readModels,
    ACCESS_TOKENS_COLLECTION,
    { orderBy: { field: 'issuedAt', descending: true } },
    request,
  );
  const items = list.items.map(({ id, name, role, issuedAt, revokedAt, expiresAt }) => ({ id, name, role, issuedAt, revokedAt: revokedAt ?? null, expiresAt: expiresAt ?? null }));
  return { ...list, items };
}
