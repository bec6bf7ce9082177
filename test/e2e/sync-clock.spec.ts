import { expect, test } from '@playwright/test';
import { signInToSite as signIn } from './helpers';

/**
 * Trustworthy time on the device: the app measures its clock against the
 * server's at each sync and shows the offset when it is beyond the policy's
 * threshold (2 minutes by default), and only then.
 */

test('a tablet clock 7 minutes fast is shown in the sync badge; a correct one is not', async ({ page, context }) => {
  await signIn(page, 'guide');
  await expect(page.getByTestId('sync-online')).toHaveText('在线');
  await expect(page.getByTestId('sync-clock-drift')).toHaveCount(0);

  // The tablet's clock jumps 7 minutes ahead; time keeps flowing from there.
  await context.clock.install({ time: Date.now() + 7 * 60_000 });
  await page.reload();
  const drift = page.getByTestId('sync-clock-drift');
  await expect(drift).toBeVisible({ timeout: 15_000 });
  await expect(drift).toHaveText(/本机时钟快了 (6 分 5\d|7 分 \d{1,2}) 秒/);
  const offset = Number(await drift.getAttribute('data-offset-ms'));
  expect(Math.abs(offset - 7 * 60_000)).toBeLessThan(10_000);
  await expect(drift).toHaveAttribute('title', /超过允许的 2 分钟/);
});
