import { useTexts } from '../i18n/texts';

/** Previous / next over a paged list (page from 1). */
export function Pager({ page, limit, total, onPage }: { page: number; limit: number; total: number; onPage(page: number): void }) {
  const texts = useTexts();
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className="pager" aria-label="pages">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {texts.common.previous}
      </button>
      <span>{texts.common.pageOf(page, pages, total)}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {texts.common.next}
      </button>
    </nav>
  );
}
