// The HTTP plumbing every platform simulator shares: serving, answering, reading a JSON request body, closing.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

const MAX_BODY_BYTES = 1024 * 1024;

/** The request's JSON object, or undefined when it is not one (bodies over 1 MB are refused). */
export async function jsonBody(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Stops listening and drops kept-alive connections, so a test's process can end. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** What a simulator's router answers: the status, the JSON body, extra headers. */
export class HttpAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

/**
 * Serves `answer` on host:port (port 0 picks a free one), over HTTPS when given a certificate; a request the simulator
 * itself fails gets a bare 500.
 */
export async function listenSimulator(
  answer: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
  { port = 0, host = '127.0.0.1', tls }: { port?: number; host?: string; tls?: { cert: string; key: string } },
): Promise<{ server: Server; port: number; origin: string }> {
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    response.on('error', () => undefined); // a client that gave up is not the simulator's failure
    answer(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  };
  const server: Server = tls ? createTlsServer(tls, handle) : createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return { server, port: bound, origin: `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${bound}` };
}
