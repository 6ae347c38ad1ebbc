import 'reflect-metadata';
import { Container } from 'inversify';
import type { Logger } from '../../application/ports/logger.js';
import type { Secrets } from '../../application/ports/secrets.js';
import { AutomationControls, defineAutomationJobs } from '../../application/automations/automationControls.js';
import type { PlatformClients } from '../../application/ports/platformClient.js';
import type { Scheduler } from '../../application/ports/scheduler.js';
import { ProjectionRunner } from '../../application/projections/projectionRunner.js';
import { PROJECTIONS } from '../../application/projections/projections.js';
import type { Config, Profile } from '../config/config.js';
import { PlatformAdapters } from '../platforms/platformClients.js';
import { AesGcmSecrets } from '../secrets/aesGcmSecrets.js';
import { loadSecretKey } from '../secrets/secretKey.js';
import { upcasting } from '../../application/upcasting/upcastingEventStore.js';
import { openScheduler, openStorage } from './storageProfiles.js';
import { TOKENS } from './tokens.js';

/** The composition root: opens the profile's stores and binds ports to adapters. */
export async function buildContainer(config: Config, logger: Logger): Promise<Container> {
  const secrets = new AesGcmSecrets(await loadSecretKey(config));
  const stored = await openStorage(config);
  // Every reader sees events upcast to their type's current shape.
  const storage = { ...stored, eventStore: upcasting(stored.eventStore) };
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind<Config>(TOKENS.Config).toConstantValue(config);
  container.bind<Logger>(TOKENS.Logger).toConstantValue(logger);
  container.bind(TOKENS.Storage).toConstantValue(storage);
  container.bind(TOKENS.EventStore).toConstantValue(storage.eventStore);
  container.bind(TOKENS.ReadModels).toConstantValue(storage.readModels);
  container.bind<Secrets>(TOKENS.Secrets).toConstantValue(secrets);
  const platforms = new PlatformAdapters();
  container.bind<PlatformClients>(TOKENS.PlatformClients).toConstantValue(platforms);
  // Jobs live next to the profile's data: PGlite or PostgreSQL table synchub_jobs, or MongoDB collection.
  const scheduler = await openScheduler(config.profile as Profile, storage.schedulerHandles ?? {}, {
    table: 'synchub_jobs',
    onError: (error) => logger.error({ err: error }, 'scheduler error'),
  });
  const automationDeps = { store: storage.eventStore, readModels: storage.readModels, secrets, platforms, logger, clock: () => new Date() };
  defineAutomationJobs(scheduler, automationDeps);
  container.bind<Scheduler>(TOKENS.Scheduler).toConstantValue(scheduler);
  container.bind<AutomationControls>(TOKENS.AutomationControls).toConstantValue(new AutomationControls(automationDeps, scheduler));
  container
    .bind<ProjectionRunner[]>(TOKENS.ProjectionRunners)
    .toConstantValue(PROJECTIONS.map((p) => new ProjectionRunner(storage.eventStore, storage.readModels, p, { logger })));
  return container;
}
