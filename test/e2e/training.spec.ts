import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { apiToken, expectAccessible, goOffline, HALL, pullAll, signIn, waitForServiceWorker } from './helpers';

/**
 * Training and exams, in Chromium against the real sync server:
 * 1. two offline tablets score one 22-trainee session and merge (the session and
 *    its exam are created through the UI while online);
 * 2. a 20-question exam imported from CSV, taken on the tablet offline, marked, synced;
 * 3. the attempt limit on the tablet exam;
 * 4. 50 scores by keyboard alone (session and exam seeded through the push API), and grid retakes;
 * 5. accessibility of the remaining screens.
 */

const HOTLINE = 'site-hotline-1';
type Doc = Record<string, unknown>;

async function allSynced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '0', { timeout: 45_000 });
  await expect(page.getByTestId('sync-rejected')).toHaveCount(0);
}

async function trainerTablet(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'trainer');
  await waitForServiceWorker(page);
  return page;
}

const sessionIdOf = (url: string) => decodeURIComponent(/\/training\/sessions\/([^/]+)/.exec(url)![1]!);
const examIdOf = (url: string) => decodeURIComponent(/\/training\/exams\/([^/?]+)/.exec(url)![1]!);
const scoreInput = (page: Page, row: number, col = 0) => page.locator(`[data-testid=score-input][data-row="${row}"][data-col="${col}"]`);

async function resultsOf(request: APIRequestContext, examId: string): Promise<{ results: Doc[]; certificates: Doc[] }> {
  const token = await apiToken(request, 'trainer');
  const all = await pullAll(request, token, 'results');
  const results = all.filter((d) => d.kind === 'exam-result' && d.examId === examId);
  const ids = new Set(results.map((r) => r.id));
  return { results, certificates: all.filter((d) => d.kind === 'certificate' && ids.has(d.examResultId)) };
}

/** Certificates a tablet lists for these people, issued on this day. */
async function certificatesOnTablet(page: Page, day: string): Promise<string[]> {
  await page.getByRole('navigation', { name: '培训考试子菜单' }).getByRole('link', { name: '证书' }).click();
  await expect(page.getByTestId('cert-row').first()).toBeVisible();
  const rows = await page.getByTestId('cert-row').evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.staffId!, tr.children[3]!.textContent!]));
  return rows.filter(([, issued]) => issued === day).map(([staffId]) => staffId!);
}

