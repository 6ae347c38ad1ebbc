import { AutomationControls, defineAutomationJobs } from '../../application/automations/automationControls.js';
import type { ImportDependencies } from '../../application/import/importDependencies.js';
import type { EventStore } from '../../application/ports/eventStore.js';
import type { Logger } from '../../application/ports/logger.js';
import type { PlatformClients } from '../../application/ports/platformClient.js';
import type { Scheduler } from '../../application/ports/scheduler.js';
import type { Secrets } from '../../application/ports/secrets.js';
import { allApplied, ProjectionRunner } from '../../application/projections/projectionRunner.js';
import { PROJECTIONS } from '../../application/projections/projections.js';
import { upcasting } from '../../application/upcasting/upcastingEventStore.js';
import type { Config } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { OutboundPolicy, useOutboundPolicy } from '../platforms/http/outboundPolicy.js';
import { PlatformAdapters } from '../platforms/platformClients.js';
import { AesGcmSecrets } from '../secrets/aesGcmSecrets.js';
import { loadSecretKey } from '../secrets/secretKey.js';
import { OsProcess } from '../process/osProcess.js';
import type { Storage } from '../storage/storage.js';
import { BackgroundWork } from './backgroundWork.js';
import { openScheduler, openStorage, type OpenSchedulerOptions, type StorageTuning } from './storageProfiles.js';

/** The jobs table (default synchub_jobs), how often it is polled, and the worker's name. */
export type JobsTuning = Omit<OpenSchedulerOptions, 'onError'>;

/** The jobs, and default intervals in place of the catalogue's by automation name (e.g. seconds instead of minutes in tests). */
export type AutomationsTuning = JobsTuning & { defaultIntervalsMs?: Readonly<Record<string, number>> };

/** What a caller may put in place of the configured parts; everything else is built as the service builds it. */
export interface CompositionOverrides {
  /** Default: JSON lines to stdout at the configured LOG_LEVEL. */
  logger?: Logger;
  /** Default: the system clock. */
  clock?: () => Date;
  /** Default: the adapter of every platform. */
  platforms?: PlatformClients;
  /** Default: AES-256-GCM under SYNCHUB_SECRET_KEY, else the data directory's key file (created on first use). */
  secrets?: Secrets;
  /** Pool size and subscription polling of the profile's stores. */
  storage?: StorageTuning;
  /** false: no job scheduler, so no automations are served (the CLI, tests without them); else the jobs table and polling. */
  automations?: false | AutomationsTuning;
  /** How long a command's answer waits for the read models to include its write (default 5 s). */
  readModelsWaitMs?: number;
}

/** What the use cases are given: the stores, credentials, platforms, logger and clock, and where background work is kept. */
export interface ServiceDependencies extends ImportDependencies {
  track(work: Promise<void>): void;
}

/** The composed service: every part built once, typed, for the process, the CLI, the tests and the benchmarks. */
export interface Synchub {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** The profile's stores as the service reads them: every event upcast to its type's current shape. */
  readonly storage: Storage;
  /** The same event store as written: for commands that copy events byte for byte, and tests that write older shapes. */
  readonly storedEvents: EventStore;
  readonly secrets: Secrets;
  readonly platforms: PlatformClients;
  /** A runner per read model; the service starts them. */
  readonly projections: readonly ProjectionRunner[];
  /** Present unless composed without automations. */
  readonly scheduler?: Scheduler;
  readonly automations?: AutomationControls;
  readonly work: BackgroundWork;
  readonly deps: ServiceDependencies;
  /** Every read model includes `position` (false when one did not within the wait). */
  readModelsApplied(position: number): Promise<boolean>;
}

/** The composition root: opens the profile's stores and builds every part on them, `overrides` in place of the defaults. */
export async function compose(config: Config, overrides: CompositionOverrides = {}): Promise<Synchub> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  // The key first: a wrong key stops start-up before any store is opened.
  const secrets = overrides.secrets ?? new AesGcmSecrets(await loadSecretKey(config));
  const stored = await openStorage(config, overrides.storage);
  const storage: Storage = { ...stored, eventStore: upcasting(stored.eventStore) };
  const clock = overrides.clock ?? (() => new Date());
  // Which hosts platform requests may reach is the process's setting, applied by the one HTTP layer they all go through.
  useOutboundPolicy(new OutboundPolicy(config.allowedPrivateHosts));
  const platforms = overrides.platforms ?? new PlatformAdapters();
  const work = new BackgroundWork();
  const thisProcess = new OsProcess();
  const deps: ServiceDependencies = { store: storage.eventStore, readModels: storage.readModels, secrets, platforms, logger, clock, thisProcess, track: work.track };
  const projections = PROJECTIONS.map((projection) => new ProjectionRunner(storage.eventStore, storage.readModels, projection, { logger }));
  let scheduler: Scheduler | undefined;
  try {
    const { defaultIntervalsMs: _, ...jobs } = overrides.automations || {};
    scheduler = overrides.automations === false ? undefined : await openJobs(config, stored, deps, jobs);
  } catch (error) {
    await stored.close().catch(() => undefined);
    throw error;
  }
  return {
    config,
    logger,
    clock,
    storage,
    storedEvents: stored.eventStore,
    secrets,
    platforms,
    projections,
    scheduler,
    automations: scheduler && new AutomationControls(deps, scheduler, (overrides.automations || {}).defaultIntervalsMs),
    work,
    deps,
    readModelsApplied: (position) => allApplied(projections, position, overrides.readModelsWaitMs),
  };
}

/** Jobs live next to the profile's data: PGlite or PostgreSQL table synchub_jobs, or a MongoDB collection. */
async function openJobs(config: Config, stored: Storage, deps: ServiceDependencies, options: JobsTuning = {}): Promise<Scheduler> {
  const scheduler = await openScheduler(config.profile, stored.schedulerHandles ?? {}, {
    table: 'synchub_jobs',
    onError: (error) => deps.logger.error({ err: error }, 'scheduler error'),
    ...options,
  });
  defineAutomationJobs(scheduler, deps);
  return scheduler;
}
