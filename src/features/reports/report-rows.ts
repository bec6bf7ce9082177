import type { Column, Sheet } from '../../app/export';
import type { KindOf } from '../../domain/collections';
import type { LeaveType } from '../../domain/policy';
import type { MonthlyFigures } from '../../domain/rules/attendance';
import { isOverdue } from '../../domain/rules/corrective-action';
import type { StaffChange } from '../../domain/rules/staff-changes';
import type { LeaveRequest } from '../../domain/schemas/leave';
import type { Staff } from '../../domain/schemas/staff';

/**
 * The documents' reports (DOMAIN.md "Reports") as sheets: the same columns on
 * screen, in the CSV and in the spreadsheet. Pure, so exports are tested.
 */

export type T = (key: string, options?: Record<string, unknown>) => string;
export type ReportId = 'attendance' | 'staff-changes' | 'leave' | 'training' | 'inspections' | 'actions';
export const reportIds: readonly ReportId[] = ['attendance', 'staff-changes', 'leave', 'training', 'inspections', 'actions'];

export interface ReportInput {
  month: string;
  today: string;
  siteName(id: string): string;
  staff: readonly (Pick<Staff, 'id' | 'name' | 'staffNo' | 'siteId' | 'status'> & Partial<Pick<Staff, 'hiredOn' | 'leftOn'>>)[];
  attendance: readonly { staffId: string; figures: MonthlyFigures }[];
  /** Joined, left and transferred in the month for the sites reported on (`staffChanges` of src/domain/rules/staff-changes.ts). */
  staffChanges: readonly StaffChange[];
  /** A post's name at a site ('' when there is no post). */
  postName(siteId: string, postId: string | undefined): string;
  leave: readonly (Pick<LeaveRequest, 'id' | 'staffId' | 'siteId' | 'type' | 'startDay' | 'endDay' | 'status'> & Partial<Pick<LeaveRequest, 'effectiveType' | 'days'>>)[];
  results: readonly (Pick<KindOf<'results', 'exam-result'>, 'id' | 'staffId' | 'siteId' | 'courseId' | 'day' | 'attempt' | 'status'> &
    Partial<Pick<KindOf<'results', 'exam-result'>, 'finalScore' | 'passed'>>)[];
  courseName(id: string): string;
  inspections: readonly (Pick<KindOf<'inspections', 'inspection'>, 'id' | 'siteId' | 'day' | 'templateKey' | 'status'> &
    Partial<Pick<KindOf<'inspections', 'inspection'>, 'score' | 'grade' | 'postId' | 'staffId'>>)[];
  actions: readonly Pick<KindOf<'inspections', 'action'>, 'id' | 'siteId' | 'day' | 'dueDay' | 'title' | 'status' | 'ownerId'>[];
  /** A person's or user's display name. */
  personName(id: string | undefined): string;
}

const pct = (r: number | null) => (r === null ? '' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);
const col = <R>(t: T, report: ReportId, key: string, value: Column<R>['value']): Column<R> & { key: string } => ({
  key,
  header: t(`reports.col.${report}.${key}`),
  value,
});

type AttRow = { staffNo: string; name: string; site: string; f: MonthlyFigures };

function attendanceSheet(i: ReportInput, t: T): Sheet<AttRow> {
  const byId = new Map(i.staff.map((s) => [s.id, s]));
  const rows = i.attendance
    .map((a) => {
      const s = byId.get(a.staffId);
      return { staffNo: s?.staffNo ?? '', name: s?.name ?? a.staffId, site: s ? i.siteName(s.siteId) : '', f: a.figures };
    })
    .sort((a, b) => a.staffNo.localeCompare(b.staffNo));
  const c = (key: string, v: (r: AttRow) => string | number) => col<AttRow>(t, 'attendance', key, v);
  return {
    name: t('reports.report.attendance'),
    rows,
    columns: [
      c('staffNo', (r) => r.staffNo),
      c('name', (r) => r.name),
      c('site', (r) => r.site),
      c('base', (r) => r.f.attendanceBase),
      c('attended', (r) => r.f.attendedDays),
      c('attendanceRate', (r) => pct(r.f.attendanceRate)),
      c('onTime', (r) => r.f.onTimeDays),
      c('onTimeRate', (r) => pct(r.f.onTimeRate)),
      c('late', (r) => r.f.lateCount),
      c('early', (r) => r.f.earlyCount),
      c('absence', (r) => r.f.absenceHalfDays / 2),
      c('leave', (r) => Object.values(r.f.leaveDaysByType).reduce((a, b) => a + (b ?? 0), 0)),
    ],
  };
}

type ChangeRow = StaffChange;

