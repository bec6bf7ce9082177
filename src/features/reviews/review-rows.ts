import type { Column } from '../../app/export';
import type { DocOf } from '../../domain/collections';
import type { Policy } from '../../domain/policy';
import type { MonthlyFigures } from '../../domain/rules/attendance';
import { reviewOutcome, type ReviewOutcome } from '../../domain/rules/review-entry';

/** One person's row of the monthly review screen: the inputs beside the two scores, total, pay and flags. */
export interface ReviewRow {
  staffId: string;
  staffNo: string;
  name: string;
  review: DocOf<'reviews'> | undefined;
  outcome: ReviewOutcome;
  attendanceRate: number | null;
  inspectionAverage: number | null;
  examAverage: number | null;
}

type Person = Pick<DocOf<'staff'>, 'id' | 'staffNo' | 'name' | 'status'> & Partial<Pick<DocOf<'staff'>, 'hiredOn' | 'leftOn'>>;

const avg = (xs: readonly number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);

/** The people reviewed for `month`: on the books at some point in it. */
export function reviewRows(input: {
  month: string;
  policy: Policy;
  staff: readonly Person[];
  reviews: readonly DocOf<'reviews'>[];
  attendance: readonly { staffId: string; figures: MonthlyFigures }[];
  inspections: readonly { staffId?: string; day: string; score?: number; status: string }[];
  results: readonly { staffId: string; day: string; finalScore?: number; status: string }[];
}): ReviewRow[] {
  const { month, policy } = input;
  const monthStart = `${month}-01`;
  const monthEnd = `${month}-31`;
  const reviewsOf = new Map<string, DocOf<'reviews'>[]>();
  for (const r of input.reviews) reviewsOf.set(r.staffId, [...(reviewsOf.get(r.staffId) ?? []), r]);
  const att = new Map(input.attendance.map((a) => [a.staffId, a.figures.attendanceRate]));
  return input.staff
    .filter((s) => (!s.hiredOn || s.hiredOn <= monthEnd) && !(s.leftOn && s.leftOn < monthStart))
    .map((s) => {
      const mine = reviewsOf.get(s.id) ?? [];
      const review = mine.find((r) => r.month === month);
      return {
        staffId: s.id,
        staffNo: s.staffNo,
        name: s.name,
        review,
        outcome: reviewOutcome(review, mine, month, policy),
        attendanceRate: att.get(s.id) ?? null,
        inspectionAverage: avg(input.inspections.filter((i) => i.staffId === s.id && i.day.startsWith(month) && i.status !== 'draft' && i.score !== undefined).map((i) => i.score!)),
        examAverage: avg(input.results.filter((r) => r.staffId === s.id && r.day.startsWith(month) && r.status === 'final' && r.finalScore !== undefined).map((r) => r.finalScore!)),
      };
    })
    .sort((a, b) => a.staffNo.localeCompare(b.staffNo));
}

const pct = (r: number | null) => (r === null ? '' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);

/** Columns of the export (the screen adds the entry controls). */
export function reviewColumns(t: (k: string) => string): Column<ReviewRow>[] {
  const h = (k: string) => t(`reviews.col.${k}`);
  return [
    { header: h('staffNo'), value: (r) => r.staffNo },
    { header: h('name'), value: (r) => r.name },
    { header: h('attendanceRate'), value: (r) => pct(r.attendanceRate) },
    { header: h('inspection'), value: (r) => r.inspectionAverage ?? '' },
    { header: h('exam'), value: (r) => r.examAverage ?? '' },
    { header: h('provider'), value: (r) => r.review?.providerScore ?? '' },
    { header: h('client'), value: (r) => r.review?.clientScore ?? '' },
    { header: h('total'), value: (r) => r.outcome.total ?? '' },
    { header: h('pay'), value: (r) => r.outcome.pay ?? '' },
    { header: h('warnings'), value: (r) => r.outcome.warnings.map((w) => t(`reviews.warning.${w}`)).join('; ') },
    { header: h('status'), value: (r) => t(r.review?.locked ? 'reviews.locked' : 'reviews.open') },
  ];
}
