// Typed domain errors: the HTTP layer turns them into problem+json a person can act on.
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command does not make sense for the aggregate's current state (e.g. importing an order twice). */
export class InvalidStateError extends DomainError {
  constructor(message: string) {
    super('invalid-state', message);
  }
}

/** The command carries a value the domain cannot accept (e.g. a negative quantity). */
export class InvalidValueError extends DomainError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super('invalid-value', `${field}: ${reason}`);
  }
}
