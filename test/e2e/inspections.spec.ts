import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import QRCode from 'qrcode';
import * as Y from 'yjs';
import { defaultPolicy, type Policy } from '../../src/domain/policy';
import { scoreInspection } from '../../src/domain/rules/inspection';
import { postQrPayload } from '../../src/domain/rules/post-qr';
import { applyPolicyOverrides } from '../../src/domain/schemas/organisation';
import { apiToken, expectAccessible, goOffline, HALL, pullAll, pushDocs, signInAndOpen, waitForServiceWorker } from './helpers';

/**
 * Inspections in Chromium against the real sync server (issue "Inspections"):
 * 1. offline throughout: a veto item added to the window-hall template, the
 *    inspection run with two failed items (one critical), a marked photo, notes,
 *    two signatures, a corrective action, submitted, printed to PDF; online: the
 *    manager sees it, the photo (through the media endpoint) and the action;
 * 2. two devices edit different items and the notes of one inspection offline: both survive;
 * 3. the owner hands in evidence offline, an inspector verifies it on another device;
 * 4. a template edited while an inspection on the old version runs;
 * 5. schedules and the remaining screens, with axe-core.
 */

type Doc = Record<string, unknown>;
const HALL_NAME = '市民中心政务服务大厅';

async function tablet(browser: Browser, user: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Straight to the inspections: the kiosk start page is not what these users work on.
  await signInAndOpen(page, user, '/inspections');
  await waitForServiceWorker(page);
  // The first sync has brought the demo organisation's inspections.
  await expect(page.getByTestId('recent-row').first()).toBeVisible({ timeout: 60_000 });
  return page;
}

/** Everything this device wrote is on the server, and every photo is uploaded. */
async function allSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 45_000 });
  await expect(page.getByTestId('sync-rejected')).toHaveCount(0);
  const status = page.getByTestId('media-status');
  if (await status.count()) await expect(status.first()).toHaveAttribute('data-pending', '0', { timeout: 45_000 });
}

