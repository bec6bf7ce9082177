import { test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

test('login, kiosk and settings have no serious or critical accessibility violations', async ({ page }) => {
  await page.goto('/login');
  await expectAccessible(page, 'login');
  await signIn(page);
  await expectAccessible(page, 'kiosk');
  await page.goto('/settings');
  await expectAccessible(page, 'settings');
});
