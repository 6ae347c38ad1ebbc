import type { Projection } from '../../application/projections/projection.js';
import { PROJECTIONS } from '../../application/projections/projections.js';
import { CliError } from './cliErrors.js';

/** The projections a command works on: the one named, or all of them. */
export function projectionsNamed(name: string | undefined): readonly Projection[] {
  if (name === undefined) return PROJECTIONS;
  const projection = PROJECTIONS.find((p) => p.name === name);
  if (!projection) {
    throw new CliError(`Unknown read model "${name}"; known: ${PROJECTIONS.map((p) => p.name).join(', ')}`);
  }
  return [projection];
}

export function projectionNamed(name: string): Projection {
  return projectionsNamed(name)[0];
}
