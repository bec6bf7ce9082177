import { readFile } from 'node:fs/promises';
import { expect, test, type Page, type Route } from '@playwright/test';
import { E2E_PASSWORD } from '../../playwright.config';
import { apiToken, expectAccessible, goOffline, HALL, pullAll, staffRow } from './helpers';

/** A site the guide is not scoped to: a push carrying it is refused by the server for real (422). */
const OUT_OF_SCOPE_SITE = 'site-hotline-1';
const ATTENDANCE_PUSH = '**/api/v1/replication/attendance/push';

type PushRow = { newDocumentState: Record<string, unknown> };

/**
 * Rewrites the site of the next pushed attendance event on the wire, so the
 * server's scope check rejects it; the device keeps its own (valid) copy.
 */
async function tamperNextPush(page: Page): Promise<{ docId: () => string | undefined }> {
  let docId: string | undefined;
  await page.route(ATTENDANCE_PUSH, async (route: Route) => {
    const rows = route.request().postDataJSON() as PushRow[];
    if (docId === undefined && rows.length > 0) {
      docId = String(rows[0]!.newDocumentState.id);
      rows[0]!.newDocumentState = { ...rows[0]!.newDocumentState, siteId: OUT_OF_SCOPE_SITE };
      await route.continue({ postData: JSON.stringify(rows) });
    } else {
      await route.continue();
    }
  });
  return { docId: () => docId };
}

/**
 * Signs in and waits for the hall's kiosk. A single-site user is redirected
 * there once the sites have synced, which can come after the first URL check
 * of the shared `signIn` helper; this waits for either path.
 */
async function signIn(page: Page, username = 'guide'): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(E2E_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await expect(async () => {
    const pick = page.locator(`a[href="/kiosk/${HALL}"]`);
    if (!page.url().includes('/kiosk/') && (await pick.isVisible())) await pick.click();
    await expect(page).toHaveURL(new RegExp(`/kiosk/${HALL}$`), { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId('staff-row').first()).toBeVisible();
}

async function openNav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name }).click();
}

async function serverAttendanceIds(request: Parameters<typeof apiToken>[0]): Promise<Set<string>> {
  const token = await apiToken(request, 'manager');
  return new Set((await pullAll(request, token, 'attendance')).map((d) => String(d.id)));
}

