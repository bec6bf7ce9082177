import { expect, test } from '@playwright/test';
import { monthOf } from '../../src/domain/calendar/days';
import { dayOfInstant } from '../../src/domain/calendar/time-zone';
import { reviewId } from '../../src/domain/ids';
import { apiToken, expectAccessible, goOffline, HALL, pullAll, signInAndOpen } from './helpers';

/** Must-hold 2: provider and client score the same review offline on two devices; it merges to the 30/70 total and band. */

const MONTH = monthOf(dayOfInstant(Date.now(), 'Asia/Shanghai'));

test('a review scored offline by the manager and by the client reviewer merges to the right total and band', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const url = `/reviews?site=${HALL}&month=${MONTH}`;
  const managerContext = await browser.newContext();
  const clientContext = await browser.newContext();
  const manager = await managerContext.newPage();
  const client = await clientContext.newPage();
  await signInAndOpen(manager, 'manager', url);
  await signInAndOpen(client, 'client', url);
  const firstRow = manager.getByTestId('review-row').first();
  await expect(firstRow).toBeVisible({ timeout: 90_000 });
  const staffId = (await firstRow.getAttribute('data-staff-id'))!;
  const row = (page: typeof manager) => page.locator(`[data-testid=review-row][data-staff-id="${staffId}"]`);
  await expect(row(client)).toBeVisible({ timeout: 90_000 });
  await expectAccessible(manager, 'reviews (manager)');
  await expectAccessible(client, 'reviews (client reviewer)');

  await goOffline(managerContext, manager, true);
  await goOffline(clientContext, client, true);
  await row(manager).locator('input').fill('80');
  await row(manager).getByRole('button', { name: '保存' }).click();
  await expect(row(manager).locator('[data-col=provider]')).toHaveText('80');
  await row(client).locator('input').fill('120');
  await row(client).getByRole('button', { name: '保存' }).click();
  await expect(row(client).getByText('请输入 0–100 之间的分数。')).toBeVisible();
  await row(client).locator('input').fill('90');
  await row(client).getByRole('button', { name: '保存' }).click();
  await expect(row(client).locator('[data-col=client]')).toHaveText('90');
  // Offline each device knows only its own part.
  await expect(row(manager).locator('[data-col=total]')).toHaveText('');
  await expect(row(client).locator('[data-col=total]')).toHaveText('');

  await goOffline(managerContext, manager, false);
  await goOffline(clientContext, client, false);
  for (const page of [manager, client]) {
    await expect(row(page).locator('[data-col=provider]')).toHaveText('80', { timeout: 60_000 });
    await expect(row(page).locator('[data-col=client]')).toHaveText('90', { timeout: 60_000 });
    await expect(row(page).locator('[data-col=total]')).toHaveText('87'); // 0.3 × 80 + 0.7 × 90
    await expect(row(page).locator('[data-col=pay]')).toHaveText('500'); // band 80–90
  }

  const admin = await apiToken(request, 'admin');
  const id = reviewId(staffId, MONTH);
  await expect
    .poll(async () => {
      const doc = (await pullAll(request, admin, 'reviews')).find((d) => d.id === id);
      return [doc?.providerScore, doc?.clientScore];
    }, { timeout: 30_000 })
    .toEqual([80, 90]);

  // The manager confirms: total and band are stored on the server and reach the client's device.
  await row(manager).getByRole('button', { name: '确认锁定' }).click();
  await expectAccessible(manager, 'lock dialog');
  await manager.getByRole('dialog').getByRole('button', { name: '确认锁定' }).click();
  await expect(row(manager)).toHaveAttribute('data-locked', '1');
  await expect
    .poll(async () => {
      const doc = (await pullAll(request, admin, 'reviews')).find((d) => d.id === id);
      return [doc?.locked, doc?.total, doc?.pay];
    }, { timeout: 30_000 })
    .toEqual([true, 87, 500]);
  await expect(row(client)).toHaveAttribute('data-locked', '1', { timeout: 30_000 });
  await expect(row(client).locator('input')).toHaveCount(0);
  await managerContext.close();
  await clientContext.close();
});
