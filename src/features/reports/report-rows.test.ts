import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv, toXlsx } from '../../app/export';
import { instantOf } from '../../domain/calendar/time-zone';
import { WorkingCalendar } from '../../domain/calendar/working-days';
import type { KindOf } from '../../domain/collections';
import { generateDemoOrg } from '../../domain/demo';
import { defaultPolicy } from '../../domain/policy';
import { siteAttendance } from '../../domain/rules/dashboard';
import { staffChanges } from '../../domain/rules/staff-changes';
import { reportIds, reportSheet, type ReportInput } from './report-rows';

const TODAY = '2026-06-17';
const MONTH = '2026-05';
const org = generateDemoOrg({ seed: 3, today: TODAY });
const calendar = new WorkingCalendar([], 'Asia/Shanghai');
const hall = org.sites.find((s) => s.id === 'site-hall-1')!;
const hallOnly = <T extends { siteId: string }>(d: readonly T[]) => d.filter((x) => x.siteId === hall.id);
const names = new Map(org.staff.map((s) => [s.id, s.name]));
const t = (key: string) => key;

const input: ReportInput = {
  month: MONTH,
  today: TODAY,
  siteName: (id) => org.sites.find((s) => s.id === id)?.name ?? id,
  staff: hallOnly(org.staff),
  attendance: siteAttendance(
    {
      siteId: hall.id,
      timeZone: hall.timeZone,
      shiftTemplates: hall.shiftTemplates,
      posts: hall.posts,
      policy: defaultPolicy,
      isWorkingDay: (d) => calendar.isWorkingDay(d),
      staff: hallOnly(org.staff),
      slots: hallOnly(org.rosters).filter((d): d is KindOf<'rosters', 'slot'> => d.kind === 'slot'),
      events: hallOnly(org.attendance),
      leave: hallOnly(org.leave),
      sessions: hallOnly(org.training).filter((d): d is KindOf<'training', 'session'> => d.kind === 'session'),
      results: [],
      inspections: [],
      actions: [],
    },
    MONTH,
    Date.parse(instantOf(TODAY, '08:00', 'Asia/Shanghai')),
  ),
  staffChanges: staffChanges(org.staff, `${MONTH}-01`, `${MONTH}-31`, (id) => id === hall.id),
  postName: (siteId, postId) => org.sites.find((s) => s.id === siteId)?.posts.find((p) => p.id === postId)?.name ?? '',
  leave: hallOnly(org.leave),
  results: hallOnly(org.results).filter((d): d is KindOf<'results', 'exam-result'> => d.kind === 'exam-result'),
  courseName: (id) => id,
  inspections: hallOnly(org.inspections).filter((d): d is KindOf<'inspections', 'inspection'> => d.kind === 'inspection'),
  actions: hallOnly(org.inspections).filter((d): d is KindOf<'inspections', 'action'> => d.kind === 'action'),
  personName: (id) => (id ? (names.get(id) ?? id) : ''),
};

describe('report exports (must-hold 3)', () => {
  it('the xlsx opens with one sheet per report, the headers and every row', async () => {
    const sheets = reportIds.map((id) => reportSheet(id, input, t));
    const data = await toXlsx(sheets);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data.buffer as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(reportIds.map((id) => `reports.report.${id}`));
    for (const [n, sheet] of sheets.entries()) {
      const ws = wb.worksheets[n]!;
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(sheet.columns.map((c) => c.header));
      expect(ws.rowCount - 1).toBe(sheet.rows.length);
      const last = sheet.rows.at(-1);
      if (last !== undefined) {
        const cells = (ws.getRow(ws.rowCount).values as unknown[]).slice(1).map((v) => (v === undefined ? '' : v));
        expect(cells).toEqual(sheet.columns.map((c) => c.value(last) ?? ''));
      }
    }
    // The demo month has data in the reports that matter most.
    const [att, , leave, , insp] = sheets;
    expect(att!.rows.length).toBeGreaterThan(10);
    expect(leave!.rows.length).toBeGreaterThan(0);
    expect(insp!.rows.length).toBeGreaterThan(0);
  });

  it('CSV starts with the BOM and has a header line and a line per row', () => {
    const sheet = reportSheet('attendance', input, t);
    const csv = toCsv(sheet.columns, sheet.rows);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(sheet.columns.map((c) => c.header).join(','));
    expect(lines.length).toBe(sheet.rows.length + 1);
  });

  it('the attendance report has a row per counted person with the figures of the attendance rules', () => {
    const sheet = reportSheet('attendance', input, t);
    expect(sheet.rows.length).toBe(input.attendance.length);
    const rate = sheet.columns.find((c) => c.header.endsWith('attendanceRate'))!;
    for (const row of sheet.rows) expect(String(rate.value(row))).toMatch(/^(\d{1,3}\.\d%)?$/);
  });

  it('the actions report lists only actions still open at the report day', () => {
    const sheet = reportSheet('actions', input, t) as unknown as { rows: { status: string; day: string }[] };
    expect(sheet.rows.every((r) => r.status !== 'closed' && r.day <= TODAY)).toBe(true);
  });

  it('the staff-changes report lists joins, leaves and transfers with where from and where to', () => {
    const hotline = org.sites.find((s) => s.kind === 'hotline')!;
    const [moved, joined] = hallOnly(org.staff);
    const withChanges: ReportInput = {
      ...input,
      staffChanges: staffChanges(
        [
          { ...moved!, siteId: hotline.id, postId: hotline.posts[0]!.id, transfers: [{ day: `${MONTH}-12`, fromSiteId: hall.id, fromPostId: moved!.postId, toSiteId: hotline.id, toPostId: hotline.posts[0]!.id, recordedAt: `${MONTH}-12T01:00:00.000Z`, recordedBy: 'u' }] },
          { ...joined!, hiredOn: `${MONTH}-03`, leftOn: undefined },
        ],
        `${MONTH}-01`,
        `${MONTH}-31`,
        (id) => id === hall.id,
      ),
    };
    const sheet = reportSheet('staff-changes', withChanges, t);
    const cells = sheet.rows.map((r) => sheet.columns.map((c) => c.value(r)));
    const post = (siteId: string, postId: string | undefined) => withChanges.postName(siteId, postId);
    expect(sheet.columns.map((c) => c.header)).toEqual(['day', 'change', 'staffNo', 'name', 'site', 'from', 'to'].map((k) => `reports.col.staff-changes.${k}`));
    expect(cells).toEqual([
      [`${MONTH}-03`, 'reports.change.joined', joined!.staffNo, joined!.name, hall.name, '', ''],
      [`${MONTH}-12`, 'reports.change.transferred', moved!.staffNo, moved!.name, hotline.name, [hall.name, post(hall.id, moved!.postId)].filter(Boolean).join(' · '), `${hotline.name} · ${hotline.posts[0]!.name}`],
    ]);
  });
});