test.describe('training and exams', () => {
  test('two offline tablets score one 22-trainee session; both, and the server, end with all 22 scores and the certificates', async ({ browser, request }) => {
    test.setTimeout(300_000);
    const pageA = await trainerTablet(browser);

    // Tablet A, online: a session of 22 hotline agents and its trainer-scored exam, through the UI.
    await pageA.goto('/training/sessions/new');
    await pageA.getByRole('combobox', { name: '课程', exact: true }).selectOption('course-safety');
    await pageA.getByLabel('名称', { exact: true }).fill('E2E 安全三级教育');
    await pageA.getByRole('combobox', { name: '场所', exact: true }).selectOption(HOTLINE);
    await pageA.getByLabel('地点').fill('职场培训室');
    const options = pageA.getByTestId('trainee-option');
    await expect(options.nth(21)).toBeVisible();
    for (let i = 0; i < 22; i++) await options.nth(i).locator('input').check();
    await pageA.getByRole('button', { name: '保存' }).click();
    await expect(pageA).toHaveURL(/\/training\/sessions\/(?!new$)[^/]+$/);
    const sessionId = sessionIdOf(pageA.url());
    await pageA.getByRole('link', { name: '为本场新建考试' }).click();
    await expect(pageA.getByLabel('名称', { exact: true })).toHaveValue('E2E 安全三级教育考核');
    await pageA.getByRole('button', { name: '保存' }).click();
    await expect(pageA).toHaveURL(/\/scores$/);
    await expect(pageA.getByTestId('score-row')).toHaveCount(22);
    await allSynced(pageA);

    // Tablet B (another browser, same trainer account) opens the grid while online.
    const pageB = await trainerTablet(browser);
    await pageB.goto(`/training/sessions/${encodeURIComponent(sessionId)}/scores`);
    // B's first sync pulls the whole organisation's history: give it time on a busy machine.
    await expect(pageB.getByTestId('score-row')).toHaveCount(22, { timeout: 120_000 });

    await goOffline(pageA.context(), pageA, true);
    await goOffline(pageB.context(), pageB, true);

    // A, offline: the register, one tap per trainee for 20 of them.
    await pageA.getByRole('link', { name: '返回培训场次' }).click();
    const attendees = pageA.getByTestId('attendee-row');
    await expect(attendees).toHaveCount(22);
    for (let i = 0; i < 20; i++) await attendees.nth(i).getByRole('button', { name: '到', exact: true }).click();
    await expect(pageA.getByTestId('register-summary')).toContainText('到 20，');
    await expect(pageA.getByTestId('register-summary')).toContainText('未点名 2');
    await expectAccessible(pageA, 'session register');

    // A, offline: 20 scores with the keyboard alone; two fail.
    await pageA.getByRole('link', { name: '录入成绩' }).click();
    const scores = [88, 92, 85, 90, 95, 62, 81, 99, 87, 93, 84, 86, 71, 90, 88, 82, 97, 89, 91, 80];
    await expect(scoreInput(pageA, 0)).toBeFocused();
    for (let i = 0; i < 20; i++) {
      await pageA.keyboard.type(String(scores[i]));
      await pageA.keyboard.press('Enter');
      await expect(scoreInput(pageA, i + 1)).toBeFocused();
    }
    await expect(pageA.locator('[data-testid=score-verdict][data-passed=false]')).toHaveCount(2);
    await expect(pageA.getByTestId('grid-summary')).toHaveText('已录 20 / 22，合格 18，不合格 2');
    await expectAccessible(pageA, 'score grid');

    // B, offline: the two other trainees.
    await scoreInput(pageB, 20).click();
    await pageB.keyboard.type('83');
    await pageB.keyboard.press('Enter');
    await expect(scoreInput(pageB, 21)).toBeFocused();
    await pageB.keyboard.type('90');
    await pageB.keyboard.press('Enter');
    await expect(pageB.getByTestId('grid-summary')).toHaveText('已录 2 / 22，合格 2，不合格 0');

    // Both back online: everything merges.
    await goOffline(pageA.context(), pageA, false);
    await goOffline(pageB.context(), pageB, false);
    await allSynced(pageA);
    await allSynced(pageB);
    for (const page of [pageA, pageB]) {
      await expect(page.getByTestId('grid-summary')).toHaveText('已录 22 / 22，合格 20，不合格 2', { timeout: 30_000 });
    }

    const staffIds = await pageA.getByTestId('score-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.staffId!));
    const expected = new Map(staffIds.map((id, i) => [id, i < 20 ? scores[i]! : [83, 90][i - 20]!]));
    const passedIds = staffIds.filter((id) => expected.get(id)! >= 80).sort();
    expect(passedIds).toHaveLength(20);

    const token = await apiToken(request, 'trainer');
    const exam = (await pullAll(request, token, 'training')).find((d) => d.kind === 'exam' && d.sessionId === sessionId)!;
    const { results, certificates } = await resultsOf(request, String(exam.id));
    expect(results).toHaveLength(22);
    for (const r of results) {
      expect(r).toMatchObject({ attempt: 1, status: 'final', finalScore: expected.get(String(r.staffId)), passed: expected.get(String(r.staffId))! >= 80 });
    }
    const deviceB = await pageB.evaluate(() => localStorage.getItem('hallops.deviceId'));
    expect(results.filter((r) => r.deviceId === deviceB).map((r) => r.staffId).sort()).toEqual(staffIds.slice(20).sort());
    expect(certificates.map((c) => c.staffId).sort()).toEqual(passedIds);
    expect(certificates.every((c) => c.revoked === false && typeof c.number === 'string' && typeof c.expiresOn === 'string')).toBe(true);
    const session = (await pullAll(request, token, 'training')).find((d) => d.id === sessionId) as { attendees: { status: string }[]; status: string };
    expect(session.status).toBe('held');
    expect(session.attendees.filter((a) => a.status === 'present')).toHaveLength(20);

    // Both tablets list the certificates of the 20 who passed.
    const day = String(results[0]!.day);
    for (const page of [pageA, pageB]) {
      await expect.poll(async () => (await certificatesOnTablet(page, day)).filter((id) => staffIds.includes(id)).sort()).toEqual(passedIds);
    }
    await expectAccessible(pageA, 'certificates');
    await pageA.context().close();
    await pageB.context().close();
  });

  test('a 20-question exam imported from a spreadsheet is taken on the tablet offline, auto-scored, marked by the trainer, and synced with its certificate', async ({
    browser,
    request,
  }) => {
    test.setTimeout(300_000);
    const page = await trainerTablet(browser);

    // 8 single, 4 multiple, 5 true/false, 3 short answers, 5 points each; and one bad row.
    type Q = { type: string; prompt: string; options: string[]; answer: string; right: string[] };
    const questions: Q[] = [
      ...Array.from({ length: 8 }, (_, i): Q => ({ type: '单选', prompt: `单选题${i + 1}：首问负责由谁负责？`, options: [`甲${i}`, `乙${i}`, `丙${i}`, `丁${i}`], answer: 'B', right: [`乙${i}`] })),
      ...Array.from({ length: 4 }, (_, i): Q => ({ type: '多选', prompt: `多选题${i + 1}：属于工作纪律的有：`, options: [`串岗${i}`, `微笑${i}`, `脱岗${i}`, `耐心${i}`], answer: 'AC', right: [`串岗${i}`, `脱岗${i}`] })),
      ...Array.from({ length: 5 }, (_, i): Q => ({ type: '判断', prompt: `判断题${i + 1}：上岗须佩戴工牌。`, options: [], answer: i % 2 ? '错' : '对', right: [i % 2 ? '错' : '对'] })),
      ...Array.from({ length: 3 }, (_, i): Q => ({ type: '简答', prompt: `简答题${i + 1}：简述文明用语。`, options: [], answer: '', right: [`请、您好、谢谢、再见（第${i + 1}题）`] })),
    ];
    const csv = [
      '类型,题目,选项A,选项B,选项C,选项D,答案,分值,解析',
      ...questions.map((q) => [q.type, q.prompt, ...[0, 1, 2, 3].map((i) => q.options[i] ?? ''), q.answer, '5', ''].join(',')),
      '填空,这一行的题型不存在,,,,,,5,',
    ].join('\r\n');

    await page.goto('/training/banks/import');
    await page.getByLabel('题库名称').fill('E2E 服务礼仪题库');
    await page.getByRole('combobox', { name: '课程', exact: true }).selectOption('course-etiquette');
    await page.getByLabel('选择文件').setInputFiles({ name: 'questions.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`, 'utf8') });
    await expect(page.getByTestId('import-summary')).toContainText('共 21 行，20 道可导入，1 行有错误');
    await expect(page.getByTestId('import-error')).toHaveCount(1);
    await expect(page.getByTestId('import-error')).toContainText('22');
    await expect(page.getByTestId('import-preview-row')).toHaveCount(20);
    await expectAccessible(page, 'import preview');
    await page.getByRole('button', { name: '导入 20 道题（跳过 1 行有错误的行）' }).click();
    await expect(page.getByRole('heading', { name: 'E2E 服务礼仪题库' })).toBeVisible();
    await expect(page.locator('table.data tbody tr')).toHaveCount(20);

    await page.getByRole('navigation', { name: '培训考试子菜单' }).getByRole('link', { name: '考试' }).click();
    await page.getByRole('link', { name: '新建考试' }).click();
    await page.getByLabel('名称', { exact: true }).fill('E2E 服务礼仪考试');
    await page.getByRole('combobox', { name: '课程', exact: true }).selectOption('course-etiquette');
    await page.getByRole('combobox', { name: '场所', exact: true }).selectOption(HALL);
    await page.getByRole('combobox', { name: '题库', exact: true }).selectOption({ label: 'E2E 服务礼仪题库 (20 题)' });
    await expect(page.getByLabel(/抽题数量/)).toHaveValue('20');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page).toHaveURL(/\/training\/exams\/(?!new$)[^/]+$/);
    const examId = examIdOf(page.url());
    await allSynced(page);

    await goOffline(page.context(), page, true);
    await page.getByRole('link', { name: '在本平板开考' }).click();
    await expect(page.getByTestId('candidate').first()).toBeVisible();
    await expectAccessible(page, 'exam kiosk: identify');
    await page.getByTestId('candidate').first().click();
    await expect(page.getByTestId('kiosk-person')).toContainText('第 1 次 / 共 3 次');

    for (let n = 0; n < 20; n++) {
      const question = page.getByTestId('question');
      await expect(question.locator('h2')).toContainText(`第 ${n + 1} 题 / 共 20 题`);
      const prompt = (await question.locator('.prompt').innerText()).trim();
      const q = questions.find((x) => x.prompt === prompt)!;
      if (q.type === '简答') await question.getByRole('textbox').fill(q.right[0]!);
      else for (const text of q.right) await question.getByRole(q.type === '多选' ? 'checkbox' : 'radio', { name: text, exact: true }).check();
      if (n === 0 || n === 19) await expectAccessible(page, `exam kiosk: question ${n + 1}`);
      if (n < 19) await page.getByRole('button', { name: '下一题' }).click();
    }
    await page.getByRole('button', { name: '交卷' }).click();
    await expect(page.getByRole('dialog')).toContainText('全部题目已作答');
    await page.getByRole('dialog').getByRole('button', { name: '交卷' }).click();
    await expect(page.getByTestId('kiosk-score')).toContainText('客观题得分 85');

    // The trainer marks the three short answers, still offline.
    await page.getByRole('button', { name: '下一位考生' }).click();
    await page.getByRole('link', { name: '退出考试模式' }).click();
    await page.getByRole('link', { name: '阅卷' }).click();
    await expect(page.getByTestId('short-answer-text')).toHaveCount(3);
    await expect(page.getByTestId('short-answer-text').first()).toContainText('请、您好、谢谢、再见');
    const marks = page.getByTestId('mark-points');
    await marks.nth(0).fill('5');
    await marks.nth(1).fill('4');
    await marks.nth(2).fill('3');
    await expectAccessible(page, 'marking');
    await page.getByRole('button', { name: '完成阅卷' }).click();
    await expect(page.getByTestId('final-score')).toHaveText('最终成绩 97');

    await goOffline(page.context(), page, false);
    await allSynced(page);
    const { results, certificates } = await resultsOf(request, examId);
    expect(results).toHaveLength(1);
    const result = results[0] as { id: string; staffId: string; answers: { trainerPoints?: number; autoPoints?: number }[] } & Doc;
    expect(result).toMatchObject({ attempt: 1, status: 'final', autoScore: 85, trainerScore: 12, finalScore: 97, passed: true, markedBy: 'user-trainer' });
    expect(result.answers).toHaveLength(20);
    expect(result.answers.filter((a) => a.trainerPoints !== undefined)).toHaveLength(3);
    expect(certificates).toEqual([expect.objectContaining({ staffId: result.staffId, courseId: 'course-etiquette', examResultId: result.id, revoked: false })]);
    expect(certificates[0]!.expiresOn).toBeUndefined();
    await page.context().close();
  });

  test('an attempt beyond the limit is refused with a clear message; a retake is a new attempt beside the old one', async ({ browser, request }) => {
    test.setTimeout(180_000);
    const page = await trainerTablet(browser);
    await page.goto('/training/exams/new');
    await page.getByLabel('名称', { exact: true }).fill('E2E 安全补考');
    await page.getByRole('combobox', { name: '课程', exact: true }).selectOption('course-safety');
    await page.getByRole('combobox', { name: '场所', exact: true }).selectOption(HALL);
    await page.getByRole('combobox', { name: '题库', exact: true }).selectOption('bank-safety');
    await page.getByLabel('最多考试次数').fill('2');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page).toHaveURL(/\/training\/exams\/(?!new$)[^/]+$/);
    const examId = examIdOf(page.url());
    await page.getByRole('link', { name: '在本平板开考' }).click();
    const candidate = page.getByTestId('candidate').first();
    const name = (await candidate.innerText()).split(/\s/)[0]!;

    const sit = async (attempt: number, answerFirst: boolean) => {
      await page.getByTestId('candidate').filter({ hasText: name }).click();
      await expect(page.getByTestId('kiosk-person')).toContainText(`第 ${attempt} 次 / 共 2 次`);
      if (answerFirst) await page.getByRole('radio', { name: '立即报警并组织群众疏散' }).check();
      await page.getByRole('button', { name: '交卷' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '交卷' }).click();
      await expect(page.getByTestId('kiosk-score')).toHaveAttribute('data-passed', 'false');
      await page.getByRole('button', { name: '下一位考生' }).click();
    };
    await sit(1, true);
    await sit(2, false);
    await page.getByTestId('candidate').filter({ hasText: name }).click();
    await expect(page.getByTestId('kiosk-message')).toHaveText(`${name} 已用完全部 2 次考试机会，不能再考。`);
    await expect(page.getByTestId('kiosk-person')).toHaveCount(0);

    await page.getByRole('link', { name: '退出考试模式' }).click();
    await expect(page.getByTestId('exam-result-row')).toHaveCount(2);
    await expectAccessible(page, 'exam page');
    await allSynced(page);
    const { results } = await resultsOf(request, examId);
    const byAttempt = results.sort((a, b) => Number(a.attempt) - Number(b.attempt));
    expect(byAttempt.map((r) => [r.attempt, r.finalScore, r.passed, r.status])).toEqual([
      [1, 20, false, 'final'],
      [2, 0, false, 'final'],
    ]);
    expect(new Set(byAttempt.map((r) => r.id)).size).toBe(2);
    expect(byAttempt[0]!.staffId).toBe(byAttempt[1]!.staffId);
    await page.context().close();
  });

  test('50 scores with the keyboard alone: type, Enter, the next cell has focus; grid retakes keep the first attempt and stop at the limit', async ({
    browser,
    request,
  }) => {
    test.setTimeout(300_000);
    // Seeded through the push endpoint: a session of 50 people from both sites and its trainer-scored exam.
    const token = await apiToken(request, 'trainer');
    // Tombstones too come through the pull (the staff spec's imported people are deleted again): leave them out.
    const staff = (await pullAll(request, token, 'staff')).filter((s) => s._deleted !== true && s.status !== 'left').sort((a, b) => String(a.staffNo).localeCompare(String(b.staffNo)));
    expect(staff.length).toBeGreaterThanOrEqual(50);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const stamp = { updatedAt: new Date().toISOString(), updatedBy: 'user-trainer', deviceId: 'e2e-seed' };
    const sessionId = `session-e2e-50-${Date.now()}`;
    const docs = [
      {
        id: sessionId,
        siteId: HALL,
        ...stamp,
        kind: 'session',
        courseId: 'course-business',
        title: 'E2E 五十人业务测验',
        trainerId: 'user-trainer',
        day: today,
        start: '09:00',
        end: '11:30',
        attendees: staff.slice(0, 50).map((s) => ({ staffId: s.id, status: 'present' })),
        status: 'held',
      },
      {
        id: `exam-e2e-50-${Date.now()}`,
        siteId: HALL,
        ...stamp,
        kind: 'exam',
        courseId: 'course-business',
        sessionId,
        title: '业务知识测验',
        day: today,
        trainerId: 'user-trainer',
        mode: 'trainer-scored',
        questionIds: [],
        maxScore: 100,
        passMark: 80,
        attemptLimit: 2,
        status: 'open',
      },
    ];
    const push = await request.post('/api/v1/replication/training/push', {
      headers: { authorization: `Bearer ${token}` },
      data: docs.map((d) => ({ newDocumentState: d, assumedMasterState: null })),
    });
    expect(push.status()).toBe(200);
    // The server answers with the masters it now holds: the two documents just written.
    expect(((await push.json()) as Doc[]).map((d) => d.id).sort()).toEqual(docs.map((d) => d.id).sort());

    const page = await trainerTablet(browser);
    await page.goto(`/training/sessions/${encodeURIComponent(sessionId)}/scores`);
    await expect(page.getByTestId('score-row')).toHaveCount(50, { timeout: 120_000 });
    await expect(scoreInput(page, 0)).toBeFocused();
    const scoreOf = (i: number) => (i % 10 === 3 ? 55 : 80 + (i % 20));
    for (let i = 0; i < 50; i++) {
      await page.keyboard.type(String(scoreOf(i)));
      await page.keyboard.press('Enter');
      if (i < 49) await expect(scoreInput(page, i + 1)).toBeFocused();
    }
    await expect(page.getByTestId('grid-summary')).toHaveText('已录 50 / 50，合格 45，不合格 5');
    // Validation as you type: an out-of-range score is flagged at once and Enter does not leave the cell.
    await scoreInput(page, 0).focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('120');
    await expect(scoreInput(page, 0)).toHaveAttribute('aria-invalid', 'true');
    await page.keyboard.press('Enter');
    await expect(scoreInput(page, 0)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(scoreInput(page, 0)).toHaveValue('80');

    // Retakes from the grid: a new attempt each, the old one kept; beyond the limit, refused.
    const row3 = page.getByTestId('score-row').nth(3);
    await row3.getByRole('button', { name: /登记补考/ }).click();
    await expect(scoreInput(page, 3)).toBeFocused();
    await expect(scoreInput(page, 3)).toHaveValue('');
    await page.keyboard.type('85');
    await page.keyboard.press('Enter');
    await expect(row3.getByTestId('score-verdict')).toHaveAttribute('data-passed', 'true');
    await expect(row3).toContainText('第 2 次');

    const row13 = page.getByTestId('score-row').nth(13);
    const name13 = (await row13.locator('th').innerText()).split(/\s/)[0]!;
    await row13.getByRole('button', { name: /登记补考/ }).click();
    // As a person would, type once the cursor is in the new attempt's cell.
    await expect(scoreInput(page, 13)).toBeFocused();
    await expect(scoreInput(page, 13)).toHaveValue('');
    await page.keyboard.type('50');
    await page.keyboard.press('Enter');
    await expect(row13).toContainText('第 2 次');
    await row13.getByRole('button', { name: /登记补考/ }).click();
    await expect(page.getByTestId('grid-notice')).toHaveText(`${name13} 已用完全部 2 次考试机会，不能再考。`);
    await expectAccessible(page, 'score grid with 50 trainees');

    // A badge scanner types the code and Enter: the cursor jumps to that trainee's score.
    await page.getByLabel('扫描工牌').fill(String(staff[7]!.badgeCode ?? staff[7]!.staffNo));
    await page.keyboard.press('Enter');
    await expect(scoreInput(page, 7)).toBeFocused();

    await allSynced(page);
    const { results } = await resultsOf(request, String(docs[1]!.id));
    expect(results).toHaveLength(52);
    const attemptsOf = (staffId: unknown) => results.filter((r) => r.staffId === staffId).map((r) => [r.attempt, r.finalScore, r.passed]).sort();
    expect(attemptsOf(staff[3]!.id)).toEqual([
      [1, 55, false],
      [2, 85, true],
    ]);
    expect(attemptsOf(staff[13]!.id)).toEqual([
      [1, 55, false],
      [2, 50, false],
    ]);
    await page.context().close();
  });

  test('the training screens pass axe-core', async ({ browser }) => {
    test.setTimeout(180_000);
    const page = await trainerTablet(browser);
    await page.goto('/training');
    await expect(page.getByRole('heading', { name: '培训与考试' })).toBeVisible();
    await expectAccessible(page, 'training overview');
    const tabs = page.getByRole('navigation', { name: '培训考试子菜单' });
    const screens: [string, string][] = [
      ['培训场次', '培训场次'],
      ['考试', '考试'],
      ['课程', '课程'],
      ['题库', '题库'],
      ['证书', '证书'],
      ['培训档案', '培训档案'],
    ];
    for (const [tab, heading] of screens) {
      await tabs.getByRole('link', { name: tab, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expectAccessible(page, tab);
    }
    // A person's history in the records.
    await page.getByLabel('搜索').fill('YG0000');
    await page.getByRole('list', { name: '匹配的人员' }).getByRole('button').first().click();
    await expect(page.getByTestId('history-row').first()).toBeVisible();
    await expectAccessible(page, 'person history');
    // A course with its post requirements, the new-session and new-exam forms, a printable certificate.
    await tabs.getByRole('link', { name: '课程', exact: true }).click();
    await page.getByRole('link', { name: '岗前培训' }).click();
    await expect(page.getByTestId('post-requirement').first()).toBeVisible();
    await expectAccessible(page, 'course');
    await page.goto('/training/sessions/new');
    await expect(page.getByTestId('trainee-option').first()).toBeVisible();
    await expectAccessible(page, 'new session');
    await page.goto('/training/exams/new');
    await expect(page.getByLabel('名称', { exact: true })).toBeVisible();
    await expectAccessible(page, 'new exam');
    await page.goto('/training/certificates');
    await page.getByRole('link', { name: '打印' }).first().click();
    await expect(page.getByTestId('certificate')).toBeVisible();
    await expectAccessible(page, 'certificate');
    await page.context().close();
  });
});

