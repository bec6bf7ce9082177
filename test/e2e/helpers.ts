import { expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { E2E_PASSWORD } from '../../playwright.config';

export const HALL = 'site-hall-1';

/**
 * Signs in through the login form. Users with one site land on its kiosk;
 * users with several pick `site` (the hall by default) on the start page.
 */
export async function signIn(page: Page, username = 'guide', site = HALL): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(E2E_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  // A one-site user is sent to the kiosk once the sites have synced; others pick one.
  const link = page.locator(`a[href="/kiosk/${site}"]`);
  await expect
    .poll(async () => page.url().includes('/kiosk/') || (await link.count()) > 0, { timeout: 30_000 })
    .toBe(true);
  if (!page.url().includes('/kiosk/')) await link.click();
  await expect(page).toHaveURL(new RegExp(`/kiosk/${site}$`));
  // The staff list fills in with the first sync, which shares the machine with the rest of the suite.
  await expect(page.getByTestId('staff-row').first()).toBeVisible({ timeout: 30_000 });
}

/** Waits until a service worker controls the page, so the next load can come from the precache. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
    await page.reload();
  }
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

export async function apiToken(request: APIRequestContext, username = 'manager'): Promise<string> {
  const res = await request.post('/api/v1/auth/login', { data: { username, password: E2E_PASSWORD } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** Every document of a collection on the server, through the pull endpoint. */
export async function pullAll(
  request: APIRequestContext,
  token: string,
  collection: string,
): Promise<Record<string, unknown>[]> {
  const docs: Record<string, unknown>[] = [];
  let checkpoint = '';
  for (;;) {
    const res = await request.get(`/api/v1/replication/${collection}/pull?checkpoint=${checkpoint}&limit=1000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { documents: Record<string, unknown>[]; checkpoint: { seq: number } | null };
    docs.push(...body.documents);
    if (body.documents.length < 1000 || !body.checkpoint) return docs;
    checkpoint = String(body.checkpoint.seq);
  }
}

export async function goOffline(context: BrowserContext, page: Page, offline: boolean): Promise<void> {
  await context.setOffline(offline);
  // Chromium's offline emulation fires the window events the app listens to.
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(!offline);
}

/** The n-th staff row of the kiosk: its name, and its check-in and check-out buttons. */
export function staffRow(page: Page, n: number) {
  const row = page.getByTestId('staff-row').nth(n);
  return {
    row,
    name: () => row.locator('.staff-name').innerText(),
    checkIn: row.getByRole('button').nth(0),
    checkOut: row.getByRole('button').nth(1),
  };
}

/** axe-core on the current page: no serious or critical violations (WCAG 2.1 A/AA rules). */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    `accessibility violations on ${label}`,
  ).toEqual([]);
}

/** Writes documents on the server through the push endpoint (as the token's user); returns the conflicts. */
export async function pushDocs(
  request: APIRequestContext,
  token: string,
  collection: string,
  rows: { newDocumentState: Record<string, unknown>; assumedMasterState: Record<string, unknown> | null }[],
): Promise<unknown[]> {
  const res = await request.post(`/api/v1/replication/${collection}/push`, { headers: { authorization: `Bearer ${token}` }, data: rows });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as unknown[];
}

/** Enrols a kiosk tablet through the device API (admin, or the site's manager): its one-time credential. */
export async function enrolDeviceByApi(
  request: APIRequestContext,
  token: string,
  siteId: string,
  name: string,
): Promise<{ device: { id: string; siteId: string }; credential: string }> {
  const res = await request.post('/api/v1/devices', { headers: { authorization: `Bearer ${token}` }, data: { siteId, name } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { device: { id: string; siteId: string }; credential: string };
}

/** Turns a fresh page into a site's kiosk with an enrolment credential, through the sign-in page's enrol path. */
export async function signInKiosk(page: Page, credential: string, siteId: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('button', { name: '将此平板登记为考勤机' }).click();
  await page.getByLabel('登记凭证').fill(credential);
  await page.getByRole('button', { name: '登记此平板' }).click();
  await expect(page).toHaveURL(new RegExp(`/kiosk/${siteId}$`));
  await expect(page.getByTestId('kiosk-search')).toBeVisible();
}

/**
 * Signs in through the form and opens `path` directly, without waiting for the
 * kiosk (the start page's redirect of single-site users races with signIn's
 * site-link check).
 */
export async function signInAndOpen(page: Page, username: string, path: string): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(E2E_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.goto(path);
}

/**
 * Like `signIn`, without its race for single-site users (the start page may
 * still be on screen when it looks for the kiosk redirect): waits for either
 * the site list or the kiosk.
 */
export async function signInToSite(page: Page, username: string, site = HALL): Promise<void> {
  await page.goto('/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(E2E_PASSWORD);
  await page.locator('button[type=submit]').click();
  const siteLink = page.locator(`a[href="/kiosk/${site}"]`);
  await expect(siteLink.or(page.getByTestId('staff-row').first())).toBeVisible({ timeout: 30_000 });
  if (!page.url().includes('/kiosk/')) await siteLink.click();
  await expect(page).toHaveURL(new RegExp(`/kiosk/${site}$`));
  // The staff list fills in with the first sync, which shares the machine with the rest of the suite.
  await expect(page.getByTestId('staff-row').first()).toBeVisible({ timeout: 30_000 });
}

export type Doc = Record<string, unknown>;

/**
 * Documents straight from the device's IndexedDB (RxDB's Dexie storage: one
 * database per collection, table `docs`), independent of what the UI renders.
 * `ids` null reads the whole collection.
 */
export async function deviceDocs(page: Page, collection: string, ids: string[] | null): Promise<(Doc | null)[]> {
  const raw = await page.evaluate(
    async ({ collection, ids }) => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('rxdb-dexie-hallops-') && n.endsWith(`--${collection}`));
      if (names.length !== 1) throw new Error(`expected one ${collection} database on the device, found [${names.join(', ')}]`);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(names[0]!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      try {
        const store = db.transaction('docs', 'readonly').objectStore('docs');
        const ask = <T,>(req: IDBRequest<T>) =>
          new Promise<T>((resolve, reject) => {
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
          });
        if (ids === null) return (await ask(store.getAll())) as unknown[];
        return Promise.all(ids.map(async (id) => ((await ask(store.get(id))) as unknown) ?? null));
      } finally {
        db.close();
      }
    },
    { collection, ids },
  );
  return (raw as (Doc | null)[]).map((d) => (d ? plain(d) : null));
}

/** A document without RxDB's bookkeeping, `_deleted` as a boolean (Dexie stores it as '0'/'1'). */
export function plain(doc: Doc): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(doc)) if (k !== '_meta' && k !== '_rev' && k !== '_attachments') out[k] = v;
  out._deleted = doc._deleted === true || doc._deleted === '1';
  return out;
}

/**
 * Whether the device's local database holds a document with all of `fields`:
 * for waiting until the first sync has brought what a step depends on.
 */
export async function deviceHolds(page: Page, collection: string, fields: Record<string, string>): Promise<boolean> {
  const docs = await deviceDocs(page, collection, null).catch(() => [] as (Doc | null)[]);
  return docs.some((doc) => doc !== null && Object.entries(fields).every(([k, v]) => doc[k] === v));
}
