// What the simulator CLI needs to know of one simulated platform: adding one is a folder and a line in simulatorRegistry.ts.

/** The settings every simulator takes from the command line. */
export interface SimulatorSettings {
  port: number;
  host: string;
  /** Orders to seed. */
  count: number;
  /** Requests a minute the simulator allows; 0 for no limit. */
  rpm: number;
  currency: string;
  /** When the first seeded order was created. */
  startAt: Date;
  /** The credentials the simulator accepts: each of the entry's `credentialFlags`, given or its default. */
  credentials: Record<string, string>;
}

export interface RunningSimulator {
  baseUrl: string;
  /** What a newcomer needs to connect synchub: the integration's credentials. */
  credentials: Record<string, string>;
  /** A request to try by hand. */
  tryIt: string;
  close(): Promise<void>;
}

/** The body of `POST /v1/integrations` that connects synchub to a running simulator, complete: it can be posted as is. */
export function integrationBody(platform: string, running: Pick<RunningSimulator, 'baseUrl' | 'credentials'>, currency: string): Record<string, unknown> {
  return { name: `${platform} simulator`, platform, storeName: `${platform} simulator shop`, baseUrl: running.baseUrl, currency, credentials: running.credentials };
}

export interface SimulatorEntry {
  /** The platform's name, as `npm run simulator -- <name>` and an integration's `platform` spell it. */
  name: string;
  /** The credential flags it reads (without the leading --) and their defaults, in the order the usage shows them. */
  credentialFlags: Readonly<Record<string, string>>;
  /** When its limit is not `<rpm> requests/min`: what the CLI prints for a limit other than 0, and a note for the usage. */
  limit?: { describe(rpm: number): string; usageNote: string };
  start(settings: SimulatorSettings): Promise<RunningSimulator>;
}
