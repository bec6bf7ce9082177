import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { monthOf } from '../../src/domain/calendar/days';
import { dayOfInstant } from '../../src/domain/calendar/time-zone';
import { periodOf, siteReportId, siteReportLines } from '../../src/domain/rules/site-report';
import type { SiteReport } from '../../src/domain/schemas/site-report';
import { apiToken, expectAccessible, goOffline, HALL, pullAll, pushDocs, signInAndOpen, waitForServiceWorker } from './helpers';

/**
 * Issue 9: the weekly report (周报) written offline by the manager reaches
 * the superior's device; both edit it offline and the merge keeps both; it
 * exports to xlsx and CSV and is submitted. Staff transfers appear in the
 * staff-changes report (人员异动).
 */

type Doc = Record<string, unknown>;
const HOTLINE = 'site-hotline-1';
const TODAY = dayOfInstant(Date.now(), 'Asia/Shanghai');
const WEEK = periodOf('week', TODAY);
const REPORT_ID = siteReportId(HALL, 'week', WEEK.day);

async function device(browser: Browser, user: string, path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAndOpen(page, user, path);
  await waitForServiceWorker(page);
  return page;
}

/** Everything this device wrote is on the server. */
async function allSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 45_000 });
}

const cell = (page: Page, row: number, column: string) => page.getByLabel(`第 ${row} 行：${column}`, { exact: true });
const saved = (page: Page) => expect(page.getByTestId('save-state')).toHaveText('已保存到本机', { timeout: 15_000 });

