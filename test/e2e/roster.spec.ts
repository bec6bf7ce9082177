import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { addDays, dayOfWeek } from '../../src/domain/calendar/days';
import { dayOfInstant } from '../../src/domain/calendar/time-zone';
import { rosterSlotId } from '../../src/domain/ids';
import { apiToken, expectAccessible, HALL, pullAll, signInAndOpen as login } from './helpers';

type Doc = Record<string, unknown> & { id: string };
interface PostDoc {
  id: string;
  name: string;
  holderA?: string;
  holderB?: string;
  requiredCertificates: string[];
}

/** Pushes changed documents as a client would (the master as pulled is the assumed state). */
async function push(request: APIRequestContext, token: string, collection: string, rows: { doc: Doc; master: Doc | null }[]): Promise<void> {
  const res = await request.post(`/api/v1/replication/${collection}/push`, {
    headers: { authorization: `Bearer ${token}` },
    data: rows.map((r) => ({ newDocumentState: r.doc, assumedMasterState: r.master })),
  });
  expect(res.status(), await res.text()).toBe(200);
  // The server answers with the masters the client should now hold: ours, stamped.
  const masters = (await res.json()) as Doc[];
  for (const { doc } of rows) expect(masters.find((m) => m.id === doc.id)?.updatedBy).toBe(doc.updatedBy);
}

/** A Monday about ten weeks ahead: past the demo's rosters, so the week starts empty. */
function emptyMonday(): string {
  const far = addDays(dayOfInstant(Date.now()), 70);
  return addDays(far, -((dayOfWeek(far) + 6) % 7));
}

function cell(page: Page, postId: string, day: string) {
  return page.locator(`table[data-testid=roster-grid] tr[data-post-id="${postId}"] td[data-day="${day}"]`);
}

async function assign(page: Page, postId: string, day: string, staffId: string) {
  await cell(page, postId, day).getByRole('button').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.locator(`[data-testid=assign-candidate][data-staff-id="${staffId}"] button`).click();
  await expect(dialog).toBeHidden();
  await expect(cell(page, postId, day).locator(`[data-testid=roster-slot][data-staff-id="${staffId}"]`)).toBeVisible();
}

