import { accessTokenDecider } from '../../domain/accessToken/accessTokenDecider.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { EventStore } from '../ports/eventStore.js';
import { hashAccessToken } from './accessTokenCredentials.js';
import { accessTokenStream, BOOTSTRAP_ADMIN_TOKEN_ID } from './accessTokenStream.js';

export interface SeedAdminTokenResult {
  /**
   * issued: first start with a token; rotated: the token changed, the old one is revoked;
   * unchanged: already the current token; revoked: this token was revoked through the API and stays revoked.
   */
  outcome: 'issued' | 'rotated' | 'unchanged' | 'revoked';
  /** Position of the last event written, when any was. */
  position?: number;
}

/** Makes `token` the bootstrap admin token; safe to call on every start. */
export async function seedAdminToken(
  store: EventStore,
  token: string,
  now: Date = new Date(),
): Promise<SeedAdminTokenResult> {
  const { state, newEvents, position } = await handleCommand(
    store,
    accessTokenDecider,
    accessTokenStream(BOOTSTRAP_ADMIN_TOKEN_ID),
    {
      type: 'RotateAccessToken',
      data: {
        tokenId: BOOTSTRAP_ADMIN_TOKEN_ID,
        name: 'bootstrap admin (SYNCHUB_ADMIN_TOKEN)',
        role: 'admin',
        tokenHash: hashAccessToken(token),
        rotatedAt: now,
      },
    },
  );
  if (newEvents.length === 0) return { outcome: state.status === 'revoked' ? 'revoked' : 'unchanged' };
  const rotated = newEvents.some((event) => event.type === 'AccessTokenRevoked');
  return { outcome: rotated ? 'rotated' : 'issued', position };
}
