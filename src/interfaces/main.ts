import 'reflect-metadata';
import { compose } from '../infrastructure/composition/compose.js';
import { containerOf } from '../infrastructure/composition/container.js';
import { ConfigError, loadConfig } from '../infrastructure/config/config.js';
import { SynchubService } from './synchubService.js';

/** Longest a graceful shutdown may take before the process gives up and exits. */
const SHUTDOWN_DEADLINE_MS = 15_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const synchub = await compose(config);
  const { logger } = synchub;
  const container = containerOf(synchub);
  container.bind(SynchubService).toSelf();
  const service = container.get(SynchubService);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ signal }, 'shutdown deadline passed; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  await service.start();
}

main().catch((error: unknown) => {
  process.stderr.write(`synchub failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
