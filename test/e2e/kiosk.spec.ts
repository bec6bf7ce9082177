import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { monthOf } from '../../src/domain/calendar/days';
import { dayOfInstant, instantOf } from '../../src/domain/calendar/time-zone';
import { defaultPolicy, type Policy } from '../../src/domain/policy';
import type { AttendanceEventLike } from '../../src/domain/rules/attendance';
import { leaveSpans, rosteredShifts, sitePolicy, trainingDaysOf, type LeaveRequestLike, type SlotLike, type TrainingSessionLike } from '../../src/domain/rules/attendance-inputs';
import { classifyMonthAsOf } from '../../src/domain/rules/attendance-today';
import type { Site } from '../../src/domain/schemas/site';
import { hashPin } from '../../src/features/kiosk/pin';
import { E2E_PASSWORD } from '../../playwright.config';
import { apiToken, deviceHolds, enrolDeviceByApi, expectAccessible, goOffline, HALL, pullAll, pushDocs, signInKiosk, signInToSite as signIn } from './helpers';


// One administrator session per worker: the server limits sign-ins per address (30 per 15 min by default).
let cachedAdmin: string | undefined;
async function adminToken(request: APIRequestContext): Promise<string> {
  cachedAdmin ??= await apiToken(request, 'admin');
  return cachedAdmin;
}

/**
 * Kiosk mode end to end: a tablet enrolled by an administrator runs a day of
 * check-ins with no network (PIN per person, a late arrival, a double tap, an
 * absence from the post), then syncs; the manager's day view and month summary
 * on another device agree with the domain rules. The tablet's clock is set
 * with Playwright's clock relative to the people's rostered shift.
 */

const MIN = 60_000;
type Doc = Record<string, unknown>;

interface Person {
  id: string;
  name: string;
  staffNo: string;
  pin: string;
}

interface Plan {
  siteId: string;
  site: Site;
  day: string;
  timeZone: string;
  /** Shift start (epoch ms) shared by the five people. */
  start: number;
  shiftName: string;
  people: Person[];
}

/**
 * Five active people rostered today on the same shift at one site (the hall on
 * working days, the 7×24 hotline centre otherwise), each given a kiosk PIN.
 */
async function planDay(request: APIRequestContext, admin: string): Promise<Plan> {
  const [sites, slots, staff] = await Promise.all([pullAll(request, admin, 'sites'), pullAll(request, admin, 'rosters'), pullAll(request, admin, 'staff')]);
  for (const site of sites as unknown as Site[]) {
    const day = dayOfInstant(Date.now(), site.timeZone);
    const today = (slots as unknown as (SlotLike & { kind: string; siteId: string })[]).filter(
      (s) => s.kind === 'slot' && s.siteId === site.id && s.day === day && s.status === 'published',
    );
    for (const template of site.shiftTemplates) {
      const on = today.filter((s) => s.shiftId === template.id).map((s) => staff.find((p) => p.id === s.staffId)).filter((p) => p && p.status !== 'left');
      const unique = [...new Map(on.map((p) => [p!.id as string, p!])).values()];
      if (unique.length < 5) continue;
      const chosen = unique.slice(0, 5);
      const pins = ['2468', '1357', '8080', '4321', '97531'];
      const rows: { newDocumentState: Doc; assumedMasterState: Doc }[] = await Promise.all(
        chosen.map(async (p, i) => ({ newDocumentState: { ...p!, pin: await hashPin(pins[i]!) }, assumedMasterState: p! })),
      );
      // The answer holds the stored (server-stamped) master of each written row (ADR 0002): our PINs.
      const masters = (await pushDocs(request, admin, 'staff', rows)) as Doc[];
      for (const row of rows) expect(masters.find((m) => m.id === row.newDocumentState.id)?.pin).toEqual(row.newDocumentState.pin);
      return {
        siteId: site.id,
        site,
        day,
        timeZone: site.timeZone,
        start: Date.parse(instantOf(day, template.start, site.timeZone)),
        shiftName: template.name,
        people: chosen.map((p, i) => ({ id: p.id as string, name: p.name as string, staffNo: p.staffNo as string, pin: pins[i]! })),
      };
    }
  }
  throw new Error('No site has five people on one shift today');
}

