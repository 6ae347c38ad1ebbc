// Order statuses: Horoshop's built-in ones, and the shop's own list from orders/get_available_statuses (Horoshop 4+).
import type { PlatformStatus } from '../../../application/ports/platformClient.js';
import { optionalLocalText } from './cartumFields.js';

/** The statuses every Horoshop shop has; older shops (no get_available_statuses) have only these. */
export const DEFAULT_CARTUM_STATUSES: readonly PlatformStatus[] = [
  { id: '1', name: 'New' },
  { id: '2', name: 'Processing' },
  { id: '3', name: 'Delivered' },
  { id: '4', name: 'Cancelled' },
  { id: '6', name: 'Delivering' },
];

/** The list from {statuses: [{id, title: {ua…}}]} or a bare array; a status without a usable id is skipped. */
export function readCartumStatuses(response: unknown, languages?: readonly string[]): PlatformStatus[] {
  const list = Array.isArray(response) ? response : (response as { statuses?: unknown } | null)?.statuses;
  if (!Array.isArray(list)) return [...DEFAULT_CARTUM_STATUSES];
  const statuses: PlatformStatus[] = [];
  for (const raw of list) {
    if (typeof raw !== 'object' || raw === null) continue;
    const { id, title, name } = raw as { id?: unknown; title?: unknown; name?: unknown };
    const text = typeof id === 'number' ? String(id) : typeof id === 'string' ? id.trim() : '';
    if (!/^\d{1,15}$/.test(text)) continue;
    let label: string | undefined;
    try {
      label = optionalLocalText(title ?? name, 'title', undefined, languages)?.trim();
    } catch {
      label = undefined;
    }
    statuses.push({ id: String(Number(text)), name: (label || DEFAULT_CARTUM_STATUSES.find((s) => s.id === text)?.name || `status ${text}`).slice(0, 1000) });
  }
  return statuses;
}
