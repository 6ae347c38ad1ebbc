import express, { type Express } from 'express';
import type { Logger } from '../../application/ports/logger.js';
import type { Storage } from '../../infrastructure/storage/storage.js';
import { healthRoutes } from './healthRoutes.js';
import { notFound, problemHandler } from './problem.js';
import { requestLog } from './requestLog.js';

export interface AppDependencies {
  storage: Storage;
  logger: Logger;
  isShuttingDown: () => boolean;
}

export function createApp({ storage, logger, isShuttingDown }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(logger));
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRoutes(storage, isShuttingDown));
  app.use(notFound);
  app.use(problemHandler(logger));
  return app;
}
