import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../sync-server/test-support/server';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Random bytes as base64: about `kib` KiB once gzipped (4/3 of that raw). */
function incompressibleJs(kib: number): string {
  return `export const blob = "${randomBytes(kib * 1024).toString('base64')}";\n`;
}

interface FakeBuild {
  /** KiB of incompressible JS statically imported by the entry. */
  eagerKiB: number;
  /** KiB of a lazy chunk reached only through import(): counts for the precache, not the first screen. */
  lazyKiB: number;
  /** A feature screen's module id placed in the entry chunk. */
  eagerModule?: string;
  /** Lists the lazy chunk twice in sw.js's manifest (vite-plugin-pwa does so for the manifest and icons). */
  listLazyTwice?: boolean;
  /** The lazy chunk holds the data layer (src/db/database.ts), as DataProvider's import() does. */
  lazyIsDataLayer?: boolean;
}

/** A build folder shaped like `vite build`'s output: index.html, assets, sw.js and the chunk map. */
function fakeBuild({ eagerKiB, lazyKiB, eagerModule, listLazyTwice, lazyIsDataLayer }: FakeBuild): string {
  const dist = mkdtempSync(join(tmpdir(), 'budget-'));
  dirs.push(dist);
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, '.vite'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><html><head><script type="module" crossorigin src="/assets/index-a.js"></script>' +
      '<link rel="modulepreload" crossorigin href="/assets/shared-b.js"></head><body></body></html>',
  );
  writeFileSync(join(dist, 'assets/index-a.js'), 'import{blob as b}from"./big-c.js";import"./shared-b.js";const l=()=>import("./Lazy-d.js");console.log(b,l);');
  writeFileSync(join(dist, 'assets/shared-b.js'), 'export const s=1;');
  writeFileSync(join(dist, 'assets/big-c.js'), incompressibleJs(eagerKiB));
  writeFileSync(join(dist, 'assets/Lazy-d.js'), incompressibleJs(lazyKiB));
  const files = ['index.html', 'assets/index-a.js', 'assets/shared-b.js', 'assets/big-c.js', 'assets/Lazy-d.js'];
  if (listLazyTwice) files.push('assets/Lazy-d.js');
  writeFileSync(
    join(dist, 'sw.js'),
    `define(["./workbox-x"],function(e){e.precacheAndRoute([${files.map((f) => `{url:"${f}",revision:null}`).join(',')}],{})});`,
  );
  const chunk = (modules: Record<string, number>) => ({ isEntry: false, isDynamicEntry: false, imports: [], dynamicImports: [], modules });
  const entryModules: Record<string, number> = { 'src/main.tsx': 100, 'src/features/kiosk/KioskPage.tsx': 50 };
  if (eagerModule) entryModules[eagerModule] = 10;
  writeFileSync(
    join(dist, '.vite/chunk-map.json'),
    JSON.stringify({
      chunks: {
        'assets/index-a.js': chunk(entryModules),
        'assets/shared-b.js': chunk({ 'node_modules/react/index.js': 10 }),
        'assets/big-c.js': chunk({ 'node_modules/big/index.js': eagerKiB * 1024 }),
        'assets/Lazy-d.js': chunk({ [lazyIsDataLayer ? 'src/db/database.ts' : 'src/features/roster/RosterFeature.tsx']: lazyKiB * 1024 }),
      },
    }),
  );
  return dist;
}

function check(dist: string) {
  const r = spawnSync(process.execPath, ['bench/budget.mjs', dist], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('bench/budget.mjs', () => {
  it('passes a build within every budget; the lazy chunk does not count for the first screen', () => {
    const r = check(fakeBuild({ eagerKiB: 100, lazyKiB: 400 }));
    expect(r.out).toContain('All build budgets hold.');
    expect(r.code).toBe(0);
  });

  it('fails when the first-screen JavaScript exceeds 250 KiB gzipped', () => {
    const r = check(fakeBuild({ eagerKiB: 300, lazyKiB: 10 }));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/BUDGET EXCEEDED: first-screen JavaScript is \d+\.\d KiB gzipped/);
    expect(r.out).not.toMatch(/BUDGET EXCEEDED: precache/);
  });

  it('fails when the precache exceeds 2 MiB, even if the excess is lazy', () => {
    const r = check(fakeBuild({ eagerKiB: 10, lazyKiB: 1600 }));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/BUDGET EXCEEDED: precache is \d+\.\d KiB in 5 files/);
    expect(r.out).not.toMatch(/BUDGET EXCEEDED: first-screen/);
  });

  it('fails when a feature screen other than the kiosk is in the first-screen chunks', () => {
    const r = check(fakeBuild({ eagerKiB: 10, lazyKiB: 10, eagerModule: 'src/features/staff/StaffFeature.tsx' }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('feature module loaded with the first screen instead of lazily: src/features/staff/StaffFeature.tsx');
    expect(r.out).not.toContain('src/features/kiosk/KioskPage.tsx (in');
  });

  it('counts a file listed twice in the precache manifest once (the service worker stores it once)', () => {
    const r = check(fakeBuild({ eagerKiB: 10, lazyKiB: 1100, listLazyTwice: true }));
    expect(r.out).toMatch(/precache: 1\d{3}\.\d KiB in 5 files/);
    expect(r.code).toBe(0);
  });

  it('reports what a signed-in screen loads with the data layer, without counting it as first screen', () => {
    const r = check(fakeBuild({ eagerKiB: 100, lazyKiB: 200, lazyIsDataLayer: true }));
    expect(r.code).toBe(0);
    const first = Number(/first-screen JS: (\d+\.\d) KiB/.exec(r.out)?.[1]);
    const signedIn = /signed-in start \(reported, no budget\): (\d+\.\d) KiB gzipped = first screen \+ data layer (\d+\.\d) KiB in 1 files/.exec(r.out);
    expect(signedIn).not.toBeNull();
    expect(Number(signedIn![2])).toBeGreaterThan(200);
    expect(Number(signedIn![1])).toBeCloseTo(first + Number(signedIn![2]), 0);
  });

  it('exits 2 when there is no build to check', () => {
    const dist = mkdtempSync(join(tmpdir(), 'budget-empty-'));
    dirs.push(dist);
    expect(check(dist).code).toBe(2);
  });
});
