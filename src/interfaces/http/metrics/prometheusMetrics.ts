// The Prometheus side of the metrics port, plus what only the process itself sees: HTTP and platform requests.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AutomationRunEnded, Metrics, OrdersProcessed, SyncRunEnded } from '../../../application/ports/metrics.js';
import type { PlatformRequestObserved } from '../../../infrastructure/platforms/http/platformHttp.js';

/** Events each projection's read model is behind the log's head, by projection name. */
export type ProjectionLagSource = () => Promise<Record<string, number>>;

export interface PrometheusMetricsOptions {
  /** Node process metrics (CPU, memory, event loop lag) with the usual names; off in tests that build many registries. */
  processMetrics?: boolean;
}

/** One registry per service (never prom-client's global one), so tests and several apps in a process stay apart. */
export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private projectionLag: ProjectionLagSource | undefined;

  private readonly ordersImported = new Counter({
    name: 'synchub_orders_imported_total',
    help: 'Orders imported (created locally) by sync runs and webhooks, per integration',
    labelNames: ['integration'] as const,
    registers: [this.registry],
  });
  private readonly ordersRejected = new Counter({
    name: 'synchub_orders_rejected_total',
    help: 'Orders rejected with a reason, by sync runs and webhooks, per integration',
    labelNames: ['integration'] as const,
    registers: [this.registry],
  });
  private readonly syncRunDuration = new Histogram({
    name: 'synchub_sync_run_duration_seconds',
    help: 'Sync runs from start to finish or failure',
    labelNames: ['integration', 'outcome'] as const,
    buckets: [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [this.registry],
  });
  private readonly platformRequests = new Counter({
    name: 'synchub_platform_requests_total',
    help: 'Requests to platforms (each attempt), by HTTP status or timeout / network / aborted',
    labelNames: ['platform', 'status'] as const,
    registers: [this.registry],
  });
  private readonly platformRateLimited = new Counter({
    name: 'synchub_platform_rate_limited_total',
    help: 'Platform answers 429 Too Many Requests',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'synchub_http_request_duration_seconds',
    help: 'API requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly jobFailures = new Counter({
    name: 'synchub_job_failures_total',
    help: 'Automation runs that ended failed, per automation',
    labelNames: ['automation'] as const,
    registers: [this.registry],
  });

  constructor(options: PrometheusMetricsOptions = {}) {
    const lag = this;
    new Gauge({
      name: 'synchub_projection_lag_events',
      help: "Events in the log after the projection's checkpoint",
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        if (!lag.projectionLag) return;
        this.reset();
        for (const [projection, behind] of Object.entries(await lag.projectionLag())) this.set({ projection }, behind);
      },
    });
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  readonly contentType = this.registry.contentType;

  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** Where the projection lag is read from at each scrape. */
  measureProjectionLag(source: ProjectionLagSource): void {
    this.projectionLag = source;
  }

  ordersProcessed({ integrationId, imported, rejected }: OrdersProcessed): void {
    this.ordersImported.inc({ integration: integrationId }, imported);
    this.ordersRejected.inc({ integration: integrationId }, rejected);
  }

  syncRunEnded({ integrationId, outcome, durationSeconds }: SyncRunEnded): void {
    if (durationSeconds !== undefined) this.syncRunDuration.observe({ integration: integrationId, outcome }, durationSeconds);
  }

  automationRunEnded({ automation, outcome }: AutomationRunEnded): void {
    // Created at zero for every automation seen, so a rate() over it starts from the first run, not the first failure.
    this.jobFailures.inc({ automation }, outcome === 'failed' ? 1 : 0);
  }

  platformRequest({ platform, status }: PlatformRequestObserved): void {
    this.platformRequests.inc({ platform, status: String(status) });
    this.platformRateLimited.inc({ platform }, status === 429 ? 1 : 0);
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }
}
