import { LANGUAGES, useLanguage, type Language } from '../i18n/texts';

/** The console's language, chosen on the sign-in screen and in the header alike. */
export function LanguagePicker() {
  const { language, choose } = useLanguage();
  return (
    <select aria-label="language" value={language} onChange={(e) => choose(e.target.value as Language)}>
      {Object.entries(LANGUAGES).map(([code, t]) => (
        <option key={code} value={code}>
          {t.language}
        </option>
      ))}
    </select>
  );
}
