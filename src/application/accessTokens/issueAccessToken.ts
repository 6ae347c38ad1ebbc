import { randomUUID } from 'node:crypto';
import { accessTokenDecider } from '../../domain/accessToken/accessTokenDecider.js';
import type { Role } from '../../domain/accessToken/role.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { EventStore } from '../ports/eventStore.js';
import { generateAccessToken, hashAccessToken } from './accessTokenCredentials.js';
import { accessTokenStream } from './accessTokenStream.js';

export interface IssuedAccessToken {
  tokenId: string;
  name: string;
  role: Role;
  /** The plaintext token: returned this once, never stored. */
  token: string;
  issuedAt: string;
  /** When it stops working; null: until revoked. */
  expiresAt: string | null;
  /** Position of the event, to wait for the access_tokens read model before the token is handed out. */
  position: number;
}

export async function issueAccessToken(
  store: EventStore,
  request: { name: string; role: Role; expiresAt?: Date | null },
  now: Date = new Date(),
): Promise<IssuedAccessToken> {
  const tokenId = randomUUID();
  const token = generateAccessToken();
  const { newEvents, position } = await handleCommand(store, accessTokenDecider, accessTokenStream(tokenId), {
    type: 'IssueAccessToken',
    data: { tokenId, name: request.name, role: request.role, tokenHash: hashAccessToken(token), issuedAt: now, expiresAt: request.expiresAt ?? null },
  });
  const { data } = newEvents[0] as { data: { name: string; issuedAt: string; expiresAt?: string } };
  return { tokenId, name: data.name, role: request.role, token, issuedAt: data.issuedAt, expiresAt: data.expiresAt ?? null, position: position! };
}
