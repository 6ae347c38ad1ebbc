import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { OrderDocument } from '../../application/projections/ordersProjection.js';

/** About 20 000 orders of five items. */
const BUDGET_BYTES = 32 * 1024 * 1024;

/** An order's JSON as an answer shows it, and its digest, from which an ETag is made without hashing the answer. */
export interface KeptJson {
  json: Buffer;
  digest: Buffer;
}

interface Kept extends KeptJson {
  version: number;
  /** Shown since the last eviction pass: it gets a second chance (CLOCK), so a hit is one write, not a reinsertion. */
  used: boolean;
}

/** An order and the version a caller knows it at; without one, the order is read. */
export interface OrderAt {
  id: string;
  version?: number;
}

/**
 * The JSON of orders as an answer presents them, kept per order with the version it shows. A version of an order is a
 * value, so a kept answer is right as long as the caller names that version; a busy route then reads ids and versions,
 * not whole orders to parse and write out again. Beyond the byte budget those not shown for longest are dropped.
 */
export class KeptOrderJson {
  /** In order of keeping (a Map iterates in insertion order); one shown since the last eviction is moved back once. */
  private readonly kept = new Map<string, Kept>();
  private bytes = 0;

  constructor(
    private readonly load: (ids: string[]) => Promise<OrderDocument[]>,
    private readonly present: (doc: OrderDocument) => unknown,
    private readonly budgetBytes = BUDGET_BYTES,
  ) {}

  /** Whether some version of the order is kept: only then is its version worth reading on its own. */
  has(id: string): boolean {
    return this.kept.has(id);
  }

  /** The JSON of each order, in their order; one gone meanwhile (a rebuild from zero) is left out. */
  async of(orders: readonly OrderAt[]): Promise<KeptJson[]> {
    const shown = orders.map(({ id, version }): KeptJson | undefined => {
      const kept = this.kept.get(id);
      if (kept === undefined || kept.version !== version) return undefined;
      kept.used = true;
      return kept;
    });
    const missing = orders.filter((_, i) => shown[i] === undefined).map(({ id }) => id);
    if (missing.length === 0) return shown as KeptJson[];
    // Loaded now, an order may be at a later version than the caller named: that one is shown, and kept.
    const loaded = new Map<string, Kept>();
    for (const doc of await this.load(missing)) {
      const json = Buffer.from(JSON.stringify(this.present(doc)));
      const kept = { version: doc.version, json, digest: createHash('sha1').update(json).digest(), used: false };
      this.keep(doc.id, kept);
      loaded.set(doc.id, kept);
    }
    return orders.flatMap(({ id }, i) => shown[i] ?? loaded.get(id) ?? []);
  }

  /** How many orders and bytes are kept (for tests and metrics). */
  size(): { orders: number; bytes: number } {
    return { orders: this.kept.size, bytes: this.bytes };
  }

  private keep(id: string, entry: Kept): void {
    const previous = this.kept.get(id);
    if (previous) {
      this.bytes -= previous.json.length;
      this.kept.delete(id);
    }
    this.kept.set(id, entry);
    this.bytes += entry.json.length;
    // Oldest first; one shown since is moved to the back once instead, so what goes is what was not shown for longest.
    for (const [oldest, kept] of this.kept) {
      if (this.bytes <= this.budgetBytes) break;
      this.kept.delete(oldest);
      if (kept.used) {
        kept.used = false;
        this.kept.set(oldest, kept);
      } else this.bytes -= kept.json.length;
    }
  }
}

const JSON_CONTENT = 'application/json; charset=utf-8';
const weakETag = (digest: Buffer) => `W/"${digest.toString('base64url')}"`;

/** Answers with one kept order: its ETag from the digest kept with it, so If-None-Match is answered 304 as elsewhere. */
export function sendKeptJson(res: Response, order: KeptJson): void {
  sendJsonPage(res, { body: order.json, etag: weakETag(order.digest) });
}

const COMMA = Buffer.from(',');
/** Pages whose bodies are kept: the pages polled right now, not a second cache of orders. */
const KEPT_PAGES = 16;

/** A list's answer ready to send: its body and weak ETag. */
export interface JsonPage {
  body: Buffer;
  etag: string;
}

/**
 * Answers `{"items":[…], …rest}` from items that are JSON already, as res.json would write the whole object. Its weak
 * ETag is a digest of the items' digests and the rest. The bodies of the pages answered last are kept by that ETag:
 * a page that dashboards poll is written from one buffer instead of being joined again for each of them.
 */
export class JsonPages {
  private readonly bodies = new Map<string, Buffer>();

  constructor(private readonly keptPages = KEPT_PAGES) {}

  pageOf(items: readonly KeptJson[], rest: Record<string, unknown>): JsonPage {
    const tail = Buffer.from(`]${Object.keys(rest).length > 0 ? `,${JSON.stringify(rest).slice(1)}` : '}'}`);
    const hash = createHash('sha1');
    for (const item of items) hash.update(item.digest);
    const etag = weakETag(hash.update(tail).digest());
    return { etag, body: this.bodyOf(etag, items, tail) };
  }

  private bodyOf(etag: string, items: readonly KeptJson[], tail: Buffer): Buffer {
    let body = this.bodies.get(etag);
    if (body) this.bodies.delete(etag);
    else {
      const parts: Buffer[] = [Buffer.from('{"items":[')];
      items.forEach((item, i) => (i > 0 ? parts.push(COMMA, item.json) : parts.push(item.json)));
      body = Buffer.concat([...parts, tail]);
    }
    this.bodies.set(etag, body);
    if (this.bodies.size > this.keptPages) this.bodies.delete(this.bodies.keys().next().value!);
    return body;
  }
}

/** Answers with JSON ready to send, a page of JsonPages or one kept order. */
export function sendJsonPage(res: Response, { body, etag }: JsonPage): void {
  res.set({ 'Content-Type': JSON_CONTENT, ETag: etag }).send(body);
}
