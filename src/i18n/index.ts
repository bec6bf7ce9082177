import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import { featureCatalogs } from './messages';
import zhCN from './zh-CN.json';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
const STORAGE_KEY = 'hallops.lang';

/** zh-CN on a new device (the first users work in Chinese); the choice is remembered per device. */
function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return (languages as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'zh-CN';
}

// The shell's catalog plus each feature's own, under the feature's id.
const features = featureCatalogs();
const catalog = (lng: Language, base: Record<string, unknown>) => ({
  ...base,
  ...Object.fromEntries(Object.entries(features).map(([id, m]) => [id, m[lng]])),
});

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: catalog('zh-CN', zhCN) }, en: { translation: catalog('en', en) } },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

function applyLang(lng: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}
applyLang(i18n.language);
i18n.on('languageChanged', applyLang);

export function setLanguage(lng: Language): void {
  localStorage.setItem(STORAGE_KEY, lng);
  void i18n.changeLanguage(lng);
}

export default i18n;
