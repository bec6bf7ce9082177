import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, tempDir, type TestServer } from '../test-support/server';

const INDEX = '<!doctype html><html><head><title>hall-ops</title></head><body><div id="root"></div></body></html>';
const LOGIN = INDEX.replace('<div id="root"></div>', '<div id="root"><form class="login-form"></form></div>');

describe('the built web app', () => {
  let s: TestServer;
  const dist = tempDir('hall-ops-dist-');
  beforeAll(async () => {
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'login.html'), LOGIN);
    writeFileSync(join(dist, 'manifest.webmanifest'), JSON.stringify({ name: 'hall-ops' }));
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("install", () => {});');
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    s = await startTestServer({ staticDir: dist });
  });
  afterAll(async () => {
    await s.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and for deep links, never cached stale', async () => {
    for (const path of ['/', '/kiosk/site-hall-1', '/roster/2026-03?view=week']) {
      const res = await s.fetch(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('serves the prerendered sign-in page at /login only', async () => {
    for (const path of ['/login', '/login?next=%2Fkiosk']) {
      const res = await s.fetch(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(LOGIN);
    }
    expect(await (await s.fetch('/login/elsewhere')).text()).toBe(INDEX);
  });

  it('serves the manifest as application/manifest+json', async () => {
    const res = await s.fetch('/manifest.webmanifest');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
  });

  it('caches hashed assets forever and the service worker never', async () => {
    const asset = await s.fetch('/assets/index-abc123.js');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await s.fetch('/sw.js')).headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a missing asset with 404 rather than index.html', async () => {
    const res = await s.fetch('/assets/index-gone.js');
    expect(res.status).toBe(404);
  });

  it('keeps /api/ answers as problem+json', async () => {
    const res = await s.fetch('/api/v1/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('sends a strict Content-Security-Policy and the other security headers', async () => {
    const res = await s.fetch('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['worker-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('permissions-policy')).toMatch(/camera=\(self\)/);
  });
});

describe('without a build', () => {
  let s: TestServer;
  beforeAll(async () => {
    // The helper's default STATIC_DIR is a folder that does not exist.
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('still starts: the API works and / says to build first', async () => {
    expect((await s.fetch('/api/v1/health')).status).toBe(200);
    for (const path of ['/', '/kiosk/site-hall-1']) {
      const res = await s.fetch(path);
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/Run npm run build first/);
    }
  });
});
