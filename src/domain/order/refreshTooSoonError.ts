import { DomainError } from '../shared/errors.js';

/** Manual refresh of one order is allowed once every 10 minutes, so a person cannot hammer the platform. */
export const REFRESH_INTERVAL_MS = 10 * 60 * 1000;

export class RefreshTooSoonError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('refresh-too-soon', `This order was refreshed less than 10 minutes ago; try again in ${retryAfterSeconds} s`);
  }
}
