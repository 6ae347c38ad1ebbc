// A buyer with the phone of a known contact is that contact, never a second one; the phone is compared in E.164, read
// in the country of the buyer's address, else in the store's country.
import { NoBuyerError } from '../order/noBuyerError.js';
import { normalisePhone } from './phone.js';

/** A buyer as a platform sends one: `country` is the ISO code of their address, when the platform gives one. */
export interface BuyerKeys {
  phone: string;
  email: string;
  country?: string;
}

/** Where a phone written without its country code is read: the buyer's address, else the store. */
export function phoneCountry(addressCountry: string | undefined, storeCountry: string | null): string | undefined {
  return addressCountry?.trim() ? addressCountry.trim().toUpperCase() : (storeCountry ?? undefined);
}

/**
 * What tells a buyer apart: the phone in E.164, or the e-mail (case aside) for a buyer without a phone. Two buyers
 * with the same identity are one contact. A buyer with neither cannot be told apart and is refused.
 */
export function buyerIdentity(buyer: BuyerKeys, storeCountry: string | null = null): { identity: string; phone: string } {
  const country = phoneCountry(buyer.country, storeCountry);
  const phone = buyer.phone.trim() ? normalisePhone(buyer.phone, 'buyer.phone', country) : '';
  const email = buyer.email.trim().toLowerCase();
  if (!phone && !email) throw new NoBuyerError('the buyer has neither a phone nor an e-mail');
  // The key of an international number is its digits, as it was before phones were kept in E.164: old contacts match.
  return { identity: phone ? `phone:${phone.replace('+', '')}` : `email:${email}`, phone };
}
