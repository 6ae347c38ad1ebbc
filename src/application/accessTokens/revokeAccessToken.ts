import { accessTokenDecider } from '../../domain/accessToken/accessTokenDecider.js';
import { handleCommand } from '../commands/commandHandler.js';
import type { EventStore } from '../ports/eventStore.js';
import { accessTokenStream } from './accessTokenStream.js';

/** Throws UnknownAccessTokenError for an id never issued, InvalidStateError when revoked already. */
export async function revokeAccessToken(
  store: EventStore,
  tokenId: string,
  now: Date = new Date(),
): Promise<{ position: number }> {
  const { position } = await handleCommand(store, accessTokenDecider, accessTokenStream(tokenId), {
    type: 'RevokeAccessToken',
    data: { tokenId, revokedAt: now },
  });
  return { position: position! };
}
