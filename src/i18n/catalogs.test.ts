import { describe, expect, it } from 'vitest';
import en from './en.json';
import { featureCatalogs } from './feature-catalogs';
import zhCN from './zh-CN.json';

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

const catalogs: [string, unknown, unknown][] = [
  ['shell', zhCN, en],
  ...Object.entries(featureCatalogs()).map(([id, m]): [string, unknown, unknown] => [id, m['zh-CN'], m.en]),
];

describe.each(catalogs)('i18n catalog of %s', (_name, zh, english) => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(keys(english).sort()).toEqual(keys(zh).sort());
  });
  it('no message is empty', () => {
    for (const catalog of [english, zh]) {
      for (const key of keys(catalog)) {
        const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], catalog);
        expect(typeof value === 'string' && value.length > 0, key).toBe(true);
      }
    }
  });
});

describe('i18n catalogs', () => {
  it('no feature id collides with a key of the shell catalog', () => {
    for (const id of Object.keys(featureCatalogs())) expect(Object.keys(zhCN)).not.toContain(id);
  });
});
