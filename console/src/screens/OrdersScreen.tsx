import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, must } from '../api/client';
import { useTexts } from '../i18n/texts';
import { Pager } from '../ui/Pager';
import { ProblemNote } from '../ui/ProblemNote';
import { useMoney } from '../ui/useMoney';
import { useTime } from '../ui/useTime';

type Store = 'all' | 'local' | 'integrations';
const LIMIT = 20;

/** The orders table of RO App: store filter, search, status, the store's name linked to the order on the platform. */
export function OrdersScreen() {
  const texts = useTexts();
  const time = useTime();
  const money = useMoney();
  const [draft, setDraft] = useState({ store: 'all' as Store, q: '', status: '', pendingPush: false });
  const [filter, setFilter] = useState(draft);
  const [page, setPage] = useState(1);
  const query = { store: filter.store, page, limit: LIMIT, ...(filter.q ? { q: filter.q } : {}), ...(filter.status ? { status: filter.status } : {}), ...(filter.pendingPush ? { pendingPush: 'true' as const } : {}) };
  const orders = useQuery({ queryKey: ['orders', query], queryFn: () => must(api.GET('/v1/orders', { params: { query } })), placeholderData: keepPreviousData });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setFilter(draft);
  };
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">{texts.orders.title}</h1>
      <form className="filters" onSubmit={apply} role="search">
        <label>
          {texts.orders.store}
          <select name="store" value={draft.store} onChange={(e) => setDraft({ ...draft, store: e.target.value as Store })}>
            <option value="all">{texts.orders.storeAll}</option>
            <option value="local">{texts.orders.storeLocal}</option>
            <option value="integrations">{texts.orders.storeIntegrations}</option>
          </select>
        </label>
        <label>
          {texts.orders.search}
          <input type="search" name="q" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        </label>
        <label>
          {texts.orders.status}
          <input name="status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })} />
        </label>
        <label className="check">
          <input type="checkbox" name="pendingPush" checked={draft.pendingPush} onChange={(e) => setDraft({ ...draft, pendingPush: e.target.checked })} />
          {texts.orders.pendingPush}
        </label>
        <button type="submit">{texts.common.search}</button>
      </form>
      <ProblemNote error={orders.error} />
      {orders.data?.items?.length === 0 && <p>{texts.orders.empty}</p>}
      <div className="table-scroll">
        <table className="orders">
          <thead>
            <tr>
              <th scope="col">{texts.orders.number}</th>
              <th scope="col">{texts.orders.store}</th>
              <th scope="col">{texts.orders.status}</th>
              <th scope="col">{texts.orders.customer}</th>
              <th scope="col" className="number">
                {texts.orders.total}
              </th>
              <th scope="col">{texts.orders.created}</th>
            </tr>
          </thead>
          <tbody>
            {orders.data?.items?.map((order) => (
              <tr key={order.id}>
                <th scope="row">
                  <Link href={`/orders/${order.id}`}>{order.number}</Link>
                </th>
                <td>
                  {order.source === 'integration' ? (
                    <>
                      {order.storeName}{' '}
                      {order.platformUrl && (
                        <a href={order.platformUrl} target="_blank" rel="noreferrer noopener" title={texts.orders.openOnPlatform}>
                          ↗<span className="sr-only">{texts.orders.openOnPlatform}</span>
                        </a>
                      )}
                    </>
                  ) : (
                    <span className="muted">{order.storeName || texts.orders.local}</span>
                  )}
                </td>
                <td>
                  <span className="tag">{order.status}</span>
                </td>
                <td>
                  {order.customer?.firstName} {order.customer?.lastName}
                </td>
                <td className="number">
                  {money(order.total, order.currency)}
                </td>
                <td>{time(order.createdAtPlatform ?? order.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {orders.data && <Pager page={page} limit={LIMIT} total={orders.data.total ?? 0} onPage={setPage} />}
    </section>
  );
}
