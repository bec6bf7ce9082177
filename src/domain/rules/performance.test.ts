import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultPolicy, policySchema } from '../policy';
import { performancePay, performanceTotal, performanceWarnings } from './performance';

describe('DOMAIN.md performance', () => {
  it('"Total = provider\'s score × 30 % + client\'s score × 70 % (weights configurable)"', () => {
    expect(performanceTotal(80, 90, defaultPolicy)).toBe(87);
    expect(performanceTotal(100, 0, defaultPolicy)).toBe(30);
    const even = policySchema.parse({ performance: { providerWeight: 0.5, clientWeight: 0.5 } });
    expect(performanceTotal(80, 90, even)).toBe(85);
  });

  it.each([
    [0, 0],
    [59.99, 0], // under 60
    [60, 100], // 60 to under 70
    [69.99, 100],
    [70, 300], // 70 to under 80
    [80, 500], // 80 to under 90
    [89.5, 500],
    [90, 700], // 90 to 100
    [100, 700],
  ])('monthly performance pay table (under 60: 0 · 60–70: 100 · 70–80: 300 · 80–90: 500 · 90–100: 700): %d → %d yuan', (total, pay) => {
    expect(performancePay(total, defaultPolicy)).toBe(pay);
  });

  it('"An alternative setting pays 5 yuan a point."', () => {
    const perPoint = policySchema.parse({ performance: { payMode: 'per-point' } });
    expect(performancePay(87.5, perPoint)).toBe(437.5);
  });

  it.each([
    ['three months in a row under 80', [['2025-01', 79], ['2025-02', 75], ['2025-03', 78]], ['consecutive-months-below']],
    ['two months under 80 then 80', [['2025-01', 79], ['2025-02', 75], ['2025-03', 80]], []],
    ['a month missing breaks the run', [['2024-12', 70], ['2025-01', 79], ['2025-03', 78]], []],
    ['any month under 70 within three months', [['2025-01', 69], ['2025-02', 90], ['2025-03', 95]], ['month-below-within-window']],
    ['a month under 70 four months ago is outside the window', [['2024-12', 50], ['2025-01', 90], ['2025-02', 90], ['2025-03', 95]], []],
    ['both', [['2025-01', 65], ['2025-02', 75], ['2025-03', 78]], ['consecutive-months-below', 'month-below-within-window']],
  ] as const)('warning flags: "three months in a row under 80, or any month under 70 within three months" (%s)', (_n, rows, want) => {
    const history = rows.map(([month, total]) => ({ month, total }));
    expect(performanceWarnings(history, '2025-03', defaultPolicy)).toEqual(want);
  });

  it('totals stay within 0–100', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 150, noNaN: true }), fc.double({ min: -50, max: 150, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b, w) => {
        const p = policySchema.parse({ performance: { providerWeight: w, clientWeight: 1 - w } });
        const t = performanceTotal(a, b, p);
        expect(t).toBeGreaterThanOrEqual(0);
        expect(t).toBeLessThanOrEqual(100);
      }),
    );
  });
});
