import type { FeatureMessages } from '../../i18n/messages';
import en from './messages.en';
import zhCN from './messages.zh-CN';

/** This feature's strings in both languages; the app loads only the device's language (src/i18n). */
export const messages = { 'zh-CN': zhCN, en } satisfies FeatureMessages;
