import { createHash, randomBytes } from 'node:crypto';

/** Prefix that lets people and secret scanners recognise a synchub token. */
const TOKEN_PREFIX = 'shub_';

/** A new token: 32 random bytes, base64url, prefixed. */
export function generateAccessToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What is stored and looked up instead of the token: SHA-256, hex. */
export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
