// Versioned event types: when the shape of an event's data changes, its type gets a new schema version and an
// upcaster that turns the data of the version before into it. Stored events are never rewritten.

export type EventData = Record<string, unknown>;
export type Upcaster = (data: EventData) => EventData;

/** By event type, then by the version an upcaster reads: it answers the data of the next version. */
export type UpcasterRegistry = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

export const upcasters: UpcasterRegistry = {
  OrderImported: {
    // v1 was written before orders carried their responsible user: nobody was named.
    1: (data) => ({ ...data, responsibleUser: data.responsibleUser ?? null }),
  },
  AutomationRunFinished: {
    // v1 had no retryNotBefore (runs before the platform back-off existed): such a run set no back-off.
    1: (data) => ({ ...data, retryNotBefore: data.retryNotBefore ?? null }),
  },
};