test.describe('weekly and monthly site reports', () => {
  test('a manager writes a weekly report offline; the superior sees it, both edit offline and keep both; xlsx, CSV, submit', async ({ browser, request }) => {
    test.setTimeout(300_000);
    const admin = await apiToken(request, 'admin');
    const hall = (await pullAll(request, admin, 'sites')).find((s) => s.id === HALL) as Doc & { posts: { name: string }[] };

    const manager = await device(browser, 'manager', `/reports/site-reports?site=${HALL}`);
    await expect(manager.getByTestId('site-report-site')).toHaveValue(HALL, { timeout: 60_000 });
    await expect(manager.getByText('该场所还没有周报或月报。')).toBeVisible({ timeout: 30_000 });
    await expectAccessible(manager, 'site reports list (empty)');

    // Offline: create this week's report prefilled with the hall's posts, and write it.
    await goOffline(manager.context(), manager, true);
    await manager.getByTestId('site-report-period').selectOption('week');
    await manager.getByTestId('site-report-prefill').selectOption('posts');
    await manager.getByRole('button', { name: '新建或打开' }).click();
    await expect(manager).toHaveURL(new RegExp(`/reports/site-reports/${encodeURIComponent(REPORT_ID)}$`));
    const table = manager.getByTestId('site-report-table');
    await expect(table).toHaveAttribute('data-rows', String(hall.posts.length));
    await expect(cell(manager, 1, '项目')).toHaveValue(hall.posts[0]!.name);
    await cell(manager, 1, '工作内容').fill('受理 312 件，办结率 100%');
    await manager.getByRole('button', { name: '添加一行' }).click();
    const added = hall.posts.length + 1;
    await expect(table).toHaveAttribute('data-rows', String(added));
    await cell(manager, added, '项目').fill('延时服务');
    await cell(manager, added, '完成情况').fill('周六上午开放');
    await saved(manager);
    await expectAccessible(manager, 'weekly report editor');
    await manager.getByRole('link', { name: '返回周报 / 月报列表' }).click();
    await expect(manager.locator(`[data-testid=site-report-item][data-id="${REPORT_ID}"]`)).toHaveAttribute('data-status', 'draft');
    await expectAccessible(manager, 'site reports list');

    // Online: the report reaches the server.
    await goOffline(manager.context(), manager, false);
    await allSynced(manager);
    await expect
      .poll(async () => {
        const doc = (await pullAll(request, admin, 'inspections')).find((d) => d.id === REPORT_ID) as SiteReport | undefined;
        return doc ? siteReportLines(doc).map((l) => [l.cells.project, l.cells.work, l.cells.status]).slice(0, 1).concat(siteReportLines(doc).slice(-1).map((l) => [l.cells.project, l.cells.work, l.cells.status])) : null;
      }, { timeout: 30_000 })
      .toEqual([
        [hall.posts[0]!.name, '受理 312 件，办结率 100%', ''],
        ['延时服务', '', '周六上午开放'],
      ]);

    // A second device: the manager's superior sees the report and its text.
    const superior = await device(browser, 'superior', `/reports/site-reports?site=${HALL}`);
    const item = superior.locator(`[data-testid=site-report-item][data-id="${REPORT_ID}"]`);
    await expect(item).toBeVisible({ timeout: 90_000 });
    await item.getByRole('link').click();
    await expect(cell(superior, 1, '工作内容')).toHaveValue('受理 312 件，办结率 100%', { timeout: 30_000 });
    await expect(cell(superior, added, '项目')).toHaveValue('延时服务');

    // Both offline, both write the same row: after syncing, both texts are on both devices.
    await manager.goto(`/reports/site-reports/${encodeURIComponent(REPORT_ID)}`);
    await expect(cell(manager, 1, '工作内容')).toHaveValue('受理 312 件，办结率 100%', { timeout: 30_000 });
    await goOffline(manager.context(), manager, true);
    await goOffline(superior.context(), superior, true);
    await cell(manager, 1, '备注').fill('甲：叫号机已报修');
    await cell(superior, 1, '存在问题').fill('乙：周五高峰排队较长');
    await cell(superior, 1, '工作内容').press('End');
    await cell(superior, 1, '工作内容').pressSequentially('；另有咨询 80 次');
    await saved(manager);
    await saved(superior);
    await goOffline(manager.context(), manager, false);
    await goOffline(superior.context(), superior, false);
    await allSynced(manager);
    await allSynced(superior);
    for (const page of [manager, superior]) {
      await expect(cell(page, 1, '备注')).toHaveValue('甲：叫号机已报修', { timeout: 30_000 });
      await expect(cell(page, 1, '存在问题')).toHaveValue('乙：周五高峰排队较长', { timeout: 30_000 });
      await expect(cell(page, 1, '工作内容')).toHaveValue('受理 312 件，办结率 100%；另有咨询 80 次', { timeout: 30_000 });
    }

    // Exports: the xlsx reads back with the sheet, headers and rows on screen; the CSV starts with a BOM.
    const headers = await manager.getByTestId('site-report-table').locator('thead th').allInnerTexts();
    expect(headers).toEqual(['序号', '项目', '工作内容', '完成情况', '存在问题', '需协调事项', '备注', '操作']);
    const [xlsx] = await Promise.all([manager.waitForEvent('download'), manager.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toBe(`周报-市民中心政务服务大厅-${WEEK.day}_${WEEK.endDay}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsx.path())!);
    expect(wb.worksheets.map((w) => w.name)).toEqual([`周报 ${WEEK.day}`]);
    const ws = wb.worksheets[0]!;
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1).map((v) => v ?? '');
    expect(row(1)).toEqual(headers.slice(0, -1));
    expect(ws.rowCount).toBe(added + 1);
    expect(row(2)).toEqual([1, hall.posts[0]!.name, '受理 312 件，办结率 100%；另有咨询 80 次', '', '乙：周五高峰排队较长', '', '甲：叫号机已报修']);
    expect(row(added + 1)).toEqual([added, '延时服务', '', '周六上午开放', '', '', '']);

    const [csv] = await Promise.all([manager.waitForEvent('download'), manager.getByRole('button', { name: '导出 CSV' }).click()]);
    const bytes = readFileSync((await csv.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(headers.slice(0, -1).join(','));
    expect(lines).toHaveLength(added + 1);

    // The manager submits: the report is locked on both devices.
    await manager.getByRole('button', { name: '提交报告' }).click();
    await expectAccessible(manager, 'submit dialog');
    await manager.getByRole('dialog').getByRole('button', { name: '提交报告' }).click();
    await expect(manager.getByTestId('site-report')).toHaveAttribute('data-status', 'submitted');
    await expect(superior.getByTestId('site-report')).toHaveAttribute('data-status', 'submitted', { timeout: 30_000 });
    await expect(superior.getByTestId('site-report-table').locator('textarea')).toHaveCount(0);
    await expect(superior.getByTestId('site-report-table')).toContainText('乙：周五高峰排队较长');
    await expectAccessible(superior, 'submitted weekly report');
    await manager.context().close();
    await superior.context().close();
  });

  test('a transfer is kept on the staff record and listed in the staff-changes report', async ({ page, request }) => {
    test.setTimeout(180_000);
    const admin = await apiToken(request, 'admin');
    const staff = (await pullAll(request, admin, 'staff')) as (Doc & { id: string; name: string; siteId: string; status: string; hiredOn?: string })[];
    const person = staff.filter((s) => s._deleted !== true && s.siteId === HALL && s.status === 'on-post' && (s.hiredOn ?? '') < TODAY).at(-1)!;
    const hotline = (await pullAll(request, admin, 'sites')).find((s) => s.id === HOTLINE) as Doc & { name: string; posts: { id: string; name: string }[] };

    await signInAndOpen(page, 'manager', `/staff/${encodeURIComponent(person.id)}/transfer`);
    await expect(page.getByRole('heading', { name: `调动 ${person.name}` })).toBeVisible({ timeout: 60_000 });
    await page.getByLabel('调入场所').selectOption(HOTLINE);
    await page.getByLabel('调入岗位').selectOption(hotline.posts[0]!.id);
    await page.getByLabel('说明').fill('支援 12345 热线');
    await page.getByLabel('生效日期').fill('2999-01-01');
    await page.getByRole('button', { name: '确认调动' }).click();
    await expect(page.getByTestId('transfer-problem')).toHaveText('生效日期不能晚于今天：档案会立即转到新场所。');
    await expectAccessible(page, 'transfer form');
    await page.getByLabel('生效日期').fill(TODAY);
    await page.getByRole('button', { name: '确认调动' }).click();

    await expect(page.getByText('已调动，已保存到本机，联网后自动同步。')).toBeVisible();
    const history = page.getByTestId('transfer-row');
    await expect(history).toHaveCount(1);
    await expect(history).toContainText(`${hotline.name} · ${hotline.posts[0]!.name}`);
    await expectAccessible(page, 'staff record with transfers');
    await expect
      .poll(async () => {
        const doc = (await pullAll(request, admin, 'staff')).find((d) => d.id === person.id) as (Doc & { transfers?: Doc[] }) | undefined;
        return [doc?.siteId, doc?.transfers?.length, doc?.transfers?.[0]?.fromSiteId];
      }, { timeout: 30_000 })
      .toEqual([HOTLINE, 1, HALL]);

    // The hall's staff changes this month list the transfer out, with where from and where to.
    await page.goto(`/reports/staff-changes?site=${HALL}&month=${monthOf(TODAY)}`);
    const line = page.getByTestId('report-table').locator('tbody tr', { hasText: person.name });
    await expect(line).toContainText('调动', { timeout: 30_000 });
    await expect(line).toContainText(`${hotline.name} · ${hotline.posts[0]!.name}`);
    await expectAccessible(page, 'staff-changes report');

    // Specs that run later on this server see the demo organisation as seeded: the record goes back as it was.
    const moved = (await pullAll(request, admin, 'staff')).find((d) => d.id === person.id)!;
    await pushDocs(request, admin, 'staff', [{ newDocumentState: person, assumedMasterState: moved }]);
    await expect.poll(async () => (await pullAll(request, admin, 'staff')).find((d) => d.id === person.id)?.siteId, { timeout: 15_000 }).toBe(HALL);
  });
});
