import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { dayOfInstant } from '../../src/domain/calendar/time-zone';
import type { PinHash } from '../../src/domain/schemas/staff';
import { verifyPin } from '../../src/features/kiosk/pin';
import { apiToken, expectAccessible, HALL, pullAll, signInToSite as signIn } from './helpers';


// One administrator session per worker: the server limits sign-ins per address (30 per 15 min by default).
let cachedAdmin: string | undefined;
async function adminToken(request: APIRequestContext): Promise<string> {
  cachedAdmin ??= await apiToken(request, 'admin');
  return cachedAdmin;
}

/** The attendance views: PINs, verifying a missing punch, corrections, the month summary's exports and print. */

/**
 * A hall person and past day with a missing punch in the demo history: rostered,
 * checked in, never checked out, nothing verified yet.
 */
async function missingCheckOut(request: APIRequestContext, token: string): Promise<{ day: string; staffId: string }> {
  const today = dayOfInstant(Date.now(), 'Asia/Shanghai');
  const [slots, events] = await Promise.all([pullAll(request, token, 'rosters'), pullAll(request, token, 'attendance')]);
  const days = [...new Set(slots.filter((d) => d.kind === 'slot' && d.siteId === HALL && d.status === 'published' && String(d.day) < today).map((d) => String(d.day)))].sort().reverse();
  for (const day of days) {
    for (const slot of slots.filter((d) => d.kind === 'slot' && d.siteId === HALL && d.day === day)) {
      const mine = events.filter((e) => e.staffId === slot.staffId && (dayOfInstant(String(e.deviceTime), 'Asia/Shanghai') === day || e.day === day));
      const kinds = new Set(mine.map((e) => e.kind));
      if (kinds.has('check-in') && !kinds.has('check-out') && !kinds.has('verified-missing-punch') && !kinds.has('correction') && !kinds.has('left-post')) {
        return { day, staffId: String(slot.staffId) };
      }
    }
  }
  throw new Error('The demo history has no missing check-out in the hall');
}

