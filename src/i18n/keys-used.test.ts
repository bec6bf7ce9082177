import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import { featureCatalogs } from './feature-catalogs';
import zhCN from './zh-CN.json';

/** Every literal key passed to t('…') in the app, so a typo or a missing translation fails here, not on screen. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function has(catalog: unknown, key: string): boolean {
  const parts = key.split('.');
  const last = parts.pop()!;
  let node: unknown = catalog;
  for (const part of parts) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node !== 'object' || node === null) return false;
  const obj = node as Record<string, unknown>;
  // A plain message, or i18next's plural forms (key_one / key_other).
  return typeof obj[last] === 'string' || typeof obj[`${last}_other`] === 'string';
}

const merged = (lng: 'zh-CN' | 'en', base: Record<string, unknown>) => ({
  ...base,
  ...Object.fromEntries(Object.entries(featureCatalogs()).map(([id, m]) => [id, m[lng]])),
});

describe('translation keys used in the source', () => {
  const keys = new Set<string>();
  for (const file of sourceFiles('src')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) keys.add(m[1]!);
  }
  it('finds the keys it checks', () => {
    expect(keys.size).toBeGreaterThan(20);
  });
  it.each([
    ['zh-CN', merged('zh-CN', zhCN)],
    ['en', merged('en', en)],
  ])('every key exists in %s', (_lng, catalog) => {
    expect([...keys].filter((k) => !has(catalog, k))).toEqual([]);
  });
});
