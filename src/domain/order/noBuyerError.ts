import { DomainError } from '../shared/errors.js';

/** A platform order nobody can be named the customer of: its order is rejected with this reason, the run goes on. */
export class NoBuyerError extends DomainError {
  constructor(reason: string) {
    super('no-buyer', reason);
  }
}
