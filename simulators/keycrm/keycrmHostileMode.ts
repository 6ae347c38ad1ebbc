// A KeyCRM that misbehaves the way real platforms do under load: 5xx, bursts of 429, answers that never come,
// cut-off or non-JSON bodies, pages far too large. Seeded, so a failing test can be replayed.
import { seededRandom } from '../shared/seededRandom.js';
import type { ServerResponse } from 'node:http';

export type KeycrmSabotage = 'server-error' | 'rate-limit-burst' | 'stall' | 'truncated' | 'not-json' | 'huge-page';

export interface KeycrmHostileOptions {
  seed?: number;
  /** Share of requests answered with a 5xx (default 0.2). */
  serverErrors?: number;
  /** Share of requests that start a burst of 429s (default 0.04). */
  rateLimitBursts?: number;
  /** How many requests in a row a burst refuses (default 3). */
  burstLength?: number;
  /** Retry-After of a burst's 429s, in seconds (default 1). */
  retryAfterSeconds?: number;
  /** Share of requests held without an answer for `stallMs` (default 0.03). */
  stalls?: number;
  /** How long a stalled request waits before its answer (KeyCRM's worst seen: 30 s). */
  stallMs?: number;
  /** Share of requests whose JSON is cut off mid-body (default 0.04). */
  truncated?: number;
  /** Share of requests answered with an HTML error page instead of JSON (default 0.04). */
  notJson?: number;
  /** Share of requests answered with a page of `hugePageBytes` (default 0.03). */
  hugePages?: number;
  hugePageBytes?: number;
  /** Serve every kind of fault once first, on every other request, so a short test meets them all. */
  everyKindFirst?: boolean;
}

/** What the simulator counts as it sabotages, for tests to assert the faults really happened. */
export type KeycrmSabotageCounts = Record<KeycrmSabotage, number>;

export class KeycrmHostileMode {
  readonly counts: KeycrmSabotageCounts = { 'server-error': 0, 'rate-limit-burst': 0, stall: 0, truncated: 0, 'not-json': 0, 'huge-page': 0 };
  private readonly random: () => number;
  private burstLeft = 0;
  private readonly stalled = new Set<NodeJS.Timeout>();
  private readonly opening: (KeycrmSabotage | undefined)[];

  constructor(private readonly options: KeycrmHostileOptions = {}) {
    this.random = seededRandom(options.seed ?? 7);
    const kinds = Object.keys(this.counts) as KeycrmSabotage[];
    this.opening = options.everyKindFirst ? kinds.flatMap((kind) => [undefined, kind]) : [];
  }

  /** The fault for this request, or undefined to answer it normally. */
  pick(): KeycrmSabotage | undefined {
    if (this.opening.length > 0) {
      const next = this.opening.shift();
      if (next === 'rate-limit-burst') this.burstLeft = Math.max(0, (this.options.burstLength ?? 3) - 1);
      return next;
    }
    if (this.burstLeft > 0) {
      this.burstLeft--;
      return 'rate-limit-burst';
    }
    const o = this.options;
    const shares: [KeycrmSabotage, number][] = [
      ['server-error', o.serverErrors ?? 0.2],
      ['rate-limit-burst', o.rateLimitBursts ?? 0.04],
      ['stall', o.stalls ?? 0.03],
      ['truncated', o.truncated ?? 0.04],
      ['not-json', o.notJson ?? 0.04],
      ['huge-page', o.hugePages ?? 0.03],
    ];
    let roll = this.random();
    for (const [sabotage, share] of shares) {
      if (roll < share) {
        if (sabotage === 'rate-limit-burst') this.burstLeft = Math.max(0, (o.burstLength ?? 3) - 1);
        return sabotage;
      }
      roll -= share;
    }
    return undefined;
  }

  /** Answers `response` with the fault; `realBody` is the JSON the request would have got. */
  async sabotage(sabotage: KeycrmSabotage, response: ServerResponse, realBody: () => Promise<string>): Promise<number> {
    this.counts[sabotage]++;
    switch (sabotage) {
      case 'server-error': {
        const status = [500, 502, 503, 504][Math.floor(this.random() * 4)];
        response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'Server Error' }));
        return status;
      }
      case 'rate-limit-burst':
        response
          .writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': String(this.options.retryAfterSeconds ?? 1) })
          .end(JSON.stringify({ message: 'Too Many Attempts.' }));
        return 429;
      case 'stall':
        // The answer comes long after any sane client stopped waiting; the timer does not keep the process alive.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => (this.stalled.delete(timer), resolve()), this.options.stallMs ?? 30_000);
          timer.unref();
          this.stalled.add(timer);
          response.once('close', () => (clearTimeout(timer), this.stalled.delete(timer), resolve()));
        });
        if (!response.destroyed) response.writeHead(200, { 'Content-Type': 'application/json' }).end(await realBody());
        return 200;
      case 'truncated': {
        const body = await realBody();
        const cut = body.slice(0, Math.max(1, Math.floor(body.length * this.random())));
        // Announces the whole length, sends part of it, then drops the connection.
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) });
        response.write(cut, () => response.destroy());
        return 200;
      }
      case 'not-json':
        response
          .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
          .end('<!doctype html><html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>');
        return 200;
      case 'huge-page':
        return this.hugePage(response);
    }
  }

  /** A valid-looking page of `hugePageBytes`, half the time without Content-Length so only reading reveals its size. */
  private async hugePage(response: ServerResponse): Promise<number> {
    const total = this.options.hugePageBytes ?? 10 * 1024 * 1024;
    const head = '{"total":1,"current_page":1,"per_page":50,"last_page":1,"data":[{"id":1,"filler":"';
    const tail = '"}]}';
    const declared = this.random() < 0.5;
    response.writeHead(200, { 'Content-Type': 'application/json', ...(declared ? { 'Content-Length': String(total) } : {}) });
    const chunk = 'x'.repeat(64 * 1024);
    let left = total - head.length - tail.length;
    response.write(head);
    while (left > 0 && !response.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.slice(0, left);
      left -= piece.length;
      if (!response.write(piece)) {
        await new Promise<void>((resolve) => {
          const done = () => (response.off('drain', done), response.off('close', done), resolve());
          response.on('drain', done).on('close', done);
        });
      }
    }
    if (!response.destroyed) response.end(tail);
    return 200;
  }

  /** Lets stalled answers go, so the server can close. */
  release(): void {
    for (const timer of this.stalled) clearTimeout(timer);
    this.stalled.clear();
  }
}