/** A camera-sized JPEG made in the page (no network needed): a gradient with coloured blocks. */
async function photo(page: Page, seed: number, width = 3000, height = 2000): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const b64 = await page.evaluate(
    async ({ seed, width, height }) => {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d')!;
      const g = ctx.createLinearGradient(0, 0, width, height);
      g.addColorStop(0, `hsl(${(seed * 47) % 360} 60% 70%)`);
      g.addColorStop(1, '#1e293b');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, width, height);
      for (let i = 0; i < 300; i++) {
        ctx.fillStyle = `hsl(${(i * 53 + seed * 11) % 360} 70% 50%)`;
        ctx.fillRect((i * 97 * seed) % width, (i * 61) % height, 40 + (i % 90), 30 + (i % 70));
      }
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    },
    { seed, width, height },
  );
  return { name: `photo-${seed}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(b64, 'base64') };
}

/** A stroke across an element with the mouse (pointer events, as a finger would). */
async function draw(page: Page, target: Locator, from: [number, number] = [0.2, 0.3], to: [number, number] = [0.7, 0.6]): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((from[0] + to[0]) / 2), box.y + box.height * to[1], { steps: 8 });
  await page.mouse.move(box.x + box.width * to[0], box.y + box.height * from[1], { steps: 8 });
  await page.mouse.up();
}

const card = (page: Page, itemId: string, instance = 0) => page.locator(`[data-testid=item-card][data-item="${itemId}"][data-instance="${instance}"]`);

/** Answers every visible item: the best choice, or the named choice for the listed items. */
async function answerAll(page: Page, choices: Record<string, string | RegExp> = {}): Promise<void> {
  const cards = page.getByTestId('item-card');
  const count = await cards.count();
  for (let i = 0; i < count; i++) {
    const c = cards.nth(i);
    const itemId = (await c.getAttribute('data-item'))!;
    const buttons = c.locator('.choice-group button');
    const wanted = choices[itemId];
    const button = wanted === undefined ? buttons.first() : buttons.filter({ hasText: wanted }).first();
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }
}

/** Takes a photo on an item (or anywhere a photo input is), draws a mark on it, and saves it. */
async function takeMarkedPhoto(page: Page, scope: Locator, seed: number): Promise<void> {
  await scope.getByTestId('photo-input').setInputFiles(await photo(page, seed));
  const canvas = page.getByTestId('annotate-canvas');
  await expect(canvas).toBeVisible({ timeout: 30_000 });
  await draw(page, canvas);
  await expect(canvas).toHaveAttribute('data-marks', '1');
  await page.getByRole('dialog').getByRole('button', { name: '保存照片' }).click();
  await expect(canvas).toHaveCount(0);
}

async function sign(page: Page, role: 'inspector' | 'site-lead', name?: string): Promise<void> {
  const slot = page.getByTestId(`signature-${role}`);
  if (name) await slot.getByLabel('姓名').fill(name);
  await draw(page, slot.getByTestId('signature-canvas'), [0.1, 0.6], [0.8, 0.3]);
  await slot.getByRole('button', { name: '确认签名' }).click();
  await expect(slot).toHaveAttribute('data-signed', 'true');
}

async function submit(page: Page): Promise<string> {
  await page.getByTestId('submit-inspection').click();
  await page.getByRole('dialog').getByRole('button', { name: '提交检查' }).click();
  await expect(page).toHaveURL(/\/inspections\/report\/[^/]+$/);
  return decodeURIComponent(/\/report\/([^/]+)$/.exec(page.url())![1]!);
}

async function startInspection(page: Page, templateName: RegExp, post?: string): Promise<string> {
  await page.goto('/inspections/new');
  await page.getByLabel('场所').selectOption(HALL);
  await page.getByLabel('检查表').selectOption({ label: (await page.getByLabel('检查表').locator('option').filter({ hasText: templateName }).first().textContent())! });
  if (post) await page.getByLabel('岗位').selectOption({ label: post });
  await page.getByRole('button', { name: '开始检查' }).click();
  await expect(page).toHaveURL(/\/inspections\/run\/[^/]+$/);
  await expect(page.getByTestId('item-card').first()).toBeVisible();
  return decodeURIComponent(/\/run\/([^/]+)$/.exec(page.url())![1]!);
}

async function sitePolicy(request: APIRequestContext, token: string): Promise<Policy> {
  const org = (await pullAll(request, token, 'catalog')).find((d) => d.kind === 'organisation') as { policy?: Policy } | undefined;
  const site = (await pullAll(request, token, 'sites')).find((d) => d.id === HALL) as { policyOverrides?: Parameters<typeof applyPolicyOverrides>[1] } | undefined;
  return applyPolicyOverrides(org?.policy ?? defaultPolicy, site?.policyOverrides);
}

/**
 * A document as the server holds it, once `ready` says so. The device's pending
 * count can reach 0 a moment before a conflict's merge is pushed (see the
 * report), so the server is polled rather than read once.
 */
async function serverDoc(request: APIRequestContext, token: string, collection: string, id: string, ready: (d: Doc) => boolean): Promise<Doc> {
  let found: Doc | undefined;
  await expect
    .poll(
      async () => {
        found = (await pullAll(request, token, collection)).find((d) => d.id === id);
        return found !== undefined && ready(found);
      },
      { timeout: 45_000 },
    )
    .toBe(true);
  return found!;
}

function yText(notes: unknown, field: string): string {
  const doc = new Y.Doc();
  if (typeof notes === 'string' && notes) Y.applyUpdate(doc, Buffer.from(notes, 'base64'));
  return doc.getText(field).toString();
}

test.describe('inspections', () => {
  test('offline: window-hall supervision with a veto item, photo with a mark, notes, two signatures, a corrective action, printed to PDF; online the manager sees it all', async ({
    browser,
    request,
  }, testInfo) => {
    test.setTimeout(360_000);
    const page = await tablet(browser, 'inspector');
    await goOffline(page.context(), page, true);

    // The template builder, offline: 工作纪律's attendance item becomes a veto item for its section (a new version).
    await page.goto('/inspections/templates');
    const row = page.locator('[data-testid=template-row][data-key="window-supervision"]');
    await expect(row).toHaveAttribute('data-version', '1');
    await row.getByRole('link', { name: '编辑' }).click();
    const item = page.locator('[data-testid=editor-item][data-item="attendance-discipline"]');
    await item.getByLabel('否决项').check();
    await item.getByLabel('否决范围').selectOption('section');
    await expectAccessible(page, 'template editor');
    await page.getByTestId('save-template').click();
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await expect(row).toHaveAttribute('data-version', '2');

    // Run it at the hall, window 1.
    const id = await startInspection(page, /窗口督导检查表 \(v2\)/, '综合受理窗口1');
    await expect(page.locator('h1')).toContainText('v2');
    await answerAll(page, { 'premises-clean': /^不符合/, 'attendance-discipline': /^不符合/ });
    await expect(card(page, 'attendance-discipline')).toHaveAttribute('data-failed', 'true');
    await expect(card(page, 'attendance-discipline').getByText('否决项')).toBeVisible();

    // The failed premises item needs a photo: taken with a mark drawn on it, compressed to 1600 px.
    await takeMarkedPhoto(page, card(page, 'premises-clean'), 1);
    const thumb = card(page, 'premises-clean').locator('img.thumb');
    await expect(thumb).toHaveCount(1);
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => Math.max(img.naturalWidth, img.naturalHeight))).toBe(1600);
    const photoHash = (await thumb.getAttribute('data-hash'))!;

    // Notes: one on the failed item, one on the whole inspection (Yjs text, saved as typed).
    await card(page, 'premises-clean').getByLabel('备注').fill('等候区地面有纸屑');
    await page.getByLabel('整体情况备注').fill('高峰时段排队较长，已提醒现场负责人。');

    // A corrective action from the failed item, owned by the hall's team leader.
    await card(page, 'premises-clean').getByRole('button', { name: '发起整改' }).click();
    const form = card(page, 'premises-clean').locator('form');
    await form.getByLabel('整改负责人').selectOption('__other__');
    await form.getByLabel('账号 ID').fill('user-teamleader');
    await form.getByRole('button', { name: '发起整改' }).click();
    await expect(card(page, 'premises-clean').getByTestId('item-action')).toHaveCount(1);

    // Two signatures, then submit: the score is the rule's, live and stored.
    await sign(page, 'inspector');
    await sign(page, 'site-lead', '王组长');
    await expectAccessible(page, 'running inspection');
    const liveScore = await page.getByTestId('live-score').getAttribute('data-score');
    const reportId = await submit(page);
    expect(reportId).toBe(id);
    const score = page.getByTestId('report-score');
    await expect(score).toHaveAttribute('data-score', liveScore!);
    await expect(page.locator('[data-testid=report-item][data-failed=true]')).toHaveCount(2);
    await expect(page.locator('img.report-photo')).toHaveCount(1);
    await expect(page.getByTestId('report-action')).toHaveCount(1);
    await expectAccessible(page, 'inspection report');

    // Printed offline to PDF: the text holds the site, the score and each failed item.
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pdfPath = testInfo.outputPath('inspection-report.pdf');
    mkdirSync(testInfo.outputDir, { recursive: true });
    writeFileSync(pdfPath, pdf);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    const squeezed = text.replace(/\s+/g, '');
    expect(squeezed).toContain(HALL_NAME);
    expect(squeezed).toContain(`${liveScore}分`);
    expect(squeezed).toContain('场所干净整洁');
    expect(squeezed).toContain('无迟到、早退、串岗、脱岗');

    // Online: everything reaches the server, the photo through the media endpoint.
    await goOffline(page.context(), page, false);
    await page.goto('/inspections');
    await allSynced(page);

    const token = await apiToken(request, 'manager');
    const stored = (await serverDoc(request, token, 'inspections', id, (d) => d.status === 'submitted')) as Doc & { answers: { itemId: string; choice?: string; photos: string[] }[] };
    const inspections = await pullAll(request, token, 'inspections');
    expect(stored).toMatchObject({ status: 'submitted', templateVersion: 2, postId: 'post-window-1' });
    const template = (await pullAll(request, token, 'catalog')).find((d) => d.kind === 'inspection-template' && d.templateKey === 'window-supervision' && d.version === 2) as {
      sections: Parameters<typeof scoreInspection>[0];
    };
    const expected = scoreInspection(template.sections, stored.answers, await sitePolicy(request, token));
    expect(expected.failed.map((f) => [f.itemId, f.critical])).toEqual([
      ['premises-clean', false],
      ['attendance-discipline', true],
    ]);
    expect(stored.score).toBe(expected.score);
    expect(String(expected.score)).toBe(liveScore);
    expect(stored.answers.find((a) => a.itemId === 'premises-clean')?.photos).toEqual([photoHash]);
    expect(yText(stored.notes, 'text')).toBe('高峰时段排队较长，已提醒现场负责人。');
    expect(yText(stored.notes, 'item:premises-clean#0')).toBe('等候区地面有纸屑');
    expect((stored.signatures as unknown[]).length).toBe(2);
    const actions = inspections.filter((d) => d.kind === 'action' && d.inspectionId === id);
    expect(actions).toMatchObject([{ itemId: 'premises-clean', ownerId: 'user-teamleader', status: 'open' }]);
    const media = await request.get(`/api/v1/media/${photoHash}`, { headers: { authorization: `Bearer ${token}` } });
    expect(media.status()).toBe(200);
    expect(media.headers()['content-type']).toContain('image/jpeg');

    // The manager, on another device, sees the inspection, the photo and the action.
    const manager = await tablet(browser, 'manager');
    await manager.goto(`/inspections/report/${encodeURIComponent(id)}`);
    await expect(manager.getByTestId('report-site')).toHaveText(HALL_NAME, { timeout: 30_000 });
    await expect(manager.getByTestId('report-score')).toHaveAttribute('data-score', liveScore!);
    const managerPhoto = manager.locator(`img.report-photo[data-hash="${photoHash}"]`);
    await expect(managerPhoto).toBeVisible({ timeout: 30_000 });
    expect(await managerPhoto.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
    await expect(manager.getByTestId('report-action')).toContainText('整改：场所干净整洁');
    await manager.context().close();
    await page.context().close();
  });

  test('two devices answer different items and both write notes offline: after syncing, every answer and both notes are kept', async ({ browser, request }) => {
    test.setTimeout(300_000);
    const a = await tablet(browser, 'inspector');
    const id = await startInspection(a, /现场纪律检查/);
    await allSynced(a);
    const b = await tablet(browser, 'inspector');
    await b.goto(`/inspections/run/${encodeURIComponent(id)}`);
    await expect(b.getByTestId('item-card')).toHaveCount(7, { timeout: 30_000 });

    await goOffline(a.context(), a, true);
    await goOffline(b.context(), b, true);
    const first = ['desk-tidy', 'uniform-badge', 'civil-language'];
    const second = ['no-personal-activity', 'arrived-early', 'no-refusal', 'confidentiality'];
    for (const itemId of first) await card(a, itemId).getByRole('button', { name: '合格', exact: true }).click();
    await a.getByLabel('整体情况备注').fill('甲：桌面整洁。');
    for (const itemId of second) await card(b, itemId).getByRole('button', { name: itemId === 'arrived-early' ? '不合格' : '合格', exact: true }).click();
    await b.getByLabel('整体情况备注').fill('乙：一名坐席迟到。');
    await card(b, 'arrived-early').getByLabel('备注').fill('08:25 到岗');
    // Notes save shortly after typing stops.
    await a.waitForTimeout(1_500);

    await goOffline(a.context(), a, false);
    await goOffline(b.context(), b, false);
    await allSynced(a);
    await allSynced(b);

    const token = await apiToken(request, 'manager');
    const stored = (await serverDoc(request, token, 'inspections', id, (d) => (d.answers as unknown[]).length === 7 && yText(d.notes, 'text').includes('甲') && yText(d.notes, 'text').includes('乙'))) as Doc & {
      answers: { itemId: string; choice: string }[];
    };
    expect(Object.fromEntries(stored.answers.map((x) => [x.itemId, x.choice]))).toEqual({
      'desk-tidy': 'pass',
      'uniform-badge': 'pass',
      'civil-language': 'pass',
      'no-personal-activity': 'pass',
      'arrived-early': 'fail',
      'no-refusal': 'pass',
      confidentiality: 'pass',
    });
    const general = yText(stored.notes, 'text');
    expect(general).toContain('甲：桌面整洁。');
    expect(general).toContain('乙：一名坐席迟到。');
    expect(yText(stored.notes, 'item:arrived-early#0')).toBe('08:25 到岗');

    // Both devices show both sets of answers and both notes.
    for (const page of [a, b]) {
      for (const itemId of [...first, ...second]) await expect(card(page, itemId).locator('button[aria-pressed=true]')).toHaveCount(1, { timeout: 30_000 });
      await expect(page.getByLabel('整体情况备注')).toHaveValue(general, { timeout: 30_000 });
    }
    await a.context().close();
    await b.context().close();
  });

  test('a note typed just before the tab is closed is kept (saved when the page hides, not only after the typing pause)', async ({ browser }) => {
    test.setTimeout(180_000);
    const a = await tablet(browser, 'inspector');
    const id = await startInspection(a, /现场纪律检查/);
    await goOffline(a.context(), a, true);
    await a.getByLabel('整体情况备注').fill('关页前最后一句。');
    // Closing the tab at once: the 600 ms typing pause never ends in this page.
    await a.close({ runBeforeUnload: true });
    const again = await a.context().newPage();
    await again.goto(`/inspections/run/${encodeURIComponent(id)}`);
    await expect(again.getByLabel('整体情况备注')).toHaveValue('关页前最后一句。', { timeout: 30_000 });
    await again.context().close();
  });

  test('the owner hands in evidence offline, an inspector verifies it on another device: closed everywhere', async ({ browser, request }) => {
    test.setTimeout(300_000);
    // A submitted inspection with a failed item and its corrective action, written by the inspector through the push API.
    const inspectorToken = await apiToken(request, 'inspector');
    const now = new Date().toISOString();
    const day = now.slice(0, 10);
    const inspectionId = `e2e-insp-${Date.now()}`;
    const actionId = `e2e-action-${Date.now()}`;
    const stamp = { updatedAt: now, updatedBy: 'user-inspector', deviceId: 'e2e' };
    await pushDocs(request, inspectorToken, 'inspections', [
      {
        newDocumentState: {
          id: inspectionId,
          siteId: HALL,
          ...stamp,
          kind: 'inspection',
          templateId: 'template:floor-discipline:1',
          templateKey: 'floor-discipline',
          templateVersion: 1,
          day,
          mode: 'spot-check',
          inspectorId: 'user-inspector',
          startedAt: now,
          answers: [{ itemId: 'desk-tidy', instance: 0, choice: 'fail', photos: [], answeredAt: now, answeredBy: 'user-inspector' }],
          instanceLabels: [],
          photos: [],
          signatures: [],
          status: 'submitted',
          submittedAt: now,
          score: 90,
          grade: 'excellent',
        },
        assumedMasterState: null,
      },
      {
        newDocumentState: {
          id: actionId,
          siteId: HALL,
          ...stamp,
          kind: 'action',
          inspectionId,
          itemId: 'desk-tidy',
          instance: 0,
          day,
          dueDay: day,
          title: '整改：桌面整洁',
          ownerId: 'user-teamleader',
          requiredEvidence: '整改后现场照片',
          status: 'open',
          round: 0,
          evidence: [],
        },
        assumedMasterState: null,
      },
    ]);

    const leader = await tablet(browser, 'teamleader');
    const inspector = await tablet(browser, 'inspector');
    await leader.goto('/inspections/actions?filter=mine');
    await expect(leader.locator('[data-testid=action-row]').filter({ hasText: '整改：桌面整洁' })).toHaveCount(1, { timeout: 30_000 });
    await expectAccessible(leader, 'my corrective actions');
    await leader.locator('[data-testid=action-row]').filter({ hasText: '整改：桌面整洁' }).getByRole('link').click();
    const detail = leader.getByTestId('action-detail');
    await expect(detail).toHaveAttribute('data-status', 'open');

    // The owner, offline: starts, photographs the fix, hands it in.
    await goOffline(leader.context(), leader, true);
    await leader.getByTestId('move-in-progress').click();
    await expect(detail).toHaveAttribute('data-status', 'in-progress');
    await takeMarkedPhoto(leader, detail, 7);
    await expect(detail.locator('img.thumb')).toHaveCount(1);
    await leader.getByLabel('留言').fill('已清理桌面并拍照。');
    await leader.getByTestId('move-evidence-submitted').click();
    await expect(detail).toHaveAttribute('data-status', 'evidence-submitted');
    await expectAccessible(leader, 'corrective action (owner)');
    await goOffline(leader.context(), leader, false);
    await allSynced(leader);

    // The inspector, on another device, sees the evidence and closes the action.
    await inspector.goto(`/inspections/actions/${encodeURIComponent(actionId)}`);
    const verify = inspector.getByTestId('action-detail');
    await expect(verify).toHaveAttribute('data-status', 'evidence-submitted', { timeout: 30_000 });
    await expect(verify.locator('img.thumb')).toBeVisible({ timeout: 30_000 });
    await inspector.getByTestId('move-closed').click();
    await inspector.getByRole('dialog').getByRole('button', { name: '验证通过并关闭' }).click();
    await expect(verify).toHaveAttribute('data-status', 'closed');
    await allSynced(inspector);

    // Closed everywhere: on the server and on the owner's device.
    await expect(detail).toHaveAttribute('data-status', 'closed', { timeout: 30_000 });
    const action = await serverDoc(request, inspectorToken, 'inspections', actionId, (d) => d.status === 'closed');
    expect(action).toMatchObject({ status: 'closed', closedBy: 'user-inspector' });
    expect((action.evidence as string[]).length).toBe(1);
    expect(yText(action.comments, 'text')).toBe('已清理桌面并拍照。');
    await leader.context().close();
    await inspector.context().close();
  });

  test('a template edited while an inspection runs: the running inspection keeps its version and its score', async ({ browser, request }) => {
    test.setTimeout(300_000);
    const page = await tablet(browser, 'inspector');
    await goOffline(page.context(), page, true);
    const id = await startInspection(page, /现场纪律检查 \(v1\)/);
    await answerAll(page, { 'uniform-badge': '不合格' });
    await takeMarkedPhoto(page, card(page, 'uniform-badge'), 3);
    const before = await page.getByTestId('live-score').getAttribute('data-score');
    expect(before).toBe('85');

    // Meanwhile the template changes: the uniform item is worth much more now (version 2).
    await page.goto('/inspections/templates/edit/floor-discipline');
    const item = page.locator('[data-testid=editor-item][data-item="uniform-badge"]');
    await item.getByLabel('分值').fill('60');
    await page.getByTestId('save-template').click();
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await expect(page.locator('[data-testid=template-row][data-key="floor-discipline"]')).toHaveAttribute('data-version', '2');

    // The running inspection is still on version 1 with the same score; it finishes on it.
    await page.goto(`/inspections/run/${encodeURIComponent(id)}`);
    await expect(page.locator('h1')).toContainText('v1');
    await expect(page.getByTestId('live-score')).toHaveAttribute('data-score', before!);
    await sign(page, 'inspector');
    await sign(page, 'site-lead', '李组长');
    await submit(page);
    await expect(page.getByTestId('report-score')).toHaveAttribute('data-score', before!);

    // A new inspection starts on version 2, where the same answers score lower.
    await startInspection(page, /现场纪律检查 \(v2\)/);
    await answerAll(page, { 'uniform-badge': '不合格' });
    await expect(page.getByTestId('live-score')).not.toHaveAttribute('data-score', before!);

    await goOffline(page.context(), page, false);
    await page.goto('/inspections');
    await allSynced(page);
    const token = await apiToken(request, 'manager');
    const stored = await serverDoc(request, token, 'inspections', id, (d) => d.status === 'submitted');
    expect(stored).toMatchObject({ templateVersion: 1, score: 85, status: 'submitted' });
    const versions = (await pullAll(request, token, 'catalog')).filter((d) => d.kind === 'inspection-template' && d.templateKey === 'floor-discipline').map((d) => d.version);
    expect(versions.sort()).toEqual([1, 2]);
    await page.context().close();
  });

  test('schedules, reports and the other screens: due today after planning, trends, accessible', async ({ browser }) => {
    test.setTimeout(240_000);
    const page = await tablet(browser, 'inspector');
    await page.goto('/inspections/schedule');
    await page.getByLabel('场所').selectOption(HALL);
    await page.getByLabel('检查表').selectOption('call-quality');
    await page.getByLabel('频次').selectOption('daily');
    await page.getByLabel('每日计划只在工作日执行').uncheck();
    await page.getByRole('button', { name: '保存计划' }).click();
    await expect(page.getByTestId('plan-row')).toHaveCount(1);
    await expect(page.locator('[data-testid=schedule-today][data-state=due]')).toHaveCount(1);
    await expectAccessible(page, 'schedule');

    await page.goto('/inspections');
    await expect(page.locator('[data-testid=due-item][data-state=due]')).toHaveCount(1);
    await expect(page.getByTestId('recent-row').first()).toBeVisible();
    await expectAccessible(page, 'inspections home');

    // A post's QR code picks site and post (here read from a photo of the code: the test browser has no camera).
    await page.goto('/inspections/new');
    await page.getByRole('button', { name: '扫描岗位二维码' }).click();
    await page.getByTestId('qr-photo').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: await QRCode.toBuffer(postQrPayload(HALL, 'post-window-3'), { width: 400 }) });
    await expect(page.getByLabel('场所')).toHaveValue(HALL);
    await expect(page.getByLabel('岗位')).toHaveValue('post-window-3');
    await expectAccessible(page, 'new inspection');

    await page.goto('/inspections/reports');
    await expect(page.getByTestId('trend-row').first()).toBeVisible();
    await page.getByLabel('统计维度').selectOption('dimension');
    await expect(page.getByTestId('trend-row').first()).toBeVisible();
    await expectAccessible(page, 'inspection reports');

    await page.goto('/inspections/templates');
    await expect(page.getByTestId('template-row')).toHaveCount(4);
    await expectAccessible(page, 'templates');

    await page.goto('/inspections/actions?filter=all');
    await expect(page.getByTestId('action-row').first()).toBeVisible();
    await expectAccessible(page, 'corrective actions');
    await page.getByTestId('action-row').first().getByRole('link').click();
    await expect(page.getByTestId('action-detail')).toBeVisible();
    await expectAccessible(page, 'corrective action');
    await page.context().close();
  });
});