test.describe('attendance', () => {
  test('a manager sets a kiosk PIN: checked twice, hashed on the device, only the hash reaches the server', async ({ page, request }) => {
    await signIn(page, 'manager', HALL);
    await page.goto(`/attendance/staff?site=${HALL}`);
    const row = page.getByTestId('pin-row').nth(3);
    const staffId = await row.getAttribute('data-staff-id');
    const name = await row.locator('th').innerText();
    await expectAccessible(page, 'PINs and badges');
    await row.getByRole('button', { name: `为 ${name} 设置 PIN 码` }).click();
    await page.getByLabel('新 PIN 码（4–6 位数字）').fill('25');
    await page.getByLabel('再次输入').fill('26');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText('PIN 码为 4–6 位数字。')).toBeVisible();
    await expect(page.getByText('两次输入不一致。')).toBeVisible();
    await expectAccessible(page, 'set PIN dialog');
    await page.getByLabel('新 PIN 码（4–6 位数字）').fill('2580');
    await page.getByLabel('再次输入').fill('2580');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByText(`已保存 ${name} 的 PIN 码。`)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 30_000 });

    const admin = await adminToken(request);
    const doc = (await pullAll(request, admin, 'staff')).find((s) => s.id === staffId)!;
    const pin = doc.pin as PinHash;
    expect(pin.algorithm).toBe('PBKDF2-SHA256');
    expect(await verifyPin('2580', pin)).toBe(true);
    expect(await verifyPin('2581', pin)).toBe(false);
  });

  test('a team leader verifies a missing punch with a witness; a manager withdraws a wrong punch; events are only appended', async ({ browser, request }) => {
    const admin = await adminToken(request);
    const { day, staffId } = await missingCheckOut(request, admin);
    const leaderContext = await browser.newContext();
    const leader = await leaderContext.newPage();
    await signIn(leader, 'teamleader', HALL);
    await leader.goto(`/attendance?site=${HALL}&day=${day}`);
    const row = leader.locator(`[data-testid=day-row][data-staff-id="${staffId}"]`);
    await expect(row).toHaveAttribute('data-unverified', '1', { timeout: 30_000 });
    await expect(row).toContainText('缺卡 1 次（未核实）');
    await expectAccessible(leader, 'day view of a past day');
    await row.getByRole('button', { name: '补卡核实' }).click();
    await leader.getByRole('button', { name: '提交核实' }).click();
    await expect(leader.getByText('请填写情况说明。')).toBeVisible();
    await expect(leader.getByText('请填写证明人；没有证明人时需项目经理签核。')).toBeVisible();
    await expectAccessible(leader, 'verify missing punch dialog');
    await leader.getByLabel('情况说明').fill('考勤机故障，本人按时到岗');
    await leader.getByLabel('证明人').fill('王组长');
    await leader.getByRole('button', { name: '提交核实' }).click();
    await expect(row).toHaveAttribute('data-unverified', '0');
    await expect(row).toContainText('补卡 1 次（已核实）');
    await expect(leader.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
    const before = (await pullAll(request, admin, 'attendance')).filter((e) => e.staffId === staffId);
    const verification = before.find((e) => e.kind === 'verified-missing-punch' && e.witness === '王组长');
    expect(verification).toMatchObject({ day, explanation: '考勤机故障，本人按时到岗', method: 'manual' });

    const managerContext = await browser.newContext();
    const manager = await managerContext.newPage();
    await signIn(manager, 'manager', HALL);
    await manager.goto(`/attendance?site=${HALL}&day=${day}`);
    const managerRow = manager.locator(`[data-testid=day-row][data-staff-id="${staffId}"]`);
    await managerRow.getByRole('button', { name: '更正' }).click();
    await manager.getByLabel('作废此打卡').check();
    await manager.getByLabel('情况说明').fill('重复打卡');
    await manager.getByRole('button', { name: '提交更正' }).click();
    await expect(manager.getByRole('heading', { name: '确定作废这条打卡吗？原记录会保留，但不再计入考勤。' })).toBeVisible();
    await expectAccessible(manager, 'withdraw confirmation');
    await manager.getByRole('button', { name: '作废此打卡' }).last().click();
    // The check-in no longer counts: only the verified check-out is left, so the check-in is missing now.
    await expect(managerRow).toHaveAttribute('data-unverified', '1');
    let after: Record<string, unknown>[] = [];
    await expect
      .poll(async () => {
        after = (await pullAll(request, admin, 'attendance')).filter((e) => e.staffId === staffId);
        return after.find((e) => e.kind === 'correction' && e.explanation === '重复打卡');
      }, { timeout: 30_000 })
      .toMatchObject({ approvedBy: 'user-manager', method: 'manual' });
    const correction = after.find((e) => e.kind === 'correction' && e.explanation === '重复打卡')!;
    expect(before.some((e) => e.id === correction.amends && e.kind === 'check-in')).toBe(true);
    // Append-only: every earlier event is still there, unchanged.
    for (const e of before) expect(after.find((x) => x.id === e.id)).toEqual(e);
    await Promise.all([leaderContext.close(), managerContext.close()]);
  });

  test('the month summary exports CSV (with a BOM) and xlsx, and prints without the controls', async ({ page }) => {
    await signIn(page, 'manager', HALL);
    await page.goto(`/attendance/month?site=${HALL}`);
    await expect(page.getByTestId('month-row').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('month-total')).toContainText('全场合计');
    await expectAccessible(page, 'month summary');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^考勤汇总-.+\.csv$/);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\r\n')[0]).toContain('出勤率');
    expect(text).toContain('准时出勤率');
    expect(text).toContain('全场合计');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe('PK');

    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: '导出 CSV' })).toBeHidden();
    await expect(page.getByTestId('month-total')).toBeVisible();
    await page.emulateMedia({ media: 'screen' });
  });

  test('QR badges print for a team leader, who cannot change PINs', async ({ page }) => {
    await signIn(page, 'teamleader', HALL);
    await page.goto(`/attendance/staff?site=${HALL}`);
    await expect(page.getByTestId('pin-row').first()).toBeVisible();
    await expect(page.getByRole('button', { name: /设置 PIN/ })).toHaveCount(0);
    await page.getByRole('link', { name: '打印工牌' }).click();
    await expect(page.getByTestId('staff-badge').first().locator('img')).toBeVisible();
    await expectAccessible(page, 'badge print view');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.subnav')).toBeHidden();
    await expect(page.getByTestId('staff-badge').first()).toBeVisible();
  });
});
