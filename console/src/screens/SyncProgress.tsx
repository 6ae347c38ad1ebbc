import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'wouter';
import { api, must } from '../api/client';
import { useTexts } from '../i18n/texts';
import { ProblemNote } from '../ui/ProblemNote';

/** A sync run followed while it runs: its counts grow page by page, then its outcome and first rejections show. */
export function SyncProgress({ runId, integrationId, onFinished }: { runId: string; integrationId: string; onFinished(): void }) {
  const texts = useTexts();
  const run = useQuery({
    queryKey: ['sync-run', runId],
    queryFn: () => must(api.GET('/v1/sync-runs/{id}', { params: { path: { id: runId } } })),
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? 1000 : false),
  });
  const status = run.data?.status;
  useEffect(() => {
    if (status && status !== 'running') onFinished();
  }, [status]); // eslint-disable-line react-hooks/exhaustive-deps
  const counts = run.data?.counts;
  return (
    <div className="progress" role="status" aria-live="polite" data-run-status={status ?? 'unknown'}>
      <strong>{texts.integrations.runProgress}:</strong> <span className={`status status-${status}`}>{texts.runStatus[status ?? ''] ?? status ?? '…'}</span>
      {counts && (
        <span>
          {' '}
          · {texts.report.imported} {counts.imported} · {texts.report.updated} {counts.updated} · {texts.report.rejected} {counts.rejected}
        </span>
      )}
      {run.data?.error && <p className="error-text">{run.data.error}</p>}
      {!!run.data?.rejected?.length && (
        <ul className="reasons">
          {run.data.rejected.slice(0, 5).map((r) => (
            <li key={r.externalId}>
              <code>{r.externalId}</code> {r.reason}
            </li>
          ))}
        </ul>
      )}
      {status && status !== 'running' && <Link href={`/integrations/${integrationId}`}>{texts.integrations.openReport}</Link>}
      <ProblemNote error={run.error} />
    </div>
  );
}
