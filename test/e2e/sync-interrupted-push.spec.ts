import { expect, test } from '@playwright/test';
import { apiToken, pullAll, signInToSite as signIn, staffRow } from './helpers';

/**
 * Closing the tab in the middle of a push, then reopening: the change is
 * pushed once, not lost and not duplicated. With `page.route` the push either
 * reaches the server and its answer is held until the tab closes (the answer
 * is what gets lost), or its connection breaks before it reaches the server
 * and the tab closes before replication retries.
 */

for (const [variant, reachesServer, row] of [
  ['after the server stored it (the answer is lost)', true, 7],
  ['before it reached the server (the connection broke)', false, 8],
] as const) {
  test(`a push cut off ${variant} is completed once after reopening`, async ({ context, request }) => {
    const page = await context.newPage();
    await signIn(page, 'guide');
    const kiosk = page.url();
    const token = await apiToken(request);
    const staff = await pullAll(request, token, 'staff');
    // Someone who has not checked in today (an earlier test, or an earlier repeat, may have checked row `row` in).
    let n = row;
    while ((await page.getByTestId('today-event').filter({ hasText: await staffRow(page, n).name() }).count()) > 0) n += 2;
    const person = staffRow(page, n);
    const name = await person.name();
    const staffId = staff.find((s) => s.name === name)?.id;
    expect(staffId).toBeTruthy();
    const checkInsOf = async () => (await pullAll(request, token, 'attendance')).filter((e) => e.staffId === staffId && e.kind === 'check-in');
    const onServerBefore = (await checkInsOf()).length;
    const localBefore = await page.getByTestId('today-event').filter({ hasText: name }).count();

    let held!: () => void;
    const inFlight = new Promise<void>((resolve) => (held = resolve));
    await page.route('**/api/v1/replication/attendance/push', async (route) => {
      try {
        // Reached the server: the answer is never delivered, the tab closes with the push in flight.
        if (reachesServer) await route.fetch();
        else await route.abort('connectionreset');
      } catch {
        // The tab may already be closing.
      }
      held();
    });
    await person.checkIn.click();
    await inFlight;
    await page.close({ runBeforeUnload: false });
    expect((await checkInsOf()).length).toBe(onServerBefore + (reachesServer ? 1 : 0));

    const again = await context.newPage();
    await again.goto(kiosk);
    await expect(again.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 20_000 });
    const mine = again.getByTestId('today-event').filter({ hasText: name });
    await expect(mine).toHaveCount(localBefore + 1);
    await expect(mine.last()).toHaveAttribute('data-synced', 'true');
    // Exactly one new check-in on the server: not lost, not duplicated.
    await expect.poll(async () => (await checkInsOf()).length).toBe(onServerBefore + 1);
    await again.waitForTimeout(1_000);
    expect((await checkInsOf()).length).toBe(onServerBefore + 1);
  });
}
