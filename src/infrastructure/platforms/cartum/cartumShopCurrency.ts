// The shop's main currency from currency/export, for orders that carry none (assumed shape:
// {currencies: [{iso|code, main|default|is_default, rate}]}; the main one, else the one at rate 1).
import type { CartumApi } from './cartumApi.js';

export class CartumShopCurrency {
  private loaded: Promise<string | undefined> | undefined;

  constructor(private readonly api: CartumApi) {}

  /** Asked once per client, and only when an order lacks its own currency. */
  lookup(rawOrders: unknown[], signal?: AbortSignal): Promise<string | undefined> {
    const needed = rawOrders.some((raw) => {
      const currency = typeof raw === 'object' && raw !== null ? (raw as { currency?: unknown }).currency : undefined;
      return typeof currency !== 'string' || currency.trim() === '';
    });
    if (!needed) return Promise.resolve(undefined);
    this.loaded ??= this.load(signal).catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  private async load(signal?: AbortSignal): Promise<string | undefined> {
    const result = await this.api.call('currency/export', {}, signal);
    if (result.empty) return undefined;
    const list = Array.isArray(result.response) ? result.response : (result.response as { currencies?: unknown } | null)?.currencies;
    if (!Array.isArray(list)) return undefined;
    const rows = list.filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null);
    const code = (row: Record<string, unknown>) => {
      const text = row.iso ?? row.code;
      return typeof text === 'string' && /^[A-Za-z]{3}$/.test(text) ? text.toUpperCase() : undefined;
    };
    const flagged = (row: Record<string, unknown>) => [row.main, row.default, row.is_default].some((flag) => flag === 1 || flag === true || flag === '1');
    const main = rows.find(flagged) ?? rows.find((row) => Number(row.rate) === 1);
    return main ? code(main) : undefined;
  }
}
