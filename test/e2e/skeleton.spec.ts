import { expect, test, type Page } from '@playwright/test';
import { apiToken, goOffline, pullAll, signIn, staffRow, waitForServiceWorker } from './helpers';

test.describe('walking skeleton', () => {
  test("the app keeps to its Content-Security-Policy: no violation from sign-in to a working kiosk (zod's eval probe included)", async ({ page }) => {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    const violations = () => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    await signIn(page);
    expect(await violations()).toEqual([]);
    // A signed-in start: the database opens while the first screen renders.
    await page.reload();
    await expect(page.getByTestId('staff-row').first()).toBeVisible();
    expect(await violations()).toEqual([]);
  });

  /** Holds the app's entry script back, as on a slow network, until the returned function is called. */
  async function holdAppScript(page: Page): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
      await released;
      await route.continue();
    });
    return release;
  }

  test('a first visit paints the sign-in form before the JavaScript runs, and what is typed meanwhile is kept', async ({ page }) => {
    const release = await holdAppScript(page);
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto('/login', { waitUntil: 'commit' });
    const form = page.locator('form.login-form');
    await expect(form.getByRole('heading', { name: '登录' })).toBeVisible();
    const submit = form.locator('button[type=submit]');
    // Before the app runs, the form can be filled but not sent.
    await expect(submit).toBeDisabled();
    const painted = await page.locator('#root').innerText();
    // Marks the painted heading, to tell whether the app takes over these nodes or paints new ones.
    await page.evaluate(() => ((document.querySelector('#root h1') as HTMLElement).dataset.painted = 'static'));
    await form.locator('input[name=username]').fill('guide');
    await form.locator('input[name=password]').fill('not-sent-yet');
    await form.locator('input[name=password]').focus();
    release();
    await expect(submit).toBeEnabled({ timeout: 30_000 });
    // The app hydrates the painted form (nothing painted twice), with the typed values and the cursor where they were.
    expect(await page.locator('#root').innerText()).toBe(painted);
    await expect(page.locator('#root h1')).toHaveAttribute('data-painted', 'static');
    await expect(form.locator('input[name=username]')).toHaveValue('guide');
    await expect(form.locator('input[name=password]')).toHaveValue('not-sent-yet');
    await expect(form.locator('input[name=password]')).toBeFocused();
    expect(errors).toEqual([]);
    // And it works: a wrong password is refused by the server.
    await submit.click();
    await expect(page.getByRole('alert')).toHaveText('用户名或密码错误。');
  });

  test('a device set to English: the painted Chinese form turns English when the app starts, keeping what was typed', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('hallops.lang', 'en'));
    const release = await holdAppScript(page);
    await page.goto('/login', { waitUntil: 'commit' });
    const form = page.locator('form.login-form');
    await expect(form.getByRole('heading', { name: '登录' })).toBeVisible();
    await form.locator('input[name=username]').fill('guide');
    await form.locator('input[name=username]').focus();
    release();
    await expect(form.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 30_000 });
    await expect(form.locator('input[name=username]')).toHaveValue('guide');
    await expect(form.locator('input[name=username]')).toBeFocused();
    await expect(form.locator('button[type=submit]')).toBeEnabled();
  });

  test('the app opens offline after the first visit, deep link included, and the kiosk works', async ({ page, context }) => {
    await signIn(page);
    await waitForServiceWorker(page);
    const deepLink = page.url();

    await goOffline(context, page, true);
    await page.reload();
    await expect(page.getByTestId('staff-row').first()).toBeVisible();
    await expect(page.getByTestId('sync-online')).toHaveText('离线');

    // A deep link typed while offline is served from the precached shell.
    await page.goto(deepLink);
    await expect(page.getByTestId('staff-row').first()).toBeVisible();

    const person = staffRow(page, 2);
    const name = await person.name();
    await person.checkIn.click();
    await expect(page.getByTestId('kiosk-feedback')).toContainText(name);
    await goOffline(context, page, false);
  });

  test('an offline check-in survives a reload and reaches the server when back online, with no user action', async ({
    page,
    context,
    request,
  }) => {
    await signIn(page);
    await waitForServiceWorker(page);
    await goOffline(context, page, true);

    const person = staffRow(page, 4);
    const name = await person.name();
    const before = await page.getByTestId('today-event').count();
    await person.checkIn.click();
    await expect(page.getByTestId('today-event')).toHaveCount(before + 1);
    await expect(page.getByTestId('sync-pending')).not.toHaveAttribute('data-count', '0');

    await page.reload();
    await expect(page.getByTestId('today-event')).toHaveCount(before + 1);
    const mine = page.getByTestId('today-event').filter({ hasText: name });
    await expect(mine).toHaveAttribute('data-synced', 'false');

    await goOffline(context, page, false);
    await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 20_000 });
    await expect(mine).toHaveAttribute('data-synced', 'true');

    const token = await apiToken(request);
    const events = await pullAll(request, token, 'attendance');
    const staff = await pullAll(request, token, 'staff');
    const staffId = staff.find((s) => s.name === name)?.id;
    expect(staffId).toBeTruthy();
    const onServer = events.filter((e) => e.staffId === staffId && e.kind === 'check-in');
    expect(onServer.length).toBeGreaterThanOrEqual(1);
    expect(onServer.every((e) => typeof e.receivedAt === 'string')).toBe(true);
  });

  test('a check-in on one device appears on another within 2 seconds through the live stream', async ({ browser }) => {
    const a = await browser.newContext();
    const b = await browser.newContext();
    const pageA = await a.newPage();
    const pageB = await b.newPage();
    await signIn(pageA, 'guide');
    await signIn(pageB, 'manager');
    await expect(pageB.getByTestId('sync-online')).toHaveText('在线');
    await expect(pageA.getByTestId('sync-online')).toHaveText('在线');

    const person = staffRow(pageA, 6);
    const name = await person.name();
    const onB = pageB.getByTestId('today-event').filter({ hasText: name });
    const countBefore = await onB.count();
    await person.checkOut.click();
    await expect(onB).toHaveCount(countBefore + 1, { timeout: 2_000 });
    await a.close();
    await b.close();
  });

  test('language: zh-CN by default, English selectable and remembered', async ({ page }) => {
    await signIn(page);
    await expect(page.getByRole('button', { name: '签到' }).first()).toBeVisible();
    await page.getByLabel('语言').first().selectOption('en');
    await expect(page.getByRole('button', { name: 'Check in' }).first()).toBeVisible();
    await page.reload();
    await expect(page.getByRole('button', { name: 'Check in' }).first()).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});
