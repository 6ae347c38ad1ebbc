import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation, useSearch } from 'wouter';
import { api, must } from '../api/client';
import { useTexts } from '../i18n/texts';
import { Pager } from '../ui/Pager';
import { ProblemNote } from '../ui/ProblemNote';
import { EventList } from './EventList';

const KINDS = ['orders', 'products', 'contacts', 'integrations', 'sync-runs'] as const;
type Kind = (typeof KINDS)[number];
const LIMIT = 20;

/** The audit trail: any stream's events, paged, and every event of one request or run across streams. */
export function AuditScreen() {
  const texts = useTexts();
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const kind = (KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as Kind) : 'orders';
  const id = params.get('id') ?? '';
  const correlationId = params.get('correlationId') ?? '';
  const [draft, setDraft] = useState({ kind, id, correlationId });
  const go = (next: Record<string, string>) => navigate(`/audit?${new URLSearchParams(next)}`);
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{texts.audit.title}</h1>
      <div className="columns">
        <form
          className="panel form"
          aria-label={texts.audit.stream}
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            go({ kind: draft.kind, id: draft.id.trim() });
          }}
        >
          <h2>{texts.audit.stream}</h2>
          <label>
            {texts.audit.kind}
            <select name="kind" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as Kind })}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {texts.audit.kinds[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {texts.audit.id}
            <input name="id" required value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value })} />
          </label>
          <button type="submit">{texts.audit.show}</button>
        </form>
        <form
          className="panel form"
          aria-label={texts.audit.byCorrelation}
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            go({ correlationId: draft.correlationId.trim() });
          }}
        >
          <h2>{texts.audit.byCorrelation}</h2>
          <label>
            {texts.audit.correlation}
            <input name="correlationId" required value={draft.correlationId} onChange={(e) => setDraft({ ...draft, correlationId: e.target.value })} />
          </label>
          <button type="submit">{texts.audit.show}</button>
        </form>
      </div>
      {correlationId ? <CorrelatedEvents key={correlationId} correlationId={correlationId} /> : id && <StreamEvents key={`${kind}/${id}`} kind={kind} id={id} />}
    </section>
  );
}

function StreamEvents({ kind, id }: { kind: Kind; id: string }) {
  const texts = useTexts();
  const [page, setPage] = useState(1);
  const path = { path: { id }, query: { page, limit: LIMIT } };
  const history = useQuery({
    queryKey: ['history', kind, id, page],
    placeholderData: keepPreviousData,
    queryFn: () => {
      switch (kind) {
        case 'orders':
          return must(api.GET('/v1/orders/{id}/history', { params: path }));
        case 'products':
          return must(api.GET('/v1/products/{id}/history', { params: path }));
        case 'contacts':
          return must(api.GET('/v1/contacts/{id}/history', { params: path }));
        case 'integrations':
          return must(api.GET('/v1/integrations/{id}/history', { params: path }));
        case 'sync-runs':
          return must(api.GET('/v1/sync-runs/{id}/history', { params: path }));
      }
    },
  });
  return (
    <section aria-labelledby="events-title">
      <h2 id="events-title">
        {texts.audit.events}: {texts.audit.kinds[kind]} <code>{id}</code>
      </h2>
      <ProblemNote error={history.error} />
      {history.data?.items?.length === 0 && <p>{texts.audit.empty}</p>}
      {history.data?.items && <EventList events={history.data.items} />}
      {history.data && <Pager page={page} limit={LIMIT} total={history.data.total ?? 0} onPage={setPage} />}
    </section>
  );
}

function CorrelatedEvents({ correlationId }: { correlationId: string }) {
  const texts = useTexts();
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors.at(-1);
  const events = useQuery({
    queryKey: ['correlated', correlationId, after],
    placeholderData: keepPreviousData,
    queryFn: () => must(api.GET('/v1/events', { params: { query: { correlationId, limit: LIMIT, ...(after !== undefined ? { after } : {}) } } })),
  });
  const next = events.data?.nextCursor;
  return (
    <section aria-labelledby="events-title">
      <h2 id="events-title">
        {texts.audit.byCorrelation}: <code>{correlationId}</code>
      </h2>
      <ProblemNote error={events.error} />
      {events.data?.items?.length === 0 && <p>{texts.audit.empty}</p>}
      {events.data?.items && <EventList events={events.data.items} />}
      <nav className="pager" aria-label="pages">
        <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          {texts.common.previous}
        </button>
        <button type="button" disabled={next === null || next === undefined} onClick={() => next != null && setCursors([...cursors, next])}>
          {texts.common.next}
        </button>
      </nav>
    </section>
  );
}
