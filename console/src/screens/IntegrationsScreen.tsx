import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { api, must, type Schemas } from '../api/client';
import { useTexts } from '../i18n/texts';
import { ProblemNote } from '../ui/ProblemNote';
import { useAllowed } from '../ui/session';
import { useTime } from '../ui/useTime';
import { IntegrationForm } from './IntegrationForm';
import { SyncProgress } from './SyncProgress';

type Integration = Schemas['Integration'];

/** Every connected store with its health at a glance, and what the role may do with it. */
export function IntegrationsScreen() {
  const texts = useTexts();
  const admin = useAllowed('admin');
  const [editing, setEditing] = useState<Integration | 'new' | undefined>();
  const list = useQuery({ queryKey: ['integrations'], queryFn: () => must(api.GET('/v1/integrations', { params: { query: { limit: 100 } } })) });
  return (
    <section aria-labelledby="integrations-title">
      <div className="heading">
        <h1 id="integrations-title">{texts.integrations.title}</h1>
        {admin && (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            {texts.integrations.connect}
          </button>
        )}
      </div>
      {editing && <IntegrationForm integration={editing === 'new' ? undefined : editing} onDone={() => setEditing(undefined)} />}
      <ProblemNote error={list.error} />
      {list.data?.items?.length === 0 && <p>{texts.integrations.empty}</p>}
      <div className="cards">
        {list.data?.items?.map((integration) => <IntegrationCard key={integration.id} integration={integration} onEdit={() => setEditing(integration)} />)}
      </div>
    </section>
  );
}

function IntegrationCard({ integration, onEdit }: { integration: Integration; onEdit(): void }) {
  const texts = useTexts();
  const time = useTime();
  const operator = useAllowed('operator');
  const admin = useAllowed('admin');
  const queries = useQueryClient();
  const id = integration.id!;
  const [runId, setRunId] = useState<string>();
  const lastRun = useQuery({
    queryKey: ['sync-runs', id, 'last'],
    queryFn: () => must(api.GET('/v1/sync-runs', { params: { query: { integrationId: id, limit: 1 } } })),
  });
  const automations = useQuery({ queryKey: ['automations', id], queryFn: () => must(api.GET('/v1/integrations/{id}/automations', { params: { path: { id } } })) });
  const pendingPushes = useQuery({
    queryKey: ['orders', id, 'pending-push'],
    queryFn: () => must(api.GET('/v1/orders', { params: { query: { integrationId: id, pendingPush: 'true', limit: 1 } } })),
  });
  const sync = useMutation({
    mutationFn: () => must(api.POST('/v1/integrations/{id}/sync', { params: { path: { id } } })),
    onSuccess: (started) => setRunId(started.runId),
  });
  const run = lastRun.data?.items?.[0];
  const backingOff = automations.data?.items?.map((a) => a.backingOffUntil).filter((t): t is string => !!t).sort().at(-1);
  const unmapped = integration.unmappedStatuses ?? [];
  const waiting = pendingPushes.data?.total ?? 0;
  const health = run?.status === 'failed' || backingOff ? 'bad' : unmapped.length > 0 || waiting > 0 || run?.counts?.rejected ? 'warn' : run ? 'good' : 'idle';
  return (
    <article className={`card health-${health}`} aria-labelledby={`integration-${id}`}>
      <header>
        <h2 id={`integration-${id}`}>{integration.name}</h2>
        <span className="tag">{integration.platform}</span>
      </header>
      <dl className="facts">
        <dt>{texts.integrations.store}</dt>
        <dd>
          {integration.storeName} · {integration.currency} · <span className="muted">{integration.baseUrl}</span>
        </dd>
        <dt>{texts.integrations.lastRun}</dt>
        <dd>
          {run ? (
            <>
              <span className={`status status-${run.status}`}>{texts.runStatus[run.status ?? ''] ?? run.status}</span> {time(run.finishedAt ?? run.startedAt)}
            </>
          ) : (
            texts.integrations.never
          )}
        </dd>
        {run?.counts && (
          <>
            <dt>{texts.integrations.counts}</dt>
            <dd>
              {texts.report.imported} {run.counts.imported} · {texts.report.updated} {run.counts.updated} · {texts.report.rejected} {run.counts.rejected} ·{' '}
              {texts.report.skipped} {run.counts.skipped}
            </dd>
          </>
        )}
        {(unmapped.length > 0 || backingOff || waiting > 0) && (
          <>
            <dt>{texts.integrations.health}</dt>
            <dd>
              {unmapped.length > 0 && (
                <span title={unmapped.map((u) => `${u.platform} → ${u.local}`).join(', ')}>{texts.integrations.unmapped(unmapped.length)}</span>
              )}
              {waiting > 0 && <span> {texts.integrations.pendingPushes(waiting)}</span>}
              {backingOff && <span> {texts.integrations.backingOff(time(backingOff))}</span>}
            </dd>
          </>
        )}
      </dl>
      <div className="actions">
        <Link href={`/integrations/${id}`}>{texts.integrations.report}</Link>
        <Link href={`/integrations/${id}/automations`}>{texts.integrations.automations}</Link>
        {admin && (
          <button type="button" onClick={onEdit}>
            {texts.integrations.edit}
          </button>
        )}
        {operator && (
          <button type="button" className="primary" disabled={sync.isPending} onClick={() => sync.mutate()}>
            {texts.integrations.syncNow}
          </button>
        )}
      </div>
      <ProblemNote error={sync.error} />
      {runId && (
        <SyncProgress
          runId={runId}
          integrationId={id}
          onFinished={() => {
            void queries.invalidateQueries({ queryKey: ['sync-runs', id] });
            void queries.invalidateQueries({ queryKey: ['integrations'] });
          }}
        />
      )}
    </article>
  );
}
