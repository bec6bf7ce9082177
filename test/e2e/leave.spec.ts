import { expect, test, type APIRequestContext } from '@playwright/test';
import { addDays, dayOfWeek } from '../../src/domain/calendar/days';
import { dayOfInstant } from '../../src/domain/calendar/time-zone';
import { apiToken, expectAccessible, goOffline, HALL, pullAll, signInAndOpen } from './helpers';

type Doc = Record<string, unknown> & { id: string };

/** The demo guide's staff record: from the session if the server sends it, else by the name ending the display name. */
async function guideStaffId(request: APIRequestContext, token: string): Promise<string> {
  const guide = await apiToken(request, 'guide');
  const me = (await (await request.get('/api/v1/me', { headers: { authorization: `Bearer ${guide}` } })).json()) as { user: { staffId?: string; displayName: string } };
  if (me.user.staffId) return me.user.staffId;
  const name = me.user.displayName.split(/\s+/).at(-1);
  const staff = (await pullAll(request, token, 'staff')) as Doc[];
  const match = staff.filter((s) => s._deleted !== true && s.siteId === HALL && s.name === name);
  expect(match).toHaveLength(1);
  return match[0]!.id;
}

/**
 * A Monday in the coming weeks on which the guide has no leave yet for the
 * whole working week, preferring one where the guide is rostered (the grid
 * then shows the clash on the slot too).
 */
function freeMonday(staffId: string, leave: Doc[], slots: Doc[]): { monday: string; rostered: boolean } {
  const today = dayOfInstant(Date.now());
  const next = addDays(today, 7 - ((dayOfWeek(today) + 6) % 7));
  const candidates = Array.from({ length: 8 }, (_, k) => addDays(next, 7 * k));
  const free = candidates.filter((m) => {
    const friday = addDays(m, 4);
    return !leave.some((l) => l.staffId === staffId && ['pending', 'approved'].includes(String(l.status)) && String(l.startDay) <= friday && m <= String(l.endDay));
  });
  const rostered = free.find((m) => slots.some((s) => s.kind === 'slot' && s.staffId === staffId && s.day === m));
  return rostered ? { monday: rostered, rostered: true } : { monday: free[0]!, rostered: false };
}

