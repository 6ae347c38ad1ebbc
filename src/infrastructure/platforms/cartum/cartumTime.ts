// Horoshop reads and writes times as the shop's wall-clock "YYYY-MM-DD HH:mm:ss" without a zone; Horoshop shops
// run on Kyiv time (assumption: the API docs show zone-less local times), the port speaks ISO 8601 UTC.
import { describe, MalformedFieldError, optionalText } from '../payload/payloadFields.js';

export const CARTUM_TIME_ZONE = 'Europe/Kyiv';

const CARTUM_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(instant: number, zone: string): number[] {
  const parts = Object.fromEntries(formatterFor(zone).formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second].map(Number);
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetMs(instant: number, zone: string): number {
  const [year, month, day, hour, minute, second] = wallClock(instant, zone);
  return Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(instant / 1000) * 1000;
}

/** A shop time for a request; sub-second precision is dropped because Horoshop stores whole seconds. */
export function cartumTimeOf(date: Date, zone = CARTUM_TIME_ZONE): string {
  const [year, month, day, hour, minute, second] = wallClock(date.getTime(), zone);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${year}-${two(month)}-${two(day)} ${two(hour)}:${two(minute)}:${two(second)}`;
}

/** The ISO UTC form of a shop time, or undefined when the text is not one (including impossible dates). */
export function isoFromCartumTime(text: string, zone = CARTUM_TIME_ZONE): string | undefined {
  const match = CARTUM_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  // Two passes settle the offset on the right side of a DST change.
  const first = asUtc - offsetMs(asUtc, zone);
  return new Date(asUtc - offsetMs(first, zone)).toISOString();
}

/** A required shop time field, as ISO UTC. */
export function requireCartumTime(value: unknown, field: string, zone = CARTUM_TIME_ZONE): string {
  const text = optionalText(value, field);
  if (text === undefined || text.trim() === '') throw new MalformedFieldError(field, 'is missing');
  const iso = isoFromCartumTime(text.trim(), zone);
  if (iso === undefined) throw new MalformedFieldError(field, `must be a shop time like "2024-05-16 17:00:07", got ${describe(text)}`);
  return iso;
}
