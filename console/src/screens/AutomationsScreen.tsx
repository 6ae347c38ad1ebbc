import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'wouter';
import { api, must, type Schemas } from '../api/client';
import { useTexts } from '../i18n/texts';
import { ProblemNote } from '../ui/ProblemNote';
import { useAllowed } from '../ui/session';
import { useTime } from '../ui/useTime';

type Automation = Schemas['Automation'];
type Action = 'start' | 'stop' | 'enable' | 'disable';

/** The automations of one integration: state, interval, next run, last result, the controls the role has, and logs. */
export function AutomationsScreen() {
  const { id } = useParams<{ id: string }>();
  const texts = useTexts();
  const [shown, setShown] = useState<string>();
  const integration = useQuery({ queryKey: ['integration', id], queryFn: () => must(api.GET('/v1/integrations/{id}', { params: { path: { id } } })) });
  const automations = useQuery({
    queryKey: ['automations', id],
    queryFn: () => must(api.GET('/v1/integrations/{id}/automations', { params: { path: { id } } })),
    refetchInterval: 1500,
  });
  return (
    <section aria-labelledby="automations-title">
      <h1 id="automations-title">{texts.automations.title(integration.data?.name ?? '')}</h1>
      <ProblemNote error={automations.error} />
      <div className="table-scroll">
        <table className="automations">
          <thead>
            <tr>
              <th scope="col">{texts.automations.automation}</th>
              <th scope="col">{texts.automations.state}</th>
              <th scope="col">{texts.automations.interval}</th>
              <th scope="col">{texts.automations.nextRun}</th>
              <th scope="col">{texts.automations.lastResult}</th>
              <th scope="col">{texts.integrations.actions}</th>
            </tr>
          </thead>
          <tbody>
            {automations.data?.items?.map((automation) => (
              <AutomationRow key={automation.name} integrationId={id} automation={automation} onRuns={() => setShown(automation.name)} />
            ))}
          </tbody>
        </table>
      </div>
      {shown && <AutomationRuns integrationId={id} name={shown} onClose={() => setShown(undefined)} />}
    </section>
  );
}

