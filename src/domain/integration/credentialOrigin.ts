// Credentials belong to the origin they were given for: moving the base URL elsewhere without new ones would hand
// the stored secrets to whoever answers at the new address.
import { InvalidValueError } from '../shared/errors.js';

/** scheme://host:port of a base URL (default ports dropped), the unit a browser and synchub trust credentials to. */
export function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    throw new InvalidValueError('baseUrl', 'must be an http(s) URL');
  }
}

/**
 * The rule: a base URL on another origin (scheme, host or port) needs the credentials in the same change.
 * @returns whether the change replaces the credentials, for the event to say so
 */
export function credentialsFollowOrigin(currentBaseUrl: string, newBaseUrl: string | undefined, credentialsGiven: boolean): boolean {
  if (newBaseUrl !== undefined && originOf(newBaseUrl) !== originOf(currentBaseUrl) && !credentialsGiven) {
    throw new InvalidValueError(
      'credentials',
      `must be given again when baseUrl moves to another origin (${originOf(currentBaseUrl)} → ${originOf(newBaseUrl)}): stored credentials are only ever sent where they were given for`,
    );
  }
  return credentialsGiven;
}