/** 人员异动: joined, left and transferred within the month; a transfer shows where from and where to (site · post). */
function staffChangesSheet(i: ReportInput, t: T): Sheet<ChangeRow> {
  const place = (siteId: string | undefined, postId: string | undefined) =>
    siteId === undefined ? '' : [i.siteName(siteId), i.postName(siteId, postId)].filter(Boolean).join(' · ');
  const c = (key: string, v: (r: ChangeRow) => string) => col<ChangeRow>(t, 'staff-changes', key, v);
  return {
    name: t('reports.report.staff-changes'),
    rows: [...i.staffChanges],
    columns: [
      c('day', (r) => r.day),
      c('change', (r) => t(`reports.change.${r.change}`)),
      c('staffNo', (r) => r.staffNo),
      c('name', (r) => r.name),
      c('site', (r) => i.siteName(r.siteId)),
      c('from', (r) => place(r.fromSiteId, r.fromPostId)),
      c('to', (r) => place(r.toSiteId, r.toPostId)),
    ],
  };
}

type LeaveRow = ReportInput['leave'][number];

function leaveSheet(i: ReportInput, t: T): Sheet<LeaveRow> {
  const monthEnd = `${i.month}-31`;
  const rows = i.leave.filter((l) => l.startDay <= monthEnd && l.endDay >= `${i.month}-01`).sort((a, b) => a.startDay.localeCompare(b.startDay));
  const type = (x: LeaveType) => t(`reports.leaveType.${x}`);
  const c = (key: string, v: (r: LeaveRow) => string | number) => col<LeaveRow>(t, 'leave', key, v);
  return {
    name: t('reports.report.leave'),
    rows,
    columns: [
      c('name', (r) => i.personName(r.staffId)),
      c('type', (r) => type(r.type)),
      c('effectiveType', (r) => type(r.effectiveType ?? r.type)),
      c('from', (r) => r.startDay),
      c('to', (r) => r.endDay),
      c('days', (r) => r.days ?? ''),
      c('status', (r) => t(`reports.leaveStatus.${r.status}`)),
    ],
  };
}

type ResultRow = ReportInput['results'][number];

function trainingSheet(i: ReportInput, t: T): Sheet<ResultRow> {
  const rows = i.results.filter((r) => r.day.startsWith(i.month) && r.status === 'final').sort((a, b) => a.day.localeCompare(b.day) || a.id.localeCompare(b.id));
  const c = (key: string, v: (r: ResultRow) => string | number) => col<ResultRow>(t, 'training', key, v);
  return {
    name: t('reports.report.training'),
    rows,
    columns: [
      c('day', (r) => r.day),
      c('name', (r) => i.personName(r.staffId)),
      c('course', (r) => i.courseName(r.courseId)),
      c('attempt', (r) => r.attempt),
      c('score', (r) => r.finalScore ?? ''),
      c('passed', (r) => (r.passed ? t('common.yes') : t('common.no'))),
    ],
  };
}

type InspRow = ReportInput['inspections'][number];

function inspectionsSheet(i: ReportInput, t: T): Sheet<InspRow> {
  const rows = i.inspections.filter((x) => x.day.startsWith(i.month) && x.status !== 'draft').sort((a, b) => a.day.localeCompare(b.day) || a.id.localeCompare(b.id));
  const c = (key: string, v: (r: InspRow) => string | number) => col<InspRow>(t, 'inspections', key, v);
  return {
    name: t('reports.report.inspections'),
    rows,
    columns: [
      c('day', (r) => r.day),
      c('site', (r) => i.siteName(r.siteId)),
      c('template', (r) => r.templateKey),
      c('person', (r) => (r.staffId ? i.personName(r.staffId) : '')),
      c('score', (r) => r.score ?? ''),
      c('grade', (r) => r.grade ?? ''),
    ],
  };
}

type ActionRow = ReportInput['actions'][number];

/** Corrective actions still open at the report day, raised up to it (overdue flagged). */
function actionsSheet(i: ReportInput, t: T): Sheet<ActionRow> {
  const rows = i.actions.filter((a) => a.status !== 'closed' && a.day <= i.today).sort((a, b) => a.dueDay.localeCompare(b.dueDay) || a.id.localeCompare(b.id));
  const c = (key: string, v: (r: ActionRow) => string | number) => col<ActionRow>(t, 'actions', key, v);
  return {
    name: t('reports.report.actions'),
    rows,
    columns: [
      c('title', (r) => r.title),
      c('site', (r) => i.siteName(r.siteId)),
      c('owner', (r) => i.personName(r.ownerId)),
      c('raised', (r) => r.day),
      c('due', (r) => r.dueDay),
      c('status', (r) => t(`reports.actionStatus.${r.status}`)),
      c('overdue', (r) => (isOverdue(r, i.today) ? t('common.yes') : t('common.no'))),
    ],
  };
}

/** One report as a sheet (rows typed per report; exports take them as `Sheet<never>`). */
export function reportSheet(id: ReportId, input: ReportInput, t: T): Sheet<never> {
  const build = { attendance: attendanceSheet, 'staff-changes': staffChangesSheet, leave: leaveSheet, training: trainingSheet, inspections: inspectionsSheet, actions: actionsSheet }[id];
  return build(input, t) as unknown as Sheet<never>;
}
