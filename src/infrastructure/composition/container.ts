import 'reflect-metadata';
import { Container } from 'inversify';
import type { Logger } from '../../application/ports/logger.js';
import type { Projection } from '../../application/projections/projection.js';
import { ProjectionRunner } from '../../application/projections/projectionRunner.js';
import type { Config } from '../config/config.js';
import { openStorage } from '../storage/openStorage.js';
import { TOKENS } from './tokens.js';

/** Every read model the service keeps up to date. */
export const PROJECTIONS: readonly Projection[] = [];

/** The composition root: opens the profile's stores and binds ports to adapters. */
export async function buildContainer(config: Config, logger: Logger): Promise<Container> {
  const storage = await openStorage(config);
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind<Config>(TOKENS.Config).toConstantValue(config);
  container.bind<Logger>(TOKENS.Logger).toConstantValue(logger);
  container.bind(TOKENS.Storage).toConstantValue(storage);
  container.bind(TOKENS.EventStore).toConstantValue(storage.eventStore);
  container.bind(TOKENS.ReadModels).toConstantValue(storage.readModels);
  container
    .bind<ProjectionRunner[]>(TOKENS.ProjectionRunners)
    .toConstantValue(PROJECTIONS.map((p) => new ProjectionRunner(storage.eventStore, storage.readModels, p, { logger })));
  return container;
}
