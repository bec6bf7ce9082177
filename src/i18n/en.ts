import { languageCatalog } from './messages';
import shell from './en.json';

/** The English catalog, in its own chunk: loaded only on a device set to English (src/i18n/index.ts). */
export const catalog = languageCatalog(shell, import.meta.glob('../features/*/messages.en.ts', { eager: true, import: 'default' }));
