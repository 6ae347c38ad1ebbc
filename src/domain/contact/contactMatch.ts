// A buyer with the phone of a known contact is that contact, never a second one; the phone is compared normalised.
import { NoBuyerError } from '../order/noBuyerError.js';
import { normalisePhone } from './phone.js';

/**
 * What tells a buyer apart: the normalised phone, or the e-mail (case aside) for a buyer without a phone. Two buyers
 * with the same identity are one contact. A buyer with neither cannot be told apart and is refused.
 */
export function buyerIdentity(buyer: { phone: string; email: string }): { identity: string; phone: string } {
  const phone = buyer.phone.trim() ? normalisePhone(buyer.phone, 'buyer.phone') : '';
  const email = buyer.email.trim().toLowerCase();
  if (!phone && !email) throw new NoBuyerError('the buyer has neither a phone nor an e-mail');
  return { identity: phone ? `phone:${phone.replace('+', '')}` : `email:${email}`, phone };
}
