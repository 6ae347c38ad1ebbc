// What a Horoshop shop holds besides orders: its statuses, the tokens it issued, its request limit.
import { randomBytes } from 'node:crypto';

export interface CartumStatusRecord {
  id: number;
  title: { ua: string; ru: string };
  /** Whether the status counts as a successful sale. */
  success: boolean;
}

const status = (id: number, ua: string, ru: string, success = false): CartumStatusRecord => ({ id, title: { ua, ru }, success });

/** The built-in statuses plus one a shop added itself. */
export const defaultCartumStatuses = (): CartumStatusRecord[] => [
  status(1, 'Новий', 'Новый'),
  status(2, 'В обробці', 'В обработке'),
  status(3, 'Доставлено', 'Доставлен', true),
  status(4, 'Скасовано', 'Отменен'),
  status(6, 'Доставляється', 'Доставляется'),
  status(7, 'Очікує оплати', 'Ожидает оплаты'),
];

export type TokenCheck = 'valid' | 'expired' | 'unknown';

/** Tokens from `auth`: each lives `ttlMs`, and all can be expired at once. */
export class CartumTokens {
  private readonly tokens = new Map<string, number>();
  issued = 0;

  constructor(private readonly ttlMs: number) {}

  issue(now: number): string {
    const token = randomBytes(16).toString('hex');
    this.tokens.set(token, now + this.ttlMs);
    this.issued++;
    return token;
  }

  check(token: unknown, now: number): TokenCheck {
    const expiresAt = typeof token === 'string' ? this.tokens.get(token) : undefined;
    if (expiresAt === undefined) return 'unknown';
    return expiresAt > now ? 'valid' : 'expired';
  }

  expireAll(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
  }
}
