import { formatTime, useLanguage } from '../i18n/texts';

/** Formats API times for the reader. */
export function useTime(): (iso: string | null | undefined) => string {
  const { language } = useLanguage();
  return (iso) => formatTime(iso, language);
}
