import { ConfigError } from '../../infrastructure/config/config.js';

/** A failure the user can act on, reported as one line without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** One readable line for any failure; the stack only when asked for with --verbose. */
export function describeFailure(error: unknown, verbose: boolean): string {
  if (verbose && error instanceof Error && error.stack) return error.stack;
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    if (code === 'ECONNREFUSED' || error.message.includes('ECONNREFUSED')) {
      return `Cannot reach the database (${error.message}); is it running, and are DATABASE_URL / EVENTSTORE_URL / MONGO_URL right?`;
    }
    const aggregate = error as Error & { errors?: unknown[] };
    if (error.message === '' && Array.isArray(aggregate.errors) && aggregate.errors[0] instanceof Error) {
      return describeFailure(aggregate.errors[0], false);
    }
    return error.message.split('\n')[0];
  }
  return String(error);
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof ConfigError) return 2;
  return 1;
}
