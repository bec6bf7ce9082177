import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { languages, setLanguage, type Language } from '../i18n';
import { useAppRunning } from './app-running';

export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const appRunning = useAppRunning();
  return (
    <span className="language-select">
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} value={i18n.language} disabled={!appRunning} onChange={(e) => void setLanguage(e.target.value as Language)}>
        {languages.map((lng) => (
          <option key={lng} value={lng}>
            {t(`language.${lng}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
