// Readers for the shapes Horoshop uses that the shared payload readers do not cover.
import { describe, isPresent, MalformedFieldError, optionalText, type Json } from '../payload/payloadFields.js';

/** Horoshop's numeric ids arrive as numbers or numeric strings ("12"); the port carries them as text. */
export function requireCartumId(value: unknown, field: string): string {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined || !/^\d{1,15}$/.test(text) || Number(text) <= 0) {
    throw new MalformedFieldError(field, `must be a positive integer id, got ${isPresent(value) ? describe(value) : 'nothing'}`);
  }
  return String(Number(text));
}

/** Shop languages Horoshop names texts by, most likely first for a Ukrainian shop: the fallback order. */
const LANGUAGES = ['ua', 'uk', 'ru', 'en'];

/** Horoshop names Ukrainian "ua", where ISO 639-1 says "uk". */
const HOROSHOP_KEYS: Readonly<Record<string, readonly string[]>> = { uk: ['ua', 'uk'] };

/** The keys to look under, in order: the integration's language first, then Horoshop's usual ones. */
export function cartumLanguages(language?: string): readonly string[] {
  const base = language?.toLowerCase().split('-')[0];
  const wanted = base ? (HOROSHOP_KEYS[base] ?? [base]) : [];
  return [...new Set([...wanted, ...LANGUAGES])];
}

/** A text Horoshop may send plain or per language ({ua, ru}); the first filled language of `languages` wins. */
export function optionalLocalText(value: unknown, field: string, maxLength?: number, languages: readonly string[] = LANGUAGES): string | undefined {
  if (!isPresent(value)) return undefined;
  if (typeof value === 'string') return optionalText(value, field, maxLength);
  if (Array.isArray(value)) return value.length === 0 ? undefined : optionalLocalText(value[0], `${field}[0]`, maxLength, languages);
  if (typeof value !== 'object') throw new MalformedFieldError(field, `must be text, got ${describe(value)}`);
  const texts = value as Json;
  const keys = [...languages.filter((language) => language in texts), ...Object.keys(texts).filter((key) => !languages.includes(key))];
  for (const key of keys) {
    const text = optionalText(texts[key], `${field}.${key}`, maxLength);
    if (text && text.trim()) return text;
  }
  return undefined;
}

/** A named reference such as delivery_type {id, title}: its title, or a plain string. */
export function optionalTitle(value: unknown, field: string, languages?: readonly string[]): string | undefined {
  if (!isPresent(value)) return undefined;
  if (typeof value === 'string') return optionalText(value, field);
  if (typeof value !== 'object' || Array.isArray(value)) throw new MalformedFieldError(field, `must be an object with a title, got ${describe(value)}`);
  const reference = value as Json;
  return optionalLocalText(reference.title ?? reference.name ?? reference.value, `${field}.title`, undefined, languages);
}
