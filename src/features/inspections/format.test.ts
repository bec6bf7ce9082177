import { describe, expect, it } from 'vitest';
import { formatBytes, formatScore, scoreTone } from './format';

describe('display helpers', () => {
  it.each([
    [0, '0 byte'],
    [1536, '1.5 kB'],
    [5 * 1024 * 1024, '5 MB'],
  ])('formatBytes(%i)', (bytes, expected) => {
    expect(formatBytes(bytes, 'en')).toBe(expected);
  });

  it.each([
    [93.5, '93.5'],
    [100, '100'],
    [73.333, '73.33'],
    [null, '—'],
    [undefined, '—'],
  ])('formatScore(%s)', (score, expected) => {
    expect(formatScore(score)).toBe(expected);
  });

  it.each([
    [95, 'ok'],
    [70, 'warn'],
    [30, 'bad'],
    [undefined, ''],
  ] as const)('scoreTone(%s)', (score, tone) => {
    expect(scoreTone(score)).toBe(tone);
  });
});
