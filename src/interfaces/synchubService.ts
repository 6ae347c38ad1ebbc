import { createServer, type Server } from 'node:http';
import { inject, injectable } from 'inversify';
import { seedAdminToken } from '../application/accessTokens/seedAdminToken.js';
import { closeOrphanedSyncRuns } from '../application/import/stalledSyncRuns.js';
import type { Synchub } from '../infrastructure/composition/compose.js';
import { TOKENS } from '../infrastructure/composition/tokens.js';
import { ownPorts } from '../infrastructure/platforms/http/outboundPolicy.js';
import { createApp } from './http/app.js';
import { startMetricsFeeds, type MetricsFeeds } from './http/metrics/metricsFeeds.js';
import { PrometheusMetrics } from './http/metrics/prometheusMetrics.js';
import { RequestsInFlight } from './http/requestsInFlight.js';

/**
 * A client gets this long to send its request headers, and its whole request; an idle kept-alive connection is closed
 * after keepAlive. Node's defaults let a client that sends a Content-Length and one byte hold a socket for 300 s.
 */
export interface ConnectionLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** How often Node looks for requests past their time (its default, 30 s, would let them run over by that much). */
  checkEveryMs: number;
}
export const CONNECTION_LIMITS: ConnectionLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, checkEveryMs: 1_000 };

/** How long shutdown waits for sync runs in progress before closing the stores under them. */
const SYNC_DRAIN_MS = 8_000;
/** How long shutdown waits for requests still being worked on, their clients gone or not, before closing the stores. */
const REQUEST_DRAIN_MS = 10_000;

/** The running process: projections and the HTTP API, started together and drained together. */
@injectable()
export class SynchubService {
  private server: Server | undefined;
  private listeningPort: number | undefined;
  private shuttingDown = false;
  private readonly metrics = new PrometheusMetrics({ processMetrics: true });
  private readonly requests = new RequestsInFlight();
  private metricsFeeds: MetricsFeeds | undefined;

  constructor(@inject(TOKENS.Synchub) private readonly synchub: Synchub) {}

  /**
   * Resolves with the port listened on once the read models have caught up and the API accepts requests: the configured
   * PORT on the configured HOST unless `listen` names others.
   */
  async start(listen: { host?: string; port?: number; limits?: ConnectionLimits } = {}): Promise<number> {
    const { config, logger, storage, projections, scheduler } = this.synchub;
    await Promise.all(projections.map((runner) => runner.start()));
    // Runs left "running" by a process that is gone are recorded as failed before anything else looks at them.
    const orphaned = await closeOrphanedSyncRuns(this.synchub.deps);
    if (orphaned > 0) logger.warn({ runs: orphaned }, 'sync runs of a process that stopped were recorded as failed');
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
      metricsToken: config.metricsToken,
      clock: this.synchub.clock,
    });
    const port = listen.port ?? config.port;
    const host = listen.host ?? config.host;
    const limits = listen.limits ?? CONNECTION_LIMITS;
    const server = createServer(
      { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, keepAliveTimeout: limits.keepAliveTimeoutMs, connectionsCheckingInterval: limits.checkEveryMs },
      this.requests.around(app),
    );
    server.listen(port, host);
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const address = server.address();
    const listening = typeof address === 'object' && address ? address.port : port;
    // Platform requests never reach the API itself, whatever private hosts the operator allows.
    ownPorts.add(listening);
    this.listeningPort = listening;
    logger.info({ port: listening, host, profile: storage.profile }, 'synchub listening');
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
    // The server closes once every connection has, but a client that left does not stop the handler working for it.
    const unanswered = await this.requests.drained(REQUEST_DRAIN_MS);
    if (unanswered > 0) this.synchub.logger.warn({ requests: unanswered }, 'requests still running when the stores close');
    if (this.listeningPort !== undefined) ownPorts.delete(this.listeningPort);
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
