// Versioned event types: when the shape of an event's data changes, its type gets a new schema version and an
// upcaster that turns the data of the version before into it. Stored events are never rewritten.

import { DEFAULT_SETTINGS } from '../../domain/integration/integrationSettings.js';
import { defaultStoreCountry } from '../../domain/integration/storeCountry.js';

export type EventData = Record<string, unknown>;
export type Upcaster = (data: EventData) => EventData;

/** By event type, then by the version an upcaster reads: it answers the data of the next version. */
export type UpcasterRegistry = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

export const upcasters: UpcasterRegistry = {
  OrderImported: {
    // v1 was written before orders carried their responsible user: nobody was named.
    1: (data) => ({ ...data, responsibleUser: data.responsibleUser ?? null }),
  },
  IntegrationConnected: {
    // v1 was written before the regression guard and the pending-payment rule existed: such a store has the defaults.
    1: (data) => (isRecord(data.settings) ? { ...data, settings: withSettingsDefaults(data.settings) } : data),
    // v2 was written before stores had a country for their buyers' phones (it follows from the currency, as for new
    // ones) and before platform options (none were set).
    2: (data) => (isRecord(data.settings) ? { ...data, settings: { platformOptions: {}, ...withStoreCountry(data.settings) } } : data),
    // v3 carried statusRoles, which nothing ever read: settings without an effect are no longer kept.
    3: (data) => (isRecord(data.settings) ? { ...data, settings: withoutStatusRoles(data.settings) } : data),
  },
  IntegrationSettingsChanged: {
    // v1 could change statusRoles, which nothing ever read.
    1: (data) => (isRecord(data.changes) ? { ...data, changes: withoutStatusRoles(data.changes) } : data),
  },
  AutomationRunFinished: {
    // v1 had no retryNotBefore (runs before the platform back-off existed): such a run set no back-off.
    1: (data) => ({ ...data, retryNotBefore: data.retryNotBefore ?? null }),
  },
};

const isRecord = (value: unknown): value is EventData => typeof value === 'object' && value !== null && !Array.isArray(value);

function withoutStatusRoles({ statusRoles: _, ...settings }: EventData): EventData {
  return settings;
}

function withSettingsDefaults(settings: EventData): EventData {
  return {
    ...settings,
    regressionGuard: settings.regressionGuard ?? DEFAULT_SETTINGS.regressionGuard,
    pendingPayment: settings.pendingPayment ?? DEFAULT_SETTINGS.pendingPayment,
  };
}

function withStoreCountry(settings: EventData): EventData {
  if (settings.country !== undefined) return settings;
  return { ...settings, country: typeof settings.currency === 'string' ? defaultStoreCountry(settings.currency) : null };
}
