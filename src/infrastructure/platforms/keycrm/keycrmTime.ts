// KeyCRM reads and writes times as UTC "YYYY-MM-DD HH:mm:ss" (spec, info section); the port speaks ISO 8601 UTC.
import { describe, MalformedFieldError, optionalText } from '../payload/payloadFields.js';

const KEYCRM_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z?$/;

/** The ISO form of a KeyCRM time, or undefined when the text is not one (including impossible dates). */
export function isoFromKeycrmTime(text: string): string | undefined {
  const match = KEYCRM_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2024-02-30 over to March: a round trip catches impossible dates.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  return date.toISOString();
}

/** A KeyCRM time for a filter; sub-second precision is dropped because KeyCRM stores whole seconds. */
export function keycrmTimeOf(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** A required KeyCRM time field, as ISO UTC. */
export function requireTime(value: unknown, field: string): string {
  const text = optionalText(value, field);
  if (text === undefined) throw new MalformedFieldError(field, 'is missing');
  const iso = isoFromKeycrmTime(text);
  if (iso === undefined) throw new MalformedFieldError(field, `must be a UTC time like "2024-05-16 17:00:07", got ${describe(text)}`);
  return iso;
}
