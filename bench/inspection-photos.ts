/**
 * Benchmark: 50 photos in one inspection, on a tablet-sized page in Chromium.
 * Offline, each camera-sized JPEG (3264×2448, ~8 MP) goes through the real
 * photo path (file input → compression in the media worker → the annotation
 * dialog → "save photo" → IndexedDB, queued for upload). Measured:
 * - time per photo from choosing the file to its thumbnail on screen;
 * - responsiveness meanwhile: long main-thread tasks (PerformanceObserver
 *   'longtask') and the longest gap between animation frames, plus how long a
 *   tap on an answer button takes to show while photos are being processed;
 * - the size of each stored photo (longest side 1600 px) and the storage the
 *   page shows; then, back online, the time until all 50 are uploaded through
 *   PUT /api/v1/media/{sha256}, each once (checked on the server).
 *
 * Needs a production build: npx vite build --outDir dist-inspections
 * Run: npx tsx bench/inspection-photos.ts   (env: BENCH_PORT, STATIC_DIR, PHOTOS, CHROMIUM_PATH)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.BENCH_PORT ?? 8815);
const BASE = `http://127.0.0.1:${PORT}`;
const STATIC_DIR = process.env.STATIC_DIR ?? 'dist-inspections';
const DATA_DIR = join(ROOT, 'bench/.tmp/inspection-photos');
const PASSWORD = 'bench-demo-pass';
const PHOTOS = Number(process.env.PHOTOS ?? 50);
const WIDTH = 3264;
const HEIGHT = 2448;

async function startServer(): Promise<ChildProcess> {
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  const child = spawn('npx', ['tsx', 'sync-server/cli.ts', 'start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR, STATIC_DIR, DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${BASE}/api/v1/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('The sync server did not start');
}

/**
 * A camera-like JPEG made in the page and kept there (window.benchPhotos): a
 * gradient, shapes and sensor-like noise, so it compresses like a photo.
 * Returns its size. Kept in the page so that choosing it later costs what a
 * camera's file costs, not a transfer from the test driver.
 */
async function cameraPhoto(page: Page, seed: number): Promise<number> {
  return page.evaluate(
    async ({ seed, width, height }) => {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d')!;
      const g = ctx.createLinearGradient(0, 0, width, height);
      g.addColorStop(0, `hsl(${(seed * 47) % 360} 45% 70%)`);
      g.addColorStop(1, `hsl(${(seed * 91) % 360} 35% 25%)`);
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, width, height);
      for (let i = 0; i < 400; i++) {
        ctx.fillStyle = `hsl(${(i * 53 + seed * 11) % 360} 55% ${30 + (i % 40)}%)`;
        ctx.fillRect((i * 97 * (seed + 1)) % width, (i * 61 * (seed + 3)) % height, 30 + (i % 200), 20 + (i % 150));
      }
      // Sensor noise on every pixel (a seeded LCG, so each photo differs).
      const img = ctx.getImageData(0, 0, width, height);
      let s = seed * 2654435761;
      for (let i = 0; i < img.data.length; i += 4) {
        s = (s * 1103515245 + 12345) >>> 0;
        const n = (s >>> 24) % 24 - 12;
        img.data[i] += n;
        img.data[i + 1] += n;
        img.data[i + 2] += n;
      }
      ctx.putImageData(img, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      const w = window as unknown as { benchPhotos?: Blob[] };
      (w.benchPhotos ??= []).push(blob);
      return blob.size;
    },
    { seed, width: WIDTH, height: HEIGHT },
  );
}

