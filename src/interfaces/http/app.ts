import express, { Router, type Express } from 'express';
import { authenticate } from '../../application/accessTokens/authenticate.js';
import type { Logger } from '../../application/ports/logger.js';
import type { Storage } from '../../infrastructure/storage/storage.js';
import { authentication } from './authentication.js';
import { healthRoutes } from './healthRoutes.js';
import { notFound, problemHandler } from './problem.js';
import { requestLog } from './requestLog.js';
import { tokenRoutes } from './tokenRoutes.js';

export interface AppDependencies {
  storage: Storage;
  logger: Logger;
  isShuttingDown: () => boolean;
  /** Resolves once the access_tokens read model includes `position`, so tokens work as soon as they are handed out. */
  accessTokensApplied: (position: number) => Promise<boolean>;
}

export function createApp({ storage, logger, isShuttingDown, accessTokensApplied }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(logger));
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRoutes(storage, isShuttingDown));

  // Everything under /v1 needs an access token: authentication comes before every v1 router.
  const v1 = Router();
  v1.use(authentication((token) => authenticate(storage.readModels, token)));
  v1.use(tokenRoutes({ eventStore: storage.eventStore, readModels: storage.readModels, logger, accessTokensApplied }));
  app.use('/v1', v1);

  app.use(notFound);
  app.use(problemHandler(logger));
  return app;
}
