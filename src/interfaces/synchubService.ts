import type { Server } from 'node:http';
import { inject, injectable } from 'inversify';
import { seedAdminToken } from '../application/accessTokens/seedAdminToken.js';
import type { Synchub } from '../infrastructure/composition/compose.js';
import { TOKENS } from '../infrastructure/composition/tokens.js';
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
  private readonly metrics = new PrometheusMetrics({ processMetrics: true });
  private metricsFeeds: MetricsFeeds | undefined;

  constructor(@inject(TOKENS.Synchub) private readonly synchub: Synchub) {}

  /**
   * Resolves with the port listened on once the read models have caught up and the API accepts requests: the configured
   * PORT on every interface unless `listen` names others.
   */
  async start(listen: { host?: string; port?: number } = {}): Promise<number> {
    const { config, logger, storage, projections, scheduler } = this.synchub;
    await Promise.all(projections.map((runner) => runner.start()));
    if (config.adminToken !== undefined) await this.seedAdminToken(config.adminToken);
    // Listening before automations start, so no run ends unseen.
    this.metricsFeeds = await startMetricsFeeds(this.metrics, {
      store: storage.eventStore,
      readModels: storage.readModels,
      projections: projections.map((runner) => runner.projection.name),
      logger,
    });
    // Automations start once the read models they look at have caught up.
    await scheduler?.start();
    const app = createApp({
      metrics: this.metrics,
      storage,
      logger,
      isShuttingDown: () => this.shuttingDown,
      projectionStatus: () => projections.map((runner) => runner.status()),
      readModelsApplied: (position) => this.synchub.readModelsApplied(position),
      automations: this.synchub.automations,
      sync: this.synchub.deps,
    });
    const port = listen.port ?? config.port;
    const server = listen.host === undefined ? app.listen(port) : app.listen(port, listen.host);
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const address = server.address();
    const listening = typeof address === 'object' && address ? address.port : port;
    logger.info({ port: listening, profile: storage.profile }, 'synchub listening');
    return listening;
  }

  /** SYNCHUB_ADMIN_TOKEN works from the first request: the read model has it before the API listens. */
  private async seedAdminToken(token: string): Promise<void> {
    const { outcome, position } = await seedAdminToken(this.synchub.storage.eventStore, token);
    if (position !== undefined) await this.synchub.readModelsApplied(position);
    if (outcome === 'revoked') {
      this.synchub.logger.warn({ outcome }, 'SYNCHUB_ADMIN_TOKEN was revoked through the API and stays revoked; set a new one to use it');
    } else {
      this.synchub.logger.info({ outcome }, 'bootstrap admin token ready');
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
    await this.synchub.scheduler?.stop();
    // A sync run cut short is safe (its cursor has not moved), but one that is nearly done should finish.
    await this.synchub.work.drain(SYNC_DRAIN_MS);
    await this.metricsFeeds?.stop();
    await Promise.all(this.synchub.projections.map((runner) => runner.stop()));
    await this.synchub.storage.close();
    this.synchub.logger.info({}, 'synchub stopped');
  }
}
