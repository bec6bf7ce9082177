/** Figures as shown on screen (the e2e compares these strings). */
export const formatRate = (r: number | null | undefined): string => (r === null || r === undefined ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);
export const formatNumber = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : String(n));
