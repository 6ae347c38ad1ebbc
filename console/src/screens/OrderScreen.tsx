import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'wouter';
import { api, must } from '../api/client';
import { useTexts } from '../i18n/texts';
import { ProblemNote } from '../ui/ProblemNote';
import { useAllowed } from '../ui/session';
import { useMoney } from '../ui/useMoney';
import { useTime } from '../ui/useTime';
import { EventList } from './EventList';

/** One order: items, customer, delivery, feed, pending push, and its history with an "as of" view at any event. */
export function OrderScreen() {
  const { id } = useParams<{ id: string }>();
  const texts = useTexts();
  const time = useTime();
  const money = useMoney();
  const queries = useQueryClient();
  const operator = useAllowed('operator');
  const [asOf, setAsOf] = useState<string>();
  const [status, setStatus] = useState('');
  const order = useQuery({
    queryKey: ['order', id, asOf],
    queryFn: () => must(api.GET('/v1/orders/{id}', { params: { path: { id }, query: asOf ? { asOf } : {} } })),
  });
  const history = useQuery({
    queryKey: ['order-history', id],
    queryFn: () => must(api.GET('/v1/orders/{id}/history', { params: { path: { id }, query: { limit: 100 } } })),
  });
  const change = useMutation({
    mutationFn: () => must(api.POST('/v1/orders/{id}/status', { params: { path: { id } }, body: { status } })),
    onSuccess: () => {
      setStatus('');
      void queries.invalidateQueries({ queryKey: ['order', id] });
      void queries.invalidateQueries({ queryKey: ['order-history', id] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate();
  };
  const o = order.data;
  const pending = o?.pendingPush as { status?: string; attempts?: number; lastError?: string | null; nextAttemptAt?: string } | null | undefined;
  return (
    <section aria-labelledby="order-title">
      <div className="heading">
        <h1 id="order-title">{texts.order.title(o?.number ?? '')}</h1>
        {o?.status && <span className="tag big">{o.status}</span>}
      </div>
      {asOf && (
        <div className="as-of" role="status">
          {texts.order.asOf(time(asOf))}{' '}
          <button type="button" onClick={() => setAsOf(undefined)}>
            {texts.order.backToNow}
          </button>
        </div>
      )}
      <ProblemNote error={order.error} />
      {o && (
        <>
          <dl className="facts">
            <dt>{texts.orders.store}</dt>
            <dd>
              {o.storeName || texts.orders.local}{' '}
              {o.platformUrl && (
                <a href={o.platformUrl} target="_blank" rel="noreferrer noopener">
                  {texts.orders.openOnPlatform} ↗
                </a>
              )}
            </dd>
            {o.platformStatus && (
              <>
                <dt>{texts.order.platformStatus}</dt>
                <dd>{o.platformStatus}</dd>
              </>
            )}
            <dt>{texts.orders.total}</dt>
            <dd>
              {money(o.total, o.currency)}
            </dd>
            <dt>{texts.orders.created}</dt>
            <dd>{time(o.createdAtPlatform ?? o.createdAt)}</dd>
            {o.lastSyncedAt && (
              <>
                <dt>{texts.order.syncedAt}</dt>
                <dd>{time(o.lastSyncedAt)}</dd>
              </>
            )}
            <dt>{texts.order.pendingPush}</dt>
            <dd data-pending-push={pending ? pending.status : ''}>
              {pending ? `${pending.status ?? ''}${pending.lastError ? ` — ${pending.lastError}` : ''}` : texts.order.noPendingPush}
            </dd>
          </dl>
          {operator && !asOf && (
            <form className="filters" onSubmit={submit} aria-label={texts.order.changeStatus}>
              <label>
                {texts.order.newStatus}
                <input name="status" required value={status} onChange={(e) => setStatus(e.target.value)} />
              </label>
              <button type="submit" className="primary" disabled={change.isPending}>
                {texts.order.changeStatus}
              </button>
              <ProblemNote error={change.error} />
            </form>
          )}
          <div className="columns">
            <section aria-labelledby="items-title">
              <h2 id="items-title">{texts.order.items}</h2>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{texts.order.sku}</th>
                      <th scope="col">{texts.order.product}</th>
                      <th scope="col" className="number">
                        {texts.order.quantity}
                      </th>
                      <th scope="col" className="number">
                        {texts.order.price}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.items?.map((item, index) => (
                      <tr key={index}>
                        <td>
                          <code>{item.sku}</code>
                        </td>
                        <td>{item.name}</td>
                        <td className="number">{item.quantity}</td>
                        <td className="number">{money(item.price, o.currency)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
            <section aria-labelledby="customer-title">
              <h2 id="customer-title">{texts.order.customer}</h2>
              <p>
                {o.customer?.firstName} {o.customer?.lastName}
                <br />
                {o.customer?.phone}
                <br />
                {o.customer?.email}
              </p>
              <h2>{texts.order.delivery}</h2>
              <p>{o.delivery ? `${o.delivery.method}, ${money(o.delivery.cost, o.currency)}; ${[o.delivery.recipient, o.delivery.address].filter(Boolean).join(', ')}` : texts.order.noDelivery}</p>
            </section>
          </div>
          <section aria-labelledby="feed-title">
            <h2 id="feed-title">{texts.order.feed}</h2>
            <ol className="feed">
              {(o.feed as { at: string; type: string; text: string }[] | undefined)?.map((entry, index) => (
                <li key={index}>
                  <time>{time(entry.at)}</time> {entry.text}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
      <section aria-labelledby="history-title">
        <h2 id="history-title">{texts.order.history}</h2>
        <ProblemNote error={history.error} />
        {history.data?.items && (
          <EventList
            events={history.data.items}
            current={asOf}
            action={(event) => (
              <button type="button" onClick={() => setAsOf(event.recordedAt)} aria-pressed={asOf === event.recordedAt}>
                {texts.order.viewAsOf}
              </button>
            )}
          />
        )}
        <Link href={`/audit?kind=orders&id=${id}`}>{texts.nav.audit}</Link>
      </section>
    </section>
  );
}