test.describe('durability and the sync centre', () => {
  test('a change the server rejects lands in the inbox with its reason, others keep syncing, and edit-and-resend delivers it', async ({
    page,
    request,
  }) => {
    await signIn(page, 'guide');
    await expect(page.getByTestId('sync-online')).toHaveText('在线');
    const tampered = await tamperNextPush(page);

    const rejectedPerson = staffRow(page, 3);
    const rejectedName = await rejectedPerson.name();
    await rejectedPerson.checkIn.click();
    await expect(page.getByTestId('sync-rejected')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0');
    const rejectedId = tampered.docId();
    expect(rejectedId).toBeTruthy();

    // Replication goes on: the next check-in reaches the server.
    const token = await apiToken(request, 'manager');
    const before = await serverAttendanceIds(request);
    const other = staffRow(page, 5);
    const otherName = await other.name();
    const otherId = (await pullAll(request, token, 'staff')).find((s) => s.name === otherName)?.id;
    expect(otherId).toBeTruthy();
    await other.checkIn.click();
    await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 20_000 });
    await expect
      .poll(async () => (await pullAll(request, token, 'attendance')).filter((e) => e.staffId === otherId && !before.has(String(e.id))).length, {
        timeout: 20_000,
      })
      .toBe(1);
    expect((await serverAttendanceIds(request)).has(rejectedId!)).toBe(false);

    // The inbox shows the change with the server's own reason.
    await page.getByTestId('sync-rejected').click();
    await expect(page).toHaveURL(/\/sync#rejected$/);
    const entry = page.locator(`[data-testid="rejected-entry"][data-doc-id="${rejectedId}"]`);
    await expect(entry).toContainText(rejectedName);
    await expect(entry.getByTestId('rejected-reason')).toContainText(`${OUT_OF_SCOPE_SITE} is outside your scope`);
    await expectAccessible(page, 'sync centre with a rejected change');
    await page.screenshot({ path: test.info().outputPath('sync-centre-rejected.png'), fullPage: true });

    // Edit and resend: the form re-validates with the shared schema before writing.
    await entry.getByRole('link', { name: '修改后重新发送' }).click();
    const site = page.getByLabel('场所编号');
    await expect(site).toHaveValue(HALL);
    await site.fill('');
    await page.getByRole('button', { name: '重新发送' }).click();
    await expect(page.getByRole('alert')).toContainText('siteId');
    await expect(site).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'edit and resend');
    await site.fill(HALL);
    await page.getByRole('button', { name: '重新发送' }).click();
    await expect(page).toHaveURL(/\/sync$/);
    await expect(page.getByTestId('rejected-entry')).toHaveCount(0);
    await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 20_000 });
    await expect.poll(async () => (await serverAttendanceIds(request)).has(rejectedId!), { timeout: 20_000 }).toBe(true);
  });

  test('"discard my change" brings the device back to the server, sending nothing', async ({ page, request }) => {
    await signIn(page, 'guide');
    await expect(page.getByTestId('sync-online')).toHaveText('在线');
    const tampered = await tamperNextPush(page);
    const person = staffRow(page, 7);
    const personEvents = page.getByTestId('today-event').filter({ hasText: await person.name() });
    await person.checkIn.click();
    await expect(page.getByTestId('sync-rejected')).toBeVisible({ timeout: 20_000 });
    await expect(personEvents).not.toHaveCount(0);
    const withRejected = await personEvents.count();
    const rejectedId = tampered.docId()!;

    await openNav(page, '同步中心');
    const entry = page.locator(`[data-testid="rejected-entry"][data-doc-id="${rejectedId}"]`);
    await entry.getByRole('button', { name: '放弃我的更改' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('放弃这条更改');
    await dialog.getByRole('button', { name: '放弃我的更改' }).click();
    await expect(page.getByTestId('rejected-inbox').getByRole('status').first()).toContainText('已从本设备删除', { timeout: 30_000 });
    await expect(entry).toHaveCount(0);
    await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0');

    await openNav(page, '考勤打卡');
    await expect(personEvents).toHaveCount(withRejected - 1);
    // Nothing was pushed for it, not even a removal.
    expect((await serverAttendanceIds(request)).has(rejectedId)).toBe(false);
  });

  test('signing out with unsynced changes is refused; after export and confirmation it proceeds; the file imports on another device and reaches the server', async ({
    browser,
    request,
  }) => {
    const deviceA = await browser.newContext({ acceptDownloads: true });
    const pageA = await deviceA.newPage();
    await signIn(pageA, 'guide');
    await expect(pageA.getByTestId('sync-online')).toHaveText('在线');
    await goOffline(deviceA, pageA, true);
    await staffRow(pageA, 8).checkIn.click();
    await staffRow(pageA, 9).checkIn.click();
    await expect(pageA.getByTestId('sync-pending')).toHaveAttribute('data-count', '2');

    await pageA.getByRole('button', { name: '退出登录' }).click();
    const guard = pageA.getByTestId('unsynced-guard');
    await expect(guard).toBeVisible();
    await expect(guard).toContainText('2 条更改未同步');
    await expect(pageA).toHaveURL(new RegExp(`/kiosk/${HALL}$`));

    await pageA.screenshot({ path: test.info().outputPath('sign-out-refused.png') });
    const downloading = pageA.waitForEvent('download');
    await guard.getByRole('button', { name: '导出到文件' }).click();
    const download = await downloading;
    const fileName = download.suggestedFilename();
    expect(fileName).toMatch(/^hallops-pending-guide-\d{8}-\d{4}\.json$/);
    const path = test.info().outputPath(fileName);
    await download.saveAs(path);
    const file = JSON.parse(await readFile(path, 'utf8')) as {
      format: string;
      checksum: string;
      user: { username: string };
      deviceId: string;
      changes: { collection: string; id: string }[];
    };
    expect(file).toMatchObject({ format: 'hallops.pending-changes', user: { username: 'guide' } });
    expect(file.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(file.changes.map((c) => c.collection)).toEqual(['attendance', 'attendance']);

    const dialog = pageA.getByRole('dialog');
    await expect(dialog).toContainText(fileName);
    await dialog.getByRole('button', { name: '退出登录' }).click();
    await expect(pageA).toHaveURL(/\/login$/);
    await deviceA.close();

    const ids = file.changes.map((c) => c.id);
    const before = await serverAttendanceIds(request);
    expect(ids.some((id) => before.has(id))).toBe(false);

    const deviceB = await browser.newContext();
    const pageB = await deviceB.newPage();
    await signIn(pageB, 'guide');
    await openNav(pageB, '同步中心');
    await pageB.getByTestId('import-file').setInputFiles(path);
    await expect(pageB.getByTestId('import-summary')).toContainText('共 2 条更改');
    await pageB.getByRole('button', { name: '导入这些更改' }).click();
    await expect(pageB.getByTestId('import-imported')).toHaveAttribute('data-count', '2');
    await expectAccessible(pageB, 'sync centre after an import');
    await pageB.screenshot({ path: test.info().outputPath('import-report.png'), fullPage: true });
    await expect(pageB.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 20_000 });
    await expect.poll(async () => {
      const onServer = await serverAttendanceIds(request);
      return ids.every((id) => onServer.has(id));
    }, { timeout: 20_000 }).toBe(true);
    await deviceB.close();
  });

  test('settings show storage protection and space; clearing the device is refused while unsynced, then wipes it and signs out', async ({
    page,
  }) => {
    await signIn(page, 'guide');
    await expect(page.getByTestId('sync-online')).toHaveText('在线');
    // Pushes fail (as on a flaky network): the change stays pending and the badge says why in plain words.
    await page.route(ATTENDANCE_PUSH, (route) => route.abort('internetdisconnected'));
    await staffRow(page, 10).checkIn.click();
    await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('sync-problem')).toHaveAttribute('data-problem', 'network', { timeout: 20_000 });

    await openNav(page, '设置');
    await expect(page.getByTestId('storage-persistence')).toHaveAttribute('data-state', /^(granted|not-granted)$/);
    await expect(page.getByTestId('storage-persistence')).toContainText(/^(已开启|未开启)：/);
    await expect(page.getByTestId('storage-used')).toContainText(/\d/);
    await expect(page.getByTestId('storage-free')).toContainText(/\d/);
    await expectAccessible(page, 'settings');
    await page.screenshot({ path: test.info().outputPath('settings.png'), fullPage: true });

    await page.getByRole('button', { name: '清除本设备数据' }).click();
    const guard = page.getByTestId('unsynced-guard');
    await expect(guard).toContainText('1 条更改未同步，现在清除会丢失它们');
    await guard.getByRole('button', { name: '关闭' }).click();

    await page.unroute(ATTENDANCE_PUSH);
    await page.getByRole('button', { name: '立即同步' }).first().click();
    await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 20_000 });

    await page.getByRole('button', { name: '清除本设备数据' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('清除本设备的数据');
    await dialog.getByRole('button', { name: '清除并退出' }).click();
    await expect(page).toHaveURL(/\/login$/);
    const left = await page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
      session: localStorage.getItem('hallops.session'),
      device: localStorage.getItem('hallops.deviceId'),
    }));
    expect(left.databases.filter((n) => n.startsWith('rxdb-dexie-hallops-user-guide--'))).toEqual([]);
    expect(left.session).toBeNull();
    expect(left.device).toBeTruthy();

    // Signing in again downloads everything anew.
    await signIn(page, 'guide');
  });
});
