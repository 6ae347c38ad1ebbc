import { createContext, useContext, useState, type ReactNode } from 'react';
import { en, type Texts } from './en';
import { uk } from './uk';

export const LANGUAGES = { en, uk } as const;
export type Language = keyof typeof LANGUAGES;

const STORED = 'synchub.console.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORED);
  if (stored === 'en' || stored === 'uk') return stored;
  return navigator.language.startsWith('uk') ? 'uk' : 'en';
}

const TextsContext = createContext<{ texts: Texts; language: Language; choose(language: Language): void }>({ texts: en, language: 'en', choose: () => undefined });

export function TextsProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const choose = (next: Language) => {
    localStorage.setItem(STORED, next);
    document.documentElement.lang = next;
    setLanguage(next);
  };
  return <TextsContext.Provider value={{ texts: LANGUAGES[language], language, choose }}>{children}</TextsContext.Provider>;
}

export const useTexts = () => useContext(TextsContext).texts;
export const useLanguage = () => useContext(TextsContext);

/** Times as the reader's language writes them, in the browser's time zone. */
export function formatTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(language === 'uk' ? 'uk-UA' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}
