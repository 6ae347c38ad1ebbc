import type { Server } from 'node:http';
import { inject, injectable } from 'inversify';
import type { Logger } from '../application/ports/logger.js';
import type { ProjectionRunner } from '../application/projections/projectionRunner.js';
import type { Config } from '../infrastructure/config/config.js';
import { TOKENS } from '../infrastructure/composition/tokens.js';
import type { Storage } from '../infrastructure/storage/storage.js';
import { createApp } from './http/app.js';

/** The running process: projections and the HTTP API, started together and drained together. */
@injectable()
export class SynchubService {
  private server: Server | undefined;
  private shuttingDown = false;

  constructor(
    @inject(TOKENS.Config) private readonly config: Config,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Storage) private readonly storage: Storage,
    @inject(TOKENS.ProjectionRunners) private readonly projections: ProjectionRunner[],
  ) {}

  /** Resolves with the port listened on once the read models have caught up and the API accepts requests. */
  async start(): Promise<number> {
    await Promise.all(this.projections.map((runner) => runner.start()));
    const app = createApp({ storage: this.storage, logger: this.logger, isShuttingDown: () => this.shuttingDown });
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
    await Promise.all(this.projections.map((runner) => runner.stop()));
    await this.storage.close();
    this.logger.info({}, 'synchub stopped');
  }
}
