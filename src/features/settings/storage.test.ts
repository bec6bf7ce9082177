import { describe, expect, it } from 'vitest';
import { formatBytes, readPersistence, readSpace, requestPersistence, type StorageLike } from './storage';

describe('formatBytes', () => {
  it.each([
    [0, 'en', '0 byte'],
    [1023, 'en', '1,023 byte'],
    [1536, 'en', '1.5 kB'],
    [5 * 1024 * 1024, 'en', '5 MB'],
    [123.4 * 1024 * 1024 * 1024, 'en', '123 GB'],
    [-5, 'en', '0 byte'],
  ])('%d bytes in %s → %s', (bytes, locale, text) => {
    expect(formatBytes(bytes, locale)).toBe(text);
  });

  it('speaks Chinese too', () => {
    expect(formatBytes(2.5 * 1024 * 1024, 'zh-CN')).toMatch(/^2\.5\s?MB$/);
  });
});

const fake = (over: Partial<Record<'persisted' | 'persist', boolean | Error>> = {}): StorageLike => {
  const answer = (v: boolean | Error | undefined) => async () => {
    if (v instanceof Error) throw v;
    return v ?? false;
  };
  return { persisted: answer(over.persisted), persist: answer(over.persist) };
};

describe('persistence', () => {
  it.each([
    { label: 'already granted', storage: fake({ persisted: true }), result: 'granted' },
    { label: 'granted on asking', storage: fake({ persisted: false, persist: true }), result: 'granted' },
    { label: 'refused', storage: fake({ persisted: false, persist: false }), result: 'not-granted' },
    { label: 'the browser throws', storage: fake({ persist: new Error('no') }), result: 'not-granted' },
    { label: 'no Storage API', storage: undefined, result: 'unsupported' },
    { label: 'an API without persist', storage: {}, result: 'unsupported' },
  ])('request: $label → $result', async ({ storage, result }) => {
    expect(await requestPersistence(storage ?? {})).toBe(result);
  });

  it('reads the current state without asking', async () => {
    let asked = false;
    const storage: StorageLike = { persisted: async () => false, persist: async () => (asked = true) };
    expect(await readPersistence(storage)).toBe('not-granted');
    expect(asked).toBe(false);
  });
});

describe('readSpace', () => {
  it('gives used and free bytes', async () => {
    expect(await readSpace({ estimate: async () => ({ usage: 300, quota: 1000 }) })).toEqual({ used: 300, free: 700 });
  });
  it('is null when the browser will not tell', async () => {
    expect(await readSpace({ estimate: async () => ({}) })).toBeNull();
    expect(await readSpace({})).toBeNull();
    expect(await readSpace({ estimate: async () => Promise.reject(new Error('x')) })).toBeNull();
  });
});
