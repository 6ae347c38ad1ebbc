import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'wouter';
import { api, must, type Schemas } from '../api/client';
import { useTexts } from '../i18n/texts';
import { ProblemNote } from '../ui/ProblemNote';
import { useTime } from '../ui/useTime';

/** One line of the sync-history export (the CLI's ndjson), as the OpenAPI document describes it. */
type ExportedRun = Schemas['SyncRunExport'];

const DAY = 86_400_000;
const day = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The integration report: the runs of a period with counts, rejected orders with reasons, and the export. */
export function IntegrationReportScreen() {
  const { id } = useParams<{ id: string }>();
  const texts = useTexts();
  const time = useTime();
  const [draft, setDraft] = useState({ from: day(Date.now() - 7 * DAY), to: day(Date.now()) });
  const [period, setPeriod] = useState(draft);
  // The end day is included: the export's `to` is exclusive.
  const query = { from: `${period.from}T00:00:00Z`, to: new Date(Date.parse(`${period.to}T00:00:00Z`) + DAY).toISOString() };
  const integration = useQuery({ queryKey: ['integration', id], queryFn: () => must(api.GET('/v1/integrations/{id}', { params: { path: { id } } })) });
  const runs = useQuery({
    queryKey: ['sync-history', id, query],
    refetchInterval: 3000,
    queryFn: async () => {
      const text = await must(api.GET('/v1/integrations/{id}/sync-history', { params: { path: { id }, query }, parseAs: 'text' }));
      return (text as string)
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as ExportedRun)
        .reverse();
    },
  });
  const show = (event: FormEvent) => {
    event.preventDefault();
    setPeriod(draft);
  };
  const exportHref = (format: 'ndjson' | 'csv') => `/v1/integrations/${id}/sync-history?${new URLSearchParams({ ...query, format })}`;
  return (
    <section aria-labelledby="report-title">
      <div className="heading">
        <h1 id="report-title">{texts.report.title(integration.data?.name ?? '')}</h1>
        <Link href={`/integrations/${id}/automations`}>{texts.integrations.automations}</Link>
      </div>
      <form className="filters" onSubmit={show} aria-label={texts.report.period}>
        <label>
          {texts.report.from}
          <input type="date" name="from" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} required />
        </label>
        <label>
          {texts.report.to}
          <input type="date" name="to" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} required />
        </label>
        <button type="submit">{texts.report.show}</button>
        <span className="spacer" />
        <span>{texts.report.export}:</span>
        <a href={exportHref('ndjson')} download>
          ndjson
        </a>
        <a href={exportHref('csv')} download>
          csv
        </a>
      </form>
      <ProblemNote error={runs.error ?? integration.error} />
      <h2>{texts.report.runs}</h2>
      {runs.data?.length === 0 && <p>{texts.report.empty}</p>}
      {runs.data?.map((run) => (
        <article key={run.runId} className="panel run" aria-label={`${texts.report.runs} ${run.runId}`}>
          <header>
            <span className={`status status-${run.status}`}>{texts.runStatus[run.status ?? ''] ?? run.status}</span> <strong>{time(run.startedAt)}</strong>{' '}
            <span className="muted">
              {texts.report.trigger}: {run.trigger} · {texts.report.window}: {time(run.windowFrom)} – {time(run.windowTo)}
            </span>
          </header>
          <p className="counts">
            {texts.report.imported} <b>{run.imported}</b> · {texts.report.updated} <b>{run.updated}</b> · {texts.report.unchanged} <b>{run.unchanged}</b> ·{' '}
            {texts.report.rejected} <b>{run.rejected}</b> · {texts.report.skipped} <b>{run.skipped}</b>
          </p>
          {run.error && <p className="error-text">{run.error}</p>}
          {run.rejectedOrders.length > 0 && (
            <details open={run.rejectedOrders.length <= 10}>
              <summary>
                {texts.report.rejectedOrders} ({run.rejectedOrders.length})
              </summary>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{texts.report.order}</th>
                    <th scope="col">{texts.report.reason}</th>
                  </tr>
                </thead>
                <tbody>
                  {run.rejectedOrders.map((rejected) => (
                    <tr key={rejected.externalId}>
                      <td>
                        <code>{rejected.externalId}</code>
                      </td>
                      <td>{rejected.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
        </article>
      ))}
    </section>
  );
}