test.describe('leave', () => {
  test('a 5-day leave made offline reaches the manager, then the superior, and the manager’s roster shows it, all through sync', async ({ browser, request }) => {
    test.setTimeout(300_000);
    const token = await apiToken(request, 'manager');
    const staffId = await guideStaffId(request, token);
    const { monday, rostered } = freeMonday(staffId, (await pullAll(request, token, 'leave')) as Doc[], (await pullAll(request, token, 'rosters')) as Doc[]);
    const friday = addDays(monday, 4);
    const reason = `e2e 五天事假 ${monday}`;

    // The guide, offline, on a tablet that has been online before.
    const guideContext = await browser.newContext();
    const guide = await guideContext.newPage();
    await signInAndOpen(guide, 'guide', '/leave/new');
    await expect(guide.getByTestId('whoami')).toHaveAttribute('data-staff-id', staffId, { timeout: 30_000 });
    await goOffline(guideContext, guide, true);
    await guide.getByTestId('leave-type').selectOption('personal');
    await guide.getByTestId('leave-start').fill(monday);
    await guide.getByTestId('leave-end').fill(friday);
    await guide.getByTestId('leave-reason').fill(reason);
    await expect(guide.getByTestId('leave-chain')).toContainText('项目经理 → 上级');
    await expect(guide.getByTestId('leave-cost')).toContainText('事假');
    await expectAccessible(guide, 'leave form');
    await guide.getByTestId('leave-submit').click();
    await expect(guide).toHaveURL(/\/leave\/mine$/);
    const mine = guide.getByTestId('leave-card').filter({ hasText: reason });
    await expect(mine.getByTestId('leave-status')).toHaveText('审批中');
    await expect(guide.getByTestId('sync-pending')).not.toHaveAttribute('data-count', '0');
    await expectAccessible(guide, 'my leave');
    await goOffline(guideContext, guide, false);
    await expect(guide.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 30_000 });

    // The superior sees nothing yet: the manager decides first.
    const superiorContext = await browser.newContext();
    const superior = await superiorContext.newPage();
    await signInAndOpen(superior, 'superior', '/leave/approvals');
    await expect(superior.getByRole('heading', { name: '待我审批' })).toBeVisible();

    const managerContext = await browser.newContext();
    const manager = await managerContext.newPage();
    await signInAndOpen(manager, 'manager', '/leave/approvals');
    const atManager = manager.getByTestId('leave-card').filter({ hasText: reason });
    await expect(atManager).toBeVisible({ timeout: 30_000 });
    await expect(superior.getByTestId('leave-card').filter({ hasText: reason })).toHaveCount(0);
    await expectAccessible(manager, 'leave approvals');
    await atManager.getByTestId('leave-approve').click();
    await expect(atManager).toHaveCount(0);

    // Through sync, it reaches the superior, who approves the second step.
    const atSuperior = superior.getByTestId('leave-card').filter({ hasText: reason });
    await expect(atSuperior).toBeVisible({ timeout: 30_000 });
    await expect(atSuperior.locator('[data-level=manager]')).toHaveAttribute('data-decision', 'approved');
    await atSuperior.getByTestId('leave-approve').click();
    await expect(atSuperior).toHaveCount(0);

    // The guide sees the approval; the manager's roster shows the leave (and the clash on the guide's shift).
    await expect(mine.getByTestId('leave-status')).toHaveText('已批准', { timeout: 30_000 });
    await manager.goto(`/roster/grid?site=${HALL}&date=${monday}`);
    const leaveMark = manager.locator(`[data-testid=roster-leave-cell][data-day="${monday}"] [data-staff-id="${staffId}"]`);
    await expect(leaveMark).toHaveAttribute('data-approved', 'true', { timeout: 30_000 });
    await expect(leaveMark).toContainText('事假');
    if (rostered) {
      await expect(manager.locator(`[data-testid=roster-cell][data-day="${monday}"] [data-testid=roster-slot][data-staff-id="${staffId}"] [data-code=on-leave]`)).toBeVisible();
    }
    await manager.goto('/leave/all');
    await expect(manager.getByTestId('leave-card').filter({ hasText: reason })).toBeVisible();
    await expectAccessible(manager, 'all leave');

    const onServer = ((await pullAll(request, token, 'leave')) as Doc[]).find((l) => l.reason === reason)!;
    expect(onServer.status).toBe('approved');
    expect((onServer.steps as { level: string; decision: string; approverId: string }[]).map((s) => [s.level, s.decision, s.approverId])).toEqual([
      ['manager', 'approved', 'user-manager'],
      ['superior', 'approved', 'user-superior'],
    ]);
    await guideContext.close();
    await managerContext.close();
    await superiorContext.close();
  });

  test('sick leave with an evidence photo; failed evidence converts it to 事假 with the deduction shown', async ({ browser, request }) => {
    test.setTimeout(240_000);
    const token = await apiToken(request, 'manager');
    const staffId = await guideStaffId(request, token);
    const { monday } = freeMonday(staffId, (await pullAll(request, token, 'leave')) as Doc[], []);
    const reason = `e2e 病假 ${monday}`;

    const guideContext = await browser.newContext();
    const guide = await guideContext.newPage();
    await signInAndOpen(guide, 'guide', '/leave/new');
    await expect(guide.getByTestId('whoami')).toBeVisible({ timeout: 30_000 });
    await guide.getByTestId('leave-type').selectOption('sick');
    await guide.getByTestId('leave-start').fill(monday);
    await guide.getByTestId('leave-end').fill(addDays(monday, 1));
    await guide.getByTestId('leave-reason').fill(reason);
    await guide.getByTestId('leave-evidence').setInputFiles({
      name: 'certificate.png',
      mimeType: 'image/png',
      buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
    });
    await expect(guide.getByTestId('leave-chain')).toContainText('项目经理');
    await guide.getByTestId('leave-submit').click();
    await expect(guide).toHaveURL(/\/leave\/mine$/);
    await expect(guide.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 30_000 });

    await expect
      .poll(async () => ((await pullAll(request, token, 'leave')) as Doc[]).find((l) => l.reason === reason)?.evidence, { timeout: 20_000 })
      .toHaveLength(1);

    const managerContext = await browser.newContext();
    const manager = await managerContext.newPage();
    await signInAndOpen(manager, 'manager', '/leave/approvals');
    const card = manager.getByTestId('leave-card').filter({ hasText: reason });
    await expect(card).toBeVisible({ timeout: 30_000 });
    await expect(card.getByTestId('leave-cost')).toContainText('病假');
    await card.getByRole('button', { name: '证明无效' }).click();
    await manager.getByRole('dialog').getByRole('button', { name: '判定无效' }).click();
    await expect(card.getByTestId('leave-converted')).toContainText('按事假计');
    await expect(card.getByTestId('leave-cost')).toContainText('事假');
    await expect(card.getByTestId('leave-cost')).toContainText('21.75');
    await expect
      .poll(async () => ((await pullAll(request, token, 'leave')) as Doc[]).find((l) => l.reason === reason)?.effectiveType, { timeout: 20_000 })
      .toBe('personal');
    await guideContext.close();
    await managerContext.close();
  });
});
