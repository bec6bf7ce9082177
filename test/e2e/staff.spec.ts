import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { E2E_PASSWORD } from '../../playwright.config';
import { apiToken, expectAccessible, HALL, pullAll, pushDocs } from './helpers';

type Doc = Record<string, unknown> & { id: string };

const ROWS = 500;
const BAD_LINES = [11, 201, 401];

/** A roster of 500 new people with three bad rows: no name, an unknown gender, a staff number already on record. */
async function staffWorkbook(existingStaffNo: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['工号', '姓名', '性别', '岗位', '状态', '身份证号', '手机号', '入职日期', '用工形式']);
  for (let i = 1; i <= ROWS; i++) {
    const line = i + 1;
    const no = `E2E${String(i).padStart(4, '0')}`;
    ws.addRow([
      line === 401 ? existingStaffNo : no,
      line === 11 ? '' : `导入员${i}`,
      line === 201 ? '未知' : i % 2 ? '女' : '男',
      i % 3 === 0 ? '综合受理窗口1' : '',
      '在岗',
      `11010119900101${String(i).padStart(4, '0')}`,
      `139${String(i).padStart(8, '0')}`,
      new Date(Date.UTC(2025, 0, 1 + (i % 28))),
      '全日制',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Signs in through the form and waits to leave the sign-in page (the first sync of a big staff list can be slow). */
async function signInAs(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(E2E_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

async function staffTotal(page: Page): Promise<number> {
  return Number(await page.getByTestId('staff-count').getAttribute('data-total'));
}

/** Opens the staff list and waits until the first sync has brought the site's staff. */
async function openStaffList(page: Page): Promise<number> {
  await page.goto('/staff');
  await expect.poll(() => staffTotal(page), { timeout: 60_000 }).toBeGreaterThan(5);
  return staffTotal(page);
}

test.describe('staff records', () => {
  // The imported people leave again, so specs that run later on this server see the demo organisation as seeded.
  test.afterEach(async ({ request }) => {
    const token = await apiToken(request, 'manager');
    const imported = ((await pullAll(request, token, 'staff')) as Doc[]).filter((s) => String(s.staffNo).startsWith('E2E') && s._deleted !== true);
    for (let i = 0; i < imported.length; i += 100) {
      const batch = imported.slice(i, i + 100).map(({ _deleted: _d, ...doc }) => ({ newDocumentState: { ...doc, _deleted: true }, assumedMasterState: doc }));
      await pushDocs(request, token, 'staff', batch);
    }
  });

  test('list search, detail with masked fields and certificate flags, edit with per-field errors; every screen accessible', async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, 'manager');
    await openStaffList(page);
    await expectAccessible(page, 'staff list');

    // Search by pinyin initials, then by staff number; filter by status.
    const firstName = await page.getByTestId('staff-list-row').first().getByRole('link').innerText();
    const firstNo = await page.getByTestId('staff-list-row').first().locator('td').first().innerText();
    await page.getByLabel('搜索').fill(firstNo);
    await expect(page.getByTestId('staff-list-row')).toHaveCount(1);
    await page.getByLabel('搜索').fill('');
    const statusCells = page.getByTestId('staff-list-row').locator('td:nth-child(6) .badge');
    for (const [status, label] of [['standby', '待岗'], ['on-post', '在岗']] as const) {
      await page.getByLabel('状态').selectOption(status);
      await expect(page).toHaveURL(new RegExp(`status=${status}`));
      await expect.poll(async () => [...new Set(await statusCells.allInnerTexts())].filter((l) => l !== label)).toEqual([]);
    }
    await page.getByLabel('状态').selectOption('');

    // Export of the filtered list, in the user's language, with the manager's masking.
    await page.getByLabel('搜索').fill(firstNo);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 CSV' }).click();
    const csvFile = await download;
    expect(csvFile.suggestedFilename()).toMatch(/^人员档案-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile((await csvFile.path())!, 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
    expect(csv[0]).toMatch(/^工号,姓名,拼音首字母,性别,场所,岗位,状态,身份证号,手机号,用工形式/);
    expect(csv[1]).toContain(firstNo);
    expect(csv[1]).toMatch(/\d{4}\*{10}[\dX]{4}/);
    await page.getByLabel('搜索').fill('');

    await page.getByRole('link', { name: firstName, exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(firstName);
    const id = page.getByTestId('staff-idNumber');
    await expect(id).toHaveAttribute('data-masked', 'true');
    expect(await id.innerText()).toMatch(/^\d{4}\*{10}[\dX]{4}/);
    await expect(page.getByTestId('staff-history')).toBeVisible();
    await expect(page.getByTestId('staff-history').locator('[data-testid=history-fallback], [data-testid=audit-table]').first()).toBeVisible();
    await expectAccessible(page, 'staff detail');

    // Edit: an empty name and a contract ending before it starts are refused field by field.
    await page.getByRole('link', { name: '编辑' }).click();
    await expect(page.getByRole('heading', { name: /^编辑/ })).toBeVisible();
    await expectAccessible(page, 'staff edit');
    await page.getByLabel('姓名', { exact: true }).fill('');
    await page.getByLabel('合同开始日期').fill('2025-03-01');
    await page.getByLabel('合同结束日期').fill('2025-02-01');
    const certsBefore = await page.getByRole('group', { name: /^证书 \d+$/ }).count();
    const certNo = certsBefore + 1;
    await page.getByRole('button', { name: '添加证书' }).click();
    await page.getByRole('group', { name: `证书 ${certNo}` }).getByLabel('证书类型').fill('健康证');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('form-errors')).toBeVisible();
    await expect(page.getByTestId('error-name')).toHaveText('此项必填');
    await expect(page.getByTestId('error-contractEnd')).toHaveText('合同结束日期早于开始日期');
    await expect(page.getByTestId(`error-certificates.${certNo - 1}.issuedOn`)).toHaveText('此项必填');
    await expect(page.getByLabel('姓名', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'staff edit with errors');

    // Fixed: an expired health certificate is saved and flagged on the record.
    await page.getByLabel('姓名', { exact: true }).fill(`${firstName}改`);
    await page.getByLabel('合同结束日期').fill('2028-02-29');
    const cert = page.getByRole('group', { name: `证书 ${certNo}` });
    await cert.getByLabel('发证日期').fill('2023-01-01');
    await cert.getByLabel('有效期至').fill('2024-01-01');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('已保存到本机')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`${firstName}改`);
    await expect(page.locator('[data-testid=certificate-row][data-state=expired]').filter({ hasText: '2024-01-01' })).toContainText('健康证');
    // The server's audit log shows the change once it has synced.
    const audit = page.getByTestId('audit-table');
    await expect(audit.locator('tbody tr').first()).toBeVisible({ timeout: 30_000 });
    await expect(audit.locator('tbody tr').first()).toContainText('user-manager');

    // English labels and errors.
    await page.getByLabel('语言').first().selectOption('en');
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Name', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('error-name')).toHaveText('Required');
  });

  test('an administrator sees ID numbers in clear; a team leader reads records but may not edit', async ({ browser }) => {
    const admin = await browser.newContext();
    const adminPage = await admin.newPage();
    await signInAs(adminPage, 'admin');
    await openStaffList(adminPage);
    await adminPage.getByTestId('staff-list-row').first().getByRole('link').click();
    const id = adminPage.getByTestId('staff-idNumber');
    await expect(id).toHaveAttribute('data-masked', 'false');
    expect(await id.innerText()).toMatch(/^\d{17}[\dX]$/);
    await admin.close();

    const leader = await browser.newContext();
    const leaderPage = await leader.newPage();
    await signInAs(leaderPage, 'teamleader');
    await openStaffList(leaderPage);
    await expect(leaderPage.getByRole('link', { name: '从表格导入' })).toHaveCount(0);
    await leaderPage.getByTestId('staff-list-row').first().getByRole('link').click();
    await expect(leaderPage.getByTestId('staff-idNumber')).toHaveAttribute('data-masked', 'true');
    await expect(leaderPage.getByRole('link', { name: '编辑' })).toHaveCount(0);
    await expect(leaderPage.getByTestId('history-fallback')).toContainText('仅项目经理和管理员');
    await leader.close();
  });

  test('importing 500 rows with 3 bad ones previews the errors, writes nothing until confirmed, then writes 497 that reach the server', async ({
    page,
    context,
    request,
  }) => {
    test.setTimeout(240_000);
    const token = await apiToken(request, 'manager');
    const serverBefore = (await pullAll(request, token, 'staff')) as Doc[];
    const existing = serverBefore.find((s) => s.siteId === HALL)!.staffNo as string;
    const file = await staffWorkbook(existing);

    await signInAs(page, 'manager');
    const before = await openStaffList(page);
    await page.getByRole('link', { name: '从表格导入' }).click();
    await expect(page.getByRole('heading', { name: '从表格导入人员' })).toBeVisible();
    await page.getByLabel('导入到场所').selectOption(HALL);
    await page.getByTestId('import-file').setInputFiles({
      name: '花名册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });

    const summary = page.getByTestId('import-summary');
    await expect(summary).toHaveAttribute('data-total', String(ROWS), { timeout: 30_000 });
    await expect(summary).toHaveAttribute('data-valid', '497');
    await expect(summary).toHaveAttribute('data-invalid', '3');
    const bad = page.locator('[data-testid=import-row][data-ok=false]');
    await expect(bad).toHaveCount(3);
    expect(await bad.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-line'))))).toEqual(BAD_LINES);
    const errorOf = (line: number) => page.locator(`[data-testid=import-row][data-line="${line}"] [data-testid=import-error]`);
    await expect(errorOf(11)).toHaveAttribute('data-field', 'name');
    await expect(errorOf(11)).toContainText('姓名: 此项必填');
    await expect(errorOf(201)).toHaveAttribute('data-key', 'badChoice');
    await expect(errorOf(201)).toContainText('未知');
    await expect(errorOf(401)).toHaveAttribute('data-key', 'duplicateExisting');
    // ID numbers are masked in the preview for a manager.
    await expect(page.locator('[data-testid=import-row][data-line="2"] td').nth(6)).toHaveText('1101**********0001');
    await expectAccessible(page, 'staff import preview');

    // Nothing written yet: another tab of this browser sees the same local database, and nothing is waiting to sync.
    const other = await context.newPage();
    await other.goto('/staff');
    await expect.poll(() => staffTotal(other)).toBe(before);
    await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0');
    expect((await pullAll(request, token, 'staff')).length).toBe(serverBefore.length);

    await page.getByTestId('import-confirm').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('497');
    await dialog.getByRole('button', { name: '导入 497 条有效记录' }).click();
    await expect(page.getByTestId('import-done')).toHaveAttribute('data-written', '497', { timeout: 60_000 });

    await expect.poll(() => staffTotal(other), { timeout: 20_000 }).toBe(before + 497);
    await other.close();

    await expect
      .poll(async () => (await pullAll(request, token, 'staff')).filter((s) => String(s.staffNo).startsWith('E2E')).length, {
        timeout: 90_000,
        intervals: [1000, 2000, 3000],
      })
      .toBe(497);
    const imported = ((await pullAll(request, token, 'staff')) as Doc[]).filter((s) => String(s.staffNo).startsWith('E2E'));
    const third = imported.find((s) => s.staffNo === 'E2E0003')!;
    expect(third).toMatchObject({ siteId: HALL, name: '导入员3', gender: 'female', postId: 'post-window-1', status: 'on-post', hiredOn: '2025-01-04', employmentForm: 'full-time' });
    expect(imported.some((s) => s.staffNo === 'E2E0010')).toBe(false);
  });
});
