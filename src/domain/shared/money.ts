// Money is an integer of minor units (kopecks, cents): sums of prices stay exact.
import { InvalidValueError } from './errors.js';

export type Money = number;

export function assertMoney(field: string, value: number, allowNegative = false): void {
  if (!Number.isSafeInteger(value)) throw new InvalidValueError(field, `must be a whole number of minor units, got ${value}`);
  if (!allowNegative && value < 0) throw new InvalidValueError(field, `must not be negative, got ${value}`);
}
