import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { EventStore } from '../../../application/ports/eventStore.js';
import type { Logger } from '../../../application/ports/logger.js';
import type { ReadModels } from '../../../application/ports/readModels.js';
import { platformRequestChannel, type PlatformRequestObserved } from '../../../infrastructure/platforms/http/platformHttp.js';
import { logHead, projectionLag } from './logPositions.js';
import type { PrometheusMetrics } from './prometheusMetrics.js';
import { listenForRunMetrics } from './runMetricsListener.js';

export interface MetricsFeedSources {
  store: EventStore;
  readModels: ReadModels;
  /** Names of the projections whose lag is reported. */
  projections: readonly string[];
  logger: Logger;
}

export interface MetricsFeeds {
  stop(): Promise<void>;
}

/** Connects the registry to where the facts are: the event log, the read models' checkpoints and platform HTTP. */
export async function startMetricsFeeds(metrics: PrometheusMetrics, { store, readModels, projections, logger }: MetricsFeedSources): Promise<MetricsFeeds> {
  metrics.measureProjectionLag(() => projectionLag(store, readModels, projections));

  const onPlatformRequest = (message: unknown) => metrics.platformRequest(message as PlatformRequestObserved);
  subscribe(platformRequestChannel.name, onPlatformRequest);

  const checkpoints = await Promise.all(projections.map((name) => readModels.checkpoint(name)));
  const head = await logHead(store, Math.max(0, ...checkpoints.map((c) => c ?? 0)));
  const runs = listenForRunMetrics(store, metrics, { after: head, logger });
  runs.done.catch((error: unknown) => logger.error({ err: error }, 'run metrics stopped'));
  await runs.caughtUp;

  return {
    async stop() {
      unsubscribe(platformRequestChannel.name, onPlatformRequest);
      await runs.stop();
    },
  };
}
