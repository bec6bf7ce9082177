import { describe, expect, it } from 'vitest';
import { actionSummary, inspectionTrends, periodKey } from './inspection-trends';

const insp = (day: string, score: number, more: Record<string, unknown> = {}) => ({
  siteId: 'site-hall-1',
  day,
  status: 'submitted' as const,
  score,
  templateKey: 'window-supervision',
  ...more,
});

describe('inspection trends', () => {
  it.each([
    ['2025-03-12', 'month', '2025-03'],
    ['2025-03-12', 'week', '2025-03-10'],
    ['2025-03-10', 'week', '2025-03-10'],
    ['2025-03-16', 'week', '2025-03-10'],
  ] as const)('periodKey(%s, %s) = %s', (day, period, expected) => {
    expect(periodKey(day, period)).toBe(expected);
  });

  const data = [
    insp('2025-02-10', 90, { postId: 'w1', staffId: 's1', sectionScores: [{ sectionId: 'attitude', score: 80, vetoed: false }] }),
    insp('2025-03-03', 70, { postId: 'w1', staffId: 's1', sectionScores: [{ sectionId: 'attitude', score: 60, vetoed: false }, { sectionId: 'environment', score: 100, vetoed: false }] }),
    insp('2025-03-04', 50, { siteId: 'site-hotline-1', staffId: 's2' }),
    insp('2025-03-05', 10, { status: 'draft', staffId: 's2' }),
  ];

  it('by site: average, range, pass rate, monthly trend; drafts ignored; weakest first', () => {
    expect(inspectionTrends(data, 'site', 'month', 60)).toEqual([
      { key: 'site-hotline-1', count: 1, average: 50, min: 50, max: 50, passRate: 0, trend: [{ period: '2025-03', count: 1, average: 50 }] },
      {
        key: 'site-hall-1',
        count: 2,
        average: 80,
        min: 70,
        max: 90,
        passRate: 1,
        trend: [
          { period: '2025-02', count: 1, average: 90 },
          { period: '2025-03', count: 1, average: 70 },
        ],
      },
    ]);
  });

  it.each([
    ['post', ['site-hall-1/w1']],
    ['person', ['s2', 's1']],
    ['dimension', ['attitude', 'environment']],
  ] as const)('by %s', (by, keys) => {
    expect(inspectionTrends(data, by, 'week', 60).map((r) => r.key)).toEqual(keys);
  });

  it('by dimension averages the section scores', () => {
    const attitude = inspectionTrends(data, 'dimension', 'month', 60).find((r) => r.key === 'attitude')!;
    expect([attitude.average, attitude.passRate]).toEqual([70, 1]);
  });
});

describe('corrective action summary', () => {
  it('counts open, overdue and closed per site', () => {
    const a = (siteId: string, status: 'open' | 'closed' | 'evidence-submitted', dueDay: string) => ({ siteId, status, dueDay });
    expect(
      actionSummary([a('h', 'open', '2025-03-01'), a('h', 'evidence-submitted', '2025-03-20'), a('h', 'closed', '2025-03-01'), a('t', 'open', '2025-03-10')], '2025-03-10'),
    ).toEqual([
      { siteId: 'h', open: 2, overdue: 1, closed: 1 },
      { siteId: 't', open: 1, overdue: 0, closed: 0 },
    ]);
  });
});
