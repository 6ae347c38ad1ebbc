// Capture rules say which platform orders synchub picks up at all; an order already imported is always kept in sync.
import type { CaptureAcknowledgementQueued } from './orderEvents.js';
import { onTestAllowList } from './testAllowList.js';

export interface CaptureSettings {
  /** Platform statuses picked up at all; null captures every status. */
  captureStatuses: readonly string[] | null;
  testAllowList: readonly string[] | null;
}

/** Whether a platform status is one the integration captures. */
export function isCaptureStatus(captureStatuses: readonly string[] | null, platformStatus: string): boolean {
  return !captureStatuses || captureStatuses.includes(platformStatus);
}

/**
 * Why a platform order is not captured (it is skipped, not rejected), or null when it is. Only orders not imported
 * yet are judged: one already imported follows the platform whatever its status became.
 */
export function captureRefusal(
  order: { status: string; items: readonly { sku?: string }[] },
  settings: CaptureSettings,
  { alreadyImported }: { alreadyImported: boolean },
): string | null {
  if (alreadyImported) return null;
  if (!isCaptureStatus(settings.captureStatuses, order.status)) return `status ${order.status} is not a capture status`;
  if (!onTestAllowList(settings.testAllowList, order.items)) return 'no item is on the test allow-list';
  return null;
}

/**
 * The receipt of a newly captured order, acknowledged on the platform: the integration's return status is queued to
 * be written there, unless there is none or the platform shows it already.
 */
export function captureAcknowledgement(returnStatus: string | null | undefined, platformStatus: string, at: string): CaptureAcknowledgementQueued | null {
  if (!returnStatus || returnStatus === platformStatus) return null;
  return { type: 'CaptureAcknowledgementQueued', data: { platformStatus: returnStatus, at } };
}
