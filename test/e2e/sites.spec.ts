import { expect, test } from '@playwright/test';
import { apiToken, expectAccessible, goOffline, HALL, pullAll, pushDocs, signIn } from './helpers';

type Doc = Record<string, unknown> & { id: string };
interface PostDoc {
  id: string;
  holderA?: string;
  holderB?: string;
}

test.describe('sites and posts', () => {
  // Each test changes the hall; it is put back afterwards so specs that run later see it as seeded.
  let seeded: Doc | undefined;
  test.beforeEach(async ({ request }) => {
    const token = await apiToken(request, 'manager');
    seeded = ((await pullAll(request, token, 'sites')) as Doc[]).find((s) => s.id === HALL);
  });
  test.afterEach(async ({ request }) => {
    if (!seeded) return;
    const token = await apiToken(request, 'manager');
    const now = ((await pullAll(request, token, 'sites')) as Doc[]).find((s) => s.id === HALL)!;
    const { _deleted: _a, ...current } = now;
    const { _deleted: _b, ...original } = seeded;
    await pushDocs(request, token, 'sites', [{ newDocumentState: original, assumedMasterState: current }]);
  });

  test('A/B holders and a site rule edited offline reach the server once online', async ({ page, context, request }) => {
    test.setTimeout(120_000);
    const token = await apiToken(request, 'manager');
    const staff = ((await pullAll(request, token, 'staff')) as Doc[]).filter((s) => s.siteId === HALL && s.status !== 'left');
    const hallBefore = ((await pullAll(request, token, 'sites')) as Doc[]).find((s) => s.id === HALL)!;
    const before = (hallBefore.posts as PostDoc[]).find((p) => p.id === 'post-window-1')!;
    // Two people of the hall who are not window 1's current holders.
    const [newA, newB] = staff.filter((s) => s.id !== before.holderA && s.id !== before.holderB);

    await signIn(page, 'manager');
    await page.goto('/sites');
    await expect(page.getByTestId('site-card')).toHaveCount(2);
    await expectAccessible(page, 'site list');
    await page.getByRole('link', { name: '设置 市民中心政务服务大厅' }).click();
    const row = page.locator('[data-testid=post-row][data-post-id="post-window-1"]');
    await expect(row).toBeVisible();
    await expect(page.locator('[data-testid=policy-row][data-key="attendance.graceMinutes"] [data-testid=policy-default]')).toHaveText('0 分钟');
    await expectAccessible(page, 'site editor');

    await goOffline(context, page, true);

    // A and B the same person is refused.
    await row.getByTestId('post-holderA').selectOption(newA!.id);
    await row.getByTestId('post-holderB').selectOption(newA!.id);
    await page.getByTestId('save-posts').click();
    await expect(row.getByTestId('post-error-holderB')).toHaveText('A 岗和 B 岗不能是同一人');
    await expectAccessible(page, 'site editor with errors');

    await row.getByTestId('post-holderB').selectOption(newB!.id);
    await page.getByTestId('save-posts').click();
    await expect(page.getByTestId('site-notice')).toHaveText('已保存到本机，联网后自动同步。');

    const grace = page.getByLabel('迟到宽限');
    await grace.fill('7');
    await expect(page.locator('[data-testid=policy-row][data-key="attendance.graceMinutes"] [data-testid=policy-effective]')).toHaveText('7 分钟');
    await page.getByTestId('save-policy').click();
    await expect(page.getByTestId('site-notice')).toHaveText('已保存到本机，联网后自动同步。');
    await expect(page.getByTestId('sync-pending')).not.toHaveAttribute('data-count', '0');

    // Still offline: the server has neither change.
    const offlineView = ((await pullAll(request, token, 'sites')) as Doc[]).find((s) => s.id === HALL)!;
    expect((offlineView.posts as PostDoc[]).find((p) => p.id === 'post-window-1')!.holderA).toBe(before.holderA);

    await goOffline(context, page, false);
    await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
    await expect
      .poll(
        async () => {
          const hall = ((await pullAll(request, token, 'sites')) as Doc[]).find((s) => s.id === HALL)!;
          const post = (hall.posts as PostDoc[]).find((p) => p.id === 'post-window-1')!;
          return { holderA: post.holderA, holderB: post.holderB, overrides: hall.policyOverrides };
        },
        { timeout: 30_000 },
      )
      .toEqual({ holderA: newA!.id, holderB: newB!.id, overrides: { attendance: { graceMinutes: 7 } } });
  });

  test('shift templates: an overnight shift is allowed, a break longer than the shift is not', async ({ page, request }) => {
    await signIn(page, 'manager');
    await page.goto(`/sites/${HALL}`);
    const rows = page.getByTestId('shift-row');
    await expect(rows.first()).toBeVisible();
    const count = await rows.count();
    await page.getByRole('button', { name: '添加班次' }).click();
    const added = rows.nth(count);
    await added.getByLabel(/班次名称/).fill('夜班');
    await added.getByLabel(/开始/).fill('22:00');
    await added.getByLabel(/结束/).fill('23:00');
    await added.getByLabel(/休息/).fill('90');
    await page.getByTestId('save-shifts').click();
    await expect(added.locator('.field-error')).toHaveText('休息时间不能长于班次');
    await added.getByLabel(/结束/).fill('06:00');
    await added.getByLabel(/休息/).fill('30');
    await expect(added).toContainText('跨夜');
    await expect(added).toContainText('7.5 小时');
    await page.getByTestId('save-shifts').click();
    await expect(page.getByTestId('site-notice')).toHaveText('已保存到本机，联网后自动同步。');
    await expectAccessible(page, 'site editor shifts');

    const token = await apiToken(request, 'manager');
    await expect
      .poll(async () => {
        const hall = ((await pullAll(request, token, 'sites')) as Doc[]).find((s) => s.id === HALL)!;
        return (hall.shiftTemplates as { name: string; start: string; end: string; breakMinutes: number }[]).find((t) => t.name === '夜班');
      }, { timeout: 30_000 })
      .toMatchObject({ start: '22:00', end: '06:00', breakMinutes: 30 });
  });
});
