import { isIP } from 'node:net';
import { parseRange } from '../platforms/http/outboundPolicy.js';
import { isSecretKeyText } from '../secrets/secretKey.js';

export const PROFILES = ['embedded', 'postgres', 'eventstoredb'] as const;
export type Profile = (typeof PROFILES)[number];

export interface Config {
  port: number;
  /** The interface the API listens on: 127.0.0.1 unless the operator opens it (docker-compose sets 0.0.0.0). */
  host: string;
  profile: Profile;
  /** Embedded profile: where PGlite keeps its files. */
  dataDir: string;
  databaseUrl: string;
  /** Postgres and embedded profiles: the schema that holds the events and read models. */
  pgSchema: string;
  eventStoreUrl: string;
  mongoUrl: string;
  /** Bootstrap token for the first admin; undefined leaves the admin API closed. */
  adminToken: string | undefined;
  /** Key that seals stored credentials; undefined: a key file in dataDir is used, created on first start. */
  secretKey: string | undefined;
  logLevel: string;
  /** Private hosts (CIDRs, addresses, host names) platform requests may reach; loopback and private ranges are refused otherwise. */
  allowedPrivateHosts: string[];
  /** When set, GET /metrics needs `Authorization: Bearer <this>`. */
  metricsToken: string | undefined;
}

/** A wrong setting stops start-up with a message that names the variable and what it accepts. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  return {
    port: port(env, 'PORT', 3000),
    host: host(env),
    profile: oneOf(env, 'SYNCHUB_PROFILE', PROFILES, 'embedded'),
    dataDir: nonEmpty(env, 'SYNCHUB_DATA_DIR', './data'),
    // Defaults name 127.0.0.1, not localhost, so an IPv6-first resolver cannot send us to ::1.
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://postgres@127.0.0.1:5432/synchub'),
    pgSchema: schemaName(env, 'SYNCHUB_PG_SCHEMA', 'synchub'),
    eventStoreUrl: url(env, 'EVENTSTORE_URL', ['esdb:', 'esdb+discover:', 'kurrentdb:'], 'esdb://127.0.0.1:2113?tls=false'),
    mongoUrl: url(env, 'MONGO_URL', ['mongodb:', 'mongodb+srv:'], 'mongodb://127.0.0.1:27017/synchub?replicaSet=rs0'),
    adminToken: adminToken(env),
    secretKey: secretKey(env),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    allowedPrivateHosts: allowedPrivateHosts(env),
    metricsToken: secretSetting(env, 'SYNCHUB_METRICS_TOKEN'),
  };
}

function raw(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function port(env: Env, name: string, fallback: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 65535) {
    throw new ConfigError(name, `must be a port number from 0 to 65535, got "${value}"`);
  }
  return parsed;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}

function nonEmpty(env: Env, name: string, fallback: string): string {
  return raw(env, name) ?? fallback;
}

function schemaName(env: Env, name: string, fallback: string): string {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) {
    throw new ConfigError(name, `must be a schema name of lower-case letters, digits and _, got "${value}"`);
  }
  return value;
}

function url(env: Env, name: string, protocols: string[], fallback: string): string {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `must be a URL like ${fallback}`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}, like ${fallback}`);
  }
  return value;
}

function adminToken(env: Env): string | undefined {
  return secretSetting(env, 'SYNCHUB_ADMIN_TOKEN');
}

/** A token an operator sets: long enough not to be guessed. */
function secretSetting(env: Env, name: string): string | undefined {
  const value = raw(env, name);
  if (value !== undefined && value.length < 16) throw new ConfigError(name, 'must be at least 16 characters long');
  return value;
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function host(env: Env): string {
  const value = raw(env, 'HOST');
  if (value === undefined) return '127.0.0.1';
  if (!isIP(value) && !HOST_NAME.test(value)) throw new ConfigError('HOST', `must be an address to listen on, like 127.0.0.1 or 0.0.0.0, got "${value}"`);
  return value;
}

/** Comma-separated CIDRs, addresses or host names. */
function allowedPrivateHosts(env: Env): string[] {
  const entries = (raw(env, 'SYNCHUB_ALLOWED_PRIVATE_HOSTS') ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    if (!parseRange(entry) && (entry.includes('/') || isIP(entry) || !HOST_NAME.test(entry))) {
      throw new ConfigError('SYNCHUB_ALLOWED_PRIVATE_HOSTS', `must list CIDRs (10.0.0.0/8), addresses or host names separated by commas, got "${entry}"`);
    }
  }
  return entries;
}

function secretKey(env: Env): string | undefined {
  const value = raw(env, 'SYNCHUB_SECRET_KEY');
  if (value !== undefined && !isSecretKeyText(value)) {
    throw new ConfigError('SYNCHUB_SECRET_KEY', 'must be 32 bytes as 64 hex characters or 44 base64 characters');
  }
  return value;
}
