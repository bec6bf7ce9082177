/** The shape of a feature's `messages.ts`: the same keys in both languages. */
export interface FeatureMessages {
  'zh-CN': Record<string, unknown>;
  en: Record<string, unknown>;
}

/** Every feature's catalog, keyed by feature id (its folder name). */
export function featureCatalogs(): Record<string, FeatureMessages> {
  const modules = import.meta.glob<{ messages: FeatureMessages }>('../features/*/messages.ts', { eager: true });
  const out: Record<string, FeatureMessages> = {};
  for (const [path, mod] of Object.entries(modules)) {
    const id = /features\/([^/]+)\/messages\.ts$/.exec(path)?.[1];
    if (id) out[id] = mod.messages;
  }
  return out;
}
