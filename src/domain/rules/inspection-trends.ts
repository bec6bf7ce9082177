import { addDays, dayOfWeek } from '../calendar/days';
import type { CorrectiveAction, Inspection } from '../schemas/inspection';
import { isOverdue } from './corrective-action';

/**
 * Inspection reports (DOMAIN.md "Reports"): scores by site, post, person and
 * dimension (template section), with a trend per month or week; open and
 * overdue corrective actions. Only submitted or locked inspections count.
 */

export type TrendDimension = 'site' | 'post' | 'person' | 'dimension';
export type TrendPeriod = 'month' | 'week';

type InspectionLike = Pick<Inspection, 'siteId' | 'day' | 'status' | 'score' | 'postId' | 'staffId' | 'sectionScores' | 'templateKey'>;

export interface TrendPoint {
  period: string;
  count: number;
  average: number;
}

export interface TrendRow {
  /** Site id; `siteId/postId`; staff id; or section id (a dimension such as 服务态度). */
  key: string;
  count: number;
  average: number;
  min: number;
  max: number;
  /** Share of scores at or above `passMark`. */
  passRate: number;
  /** Oldest period first. */
  trend: TrendPoint[];
}

/** The period label of a day: `YYYY-MM`, or the Monday (`YYYY-MM-DD`) of its week. */
export function periodKey(day: string, period: TrendPeriod): string {
  return period === 'month' ? day.slice(0, 7) : addDays(day, -((dayOfWeek(day) + 6) % 7));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Scores of one inspection for a dimension: one per section for 'dimension', else the total under its key. */
function samples(i: InspectionLike, by: TrendDimension): { key: string; score: number }[] {
  if (by === 'dimension') return (i.sectionScores ?? []).map((s) => ({ key: s.sectionId, score: s.score }));
  if (i.score === undefined) return [];
  const key = by === 'site' ? i.siteId : by === 'post' ? (i.postId ? `${i.siteId}/${i.postId}` : undefined) : i.staffId;
  return key ? [{ key, score: i.score }] : [];
}

/** Average, range, pass rate and trend of inspection scores grouped by one dimension; lowest average first. */
export function inspectionTrends(inspections: readonly InspectionLike[], by: TrendDimension, period: TrendPeriod, passMark: number): TrendRow[] {
  const groups = new Map<string, { scores: number[]; periods: Map<string, number[]> }>();
  for (const i of inspections) {
    if (i.status === 'draft') continue;
    for (const { key, score } of samples(i, by)) {
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { scores: [], periods: new Map() }));
      g.scores.push(score);
      const p = periodKey(i.day, period);
      const list = g.periods.get(p);
      if (list) list.push(score);
      else g.periods.set(p, [score]);
    }
  }
  const avg = (xs: number[]) => round1(xs.reduce((a, b) => a + b, 0) / xs.length);
  return [...groups.entries()]
    .map(([key, g]) => ({
      key,
      count: g.scores.length,
      average: avg(g.scores),
      min: Math.min(...g.scores),
      max: Math.max(...g.scores),
      passRate: round1((g.scores.filter((s) => s >= passMark).length / g.scores.length) * 100) / 100,
      trend: [...g.periods.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([p, xs]) => ({ period: p, count: xs.length, average: avg(xs) })),
    }))
    .sort((a, b) => a.average - b.average || a.key.localeCompare(b.key));
}

export interface ActionSummary {
  siteId: string;
  open: number;
  overdue: number;
  closed: number;
}

/** Open (not closed), overdue and closed corrective actions per site. */
export function actionSummary(actions: readonly Pick<CorrectiveAction, 'siteId' | 'status' | 'dueDay'>[], today: string): ActionSummary[] {
  const bySite = new Map<string, ActionSummary>();
  for (const a of actions) {
    let s = bySite.get(a.siteId);
    if (!s) bySite.set(a.siteId, (s = { siteId: a.siteId, open: 0, overdue: 0, closed: 0 }));
    if (a.status === 'closed') s.closed += 1;
    else s.open += 1;
    if (isOverdue(a, today)) s.overdue += 1;
  }
  return [...bySite.values()].sort((a, b) => a.siteId.localeCompare(b.siteId));
}
