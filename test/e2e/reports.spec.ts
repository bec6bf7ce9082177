import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { addMonthsToMonth, monthOf } from '../../src/domain/calendar/days';
import { dayOfInstant } from '../../src/domain/calendar/time-zone';
import type { DocOf } from '../../src/domain/collections';
import type { MonthDashboard } from '../../src/domain/rules/dashboard';
import { formatNumber, formatRate } from '../../src/features/reports/format';
import type { RawDocs } from '../../src/features/reports/site-data';
import { apiToken, expectAccessible, HALL, pullAll, signInAndOpen } from './helpers';

/** Must-holds 1 (screen = pure function on the seeded data), 3 (exports) and 5 (axe) for the reports screens. */

const MONTH = addMonthsToMonth(monthOf(dayOfInstant(Date.now(), 'Asia/Shanghai')), -1);

async function serverDocs(request: APIRequestContext, siteId: string): Promise<RawDocs> {
  const token = await apiToken(request, 'admin');
  const get = async <C extends string>(c: C) => (await pullAll(request, token, c)).filter((d) => c === 'catalog' || d.siteId === siteId || (c === 'sites' && d.id === siteId));
  const [sites, catalog, staff, rosters, attendance, leave, training, results, inspections] = await Promise.all(
    ['sites', 'catalog', 'staff', 'rosters', 'attendance', 'leave', 'training', 'results', 'inspections'].map(get),
  );
  const org = catalog!.find((d) => d.kind === 'organisation') as RawDocs['organisation'];
  return {
    sites: sites!.filter((s) => s.id === siteId) as unknown as DocOf<'sites'>[],
    ...(org ? { organisation: org } : {}),
    staff: staff as unknown as DocOf<'staff'>[],
    rosters: rosters as unknown as DocOf<'rosters'>[],
    attendance: attendance as unknown as DocOf<'attendance'>[],
    leave: leave as unknown as DocOf<'leave'>[],
    training: training as unknown as DocOf<'training'>[],
    results: results as unknown as DocOf<'results'>[],
    inspections: inspections as unknown as DocOf<'inspections'>[],
  };
}

/**
 * The pure function's output for the server's documents. Run under tsx: the
 * working-day calendar imports a JSON module that Playwright's loader cannot.
 */
function expectedDashboard(raw: RawDocs, file: string): MonthDashboard {
  writeFileSync(file, JSON.stringify(raw));
  const script = `
    const { readFileSync } = await import('node:fs');
    const { monthDashboard } = await import(process.cwd() + '/src/domain/rules/dashboard.ts');
    const { orgPolicy, siteDataFrom } = await import(process.cwd() + '/src/features/reports/site-data.ts');
    const raw = JSON.parse(readFileSync(process.argv.at(-1), 'utf8'));
    console.log(JSON.stringify(monthDashboard(siteDataFrom(raw), ${JSON.stringify(MONTH)}, Date.now(), orgPolicy(raw.organisation))));
  `;
  const out = execFileSync('npx', ['tsx', '--input-type=module', '-e', script, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as MonthDashboard;
}

test.describe('reports', () => {
  test('the month dashboard shows exactly the figures of the pure function on the seeded data', async ({ page, request }, testInfo) => {
    test.setTimeout(180_000);
    const raw = await serverDocs(request, HALL);
    const dash = expectedDashboard(raw, testInfo.outputPath('raw.json'));
    expect(dash.attendance.attendanceBase).toBeGreaterThan(0);
    await signInAndOpen(page, 'manager', `/reports?site=${HALL}&month=${MONTH}`);
    const figure = (id: string) => page.getByTestId(`figure-${id}`);
    const a = dash.attendance;
    // The first sync streams the history in: wait until the figures settle on the expected ones.
    await expect(figure('attendance-rate')).toHaveText(formatRate(a.attendanceRate), { timeout: 90_000 });
    await expect(figure('on-time-rate')).toHaveText(formatRate(a.onTimeRate));
    await expect(figure('late')).toHaveText(formatNumber(a.lateCount));
    await expect(figure('early')).toHaveText(formatNumber(a.earlyCount));
    await expect(figure('absence')).toHaveText(formatNumber(a.absenceHalfDays / 2));
    await expect(figure('training-completion')).toHaveText(formatRate(dash.training.completionRate));
    await expect(figure('exam-pass')).toHaveText(formatRate(dash.training.examPassRate));
    await expect(figure('inspection-average')).toHaveText(formatNumber(dash.inspections.averageScore));
    await expect(figure('actions-open')).toHaveText(formatNumber(dash.actions.open));
    await expect(figure('actions-overdue')).toHaveText(formatNumber(dash.actions.overdue));
    for (const d of dash.inspections.byDimension) {
      await expect(page.locator(`[data-testid=dimension-table] tr[data-section="${d.sectionId}"] [data-col=average]`)).toHaveText(String(d.average));
    }
    for (const [type, days] of Object.entries(dash.leaveDaysByType)) {
      await expect(page.locator(`[data-testid=leave-table] tr[data-leave-type="${type}"] [data-col=days]`)).toHaveText(String(days));
    }
    await expect(page.locator('.bar-chart svg')).toBeVisible();
    await expectAccessible(page, 'month dashboard');

    await page.goto(`/reports?site=${HALL}`);
    await expect(page.getByTestId('today-figures')).toBeVisible();
    await expectAccessible(page, 'dashboard with today');
  });

  test('reports export to xlsx (sheet, headers, rows) and CSV with a BOM', async ({ page }) => {
    await signInAndOpen(page, 'manager', `/reports/attendance?site=${HALL}&month=${MONTH}`);
    const table = page.getByTestId('report-table');
    await expect(table).toBeVisible({ timeout: 90_000 });
    // Rows settle once the history is synced.
    await expect.poll(async () => Number(await table.getAttribute('data-rows')), { timeout: 60_000 }).toBeGreaterThan(10);
    await page.waitForTimeout(2000);
    const rows = Number(await table.getAttribute('data-rows'));
    const headers = await table.locator('thead th').allInnerTexts();
    await expectAccessible(page, 'attendance report');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const csvBytes = readFileSync((await csv.path())!);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csvBytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(headers.join(','));
    expect(lines.length).toBe(rows + 1);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsx.path())!);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['考勤汇总']);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
    expect(ws.rowCount).toBe(rows + 1);

    for (const report of ['staff-changes', 'leave', 'training', 'inspections', 'actions']) {
      await page.goto(`/reports/${report}?site=${HALL}&month=${MONTH}`);
      await expect(page.locator('h1')).toBeVisible();
      await expectAccessible(page, `${report} report`);
    }
  });

  test('the inbox lists reminders for the role and passes axe', async ({ page }) => {
    await signInAndOpen(page, 'manager', '/inbox');
    await expect(page.getByTestId('reminders').locator('li').first()).toBeVisible({ timeout: 90_000 });
    await expectAccessible(page, 'inbox');
  });
});