test.describe('rosters', () => {
  test('a roster breaking a rule publishes only after the warnings are shown and acknowledged; an expired certificate blocks', async ({ page, request }) => {
    test.setTimeout(180_000);
    const token = await apiToken(request, 'manager');
    const sites = (await pullAll(request, token, 'sites')) as Doc[];
    const hall = sites.find((s) => s.id === HALL)!;
    const posts = hall.posts as PostDoc[];
    const window1 = posts.find((p) => p.id === 'post-window-1')!;
    const assist = posts.find((p) => p.id === 'post-assist')!;
    const person = window1.holderA!;
    // Someone else of the hall whose 健康证 expired yesterday, and a post that requires it (持证上岗).
    const staff = (await pullAll(request, token, 'staff')) as Doc[];
    const lapsed = staff.find((s) => s._deleted !== true && s.siteId === HALL && s.status === 'on-post' && s.id !== person && s.id !== assist.holderA && s.id !== assist.holderB)!;
    const yesterday = addDays(dayOfInstant(Date.now()), -1);
    await push(request, token, 'staff', [
      { doc: { ...lapsed, certificates: [{ kind: '健康证', number: 'JKZ-E2E', issuedOn: addDays(yesterday, -365), expiresOn: yesterday }] }, master: lapsed },
    ]);
    await push(request, token, 'sites', [
      { doc: { ...hall, posts: posts.map((p) => (p.id === assist.id ? { ...p, requiredCertificates: ['健康证'] } : p)) }, master: hall },
    ]);

    const monday = emptyMonday();
    await login(page, 'manager', `/roster/grid?site=${HALL}&date=${monday}`);
    await expect(page.getByTestId('roster-grid')).toBeVisible();
    await expect(page.getByTestId('roster-counts')).toContainText('草稿 0');
    await expectAccessible(page, 'roster grid');

    // The same person on two posts at once: allowed as a draft, shown inline as an overlap.
    await assign(page, 'post-window-1', monday, person);
    await assign(page, 'post-window-2', monday, person);
    await expect(cell(page, 'post-window-2', monday).locator('[data-testid=roster-issue][data-code=overlap]')).toBeVisible();
    await expect(cell(page, 'post-window-1', monday).locator('[data-testid=roster-issue][data-code=overlap]')).toBeVisible();

    // The expired certificate blocks the assignment outright: the person cannot be picked.
    await cell(page, assist.id, monday).getByRole('button').click();
    const dialog = page.getByRole('dialog');
    const blocked = dialog.locator(`[data-testid=assign-candidate][data-staff-id="${lapsed.id}"]`);
    await expect(blocked).toHaveAttribute('data-blocked', 'true');
    await expect(blocked).toContainText('证书已过期：健康证');
    await expect(blocked.getByRole('button')).toBeDisabled();
    await expectAccessible(page, 'assign dialog');
    await dialog.getByRole('button', { name: '关闭' }).click();

    // Publishing shows the warnings; nothing is published until they are acknowledged.
    await page.getByTestId('roster-publish').click();
    await expect(page.getByTestId('publish-warnings')).toContainText('班次时间重叠');
    await expect(page.getByTestId('publish-confirm')).toBeDisabled();
    await expectAccessible(page, 'publish dialog');
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await expect(page.getByTestId('roster-counts')).toContainText('草稿 2');

    await page.getByTestId('roster-publish').click();
    await page.getByTestId('publish-acknowledge').check();
    await page.getByTestId('publish-confirm').click();
    await expect(page.getByTestId('roster-message')).toContainText('已发布 2 个班次');
    await expect(page.getByTestId('roster-counts')).toContainText('草稿 0 · 已发布 2');
    await expect(cell(page, 'post-window-1', monday).locator('[data-testid=roster-issue][data-code=overlap]')).toContainText('已确认');

    // The acknowledgement is recorded on both slots, on the server.
    const ids = [rosterSlotId(HALL, 'post-window-1', monday, 'full'), rosterSlotId(HALL, 'post-window-2', monday, 'full')];
    await expect
      .poll(
        async () => {
          const slots = (await pullAll(request, token, 'rosters')).filter((d) => ids.includes(String(d.id)));
          return slots.map((s) => [s.status, (s.acknowledgedWarnings as string[]).includes('overlap')]);
        },
        { timeout: 20_000 },
      )
      .toEqual([
        ['published', true],
        ['published', true],
      ]);

    // A slot that became blocked (made before the certificate lapsed) cannot be acknowledged away.
    const tuesday = addDays(monday, 1);
    const stale = {
      id: rosterSlotId(HALL, assist.id, tuesday, 'full'),
      siteId: HALL,
      updatedAt: new Date().toISOString(),
      updatedBy: 'user-manager',
      deviceId: 'e2e',
      kind: 'slot',
      postId: assist.id,
      day: tuesday,
      shiftId: 'full',
      staffId: lapsed.id,
      status: 'draft',
      acknowledgedWarnings: [],
    };
    await push(request, token, 'rosters', [{ doc: stale, master: null }]);
    await expect(cell(page, assist.id, tuesday).locator('[data-testid=roster-issue][data-code=certificate-expired]')).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('roster-publish').click();
    await expect(page.getByTestId('publish-blocking')).toContainText('证书已过期：健康证');
    await expect(page.getByTestId('publish-confirm')).toHaveCount(0);
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  });

  test('copy last week fills the week with drafts, drag moves a shift; the month view and the other roster screens are accessible', async ({ page }) => {
    test.setTimeout(120_000);
    await login(page, 'teamleader', '/roster');
    // Two weeks after the first test's week: empty. Fill Monday, then copy it forward a week.
    const monday = addDays(emptyMonday(), 14);
    await page.goto(`/roster/grid?site=${HALL}&date=${monday}`);
    await expect(page.getByTestId('roster-counts')).toContainText('草稿 0 · 已发布 0');
    const first = page.locator(`tr[data-post-id="post-guide"] td[data-day="${monday}"]`).getByRole('button');
    await first.click();
    const candidate = page.getByRole('dialog').locator('[data-testid=assign-candidate][data-blocked=false] button').first();
    await candidate.click();
    await expect(page.getByTestId('roster-slot')).toHaveCount(1);
    await expect(page.getByTestId('roster-counts')).toContainText('草稿 1');
    await page.getByRole('button', { name: '下一周' }).click();
    await expect(page.getByTestId('roster-counts')).toContainText('草稿 0');
    await page.getByRole('button', { name: '复制上周' }).click();
    await expect(page.getByTestId('roster-message')).toContainText('已复制');
    await expect(page.getByTestId('roster-slot')).toHaveCount(1);
    const copied = page.locator(`tr[data-post-id="post-guide"] td[data-day="${addDays(monday, 7)}"]`);
    await expect(copied.getByTestId('roster-slot')).toBeVisible();
    // Dragging a cell's shift onto another cell moves it there.
    const target = page.locator(`tr[data-post-id="post-window-8"] td[data-day="${addDays(monday, 8)}"]`);
    await copied.getByRole('button').dragTo(target);
    await expect(target.getByTestId('roster-slot')).toBeVisible();
    await expect(copied.getByTestId('roster-slot')).toHaveCount(0);

    await page.getByRole('button', { name: '月视图' }).click();
    await expect(page.getByTestId('roster-grid')).toHaveClass(/roster-month/);
    await expectAccessible(page, 'roster month');
    // The section tabs lead to the other screens.
    await page.getByRole('navigation', { name: '排班功能' }).getByRole('link', { name: '换班审批' }).click();
    await expect(page).toHaveURL(/\/roster\/swaps$/);
    await expect(page.getByRole('heading', { name: '换班与代班审批' })).toBeVisible();
    await expectAccessible(page, 'swap approvals');
    await page.getByRole('navigation', { name: '排班功能' }).getByRole('link', { name: '交接班' }).click();
    await expect(page).toHaveURL(/\/roster\/handovers$/);
    await page.getByRole('button', { name: '新建交接记录' }).click();
    await expectAccessible(page, 'handovers');
  });

  test('a guide sees their own published shifts, asks for cover, and the team leader’s approval rewrites the slot', async ({ browser }) => {
    test.setTimeout(180_000);
    const guideContext = await browser.newContext();
    const leaderContext = await browser.newContext();
    const guide = await guideContext.newPage();
    const leader = await leaderContext.newPage();
    await login(guide, 'guide', '/roster');
    await expect(guide).toHaveURL(/\/roster\/mine$/);
    await expect(guide.getByTestId('whoami')).toBeVisible();
    const shifts = guide.getByTestId('my-shift');
    await expect(shifts.first()).toBeVisible({ timeout: 20_000 });
    await expectAccessible(guide, 'my shifts');

    const day = await shifts.first().getAttribute('data-day');
    await shifts.first().getByRole('button', { name: '申请换班/代班' }).click();
    const form = guide.getByRole('dialog');
    const colleague = form.getByLabel('同事');
    const colleagueId = await colleague.locator('option').nth(1).getAttribute('value');
    await colleague.selectOption(colleagueId!);
    await form.getByLabel('原因').fill('孩子学校开家长会');
    await expectAccessible(guide, 'swap request form');
    await form.getByRole('button', { name: '提交申请' }).click();
    await expect(guide.getByTestId('my-requests')).toContainText('待同事确认');

    await login(leader, 'teamleader', '/roster/swaps');
    const request = leader.getByTestId('swap-request').filter({ hasText: '孩子学校开家长会' });
    await expect(request).toBeVisible({ timeout: 20_000 });
    await request.getByRole('button', { name: '批准' }).click();
    await leader.getByRole('dialog').getByRole('button', { name: /批准/ }).click();
    await expect(leader.getByTestId('swap-request').filter({ hasText: '孩子学校开家长会' })).toHaveAttribute('data-status', 'approved');

    // The guide's shift of that day now belongs to the colleague: it leaves "my shifts".
    await expect(guide.getByTestId('my-requests')).toContainText('已批准', { timeout: 20_000 });
    await expect(guide.locator(`[data-testid=my-shift][data-day="${day}"]`)).toHaveCount(0);
    await guideContext.close();
    await leaderContext.close();
  });
});
