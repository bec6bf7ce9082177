import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { languageCatalog } from './messages';
import zhShell from './zh-CN.json';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
const STORAGE_KEY = 'hallops.lang';

/** zh-CN on a new device (the first users work in Chinese); the choice is remembered per device. */
function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return (languages as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'zh-CN';
}

// Chinese ships with the first screen (the default, and the prerendered sign-in page); English is
// its own chunk, loaded only by a device that uses it: both in the first screen cost a cold start
// ~15% of its entry script to compile and run (bench/cold-start.ts).
const zhCN = languageCatalog(zhShell, import.meta.glob('../features/*/messages.zh-CN.ts', { eager: true, import: 'default' }));
const loaders: Record<Language, () => Promise<Record<string, unknown>>> = {
  'zh-CN': async () => zhCN,
  en: () => import('./en').then((m) => m.catalog),
};

async function loadLanguage(lng: Language): Promise<void> {
  if (!i18n.hasResourceBundle(lng, 'translation')) i18n.addResourceBundle(lng, 'translation', await loaders[lng]());
}

const initial = initialLanguage();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  // Chinese until the device's own language has loaded (languageReady).
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  partialBundledLanguages: true,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Resolves once the device's language is loaded and active; main.tsx renders after it. Never fails: Chinese stays. */
export const languageReady: Promise<void> =
  initial === 'zh-CN' ? Promise.resolve() : loadLanguage(initial).then(() => i18n.changeLanguage(initial)).then(() => undefined, () => undefined);

function applyLang(lng: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}
applyLang(i18n.language);
i18n.on('languageChanged', applyLang);

/** Switches the device's language once its catalog has loaded, and remembers it. */
export async function setLanguage(lng: Language): Promise<void> {
  await loadLanguage(lng);
  localStorage.setItem(STORAGE_KEY, lng);
  await i18n.changeLanguage(lng);
}

export default i18n;