function AutomationRow({ integrationId, automation, onRuns }: { integrationId: string; automation: Automation; onRuns(): void }) {
  const texts = useTexts();
  const time = useTime();
  const operator = useAllowed('operator');
  const admin = useAllowed('admin');
  const queries = useQueryClient();
  const name = automation.name!;
  const [minutes, setMinutes] = useState(automation.intervalMs ? String(automation.intervalMs / 60_000) : '');
  const path = { params: { path: { id: integrationId, name } } };
  const act = useMutation({
    mutationFn: async (action: Action | 'schedule' | 'delete') => {
      if (action === 'schedule') return must(api.PUT('/v1/integrations/{id}/automations/{name}', { ...path, body: minutes ? { intervalMs: Math.round(Number(minutes) * 60_000) } : {} }));
      if (action === 'delete') return must(api.DELETE('/v1/integrations/{id}/automations/{name}', path));
      return must(api.POST(`/v1/integrations/{id}/automations/{name}/${action}`, path));
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['automations', integrationId] }),
  });
  // disabled (also never configured) → enable; enabled → start now, disable; running → stop. A one-off automation runs by being enabled.
  const current = automation.state ?? 'disabled';
  const oneOff = automation.intervalMs === null;
  const state = !automation.supported ? texts.automations.unsupported : texts.automations[current];
  const last = automation.lastRun;
  const button = (action: Action, label: string, shown = true) =>
    shown && (
      <button type="button" disabled={act.isPending} onClick={() => act.mutate(action)}>
        {label}
      </button>
    );
  return (
    <tr data-automation={name}>
      <th scope="row">
        {automation.title}
        <div className="muted">
          <code>{name}</code>
        </div>
      </th>
      <td>
        <span className={`state state-${current}`}>{state}</span>
        {automation.backingOffUntil && <div className="error-text">{texts.integrations.backingOff(time(automation.backingOffUntil))}</div>}
      </td>
      <td>{automation.intervalMs ? `${automation.intervalMs / 60_000} min` : texts.automations.oneOff}</td>
      <td>{time(automation.nextRunAt)}</td>
      <td>
        {last ? (
          <>
            <span className={`status status-${last.status}`}>{texts.runStatus[last.status ?? ''] ?? last.status}</span> {time(last.finishedAt ?? last.startedAt)}
            {last.error && <div className="error-text">{last.error}</div>}
            {last.counts && Object.keys(last.counts).length > 0 && (
              <div className="muted">
                {Object.entries(last.counts)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(' · ')}
              </div>
            )}
          </>
        ) : (
          texts.common.none
        )}
      </td>
      <td className="actions">
        {operator && automation.supported && (
          <>
            {button('start', texts.automations.start, current === 'enabled' && !oneOff)}
            {button('stop', texts.automations.stop, current === 'running')}
            {button('enable', oneOff ? texts.automations.runOnce : texts.automations.enable, current === 'disabled')}
            {button('disable', texts.automations.disable, current === 'enabled' && !oneOff)}
            {automation.intervalMs !== null && (
              <form
                className="inline"
                onSubmit={(e) => {
                  e.preventDefault();
                  act.mutate('schedule');
                }}
              >
                <label>
                  <span className="sr-only">{texts.automations.everyMinutes}</span>
                  <input type="number" min={0.02} step="any" size={4} value={minutes} placeholder="min" title={texts.automations.everyMinutes} onChange={(e) => setMinutes(e.target.value)} />
                </label>
                <button type="submit" disabled={act.isPending}>
                  {texts.automations.schedule}
                </button>
              </form>
            )}
          </>
        )}
        {admin && automation.scheduled && (
          <button type="button" className="danger" disabled={act.isPending} onClick={() => window.confirm(texts.automations.confirmDelete(name)) && act.mutate('delete')}>
            {texts.automations.delete}
          </button>
        )}
        <button type="button" onClick={onRuns}>
          {texts.automations.runs}
        </button>
        <ProblemNote error={act.error} />
      </td>
    </tr>
  );
}

function AutomationRuns({ integrationId, name, onClose }: { integrationId: string; name: string; onClose(): void }) {
  const texts = useTexts();
  const time = useTime();
  const [runId, setRunId] = useState<string>();
  const runs = useQuery({
    queryKey: ['automation-runs', integrationId, name],
    queryFn: () => must(api.GET('/v1/integrations/{id}/automations/{name}/runs', { params: { path: { id: integrationId, name }, query: { limit: 20 } } })),
    refetchInterval: 2000,
  });
  const run = useQuery({
    queryKey: ['automation-run', integrationId, name, runId],
    enabled: !!runId,
    queryFn: () => must(api.GET('/v1/integrations/{id}/automations/{name}/runs/{runId}', { params: { path: { id: integrationId, name, runId: runId! } } })),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1500 : false),
  });
  return (
    <section className="panel" aria-labelledby="runs-title">
      <div className="heading">
        <h2 id="runs-title">{texts.automations.runsOf(name)}</h2>
        <button type="button" onClick={onClose}>
          {texts.common.close}
        </button>
      </div>
      {runs.data?.items?.length === 0 && <p>{texts.automations.noRuns}</p>}
      <ul className="run-list">
        {runs.data?.items?.map((r) => (
          <li key={r.id}>
            <button type="button" className="link" aria-pressed={r.id === runId} onClick={() => setRunId(r.id)}>
              <span className={`status status-${r.status}`}>{texts.runStatus[r.status ?? ''] ?? r.status}</span> {time(r.startedAt)} · {r.trigger}
            </button>
          </li>
        ))}
      </ul>
      {run.data && (
        <div aria-labelledby="log-title">
          <h3 id="log-title">{texts.automations.logOf(run.data.id ?? '')}</h3>
          <ol className="log">
            {run.data.log?.map((line, index) => (
              <li key={index} className={`log-${line.level}`}>
                <time>{time(line.at)}</time> {line.message}
              </li>
            ))}
          </ol>
        </div>
      )}
      <ProblemNote error={runs.error ?? run.error} />
    </section>
  );
}