/** At the kiosk: find the person by staff number, confirm with the PIN, tap the action. */
async function punch(page: Page, p: Person, action: '签到' | '签退' | '离岗' | '返岗', opts: { doubleTap?: boolean; audit?: boolean } = {}) {
  await page.getByTestId('kiosk-search').fill(p.staffNo);
  await page.getByTestId('staff-row').filter({ hasText: p.name }).getByRole('button').click();
  await page.getByTestId('pin-input').fill(p.pin);
  await page.getByTestId('pin-ok').click();
  const button = page.getByRole('button', { name: action, exact: true });
  await expect(button).toBeEnabled();
  if (opts.audit) await expectAccessible(page, 'kiosk actions');
  if (opts.doubleTap) await button.dblclick();
  else await button.click();
  await expect(page.getByTestId('kiosk-feedback')).toContainText(p.name);
  await expect(page.getByTestId('kiosk-feedback')).toHaveAttribute('data-saved', 'saved');
  if (opts.audit) await expectAccessible(page, 'kiosk answer');
  const verdict = await page.getByTestId('kiosk-feedback').getAttribute('data-verdict');
  await page.getByRole('button', { name: '完成' }).click();
  await expect(page.getByTestId('kiosk-search')).toHaveValue('');
  return verdict;
}

/**
 * Opens a person on the kiosk once the tablet has synced them (with their PIN)
 * and today's roster: retried from the search screen until the shift shows.
 */
