/** Small display helpers of the inspections screens. */

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** 1536 → "1.5 kB" in the user's language. */
export function formatBytes(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

/** A score as the reports print it: up to two decimals, no trailing zeros. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined) return '—';
  return String(Math.round(score * 100) / 100);
}

/** A badge class for a score against the pass mark. */
export function scoreTone(score: number | null | undefined, passMark = 60): 'ok' | 'warn' | 'bad' | '' {
  if (score === null || score === undefined) return '';
  if (score >= 90) return 'ok';
  return score >= passMark ? 'warn' : 'bad';
}
