import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { OrderDocument } from '../../application/projections/ordersProjection.js';
import type { OrderRef } from '../../application/queries/findOrders.js';
import { presentOrder } from './orderPresentation.js';

/** About 20 000 orders of five items. */
const BUDGET_BYTES = 32 * 1024 * 1024;

/** An order's JSON as a list shows it, and its digest, from which a page's ETag is made without hashing the page. */
export interface ListedJson {
  json: Buffer;
  digest: Buffer;
}

interface Kept extends ListedJson {
  version: number;
}

/**
 * The JSON of orders as lists show them, kept per order with the version it shows. A version of an order is a value,
 * so a kept answer is right as long as the page names that version; a busy list then reads ids and versions, not
 * whole orders to parse and write out again. Beyond the byte budget the least recently listed orders are dropped.
 */
export class ListedOrderJson {
  /** In order of last use: a Map iterates in insertion order, and a use inserts again. */
  private readonly kept = new Map<string, Kept>();
  private bytes = 0;

  constructor(
    private readonly load: (ids: string[]) => Promise<OrderDocument[]>,
    private readonly budgetBytes = BUDGET_BYTES,
  ) {}

  /** The JSON of each order of the page, in its order; one gone meanwhile (a rebuild from zero) is left out. */
  async of(refs: readonly OrderRef[]): Promise<ListedJson[]> {
    const found = new Map<string, ListedJson>();
    const missing: string[] = [];
    for (const ref of refs) {
      const kept = this.kept.get(ref.id);
      if (kept?.version === ref.version) {
        this.kept.delete(ref.id);
        this.kept.set(ref.id, kept);
        found.set(ref.id, kept);
      } else missing.push(ref.id);
    }
    // Loaded now, an order may be at a later version than the page named: that one is shown, and kept.
    for (const doc of missing.length > 0 ? await this.load(missing) : []) {
      const json = Buffer.from(JSON.stringify(presentOrder(doc)));
      const kept = { version: doc.version, json, digest: createHash('sha1').update(json).digest() };
      this.keep(doc.id, kept);
      found.set(doc.id, kept);
    }
    return refs.flatMap((ref) => found.get(ref.id) ?? []);
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
    for (const [oldest, { json }] of this.kept) {
      if (this.bytes <= this.budgetBytes) break;
      this.kept.delete(oldest);
      this.bytes -= json.length;
    }
  }
}

const COMMA = Buffer.from(',');

/**
 * Answers `{"items":[…], …rest}` from items that are JSON already, as res.json would write the whole object. Its weak
 * ETag is a digest of the items' digests and the rest, so If-None-Match is answered 304 as for any other answer.
 */
export function sendJsonList(res: Response, items: readonly ListedJson[], rest: Record<string, unknown>): void {
  const tail = Buffer.from(`]${Object.keys(rest).length > 0 ? `,${JSON.stringify(rest).slice(1)}` : '}'}`);
  const parts: Buffer[] = [Buffer.from('{"items":[')];
  const etag = createHash('sha1');
  items.forEach((item, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(item.json);
    etag.update(item.digest);
  });
  parts.push(tail);
  etag.update(tail);
  res.set({ 'Content-Type': 'application/json; charset=utf-8', ETag: `W/"${etag.digest('base64url')}"` }).send(Buffer.concat(parts));
}
