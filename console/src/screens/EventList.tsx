import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { Schemas } from '../api/client';
import { useTexts } from '../i18n/texts';
import { useTime } from '../ui/useTime';

type Entry = Schemas['HistoryEntry'] & { streamName?: string };

/** Events as a timeline: type, when, who, from where, which request or run; data and metadata on demand. */
export function EventList({ events, current, action }: { events: Entry[]; current?: string; action?: (event: Entry) => ReactNode }) {
  const texts = useTexts();
  const time = useTime();
  return (
    <ol className="timeline">
      {events.map((event) => {
        const metadata = event.metadata ?? {};
        return (
          <li key={event.id} className={current === event.recordedAt ? 'current' : ''} data-event-type={event.type}>
            <div className="event-head">
              <strong>{event.type}</strong> <time>{time(event.recordedAt)}</time>
              {event.streamName && <code className="muted"> {event.streamName}</code>}
            </div>
            <div className="muted">
              {texts.order.actor}: <code>{metadata.actor ?? '—'}</code> · {texts.order.source}: <code>{metadata.source ?? '—'}</code> · {texts.order.correlation}:{' '}
              {metadata.correlationId ? <Link href={`/audit?correlationId=${encodeURIComponent(metadata.correlationId)}`}>{metadata.correlationId}</Link> : '—'}
            </div>
            <details>
              <summary>{texts.common.details}</summary>
              <h4>{texts.audit.data}</h4>
              <pre>{JSON.stringify(event.data, null, 2)}</pre>
              <h4>{texts.audit.metadata}</h4>
              <pre>{JSON.stringify({ position: event.position, version: event.version, ...metadata }, null, 2)}</pre>
            </details>
            {action?.(event)}
          </li>
        );
      })}
    </ol>
  );
}