/** Chooses photo `n` in a file input, as the camera would hand it over. */
function choosePhoto(input: import('@playwright/test').Locator, n: number): Promise<void> {
  return input.evaluate((el, n) => {
    const blob = (window as unknown as { benchPhotos: Blob[] }).benchPhotos[n]!;
    const files = new DataTransfer();
    files.items.add(new File([blob], `IMG_${1000 + n}.jpg`, { type: 'image/jpeg', lastModified: Date.now() }));
    (el as HTMLInputElement).files = files.files;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, n);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', serviceWorkers: 'allow' });
    // tsx keeps function names with a helper the page does not have; functions passed to evaluate need it.
    await context.addInitScript('window.__name = (f) => f;');
    const page = await context.newPage();
    await page.goto(`${BASE}/login`);
    await page.locator('input[name=username]').fill('inspector');
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.goto(`${BASE}/inspections/new`);
    await page.getByLabel('场所').selectOption('site-hall-1');
    const option = page.getByLabel('检查表').locator('option').filter({ hasText: '现场纪律检查' }).first();
    await option.waitFor({ state: 'attached', timeout: 60_000 });
    await page.getByLabel('检查表').selectOption({ label: (await option.textContent())! });
    await page.getByRole('button', { name: '开始检查' }).click();
    await page.getByTestId('item-card').first().waitFor();
    const cards = page.getByTestId('item-card');
    const items = await cards.count();

    // The camera's photos, made before anything is timed.
    process.stdout.write(`making ${PHOTOS} photos of ${WIDTH}×${HEIGHT}… `);
    const inputBytes: number[] = [];
    for (let i = 0; i < PHOTOS; i++) inputBytes.push(await cameraPhoto(page, i + 1));
    console.log(`median ${kb(median(inputBytes))}`);

    await context.setOffline(true);
    // Responsiveness probes: long tasks and the longest gap between frames.
    await page.evaluate(() => {
      const w = window as unknown as { benchLong: number[]; benchGap: number; benchStop: boolean };
      w.benchLong = [];
      w.benchGap = 0;
      w.benchStop = false;
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.benchLong.push(e.duration))).observe({ type: 'longtask', buffered: false });
      let last = performance.now();
      const frame = (t: number) => {
        w.benchGap = Math.max(w.benchGap, t - last);
        last = t;
        if (!w.benchStop) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });

    const perPhoto: number[] = [];
    const tapMs: number[] = [];
    for (let i = 0; i < PHOTOS; i++) {
      const card = cards.nth(i % items);
      const thumbs = card.locator('img.thumb');
      const before = await thumbs.count();
      const t0 = Date.now();
      await choosePhoto(card.getByTestId('photo-input'), i);
      // While the photo is compressed off the main thread, a tap on an answer must show at once.
      const choice = card.locator('.choice-group button').nth(i % 2);
      tapMs.push(
        await choice.evaluate(
          (button) =>
            new Promise<number>((resolve) => {
              const start = performance.now();
              (button as HTMLButtonElement).click();
              const check = () => (button.getAttribute('aria-pressed') === 'true' ? requestAnimationFrame(() => resolve(performance.now() - start)) : requestAnimationFrame(check));
              check();
            }),
        ),
      );
      await page.getByRole('dialog').getByRole('button', { name: '保存照片' }).click();
      await thumbs.nth(before).waitFor({ timeout: 60_000 });
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel as string).length >= (n as number), [`[data-item="${await card.getAttribute('data-item')}"] img.thumb`, before + 1]);
      perPhoto.push(Date.now() - t0);
    }
    const probe = await page.evaluate(() => {
      const w = window as unknown as { benchLong: number[]; benchGap: number; benchStop: boolean };
      w.benchStop = true;
      return { long: w.benchLong, gap: w.benchGap };
    });

    // What the device holds: sizes of the stored photos, and what the page shows.
    const stored = await page.evaluate(
      () =>
        new Promise<{ hash: string; bytes: number; type: string; uploaded: boolean }[]>((resolve, reject) => {
          const open = indexedDB.open('hallops-media-queue');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('records').objectStore('records').getAll();
            req.onsuccess = () => resolve(req.result as { hash: string; bytes: number; type: string; uploaded: boolean }[]);
            req.onerror = () => reject(req.error);
          };
        }),
    );
    const photosStored = stored.filter((r) => r.type === 'image/jpeg');
    const dims = await page.locator('img.thumb').evaluateAll((imgs) => imgs.map((i) => Math.max((i as HTMLImageElement).naturalWidth, (i as HTMLImageElement).naturalHeight)));
    const statusText = await page.getByTestId('media-status').innerText();
    const estimate = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);

    // Back online: every photo uploads, once.
    const puts = new Map<string, number>();
    page.on('request', (r) => {
      const m = /\/api\/v1\/media\/([0-9a-f]{64})$/.exec(r.url());
      if (m && r.method() === 'PUT') puts.set(m[1]!, (puts.get(m[1]!) ?? 0) + 1);
    });
    const u0 = Date.now();
    await context.setOffline(false);
    await page.getByTestId('media-status').and(page.locator('[data-pending="0"]')).waitFor({ timeout: 600_000 });
    const uploadMs = Date.now() - u0;
    const login = await (await fetch(`${BASE}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'inspector', password: PASSWORD }) })).json();
    let onServer = 0;
    for (const r of photosStored) {
      const res = await fetch(`${BASE}/api/v1/media/${r.hash}`, { headers: { authorization: `Bearer ${(login as { token: string }).token}` } });
      if (res.ok && Buffer.from(await res.arrayBuffer()).length === r.bytes) onServer += 1;
    }
    const once = [...puts.values()].every((n) => n === 1);

    const sizes = photosStored.map((r) => r.bytes);
    const longTotal = probe.long.reduce((a, b) => a + b, 0);
    const lines = [
      `photos ${PHOTOS} of ${WIDTH}×${HEIGHT} (input median ${kb(median(inputBytes))}), spread over ${items} items of one inspection`,
      `stored photo: longest side ${Math.min(...dims)}–${Math.max(...dims)} px; size median ${kb(median(sizes))}, p90 ${kb(pct(sizes, 90))}, max ${kb(Math.max(...sizes))}; all ${kb(sizes.reduce((a, b) => a + b, 0))}`,
      `per photo (file chosen → thumbnail shown, incl. the annotation dialog): median ${median(perPhoto)} ms, p90 ${pct(perPhoto, 90)} ms, max ${Math.max(...perPhoto)} ms`,
      `responsiveness while adding them: tap → answer shown median ${median(tapMs).toFixed(0)} ms, max ${Math.max(...tapMs).toFixed(0)} ms; long tasks ${probe.long.length} (total ${longTotal.toFixed(0)} ms, longest ${Math.max(0, ...probe.long).toFixed(0)} ms); longest frame gap ${probe.gap.toFixed(0)} ms`,
      `storage shown on the page: "${statusText.replace(/\s+/g, ' ')}"; origin usage (navigator.storage.estimate) ${(estimate / 1024 / 1024).toFixed(1)} MB`,
      `upload once online: ${photosStored.length} photos (+ ${stored.length - photosStored.length} other pictures) in ${(uploadMs / 1000).toFixed(1)} s; on the server with matching size: ${onServer}/${photosStored.length}; each PUT once: ${once ? 'yes' : 'no'} (${puts.size} PUTs seen)`,
    ];
    console.log(lines.join('\n'));
    const report = `# Bench: 50 photos in one inspection

Command: \`npx vite build --outDir dist-inspections && npx tsx bench/inspection-photos.ts\`

What is measured (bench/inspection-photos.ts): in Chromium (1280×800, offline), ${PHOTOS} camera-sized JPEGs
(${WIDTH}×${HEIGHT}, gradient + shapes + per-pixel noise, so they compress like photos) go through the real
photo path of a running inspection: the file input with \`capture\` receives each photo as a File (made
in the page beforehand, as a camera hands it over) → compression in the media worker
(browser-image-compression, longest side 1600 px, JPEG) → annotation dialog → "保存照片" → IndexedDB,
queued. While each photo is processed, a tap on an answer button is timed until the next frame after
it shows. Long tasks come from PerformanceObserver('longtask'), frame gaps from requestAnimationFrame.
Then the context goes online and the time until the page shows nothing pending is taken; each photo is
fetched back from \`GET /api/v1/media/{sha256}\`.

Machine: Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${os.platform()} ${os.arch()}; Chromium ${browser.version()}, no CPU throttling; server on loopback.
Date: ${new Date().toISOString().slice(0, 10)}.

Result:

\`\`\`
${lines.join('\n')}
load average after the run: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}
\`\`\`
`;
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/inspection-photos.md'), report);
    console.log('wrote bench/results/inspection-photos.md');
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  }
}

await main();