async function openWhenSynced(page: Page, p: Person, shiftName: string) {
  const back = page.getByRole('button', { name: '返回' });
  await expect(async () => {
    if (await back.isVisible()) await back.click();
    await page.getByTestId('kiosk-search').fill(p.staffNo);
    await page.getByTestId('staff-row').filter({ hasText: p.name }).getByRole('button').click({ timeout: 5000 });
    await expect(page.getByTestId('kiosk-shift')).toContainText(shiftName, { timeout: 5000 });
    await expect(page.getByTestId('pin-input')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 120_000 });
}

/** The tablet's wall clock, as a tablet keeps it: fixed at the instant the scenario needs. */
async function setTabletTime(context: BrowserContext, ms: number) {
  await context.clock.setFixedTime(ms);
}

/** The official working-day calendar from the same data the app bundles (no admin overrides in the demo). */
function workingDayOracle(): (day: string) => boolean {
  const data = JSON.parse(readFileSync('node_modules/chinese-days/dist/chinese-days.json', 'utf8')) as { holidays: Record<string, string>; workdays: Record<string, string> };
  return (day) => {
    if (data.holidays[day]) return false;
    if (data.workdays[day]) return true;
    const dow = new Date(`${day}T12:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  };
}

/** Month-to-date figures for one person from the server's documents, by the domain rules. */
function expectedFigures(plan: Plan, docs: { rosters: Doc[]; attendance: Doc[]; leave: Doc[]; training: Doc[]; catalog: Doc[] }, staffId: string, nowMs: number) {
  const month = monthOf(plan.day);
  const org = docs.catalog.find((d) => d.kind === 'organisation') as { policy?: Policy } | undefined;
  const policy = sitePolicy(org?.policy, plan.site.policyOverrides, defaultPolicy);
  const slots = docs.rosters.filter((d) => d.kind === 'slot' && d.siteId === plan.siteId && d.staffId === staffId) as unknown as SlotLike[];
  const shifts = rosteredShifts(slots, plan.site.shiftTemplates, plan.timeZone);
  const events = docs.attendance.filter((d) => d.staffId === staffId && d.siteId === plan.siteId) as unknown as AttendanceEventLike[];
  const leave = leaveSpans(docs.leave.filter((d) => d.staffId === staffId && d.siteId === plan.siteId) as unknown as LeaveRequestLike[]);
  const sessions = docs.training.filter((d) => d.kind === 'session' && d.siteId === plan.siteId) as unknown as TrainingSessionLike[];
  return classifyMonthAsOf(month, nowMs, plan.timeZone, shifts, events, { leave, trainingDays: trainingDaysOf(sessions, staffId) }, workingDayOracle(), policy).figures;
}

test.describe('kiosk mode', () => {
  test('must-hold 1: enrol a kiosk, an offline day of check-ins, and the manager sees the rules’ classification', async ({ browser, request }) => {
    test.setTimeout(300_000);
    const admin = await adminToken(request);
    const plan = await planDay(request, admin);
    const [a, b, c, d, e] = plan.people as [Person, Person, Person, Person, Person];

    // The administrator enrols the tablet on the devices screen; the credential is shown once.
    const office = await browser.newContext();
    const adminPage = await office.newPage();
    await signIn(adminPage, 'admin', plan.siteId);
    await adminPage.goto('/devices');
    await adminPage.getByLabel('所属场所').selectOption(plan.siteId);
    await adminPage.getByLabel('设备名称').fill('E2E 大厅平板');
    await adminPage.getByRole('button', { name: '登记并生成凭证' }).click();
    const credential = (await adminPage.getByTestId('credential-text').innerText()).trim();
    expect(credential.length).toBeGreaterThan(10);
    await expectAccessible(adminPage, 'devices screen with a new credential');
    await adminPage.getByRole('button', { name: '已在平板上完成登记，关闭' }).click();
    await expect(adminPage.getByTestId('device-credential')).toHaveCount(0);
    await expect(adminPage.getByTestId('device-row').filter({ hasText: 'E2E 大厅平板' })).toHaveCount(1);

    // The tablet: its clock 30 minutes before the shift; enrolled with the credential; kiosk mode.
    const tablet = await browser.newContext();
    await setTabletTime(tablet, plan.start - 30 * MIN);
    const kiosk = await tablet.newPage();
    await signInKiosk(kiosk, credential, plan.siteId);
    await expect(kiosk.locator('.topbar nav')).toBeHidden();
    await expectAccessible(kiosk, 'kiosk search');
    // The tablet has the site's staff (with PINs) and today's roster before it goes offline.
    await openWhenSynced(kiosk, a, plan.shiftName);
    await kiosk.getByRole('button', { name: '返回' }).click();
    await expect(kiosk.getByTestId('sync-online')).toHaveText('在线');

    await goOffline(tablet, kiosk, true);

    await setTabletTime(tablet, plan.start - 15 * MIN);
    expect(await punch(kiosk, a, '签到', { audit: true })).toBe('on-time');
    await setTabletTime(tablet, plan.start - 12 * MIN);
    expect(await punch(kiosk, c, '签到', { doubleTap: true })).toBe('on-time');
    // A second try a few seconds later is the same punch, not a second event.
    await setTabletTime(tablet, plan.start - 12 * MIN + 5000);
    expect(await punch(kiosk, c, '签到')).toBe('duplicate');
    await setTabletTime(tablet, plan.start - 10 * MIN);
    expect(await punch(kiosk, d, '签到')).toBe('on-time');
    await setTabletTime(tablet, plan.start - 5 * MIN);
    expect(await punch(kiosk, e, '签到')).toBe('on-time');
    await setTabletTime(tablet, plan.start + 20 * MIN);
    expect(await punch(kiosk, b, '签到')).toBe('late');
    await setTabletTime(tablet, plan.start + 30 * MIN);
    expect(await punch(kiosk, d, '离岗')).toBe('left');
    // 90 minutes pass on the tablet.
    await setTabletTime(tablet, plan.start + 120 * MIN);
    expect(await punch(kiosk, d, '返岗')).toBe('back');
    // Seven events wait on the tablet (the double tap and the second try made none).
    await expect(kiosk.getByTestId('sync-pending')).toHaveAttribute('data-count', '7');

    // Back online: everything reaches the server, exactly once.
    await goOffline(tablet, kiosk, false);
    await expect(kiosk.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 60_000 });
    const from = new Date(plan.start - 60 * MIN).toISOString();
    const to = new Date(plan.start + 180 * MIN).toISOString();
    const punchKinds = ['check-in', 'check-out', 'left-post', 'returned'];
    const events = (await pullAll(request, admin, 'attendance')).filter(
      (ev) => plan.people.some((p) => p.id === ev.staffId) && punchKinds.includes(String(ev.kind)) && String(ev.deviceTime) >= from && String(ev.deviceTime) <= to,
    );
    const kinds = (p: Person) => events.filter((ev) => ev.staffId === p.id).map((ev) => ev.kind).sort();
    expect(kinds(a)).toEqual(['check-in']);
    expect(kinds(b)).toEqual(['check-in']);
    expect(kinds(c)).toEqual(['check-in']);
    expect(kinds(d)).toEqual(['check-in', 'left-post', 'returned']);
    expect(kinds(e)).toEqual(['check-in']);
    expect(events.every((ev) => ev.method === 'pin' && String(ev.updatedBy).startsWith('device:'))).toBe(true);

    // The manager, on another device, at the tablet's "now".
    const managerNow = plan.start + 125 * MIN;
    const back = await browser.newContext();
    await back.clock.setFixedTime(managerNow);
    const manager = await back.newPage();
    await signIn(manager, 'manager', plan.siteId);
    await manager.goto(`/attendance?site=${plan.siteId}&day=${plan.day}`);
    const row = (p: Person) => manager.locator(`[data-testid=day-row][data-staff-id="${p.id}"]`);
    await expect(row(d)).toHaveAttribute('data-absence-half-days', '1', { timeout: 30_000 });
    for (const p of [a, c, e]) {
      await expect(row(p)).toHaveAttribute('data-presence', 'in');
      await expect(row(p)).toHaveAttribute('data-on-time', 'true');
    }
    await expect(row(b)).toHaveAttribute('data-late-count', '1');
    await expect(row(b)).toHaveAttribute('data-late-minutes', '20');
    await expect(row(b)).toContainText('迟到 20 分钟');
    await expect(row(d)).toHaveAttribute('data-presence', 'in');
    await expect(row(d)).toHaveAttribute('data-on-time', 'false');
    await expect(row(d)).toContainText('旷工 0.5 天');
    await expectAccessible(manager, 'attendance day view');

    // The month summary agrees with the domain rules applied to the server's documents.
    await manager.goto(`/attendance/month?site=${plan.siteId}&month=${monthOf(plan.day)}`);
    const docs = {
      rosters: await pullAll(request, admin, 'rosters'),
      attendance: await pullAll(request, admin, 'attendance'),
      leave: await pullAll(request, admin, 'leave'),
      training: await pullAll(request, admin, 'training'),
      catalog: await pullAll(request, admin, 'catalog'),
    };
    for (const p of plan.people) {
      const f = expectedFigures(plan, docs, p.id, managerNow);
      const cells = manager.locator(`[data-testid=month-row][data-staff-id="${p.id}"]`);
      const cell = (col: string) => cells.locator(`[data-col=${col}]`);
      await expect(cell('attended')).toHaveText(String(f.attendedDays));
      await expect(cell('base')).toHaveText(String(f.attendanceBase));
      await expect(cell('onTime')).toHaveText(String(f.onTimeDays));
      await expect(cell('late')).toHaveText(String(f.lateCount));
      await expect(cell('absence')).toHaveText(String(f.absenceHalfDays / 2));
      const pct = (r: number | null) => (r === null ? '' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);
      await expect(cell('attendanceRate')).toHaveText(pct(f.attendanceRate));
      await expect(cell('onTimeRate')).toHaveText(pct(f.onTimeRate));
    }
    await expectAccessible(manager, 'attendance month summary');
    await Promise.all([office.close(), tablet.close(), back.close()]);
  });

  test('PIN lockout after five wrong PINs, and idle lock back to the search', async ({ browser, request }) => {
    test.setTimeout(180_000);
    const admin = await adminToken(request);
    const plan = await planDay(request, admin);
    const person = plan.people[0]!;
    const { credential } = await enrolDeviceByApi(request, admin, plan.siteId, 'E2E lockout tablet');
    const tablet = await browser.newContext();
    const kiosk = await tablet.newPage();
    await signInKiosk(kiosk, credential, plan.siteId);

    await openWhenSynced(kiosk, person, plan.shiftName);
    await expectAccessible(kiosk, 'kiosk PIN pad');
    for (let i = 1; i <= 4; i++) {
      await kiosk.getByTestId('pin-input').fill('0000');
      await kiosk.getByTestId('pin-ok').click();
      await expect(kiosk.locator('.pin-message')).toContainText(`还可尝试 ${5 - i} 次`);
    }
    await kiosk.getByTestId('pin-input').fill('0000');
    await kiosk.getByTestId('pin-ok').click();
    await expect(kiosk.locator('.pin-message')).toContainText('5 分钟后再试');
    // Locked: even the right PIN is refused now, and a reload does not reset the count.
    await kiosk.reload();
    await kiosk.getByTestId('kiosk-search').fill(person.staffNo);
    await kiosk.getByTestId('staff-row').filter({ hasText: person.name }).getByRole('button').click();
    await kiosk.getByTestId('pin-input').fill(person.pin);
    await kiosk.getByTestId('pin-ok').click();
    await expect(kiosk.locator('.pin-message')).toContainText('分钟后再试');
    await expect(kiosk.getByRole('button', { name: '签到', exact: true })).toHaveCount(0);

    // Idle: back to an empty search with nobody's data on screen (policy default 30 s).
    await expect(kiosk.getByTestId('kiosk-shift')).toBeVisible();
    await expect(kiosk.getByTestId('kiosk-search')).toHaveValue('', { timeout: 45_000 });
    await expect(kiosk.getByTestId('kiosk-shift')).toHaveCount(0);
    await expect(kiosk.getByText(person.name)).toHaveCount(0);

    await tablet.close();
  });

  test('a revoked tablet is refused at its next sync', async ({ browser, request }) => {
    const admin = await adminToken(request);
    const { device, credential } = await enrolDeviceByApi(request, admin, 'site-hall-1', 'E2E revoked tablet');
    const tablet = await browser.newContext();
    const kiosk = await tablet.newPage();
    await signInKiosk(kiosk, credential, 'site-hall-1');
    const res = await request.delete(`/api/v1/devices/${device.id}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status()).toBe(204);
    await kiosk.reload();
    await expect(kiosk.getByTestId('kiosk-revoked')).toBeVisible({ timeout: 30_000 });
    // A used or revoked credential cannot enrol again.
    const other = await browser.newContext();
    const page = await other.newPage();
    await page.goto('/login');
    await page.getByRole('button', { name: '将此平板登记为考勤机' }).click();
    await page.getByLabel('登记凭证').fill(credential);
    await page.getByRole('button', { name: '登记此平板' }).click();
    await expect(page.getByRole('alert')).toContainText('凭证无效');
    await expectAccessible(page, 'sign-in page with the enrol form');
    await Promise.all([tablet.close(), other.close()]);
  });

  test('a person signed in records punches manually, judged late or on time against the roster', async ({ page, request }) => {
    const admin = await adminToken(request);
    const plan = await planDay(request, admin);
    const person = plan.people[1]!;
    const at = plan.start + 7 * MIN;
    await page.clock.setFixedTime(at);
    await signIn(page, 'manager', plan.siteId);
    // The verdict needs today's roster on the device: the first sync may still be bringing it.
    await expect.poll(() => deviceHolds(page, 'rosters', { staffId: person.id, day: plan.day }), { timeout: 30_000 }).toBe(true);
    await page.getByLabel('按姓名、拼音首字母或工号查找').fill(person.staffNo);
    const row = page.getByTestId('staff-row').filter({ hasText: person.name });
    await row.getByRole('button', { name: '签到' }).dblclick();
    await expect(page.getByTestId('kiosk-feedback')).toHaveAttribute('data-verdict', 'late');
    await expect(page.getByTestId('kiosk-feedback')).toContainText('迟到 7 分钟');
    await expectAccessible(page, 'manual check-in');
    await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
    const mine = (await pullAll(request, admin, 'attendance')).filter((ev) => ev.staffId === person.id && ev.deviceTime === new Date(at).toISOString());
    expect(mine.map((ev) => [ev.kind, ev.method])).toEqual([['check-in', 'manual']]);
  });

  test('an enrolled kiosk shows only its kiosk: other screens by address land on the kiosk, with nobody’s data', async ({ browser, request }) => {
    const admin = await adminToken(request);
    const staff = (await pullAll(request, admin, 'staff')).filter((d) => d._deleted !== true && d.siteId === HALL);
    const names = staff.map((d) => String(d.name));
    const { credential } = await enrolDeviceByApi(request, admin, HALL, 'E2E guard tablet');
    const tablet = await browser.newContext();
    // Every test id that ever renders, across navigations: no other screen may show even for a frame.
    await tablet.addInitScript(() => {
      const seen = new Set<string>(JSON.parse(sessionStorage.getItem('e2e-seen') ?? '[]') as string[]);
      const note = () => {
        for (const el of document.querySelectorAll('[data-testid]')) seen.add(el.getAttribute('data-testid')!);
        sessionStorage.setItem('e2e-seen', JSON.stringify([...seen]));
      };
      new MutationObserver(note).observe(document, { childList: true, subtree: true });
    });
    const kiosk = await tablet.newPage();
    const crashes: string[] = [];
    kiosk.on('pageerror', (e) => crashes.push(e.message));
    await signInKiosk(kiosk, credential, HALL);
    // Synced: the tablet finds a person of the site.
    await expect(async () => {
      await kiosk.getByTestId('kiosk-search').fill(String(staff[0]!.staffNo));
      await expect(kiosk.getByTestId('staff-row').first()).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 60_000 });
    await kiosk.getByTestId('kiosk-search').fill('');

    const paths = ['/staff', `/staff/${String(staff[0]!.id)}`, '/settings', '/reports', '/roster', '/leave', '/attendance', '/devices', '/sync', '/inbox', '/kiosk/site-hotline-1', '/', '/login'];
    for (const path of paths) {
      await kiosk.goto(path);
      await expect(kiosk, path).toHaveURL(new RegExp(`/kiosk/${HALL}$`));
      await expect(kiosk.getByTestId('kiosk-search')).toBeVisible();
      await expect(kiosk.getByTestId('kiosk-search')).toHaveValue('');
      await expect(kiosk.locator('.topbar nav')).toHaveCount(0);
      await expect(kiosk.getByTestId('sign-out')).toHaveCount(0);
      const text = await kiosk.locator('body').innerText();
      expect(names.filter((n) => text.includes(n)), path).toEqual([]);
    }
    // In-app navigation too (a link, history): the guard answers before any screen mounts.
    await kiosk.evaluate(() => {
      history.pushState({}, '', '/staff');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await expect(kiosk).toHaveURL(new RegExp(`/kiosk/${HALL}$`));
    const seen = (await kiosk.evaluate(() => JSON.parse(sessionStorage.getItem('e2e-seen') ?? '[]'))) as string[];
    const otherScreens = ['staff-count', 'staff-list-row', 'audit-table', 'day-row', 'month-row', 'device-row', 'device-credential'];
    expect(seen.filter((id) => otherScreens.includes(id))).toEqual([]);
    expect(seen).toContain('kiosk-search');
    expect(crashes).toEqual([]);
    await tablet.close();
  });

  test('a check-in whose local write fails is never shown as saved; the retry stores exactly one event', async ({ browser, request }) => {
    const admin = await adminToken(request);
    const plan = await planDay(request, admin);
    const person = plan.people[2]!;
    const { credential } = await enrolDeviceByApi(request, admin, plan.siteId, 'E2E failing-write tablet');
    const tablet = await browser.newContext();
    const at = plan.start + 2 * MIN;
    await setTabletTime(tablet, at);
    const kiosk = await tablet.newPage();
    await signInKiosk(kiosk, credential, plan.siteId);
    await openWhenSynced(kiosk, person, plan.shiftName);
    await kiosk.getByTestId('pin-input').fill(person.pin);
    await kiosk.getByTestId('pin-ok').click();
    const checkIn = kiosk.getByRole('button', { name: '签到', exact: true });
    await expect(checkIn).toBeEnabled();

    // The device's storage refuses every write from now on (a full disk), and every state the answer passes through is noted.
    await kiosk.evaluate(() => {
      const w = window as unknown as { __saved: string[]; __restore: () => void };
      w.__saved = [];
      const feedback = document.querySelector('[data-testid=kiosk-feedback]')!;
      new MutationObserver(() => w.__saved.push(feedback.getAttribute('data-saved') ?? '')).observe(feedback, { attributes: true, attributeFilter: ['data-saved'] });
      const put = IDBObjectStore.prototype.put;
      const add = IDBObjectStore.prototype.add;
      const refuse = () => {
        throw new DOMException('e2e: the disk is full', 'QuotaExceededError');
      };
      IDBObjectStore.prototype.put = refuse;
      IDBObjectStore.prototype.add = refuse;
      w.__restore = () => {
        IDBObjectStore.prototype.put = put;
        IDBObjectStore.prototype.add = add;
      };
    });
    await checkIn.click();
    const feedback = kiosk.getByTestId('kiosk-feedback');
    await expect(feedback).toHaveAttribute('data-saved', 'failed');
    await expect(feedback).toContainText(`${person.name} 的这次签到未能保存`);
    await expect(feedback).not.toContainText('已保存');
    expect(await kiosk.evaluate(() => (window as unknown as { __saved: string[] }).__saved)).not.toContain('saved');
    // The failure stays on screen (no automatic clear) until someone acknowledges it.
    await kiosk.waitForTimeout(7000);
    await expect(feedback).toHaveAttribute('data-saved', 'failed');
    await expectAccessible(kiosk, 'kiosk answer after a failed write');

    await kiosk.evaluate(() => (window as unknown as { __restore: () => void }).__restore());
    await kiosk.getByRole('button', { name: '完成' }).click();
    await expect(kiosk.getByTestId('kiosk-search')).toHaveValue('');
    // The retry is a new punch (the failed one never existed), stored once.
    expect(['on-time', 'late']).toContain(await punch(kiosk, person, '签到'));
    await expect(kiosk.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 60_000 });
    const mine = (await pullAll(request, admin, 'attendance')).filter((ev) => ev.staffId === person.id && ev.deviceTime === new Date(at).toISOString());
    expect(mine.map((ev) => ev.kind)).toEqual(['check-in']);
    await tablet.close();
  });

  test('a manager takes a kiosk tablet out of kiosk mode in place, works as the manager, and signs back into kiosk mode', async ({ browser, request }) => {
    const admin = await adminToken(request);
    const staff = (await pullAll(request, admin, 'staff')).filter((d) => d._deleted !== true && d.siteId === HALL && d.status !== 'left');
    const { credential } = await enrolDeviceByApi(request, admin, HALL, 'E2E switching tablet');
    const tablet = await browser.newContext();
    const kiosk = await tablet.newPage();
    const crashes: string[] = [];
    kiosk.on('pageerror', (e) => crashes.push(e.message));
    kiosk.on('console', (m) => {
      if (m.type() === 'error' && /COL2\d|closed|RxError/i.test(m.text())) crashes.push(m.text());
    });
    await signInKiosk(kiosk, credential, HALL);
    const findSomeone = async () => {
      await expect(async () => {
        await kiosk.getByTestId('kiosk-search').fill(String(staff[0]!.staffNo));
        await expect(kiosk.getByTestId('staff-row').first()).toBeVisible({ timeout: 2000 });
      }).toPass({ timeout: 60_000 });
      await kiosk.getByTestId('kiosk-search').fill('');
    };
    await findSomeone();

    // A team leader may not take the tablet out of kiosk mode; the site's manager may.
    await kiosk.getByRole('button', { name: '退出考勤机模式' }).click();
    await expectAccessible(kiosk, 'leave kiosk mode dialog');
    await kiosk.locator('input[name=admin-username]').fill('teamleader');
    await kiosk.locator('input[name=admin-password]').fill(E2E_PASSWORD);
    await kiosk.getByRole('button', { name: '验证并退出' }).click();
    await expect(kiosk.getByRole('dialog').getByRole('alert')).toContainText('只有管理员或本场所的项目经理');
    await kiosk.locator('input[name=admin-username]').fill('manager');
    await kiosk.getByRole('button', { name: '验证并退出' }).click();
    await expect(kiosk.getByRole('dialog')).toBeHidden({ timeout: 20_000 });

    // The manager's screens, on the manager's own data.
    await expect(kiosk.locator('.topbar nav')).toBeVisible({ timeout: 20_000 });
    await kiosk.locator('.topbar nav').getByRole('link', { name: '人员档案' }).click();
    await expect(kiosk.getByTestId('staff-count')).toHaveAttribute('data-total', /^[1-9]\d*$/, { timeout: 30_000 });
    await expect(kiosk.getByTestId('staff-list-row').first()).toBeVisible();
    const signOut = kiosk.getByTestId('sign-out');
    await expect(signOut).toHaveText('退出登录并返回考勤机模式');
    const session = (await kiosk.evaluate(() => JSON.parse(localStorage.getItem('hallops.session') ?? 'null'))) as { user: { username: string } };
    expect(session.user.username).toBe('manager');

    // Signing out returns the tablet to kiosk mode, with the device's own data and sync.
    await signOut.click();
    await expect(kiosk).toHaveURL(new RegExp(`/kiosk/${HALL}$`), { timeout: 20_000 });
    await expect(kiosk.getByTestId('kiosk-search')).toBeVisible();
    await expect(kiosk.locator('.topbar nav')).toHaveCount(0);
    await findSomeone();
    await expect(kiosk.getByTestId('sync-online')).toHaveText('在线');
    await kiosk.goto('/staff');
    await expect(kiosk).toHaveURL(new RegExp(`/kiosk/${HALL}$`));
    expect(await kiosk.evaluate(() => localStorage.getItem('hallops.parkedDevice'))).toBeNull();
    expect(crashes).toEqual([]);
    await tablet.close();
  });
});
