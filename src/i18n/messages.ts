/** The shape of a feature's `messages.ts`: the same keys in both languages. */
export interface FeatureMessages {
  'zh-CN': Record<string, unknown>;
  en: Record<string, unknown>;
}

type Catalog = Record<string, unknown>;

/** Feature id (its folder name) of a module found by import.meta.glob under src/features. */
export function byFeature<T>(modules: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [path, mod] of Object.entries(modules)) {
    const id = /features\/([^/]+)\/messages[^/]*\.ts$/.exec(path)?.[1];
    if (id) out[id] = mod;
  }
  return out;
}

/** One language's whole catalog: the shell's strings plus each feature's own, under the feature's id. */
export function languageCatalog(shell: Catalog, features: Record<string, Catalog>): Catalog {
  return { ...shell, ...byFeature(features) };
}
