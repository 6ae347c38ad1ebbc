import type { AgendaBackend, JobLogger, JobRepository, NotificationChannel } from 'agenda';

/** Hands everything but the connection to the wrapped backend. */
abstract class DelegatingBackend implements AgendaBackend {
  constructor(protected readonly inner: AgendaBackend) {}

  get name(): string {
    return this.inner.name;
  }
  get repository(): JobRepository {
    return this.inner.repository;
  }
  get notificationChannel(): NotificationChannel | undefined {
    return this.inner.notificationChannel;
  }
  get logger(): JobLogger | undefined {
    return this.inner.logger;
  }
  get ownsConnection(): boolean | undefined {
    return this.inner.ownsConnection;
  }

  abstract connect(): Promise<void>;
  abstract disconnect(): Promise<void>;
}

/**
 * An Agenda backend with work of ours around its connection: indexes to create once connected,
 * a client to close on disconnect.
 */
export class ExtendedBackend extends DelegatingBackend {
  constructor(
    inner: AgendaBackend,
    private readonly hooks: {
      afterConnect?: () => Promise<void>;
      /** Runs the whole connection (inner connect, then afterConnect), e.g. under a lock. */
      aroundConnect?: (connect: () => Promise<void>) => Promise<void>;
      afterDisconnect?: () => Promise<void>;
      /** Overrides inner.ownsConnection, e.g. when we own a client the inner backend was lent. */
      ownsConnection?: boolean;
    },
  ) {
    super(inner);
  }

  override get ownsConnection(): boolean | undefined {
    return this.hooks.ownsConnection ?? this.inner.ownsConnection;
  }

  async connect(): Promise<void> {
    const connect = async () => {
      await this.inner.connect();
      await this.hooks.afterConnect?.();
    };
    await (this.hooks.aroundConnect ? this.hooks.aroundConnect(connect) : connect());
  }

  async disconnect(): Promise<void> {
    try {
      await this.inner.disconnect();
    } finally {
      await this.hooks.afterDisconnect?.();
    }
  }
}

/**
 * Agenda calls backend.connect() in its constructor without handling a rejection, so a database that
 * is down would crash the process with an unhandled rejection. This wrapper never rejects to Agenda;
 * the scheduler awaits `connected()` instead, which reports the failure and tries again on the next call.
 */
export class GuardedBackend extends DelegatingBackend {
  private attempt: Promise<void> | undefined;

  connect(): Promise<void> {
    this.attempt = this.inner.connect();
    return this.attempt.catch(() => undefined);
  }

  /** Resolves once connected; a failed connection is retried by the next call. */
  async connected(): Promise<void> {
    const attempt = (this.attempt ??= this.inner.connect());
    try {
      await attempt;
    } catch (error) {
      if (this.attempt === attempt) this.attempt = undefined;
      throw error;
    }
  }

  disconnect(): Promise<void> {
    return this.inner.disconnect();
  }
}
