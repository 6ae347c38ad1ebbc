// One narrow SQL surface so the same statements run on a pg Pool and on in-process PGlite.
export interface SqlQueryable {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions): Promise<{ rows: Row[] }>;
}

export interface QueryOptions {
  /**
   * The server keeps the statement's plan per connection and skips parse and plan on the next call: only for fixed
   * statement text (every distinct text is kept for the connection's lifetime). Clients that cannot prepare ignore it.
   */
  prepared?: boolean;
}

/** For a statement whose text never varies. */
export const PREPARED: QueryOptions = { prepared: true };

export interface SqlClient extends SqlQueryable {
  /** Multi-statement SQL without parameters (schema set-up). */
  exec(sql: string): Promise<void>;
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Schema names are interpolated into SQL, so only plain identifiers are accepted. */
export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`Invalid schema name "${schema}": use lower-case letters, digits and _`);
  }
  return `"${schema}"`;
}
