import { useLanguage } from '../i18n/texts';

/** Amounts (major units, as the API gives them) as the reader's language writes money in that currency. */
export function useMoney(): (amount: number | undefined, currency: string | undefined) => string {
  const { language } = useLanguage();
  return (amount, currency) => {
    if (amount === undefined) return '—';
    try {
      return new Intl.NumberFormat(language === 'uk' ? 'uk-UA' : 'en-GB', { style: 'currency', currency: currency ?? 'XXX' }).format(amount);
    } catch {
      return `${amount} ${currency ?? ''}`;
    }
  };
}
