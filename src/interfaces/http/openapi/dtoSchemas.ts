// JSON Schemas of the class-validator DTOs, read from the same decorators that validate requests.
import 'reflect-metadata';
import { createRequire } from 'node:module';
import type { ClassConstructor } from 'class-transformer';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { Schema } from './responseSchemas.js';

const REF_PREFIX = '#/components/schemas/';
// class-transformer keeps @Type (the element class of nested arrays) here, in the CommonJS build validation loads too.
const { defaultMetadataStorage } = createRequire(import.meta.url)('class-transformer/cjs/storage.js') as { defaultMetadataStorage: MetadataStorage };

/** The schema of each DTO named in `roots` and of every DTO they nest, by class name. */
export function dtoSchemas(roots: readonly ClassConstructor<object>[]): Record<string, Schema> {
  const all = validationMetadatasToSchemas({ classTransformerMetadataStorage: defaultMetadataStorage, refPointerPrefix: REF_PREFIX }) as Record<
    string,
    Schema
  >;
  const picked: Record<string, Schema> = {};
  const visit = (name: string) => {
    if (picked[name] || !all[name]) return;
    picked[name] = { ...all[name], additionalProperties: false };
    for (const nested of refsIn(all[name])) visit(nested);
  };
  for (const root of roots) {
    if (!all[root.name]) picked[root.name] = { type: 'object', properties: {}, additionalProperties: false };
    visit(root.name);
  }
  return picked;
}

function refsIn(schema: unknown): string[] {
  if (schema === null || typeof schema !== 'object') return [];
  if (Array.isArray(schema)) return schema.flatMap(refsIn);
  return Object.entries(schema).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' && value.startsWith(REF_PREFIX) ? [value.slice(REF_PREFIX.length)] : refsIn(value),
  );
}
