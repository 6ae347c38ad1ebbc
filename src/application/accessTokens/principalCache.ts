import type { Principal } from './authenticate.js';
import { hashAccessToken } from './accessTokenCredentials.js';

/**
 * Remembers for a moment whom a current token belongs to, so a busy client's requests need no look-up each. A token
 * revoked here is refused at once (the revoking route calls forget); one revoked by another process within `ttlMs`.
 * Only known tokens are kept, under their hash: the cache holds no token and cannot be filled by guessing.
 */
export class PrincipalCache {
  private readonly known = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly lookUp: (token: string) => Promise<Principal | undefined>,
    private readonly ttlMs = 1_000,
    private readonly now: () => number = Date.now,
    /** More current tokens than any deployment holds: past it the oldest entries go first. */
    private readonly capacity = 10_000,
  ) {}

  async principalOf(token: string): Promise<Principal | undefined> {
    const key = hashAccessToken(token);
    const cached = this.known.get(key);
    if (cached && cached.until > this.now()) return cached.principal;
    this.known.delete(key);
    const principal = await this.lookUp(token);
    if (principal) {
      if (this.known.size >= this.capacity) this.known.delete(this.known.keys().next().value!);
      this.known.set(key, { principal, until: this.now() + this.ttlMs });
    }
    return principal;
  }

  /** After a revocation or a change of role: every token is looked up again. */
  forget(): void {
    this.known.clear();
  }
}
