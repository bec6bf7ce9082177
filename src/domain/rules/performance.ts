import { addMonthsToMonth } from '../calendar/days';
import type { Policy } from '../policy';

/**
 * Monthly performance (DOMAIN.md "Performance"): total = provider × 30 % +
 * client × 70 % (configurable), performance pay by band or per point, and
 * warning flags over the last months.
 */

const round2 = (n: number) => Math.round(n * 100) / 100;
const clamp100 = (n: number) => Math.min(100, Math.max(0, n));

/** The weighted total, 0–100, to two decimals. Weights are used as given, normalised if they do not add up to 1. */
export function performanceTotal(providerScore: number, clientScore: number, policy: Policy): number {
  const { providerWeight, clientWeight } = policy.performance;
  const sum = providerWeight + clientWeight;
  if (sum <= 0) return 0;
  return round2(clamp100((clamp100(providerScore) * providerWeight + clamp100(clientScore) * clientWeight) / sum));
}

/** Monthly performance pay in yuan: the band the total falls in, or per point under the alternative setting. */
export function performancePay(total: number, policy: Policy): number {
  const p = policy.performance;
  if (p.payMode === 'per-point') return round2(clamp100(total) * p.payPerPoint);
  const band = [...p.payBands].sort((a, b) => b.min - a.min).find((b) => total >= b.min);
  return band?.pay ?? 0;
}

export type PerformanceWarning = 'consecutive-months-below' | 'month-below-within-window';

/**
 * Warning flags as of `month` (YYYY-MM) from monthly totals: "three months in a
 * row under 80" (the months up to and including `month`, none missing), and
 * "any month under 70 within three months".
 */
export function performanceWarnings(
  history: readonly { month: string; total: number }[],
  month: string,
  policy: Policy,
): PerformanceWarning[] {
  const p = policy.performance;
  const byMonth = new Map(history.map((h) => [h.month, h.total]));
  const lastMonths = (n: number) => Array.from({ length: n }, (_, i) => byMonth.get(addMonthsToMonth(month, -i)));
  const warnings: PerformanceWarning[] = [];
  const run = lastMonths(p.warningConsecutiveMonths);
  if (run.every((t) => t !== undefined && t < p.warningConsecutiveBelow)) warnings.push('consecutive-months-below');
  if (lastMonths(p.warningAnyMonthWindow).some((t) => t !== undefined && t < p.warningAnyMonthBelow)) {
    warnings.push('month-below-within-window');
  }
  return warnings;
}
