// A local status change waits on the order until the platform has it: recorded once pushed, retried with growing pauses
// while the platform may take it later, ended at once with its reason when it never will, or given up by an operator.
import { InvalidStateError } from '../shared/errors.js';
import type { AbandonStatusPush, RecordStatusPush, RecordStatusPushFailure } from './orderCommands.js';
import type { OrderEvent } from './orderEvents.js';
import type { OrderState } from './orderState.js';

/** A failed status push waits 30 s, then twice as long each time, at most an hour. */
const PUSH_RETRY_BASE_MS = 30_000;
const PUSH_RETRY_MAX_MS = 60 * 60 * 1000;

type StatusPushCommand = RecordStatusPush | RecordStatusPushFailure | AbandonStatusPush;

export function decideStatusPush(command: StatusPushCommand, order: OrderState & { exists: true }): OrderEvent[] {
  const pending = order.pendingPush;
  switch (command.type) {
    case 'RecordStatusPush':
      if (!pending) return [];
      return [{ type: 'StatusPushed', data: { status: pending.status, platformStatus: command.data.platformStatus, at: command.data.at } }];
    case 'RecordStatusPushFailure': {
      if (!pending) return [];
      // Retrying what can never succeed only hides the reason: the push ends here and the order says why.
      if (command.data.kind === 'permanent') {
        const reason = `${command.data.error.slice(0, 450)} (not retried: the platform will refuse it every time)`;
        return [{ type: 'StatusPushAbandoned', data: { status: pending.status, reason, at: command.data.at } }];
      }
      const attempts = pending.attempts + 1;
      const pause = Math.min(PUSH_RETRY_BASE_MS * 2 ** (attempts - 1), PUSH_RETRY_MAX_MS);
      const nextAttemptAt = new Date(Date.parse(command.data.at) + pause).toISOString();
      return [
        {
          type: 'StatusPushFailed',
          data: { status: pending.status, error: command.data.error.slice(0, 500), attempts, nextAttemptAt, at: command.data.at },
        },
      ];
    }
    case 'AbandonStatusPush':
      if (!pending) throw new InvalidStateError('No status push is waiting for this order');
      return [{ type: 'StatusPushAbandoned', data: { status: pending.status, reason: command.data.reason, at: command.data.at } }];
  }
}
