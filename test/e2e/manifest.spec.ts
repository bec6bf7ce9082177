import { expect, test } from '@playwright/test';
import { signIn, waitForServiceWorker } from './helpers';

test('the web app manifest passes installability basics', async ({ request }) => {
  const res = await request.get('/manifest.webmanifest');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/manifest+json');
  const manifest = (await res.json()) as {
    name?: string;
    short_name?: string;
    start_url?: string;
    display?: string;
    lang?: string;
    theme_color?: string;
    icons?: { src: string; sizes: string; type: string; purpose?: string }[];
  };
  expect(manifest.name).toBeTruthy();
  expect(manifest.short_name).toBeTruthy();
  expect(manifest.start_url).toBe('/');
  expect(manifest.display).toBe('standalone');
  expect(manifest.lang).toBe('zh-CN');
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  const icons = manifest.icons ?? [];
  for (const size of ['192x192', '512x512']) {
    expect(icons.some((i) => i.sizes === size && i.type === 'image/png')).toBe(true);
  }
  expect(icons.some((i) => i.purpose?.includes('maskable'))).toBe(true);
  for (const icon of icons) {
    const img = await request.get(icon.src);
    expect(img.status(), icon.src).toBe(200);
    expect(img.headers()['content-type']).toBe('image/png');
    const [w] = icon.sizes.split('x').map(Number);
    const buf = await img.body();
    // PNG width is a big-endian uint32 at byte 16.
    expect(buf.readUInt32BE(16)).toBe(w);
  }
});

test('the page links the manifest, and the service worker never answers /api/', async ({ page, context }) => {
  await signIn(page);
  await waitForServiceWorker(page);
  await expect(page.locator('link[rel=manifest]')).toHaveAttribute('href', /manifest\.webmanifest/);
  await context.setOffline(true);
  // Offline, an API call must fail outright: nothing from a cache, no navigation fallback.
  const outcome = await page.evaluate(() =>
    fetch('/api/v1/health').then(
      (r) => `status ${r.status}`,
      () => 'network error',
    ),
  );
  expect(outcome).toBe('network error');
  await context.setOffline(false);
});
