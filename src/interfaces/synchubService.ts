import type { Server } from 'node:http';
import { inject, injectable } from 'inversify';
import { seedAdminToken } from '../application/accessTokens/seedAdminToken.js';
import type { Logger } from '../application/ports/logger.js';
import type { PlatformClients } from '../application/ports/platformClient.js';
import type { AutomationControls } from '../application/automations/automationControls.js';
import type { Scheduler } from '../application/ports/scheduler.js';
import type { Secrets } from '../application/ports/secrets.js';
import { allApplied, type ProjectionRunner } from '../application/projections/projectionRunner.js';
import type { Config } from '../infrastructure/config/config.js';
import { TOKENS } from '../infrastructure/composition/tokens.js';
import type { Storage } from '../infrastructure/storage/storage.js';
import { createApp } from './http/app.js';
import { startMetricsFeeds, type MetricsFeeds } from './http/metrics/metricsFeeds.js';
import { PrometheusMetrics } from './http/metrics/prometheusMetrics.js';

/** How long shutdown waits for sync runs in progress before closing the stores under them. */
const SYNC_DRAIN_MS = 8_000;

/** The running process: projections and the HTTP API, started together and drained together. */
@injectable()
export class SynchubService {
  private server: Server | undefined;
  private shuttingDown = false;
  /** Sync runs started through the API that have not ended yet. */
  private readonly backgroundWork = new Set<Promise<void>>();
  private readonly metrics = new PrometheusMetrics({ processMetrics: true });
  private metricsFeeds: MetricsFeeds | undefined;

  constructor(
    @inject(TOKENS.Config) private readonly config: Config,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Storage) private readonly storage: Storage,
    @inject(TOKENS.ProjectionRunners) private readonly projections: ProjectionRunner[],
    @inject(TOKENS.Secrets) private readonly secrets: Secrets,
    @inject(TOKENS.PlatformClients) private readonly platforms: PlatformClients,
    @inject(TOKENS.Scheduler) private readonly scheduler: Scheduler,
    @inject(TOKENS.AutomationControls) private readonly automations: AutomationControls,
  ) {}

  /** Every read model includes `position` (false when one did not within the timeout). */
  private async readModelsApplied(position: number): Promise<boolean> {
    return allApplied(this.projections, position);
  }

  /** Resolves with the port listened on once the read models have caught up and the API accepts requests. */
  async start(): Promise<number> {
    await Promise.all(this.projections.map((runner) => runner.start()));
    if (this.config.adminToken !== undefined) await this.seedAdminToken(this.config.adminToken);
    // Listening before automations start, so no run ends unseen.
    this.metricsFeeds = await startMetricsFeeds(this.metrics, {
      store: this.storage.eventStore,
      readModels: this.storage.readModels,
      projections: this.projections.map((runner) => runner.projection.name),
      logger: this.logger,
    });
    // Automations start once the read models they look at have caught up.
    await this.scheduler.start();
    const app = createApp({
      metrics: this.metrics,
      storage: this.storage,
      logger: this.logger,
      isShuttingDown: () => this.shuttingDown,
      projectionStatus: () => this.projections.map((runner) => runner.status()),
      readModelsApplied: (position) => this.readModelsApplied(position),
      automations: this.automations,
      sync: {
        secrets: this.secrets,
        platforms: this.platforms,
        clock: () => new Date(),
        track: (work) => {
          this.backgroundWork.add(work);
          void work.finally(() => this.backgroundWork.delete(work));
        },
      },
    });
    const server = app.listen(this.config.port);
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : this.config.port;
    this.logger.info({ port, profile: this.storage.profile }, 'synchub listening');
    return port;
  }

  /** SYNCHUB_ADMIN_TOKEN works from the first request: the read model has it before the API listens. */
  private async seedAdminToken(token: string): Promise<void> {
    const { outcome, position } = await seedAdminToken(this.storage.eventStore, token);
    if (position !== undefined) await this.readModelsApplied(position);
    if (outcome === 'revoked') {
      this.logger.warn({ outcome }, 'SYNCHUB_ADMIN_TOKEN was revoked through the API and stays revoked; set a new one to use it');
    } else {
      this.logger.info({ outcome }, 'bootstrap admin token ready');
    }
  }

  /** Stops taking requests, lets in-flight requests and projection batches finish, then closes the stores. */
  async stop(): Promise<void> {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    const server = this.server;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
    }
    // Running automations are asked to stop at a safe point; their job locks are released for other processes.
    await this.scheduler.stop();
    // A sync run cut short is safe (its cursor has not moved), but one that is nearly done should finish.
    await Promise.race([Promise.allSettled(this.backgroundWork), new Promise((resolve) => setTimeout(resolve, SYNC_DRAIN_MS).unref())]);
    await this.metricsFeeds?.stop();
    await Promise.all(this.projections.map((runner) => runner.stop()));
    await this.storage.close();
    this.logger.info({}, 'synchub stopped');
  }
}
