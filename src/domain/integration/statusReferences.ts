// Settings that name local statuses must name ones the store's orders can have: a status no row of the status map
// (nor a status synchub created for an unmapped platform status) names is a typo that would silently never match.
import { InvalidValueError } from '../shared/errors.js';
import { DEFAULT_SETTINGS, type IntegrationSettings } from './integrationSettings.js';

type StatusSettings = Pick<IntegrationSettings, 'statusMap' | 'pendingPayment' | 'regressionGuard'>;

/**
 * Checked against the map: `pendingPayment.status` (orders reach it from the platform), `pendingPayment.openStatus`
 * (the platform is told the order opened, through the map) and `regressionGuard.cannotReturnTo` (statuses the
 * platform would move an order to). Not checked: `regressionGuard.invoiced`, statuses set locally by invoicing,
 * which the platform need not know. Values equal to the defaults are every store's and are not checked.
 */
export function assertKnownStatuses(settings: StatusSettings, discovered: Readonly<Record<string, string>> = {}): void {
  const known = new Set([...settings.statusMap.map((row) => row.local), ...Object.values(discovered)]);
  const unknown = (status: string) => !known.has(status);
  const { pendingPayment, regressionGuard } = settings;
  const defaults = DEFAULT_SETTINGS;
  if (pendingPayment.status !== defaults.pendingPayment.status && unknown(pendingPayment.status)) {
    throw refusal('pendingPayment.status', pendingPayment.status);
  }
  if (pendingPayment.openStatus !== defaults.pendingPayment.openStatus && unknown(pendingPayment.openStatus)) {
    throw refusal('pendingPayment.openStatus', pendingPayment.openStatus);
  }
  const guarded = regressionGuard.cannotReturnTo.filter((status) => !defaults.regressionGuard.cannotReturnTo.includes(status) && unknown(status));
  if (guarded.length > 0) throw refusal('regressionGuard.cannotReturnTo', guarded[0]);
}

function refusal(field: string, status: string): InvalidValueError {
  return new InvalidValueError(field, `no row of the status map names the local status ${JSON.stringify(status)}; map it first (statusMap) or name a mapped one`);
}
