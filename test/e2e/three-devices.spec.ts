import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { addDays, dayOfWeek } from '../../src/domain/calendar/days';
import { dayOfInstant } from '../../src/domain/calendar/time-zone';
import { Rng } from '../../src/domain/demo/prng';
import { rosterSlotId } from '../../src/domain/ids';
import { canonicalJson } from '../../src/domain/rules/merge';
import { apiToken, deviceDocs, goOffline, HALL, pullAll, pushDocs, signInAndOpen, waitForServiceWorker, type Doc } from './helpers';

/**
 * Issue 5, must-hold 1: three devices (three browser contexts, three users
 * allowed to edit) open the same inspection, the same roster week and the same
 * corrective action online, go offline, each edits all it may through the UI,
 * then reconnect in a random order (seeded: E2E_SEED=<n> replays one). At the
 * end the three devices' local databases and the server hold the same
 * documents, every typed note and comment fragment is in the merged Yjs text,
 * and every item's answer is there.
 *
 * Who edits what (the server's write matrix): the manager and the admin edit
 * all three documents; the inspector edits the inspection and the action; the
 * roster replicates to its device (compared too), but the roster screen is not
 * an inspector's.
 */

function yText(state: unknown, field = 'text'): string {
  const doc = new Y.Doc();
  if (typeof state === 'string' && state) Y.applyUpdate(doc, Buffer.from(state, 'base64'));
  const text = doc.getText(field).toString();
  doc.destroy();
  return text;
}

function yState(text: string): string {
  const doc = new Y.Doc();
  doc.getText('text').insert(0, text);
  const state = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
  doc.destroy();
  return state;
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

// ---------------------------------------------------------------- the devices

interface Device {
  name: string;
  user: string;
  userId: string;
  context: BrowserContext;
  page: Page;
}

async function openDevice(browser: Browser, name: string, user: string, ready: (page: Page) => Promise<boolean>): Promise<Device> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAndOpen(page, user, '/inspections');
  await waitForServiceWorker(page);
  // The first sync has brought the documents this test works on.
  await expect.poll(() => ready(page).catch(() => false), { timeout: 90_000, intervals: [500, 1_000] }).toBe(true);
  return { name, user, userId: `user-${user}`, context, page };
}

/** Everything this device wrote is on the server, and every photo is uploaded. */
async function allSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 60_000 });
  await expect(page.getByTestId('sync-rejected')).toHaveCount(0);
  const status = page.getByTestId('media-status');
  if (await status.count()) await expect(status.first()).toHaveAttribute('data-pending', '0', { timeout: 60_000 });
}

const card = (page: Page, itemId: string) => page.locator(`[data-testid=item-card][data-item="${itemId}"][data-instance="0"]`);

