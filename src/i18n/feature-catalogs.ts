import { byFeature, type FeatureMessages } from './messages';

/**
 * Every feature's catalog in both languages, keyed by feature id: for tests and tools only. Its
 * eager glob would put every English string in the first screen, which loads one language.
 */
export function featureCatalogs(): Record<string, FeatureMessages> {
  const modules = import.meta.glob<{ messages: FeatureMessages }>('../features/*/messages.ts', { eager: true });
  return Object.fromEntries(Object.entries(byFeature(modules)).map(([id, mod]) => [id, mod.messages]));
}
