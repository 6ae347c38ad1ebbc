// What a platform takes as credentials, checked once when they are given, with the field named in the refusal.
import { InvalidValueError } from '../../domain/shared/errors.js';

/** One credential field; `minLength` counts characters of the value (default 1: not blank). */
export interface CredentialField {
  readonly minLength?: number;
}

export type CredentialFields = Readonly<Record<string, CredentialField>>;

export interface CredentialSchema {
  /** Field sets any one of which is enough, e.g. a client id and secret, or an access token; every field of the chosen set is required. */
  readonly oneOf: readonly CredentialFields[];
  /** Fields that may come with any of the sets; an empty value counts as not given. */
  readonly optional?: CredentialFields;
}

/** The credentials a schema accepts, as a type: one of the sets, and the optional fields. */
export type CredentialsOf<S extends CredentialSchema> = S['oneOf'][number] extends infer Set
  ? Set extends CredentialFields
    ? { readonly [K in keyof Set]: string } & { readonly [K in keyof S['optional']]?: string }
    : never
  : never;

/** No credential is longer than this: a longer value is a paste gone wrong, not a key. */
const MAX_LENGTH = 2000;

/** A connection's credentials as the schema's type: they were validated against it when an admin gave them. */
export function credentialsOf<S extends CredentialSchema>(_schema: S, connection: { credentials: Record<string, string> }): CredentialsOf<S> {
  return connection.credentials as CredentialsOf<S>;
}

export function credentialSchema<const S extends CredentialSchema>(schema: S): S {
  if (schema.oneOf.length === 0) throw new Error('a credential schema needs at least one set of fields');
  return schema;
}

/** The credentials when they fit one set of the schema; an InvalidValueError naming `credentials.<field>` otherwise. */
export function validCredentials(platform: string, schema: CredentialSchema, credentials: Record<string, unknown>): Record<string, string> {
  const chosen = chosenSet(schema, credentials);
  const required = Object.keys(chosen);
  const otherSets = schema.oneOf.filter((set) => set !== chosen).map((set) => Object.keys(set));
  for (const field of required) {
    const value = credentials[field];
    if (typeof value !== 'string' || value.trim() === '') {
      const verb = otherSets.length === 1 && otherSets[0]!.length > 1 ? 'are' : 'is';
      const instead = otherSets.length ? `, unless ${otherSets.map((set) => set.join(' and ')).join(' or ')} ${verb} given` : '';
      throw new InvalidValueError(`credentials.${field}`, `is required for ${platform}${instead}`);
    }
  }
  const optional = schema.optional ?? {};
  const known = [...new Set([...schema.oneOf.flatMap((set) => Object.keys(set)), ...Object.keys(optional)])];
  for (const [field, value] of Object.entries(credentials)) {
    if (!known.includes(field)) {
      throw new InvalidValueError(`credentials.${field}`, `is not a ${platform} credential (expected ${known.join(', ')})`);
    }
    if (typeof value !== 'string' || value.length > MAX_LENGTH) throw new InvalidValueError(`credentials.${field}`, 'must be text');
    if (!required.includes(field) && !(field in optional)) {
      throw new InvalidValueError(`credentials.${field}`, `cannot be given with ${required.join(' and ')}: ${platform} takes one of ${sets(schema)}`);
    }
    const minLength = chosen[field]?.minLength ?? optional[field]?.minLength ?? 1;
    // An optional field left empty is not given (today's forms send ""); a given value must be long enough.
    if (value !== '' && value.length < minLength) {
      throw new InvalidValueError(`credentials.${field}`, `must be at least ${minLength} characters for ${platform}, got ${value.length}`);
    }
  }
  return credentials as Record<string, string>;
}

/** The set the caller meant: the one with most of its fields given, the first on a tie. */
function chosenSet(schema: CredentialSchema, credentials: Record<string, unknown>): CredentialFields {
  const given = (set: CredentialFields) => Object.keys(set).filter((field) => credentials[field] !== undefined).length;
  return schema.oneOf.reduce((best, set) => (given(set) > given(best) ? set : best));
}

function sets(schema: CredentialSchema): string {
  return schema.oneOf.map((set) => Object.keys(set).join(' and ')).join(', or ');
}