/** A small JPEG made in the page (no network needed). */
async function photo(page: Page, seed: number): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const b64 = await page.evaluate(async (seed) => {
    const canvas = new OffscreenCanvas(1200, 900);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = `hsl(${(seed * 47) % 360} 60% 70%)`;
    ctx.fillRect(0, 0, 1200, 900);
    for (let i = 0; i < 60; i++) {
      ctx.fillStyle = `hsl(${(i * 53 + seed * 11) % 360} 70% 50%)`;
      ctx.fillRect((i * 97 * (seed + 1)) % 1200, (i * 61) % 900, 40 + (i % 90), 30 + (i % 70));
    }
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, seed);
  return { name: `evidence-${seed}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(b64, 'base64') };
}

async function takeMarkedPhoto(page: Page, scope: Locator, seed: number): Promise<void> {
  await scope.getByTestId('photo-input').setInputFiles(await photo(page, seed));
  const canvas = page.getByTestId('annotate-canvas');
  await expect(canvas).toBeVisible({ timeout: 30_000 });
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6, { steps: 8 });
  await page.mouse.up();
  await page.getByRole('dialog').getByRole('button', { name: '保存照片' }).click();
  await expect(canvas).toHaveCount(0);
}

function rosterCell(page: Page, postId: string, day: string): Locator {
  return page.locator(`table[data-testid=roster-grid] tr[data-post-id="${postId}"] td[data-day="${day}"]`);
}

/** Assigns the first candidate the rules allow (skipping `except`) to a cell's default shift; returns who. */
async function assign(page: Page, postId: string, day: string, except: readonly string[] = []): Promise<string> {
  await rosterCell(page, postId, day).getByRole('button').first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const skip = except.map((id) => `:not([data-staff-id="${id}"])`).join('');
  const candidate = dialog.locator(`[data-testid=assign-candidate][data-blocked=false]${skip}`).first();
  const staffId = (await candidate.getAttribute('data-staff-id'))!;
  await candidate.getByRole('button').click();
  await expect(dialog).toBeHidden();
  await expect(rosterCell(page, postId, day).locator(`[data-testid=roster-slot][data-staff-id="${staffId}"]`)).toBeVisible();
  return staffId;
}

async function removeSlot(page: Page, postId: string, day: string, staffId: string): Promise<void> {
  await rosterCell(page, postId, day).getByRole('button').first().click();
  const dialog = page.getByRole('dialog').first();
  await dialog.getByRole('button', { name: '移除' }).click();
  await page.getByRole('dialog', { name: '移除此班次？' }).getByRole('button', { name: '移除' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
  await expect(rosterCell(page, postId, day).locator(`[data-testid=roster-slot][data-staff-id="${staffId}"]`)).toHaveCount(0);
}

/**
 * A Monday about twenty weeks ahead: past the demo's rosters and the roster
 * spec's weeks, so the week is ours (one week later for each repeat of this test).
 */
function farMonday(repeat: number): string {
  const far = addDays(dayOfInstant(Date.now()), 140 + 7 * repeat);
  return addDays(far, -((dayOfWeek(far) + 6) % 7));
}

// ---------------------------------------------------------------- the test

test('three devices edit one inspection, one roster week and one corrective action offline, reconnect in random order: all converge and nothing typed is lost', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  const seed = Number(process.env.E2E_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const rng = new Rng(seed);
  testInfo.annotations.push({ type: 'seed', description: String(seed) });
  console.log(`three-devices: seed ${seed} (replay with E2E_SEED=${seed})`);
  const started = Date.now();
  const phases: string[] = [];
  const phase = (name: string) => phases.push(`${name} ${((Date.now() - started) / 1000).toFixed(0)} s`);

  // ---- the shared documents, written on the server as a device would (push API).
  const stamp = Date.now();
  const now = new Date().toISOString();
  const today = dayOfInstant(Date.now());
  const inspectionId = `e2e-3dev-insp-${stamp}`;
  const actionId = `e2e-3dev-action-${stamp}`;
  const BASE_NOTE = '总体：';
  const inspectorToken = await apiToken(request, 'inspector');
  const managerToken = await apiToken(request, 'manager');
  await pushDocs(request, inspectorToken, 'inspections', [
    {
      newDocumentState: {
        id: inspectionId,
        siteId: HALL,
        updatedAt: now,
        updatedBy: 'user-inspector',
        deviceId: 'e2e-seed',
        kind: 'inspection',
        templateId: 'template:floor-discipline:1',
        templateKey: 'floor-discipline',
        templateVersion: 1,
        day: today,
        mode: 'spot-check',
        inspectorId: 'user-inspector',
        startedAt: now,
        answers: [],
        instanceLabels: [],
        notes: yState(BASE_NOTE),
        photos: [],
        signatures: [],
        status: 'draft',
      },
      assumedMasterState: null,
    },
    {
      newDocumentState: {
        id: actionId,
        siteId: HALL,
        updatedAt: now,
        updatedBy: 'user-inspector',
        deviceId: 'e2e-seed',
        kind: 'action',
        inspectionId,
        itemId: 'uniform-badge',
        instance: 0,
        day: today,
        dueDay: addDays(today, 7),
        title: '整改：着装与工牌',
        ownerId: 'user-teamleader',
        requiredEvidence: '整改后现场照片',
        status: 'open',
        round: 0,
        evidence: [],
      },
      assumedMasterState: null,
    },
  ]);

  // One published slot in the week, which two devices will change in different ways.
  const monday = farMonday(testInfo.repeatEachIndex);
  const tuesday = addDays(monday, 1);
  const wednesday = addDays(monday, 2);
  const hall = (await pullAll(request, managerToken, 'sites')).find((s) => s.id === HALL) as { posts: { id: string; holderA?: string }[] };
  const seededStaff = hall.posts.find((p) => p.id === 'post-window-1')!.holderA!;
  const slot = {
    reassigned: rosterSlotId(HALL, 'post-window-1', monday, 'full'),
    contested: rosterSlotId(HALL, 'post-window-2', monday, 'full'),
    byManager: rosterSlotId(HALL, 'post-window-3', tuesday, 'full'),
    byAdmin: rosterSlotId(HALL, 'post-window-4', wednesday, 'full'),
  };
  await pushDocs(request, managerToken, 'rosters', [
    {
      newDocumentState: {
        id: slot.reassigned,
        siteId: HALL,
        updatedAt: now,
        updatedBy: 'user-manager',
        deviceId: 'e2e-seed',
        kind: 'slot',
        postId: 'post-window-1',
        day: monday,
        shiftId: 'full',
        staffId: seededStaff,
        status: 'published',
        acknowledgedWarnings: [],
      },
      assumedMasterState: null,
    },
  ]);

  // ---- three devices, online: each holds the inspection, the action and the seeded slot.
  const holdsAll = async (page: Page) => {
    const [insp, action] = await deviceDocs(page, 'inspections', [inspectionId, actionId]);
    const [s] = await deviceDocs(page, 'rosters', [slot.reassigned]);
    return Boolean(insp && action && s);
  };
  const [A, B, C] = await Promise.all([
    openDevice(browser, 'A (manager)', 'manager', holdsAll),
    openDevice(browser, 'B (admin)', 'admin', holdsAll),
    openDevice(browser, 'C (inspector)', 'inspector', holdsAll),
  ]);
  const devices = [A, B, C];
  // Each has the three screens open once while online, as a person would before leaving.
  await Promise.all(
    devices.map(async (d) => {
      await d.page.goto(`/inspections/run/${encodeURIComponent(inspectionId)}`);
      await expect(d.page.getByTestId('item-card')).toHaveCount(7, { timeout: 30_000 });
      await d.page.goto(`/inspections/actions/${encodeURIComponent(actionId)}`);
      await expect(d.page.getByTestId('action-detail')).toHaveAttribute('data-status', 'open');
      if (d === C) return; // the roster screen is not an inspector's (its data still replicates to the device)
      await d.page.goto(`/roster/grid?site=${HALL}&date=${monday}`);
      await expect(rosterCell(d.page, 'post-window-1', monday).locator(`[data-testid=roster-slot][data-staff-id="${seededStaff}"]`)).toBeVisible({ timeout: 30_000 });
    }),
  );

  phase('online');
  for (const d of devices) await goOffline(d.context, d.page, true);

  // ---- offline edits, device after device (so "later" is well defined where it matters).
  const fragments = {
    general: { A: '甲：窗口区秩序良好。', B: '乙：叫号屏一度黑屏。', C: '丙：午间人员到岗及时。' },
    deskNote: { A: '甲看到桌面有文件堆放', B: '乙补充：已当场整理', C: '丙复查：保持整洁' },
    comment: { A: '甲：请本周内完成。', B: '乙：已上传整改照片。', C: '丙：待复核。' },
  };
  // Answers per device; uniform-badge is answered by A first and C last: the later answer stands.
  const answers: Record<'A' | 'B' | 'C', [string, '合格' | '不合格'][]> = {
    A: [
      ['desk-tidy', '不合格'],
      ['uniform-badge', '不合格'],
    ],
    B: [
      ['civil-language', '合格'],
      ['no-personal-activity', '合格'],
    ],
    C: [
      ['arrived-early', '不合格'],
      ['no-refusal', '合格'],
      ['confidentiality', '合格'],
      ['uniform-badge', '合格'],
    ],
  };
  const tagOf = (d: Device) => d.name[0] as 'A' | 'B' | 'C';

  async function editInspection(d: Device, general: (current: string) => string): Promise<void> {
    const { page } = d;
    const tag = tagOf(d);
    await page.goto(`/inspections/run/${encodeURIComponent(inspectionId)}`);
    await expect(page.getByTestId('item-card')).toHaveCount(7, { timeout: 30_000 });
    for (const [itemId, label] of answers[tag]) {
      const button = card(page, itemId).getByRole('button', { name: label, exact: true });
      await button.click();
      await expect(button).toHaveAttribute('aria-pressed', 'true');
    }
    const generalField = page.getByLabel('整体情况备注');
    await expect(generalField).toHaveValue(BASE_NOTE);
    await generalField.fill(general(BASE_NOTE));
    await card(page, 'desk-tidy').getByLabel('备注').fill(fragments.deskNote[tag]);
    // Stored on the device (notes save shortly after typing stops) before the screen is left.
    await expect
      .poll(async () => {
        const [doc] = await deviceDocs(page, 'inspections', [inspectionId]);
        return [yText(doc?.notes), yText(doc?.notes, 'item:desk-tidy#0'), (doc?.answers as unknown[]).length];
      })
      .toEqual([general(BASE_NOTE), fragments.deskNote[tag], answers[tag].length]);
  }

  async function editAction(d: Device, work: (detail: Locator) => Promise<void>): Promise<void> {
    const { page } = d;
    const tag = tagOf(d);
    await page.goto(`/inspections/actions/${encodeURIComponent(actionId)}`);
    const detail = page.getByTestId('action-detail');
    await expect(detail).toHaveAttribute('data-status', 'open');
    await work(detail);
    await page.getByLabel('留言').fill(fragments.comment[tag]);
    await expect.poll(async () => yText((await deviceDocs(page, 'inspections', [actionId]))[0]?.comments)).toBe(fragments.comment[tag]);
  }

  // A, the manager: two answers, notes at the end of the general note, starts the action, plans the week.
  await editInspection(A, (base) => base + fragments.general.A);
  await editAction(A, async (detail) => {
    await A.page.getByTestId('move-in-progress').click();
    await expect(detail).toHaveAttribute('data-status', 'in-progress');
  });
  await A.page.goto(`/roster/grid?site=${HALL}&date=${monday}`);
  await expect(rosterCell(A.page, 'post-window-1', monday).getByTestId('roster-slot')).toHaveCount(1, { timeout: 30_000 });
  const contestedByA = await assign(A.page, 'post-window-2', monday);
  const reassignedTo = await assign(A.page, 'post-window-1', monday, [seededStaff]);
  const byManagerStaff = await assign(A.page, 'post-window-3', tuesday);

  // B, the admin: two other answers, a note before the base text, evidence handed in, a rival plan.
  await editInspection(B, (base) => fragments.general.B + base);
  let evidenceHash = '';
  await editAction(B, async (detail) => {
    await B.page.getByTestId('move-in-progress').click();
    await expect(detail).toHaveAttribute('data-status', 'in-progress');
    await takeMarkedPhoto(B.page, detail, seed % 1000);
    const thumb = detail.locator('img.thumb');
    await expect(thumb).toHaveCount(1, { timeout: 30_000 });
    evidenceHash = (await thumb.getAttribute('data-hash'))!;
    await B.page.getByTestId('move-evidence-submitted').click();
    await expect(detail).toHaveAttribute('data-status', 'evidence-submitted');
  });
  await B.page.goto(`/roster/grid?site=${HALL}&date=${monday}`);
  await expect(rosterCell(B.page, 'post-window-1', monday).getByTestId('roster-slot')).toHaveCount(1, { timeout: 30_000 });
  const contestedByB = await assign(B.page, 'post-window-2', monday, [contestedByA]);
  await removeSlot(B.page, 'post-window-1', monday, seededStaff);
  const byAdminStaff = await assign(B.page, 'post-window-4', wednesday);

  // C, the inspector: the remaining answers and a later one on uniform-badge, notes, a comment.
  await editInspection(C, (base) => base + fragments.general.C);
  await editAction(C, async () => {});
  expect(evidenceHash).toMatch(/^[0-9a-f]{64}$/);

  phase('offline edits');
  // ---- reconnect in a random order; after each, either let it settle or go straight on.
  const order = rng.shuffle(devices);
  const plan: string[] = [];
  for (const d of order) {
    const settle = rng.chance(0.5);
    plan.push(`${d.name}${settle ? ' (settles)' : ''}`);
    await goOffline(d.context, d.page, false);
    if (settle) await allSynced(d.page);
  }
  console.log(`three-devices: reconnect order ${plan.join(' → ')}`);
  testInfo.annotations.push({ type: 'reconnect order', description: plan.join(' → ') });
  for (const d of devices) await allSynced(d.page);

  // ---- convergence: every device holds exactly the server's version of each document.
  const token = await apiToken(request, 'admin');
  const inspectionIds = [inspectionId, actionId];
  const slotIds = Object.values(slot);
  const serverDocs = async (): Promise<Map<string, Doc>> => {
    const docs = [...(await pullAll(request, token, 'inspections')), ...(await pullAll(request, token, 'rosters'))];
    return new Map(docs.filter((d) => inspectionIds.includes(String(d.id)) || slotIds.includes(String(d.id))).map((d) => [String(d.id), d]));
  };
  const differences = async (): Promise<string[]> => {
    const server = await serverDocs();
    const out: string[] = [];
    for (const d of devices) {
      const local = [...(await deviceDocs(d.page, 'inspections', inspectionIds)), ...(await deviceDocs(d.page, 'rosters', slotIds))];
      for (const [i, id] of [...inspectionIds, ...slotIds].entries()) {
        const mine = local[i] ? canonicalJson(local[i]) : 'missing';
        const theirs = server.has(id) ? canonicalJson(server.get(id)) : 'missing';
        if (mine !== theirs) out.push(`${d.name} ${id}: device ${mine.slice(0, 400)} ≠ server ${theirs.slice(0, 400)}`);
      }
    }
    return out;
  };
  await expect.poll(differences, { timeout: 60_000, intervals: [1_000, 2_000] }).toEqual([]);
  phase('converged');
  const server = await serverDocs();

  // ---- nothing typed is lost: the inspection.
  const inspection = server.get(inspectionId)! as Doc & { answers: { itemId: string; choice: string; answeredBy: string }[] };
  expect(inspection.status).toBe('draft');
  expect(Object.fromEntries(inspection.answers.map((a) => [a.itemId, [a.choice, a.answeredBy]]))).toEqual({
    'desk-tidy': ['fail', 'user-manager'],
    'civil-language': ['pass', 'user-admin'],
    'no-personal-activity': ['pass', 'user-admin'],
    'arrived-early': ['fail', 'user-inspector'],
    'no-refusal': ['pass', 'user-inspector'],
    confidentiality: ['pass', 'user-inspector'],
    // Answered by A, then later by C: the later answer stands.
    'uniform-badge': ['pass', 'user-inspector'],
  });
  const general = yText(inspection.notes);
  for (const f of [BASE_NOTE, ...Object.values(fragments.general)]) expect(count(general, f), `general note ${JSON.stringify(general)} holds ${f} once`).toBe(1);
  expect(general.length).toBe(BASE_NOTE.length + Object.values(fragments.general).reduce((n, f) => n + f.length, 0));
  expect(general.startsWith(fragments.general.B)).toBe(true);
  const deskNote = yText(inspection.notes, 'item:desk-tidy#0');
  for (const f of Object.values(fragments.deskNote)) expect(count(deskNote, f), `desk note ${JSON.stringify(deskNote)} holds ${f} once`).toBe(1);
  expect(deskNote.length).toBe(Object.values(fragments.deskNote).reduce((n, f) => n + f.length, 0));

  // ---- the corrective action: the furthest status, the evidence, all three comments.
  const action = server.get(actionId)!;
  expect(action).toMatchObject({ status: 'evidence-submitted', round: 0, evidence: [evidenceHash] });
  const comments = yText(action.comments);
  for (const f of Object.values(fragments.comment)) expect(count(comments, f), `comments ${JSON.stringify(comments)} hold ${f} once`).toBe(1);
  const media = await request.get(`/api/v1/media/${evidenceHash}`, { headers: { authorization: `Bearer ${token}` } });
  expect(media.status()).toBe(200);

  // ---- the roster: edits to different slots all kept; a contested slot is one person everywhere,
  // and the version that lost is in a device's conflict log (last write wins, nothing silently dropped).
  expect(server.get(slot.byManager)).toMatchObject({ staffId: byManagerStaff, _deleted: false });
  expect(server.get(slot.byAdmin)).toMatchObject({ staffId: byAdminStaff, _deleted: false });
  const contested = server.get(slot.contested)!;
  expect(contested._deleted).toBe(false);
  expect([contestedByA, contestedByB]).toContain(contested.staffId);
  const reassigned = server.get(slot.reassigned)!;
  expect(reassigned._deleted ? 'removed' : reassigned.staffId).toMatch(new RegExp(`^(removed|${reassignedTo})$`));
  const conflictLogs = (await Promise.all(devices.map((d) => deviceDocs(d.page, 'devicelog', null)))).flat().filter((e) => e?.kind === 'conflict') as (Doc & { doc: Doc })[];
  const loser = contested.staffId === contestedByA ? contestedByB : contestedByA;
  expect(conflictLogs.some((e) => e.docId === slot.contested && e.doc.staffId === loser), `the losing assignment (${loser}) of the contested slot is logged`).toBe(true);
  const lostReassign = reassigned._deleted
    ? (e: Doc & { doc: Doc }) => e.doc.staffId === reassignedTo && e.doc._deleted !== true
    : (e: Doc & { doc: Doc }) => e.doc._deleted === true;
  expect(conflictLogs.some((e) => e.docId === slot.reassigned && lostReassign(e)), 'the losing version of the reassigned-or-removed slot is logged').toBe(true);

  // ---- and the three screens show the merged state.
  for (const d of devices) {
    await d.page.goto(`/inspections/run/${encodeURIComponent(inspectionId)}`);
    await expect(d.page.getByLabel('整体情况备注')).toHaveValue(general, { timeout: 30_000 });
    await expect(card(d.page, 'desk-tidy').getByLabel('备注')).toHaveValue(deskNote);
    for (const a of inspection.answers) await expect(card(d.page, a.itemId).locator('button[aria-pressed=true]')).toHaveCount(1);
    await d.page.goto(`/inspections/actions/${encodeURIComponent(actionId)}`);
    await expect(d.page.getByTestId('action-detail')).toHaveAttribute('data-status', 'evidence-submitted');
    await expect(d.page.getByLabel('留言')).toHaveValue(comments);
    if (d === C) continue;
    await d.page.goto(`/roster/grid?site=${HALL}&date=${monday}`);
    await expect(rosterCell(d.page, 'post-window-2', monday).locator(`[data-testid=roster-slot][data-staff-id="${String(contested.staffId)}"]`)).toBeVisible({ timeout: 30_000 });
    await expect(rosterCell(d.page, 'post-window-2', monday).getByTestId('roster-slot')).toHaveCount(1);
    await expect(rosterCell(d.page, 'post-window-1', monday).getByTestId('roster-slot')).toHaveCount(reassigned._deleted ? 0 : 1);
  }
  phase('screens checked');
  console.log(`three-devices: contested slot → ${String(contested.staffId) === contestedByA ? 'A' : 'B'}; reassigned slot → ${reassigned._deleted ? 'removed (B)' : 'reassigned (A)'}; at ${phases.join(', ')}`);
  for (const d of devices) await d.context.close();
});

