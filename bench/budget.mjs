#!/usr/bin/env node
// Build budgets, checked after `vite build` by `npm test` (test/run-all.mjs):
//   1. JavaScript loaded for the first screen ≤ 250 KiB gzipped: the module
//      script in index.html, its modulepreloads, and everything they import
//      statically (lazy chunks reached only through import() do not count);
//   2. the whole service-worker precache ≤ 2 MiB (raw bytes of every file in
//      sw.js's precache manifest: that is what the device stores);
//   3. feature screens are lazy: no module of src/features/<id>/ (kiosk
//      excepted: it is the first screen of an enrolled tablet) is in the
//      first-screen JavaScript, except the few shell helpers listed below.
// Also reported, not a budget: what a signed-in screen loads before it shows
// data — the first screen plus the data layer (RxDB, Dexie, replication) that
// src/app/DataProvider.tsx loads with import() once a session exists.
// Usage: node bench/budget.mjs [distDir=dist] [--json] [--write=bench/results/budget.md]. Exit 1 when a budget
// is exceeded, 2 when the build folder is unreadable.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { init, parse } from 'es-module-lexer';

export const BUDGETS = {
  firstScreenGzipBytes: 250 * 1024,
  precacheBytes: 2 * 1024 * 1024,
};

/**
 * Feature modules the shell may load eagerly: the Chinese catalogs merged at start (English is a
 * chunk of its own, loaded by English devices: src/i18n/index.ts) and small shell hooks.
 */
export const SHELL_ALLOWED = [
  /^src\/features\/[^/]+\/messages\.zh-CN\.ts$/,
  /^src\/features\/kiosk\//,
  // The kiosk's site (its policy, posts and shift templates): a hook, no screen.
  /^src\/features\/attendance\/useSiteContext\.ts$/,
  // The sync badge's plain-words problem (and the text classifier behind it).
  /^src\/features\/sync\/(useSyncProblem\.ts|errors\.ts|sync\.css)$/,
  /^src\/features\/settings\/storage\.ts$/,
  // The login page's "enrol this tablet" form and its stylesheet.
  /^src\/features\/devices\/(EnrolTablet\.tsx|devices\.css)$/,
];

const CHUNK_MAP = '.vite/chunk-map.json';
/** The modules DataProvider loads with import() at the start of a session. */
export const DATA_LAYER = ['src/db/database.ts', 'src/sync/replication.ts', 'src/sync/media.ts'];

/** `/assets/x.js` or `assets/x.js` relative to the build root, without query or hash. */
function toDistPath(url, fromFile = '') {
  const clean = url.split(/[?#]/)[0];
  if (/^[a-z]+:/i.test(clean)) return null;
  if (clean.startsWith('/')) return clean.slice(1);
  return posix.normalize(posix.join(posix.dirname(fromFile), clean));
}

/** The entry scripts and preloads index.html asks for. */
export function htmlEntries(html) {
  const files = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
    if (/^<script/i.test(tag) && attr('type') === 'module' && attr('src')) files.push(attr('src'));
    if (/^<link/i.test(tag) && attr('rel') === 'modulepreload' && attr('href')) files.push(attr('href'));
  }
  return files.map((f) => toDistPath(f)).filter(Boolean);
}

/** Follows static imports (never import()) from the entry files. */
export function firstScreenFiles(dist, entries) {
  const seen = new Set();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    const path = join(dist, file);
    if (!existsSync(path)) throw new Error(`first-screen file ${file} is missing from ${dist}`);
    seen.add(file);
    const [imports] = parse(readFileSync(path, 'utf8'));
    for (const imp of imports) {
      // d === -1: a static import; -2 is import.meta; ≥0 is a dynamic import().
      if (imp.d !== -1 || !imp.n) continue;
      const target = toDistPath(imp.n, file);
      if (target && target.endsWith('.js')) queue.push(target);
    }
  }
  return [...seen];
}

/** The URLs in workbox's precache manifest inside sw.js. */
export function precacheUrls(swSource) {
  const start = swSource.indexOf('precacheAndRoute(');
  if (start < 0) throw new Error('sw.js has no precacheAndRoute([...]) manifest');
  const end = swSource.indexOf('])', start);
  const list = swSource.slice(start, end);
  // An URL listed twice (vite-plugin-pwa adds the manifest and its icons to the glob's own) is stored once.
  return [...new Set([...list.matchAll(/\burl\s*:\s*["']([^"']+)["']/g)].map((m) => m[1]))];
}

function packageOf(id) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
  return m ? `npm:${m[1]}` : id;
}

export function checkBuild(dist) {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html not found: run \`vite build\` first`);
  const failures = [];
  const files = firstScreenFiles(dist, htmlEntries(readFileSync(join(dist, 'index.html'), 'utf8')));
  const chunks = files.map((file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const firstScreenGzip = chunks.reduce((s, c) => s + c.gzip, 0);
  if (firstScreenGzip > BUDGETS.firstScreenGzipBytes) {
    failures.push(`first-screen JavaScript is ${kib(firstScreenGzip)} gzipped, budget ${kib(BUDGETS.firstScreenGzipBytes)}`);
  }

  const swPath = join(dist, 'sw.js');
  let precache = { files: 0, bytes: 0, largest: [] };
  if (!existsSync(swPath)) failures.push('sw.js not found: the service worker precache cannot be checked');
  else {
    const sizes = precacheUrls(readFileSync(swPath, 'utf8')).map((url) => {
      const path = join(dist, toDistPath(url) ?? url);
      if (!existsSync(path)) failures.push(`precached file ${url} is missing from the build`);
      return { url, bytes: existsSync(path) ? statSync(path).size : 0 };
    });
    const bytes = sizes.reduce((s, f) => s + f.bytes, 0);
    precache = { files: sizes.length, bytes, largest: sizes.sort((a, b) => b.bytes - a.bytes).slice(0, 5) };
    if (bytes > BUDGETS.precacheBytes) {
      failures.push(`precache is ${kib(bytes)} in ${sizes.length} files, budget ${kib(BUDGETS.precacheBytes)}`);
    }
  }

  // Which source modules the first screen carries (needs the map written by bench/chunk-map-plugin.ts).
  let heaviest = [];
  let signedIn = null;
  const mapPath = join(dist, CHUNK_MAP);
  if (!existsSync(mapPath)) failures.push(`${CHUNK_MAP} not found: build with vite.config.ts (chunkMapPlugin) so lazy loading can be checked`);
  else {
    const map = JSON.parse(readFileSync(mapPath, 'utf8')).chunks ?? {};
    const byOwner = new Map();
    const eagerFeatures = new Set();
    for (const file of files) {
      for (const [id, size] of Object.entries(map[file]?.modules ?? {})) {
        const owner = packageOf(id);
        byOwner.set(owner, (byOwner.get(owner) ?? 0) + size);
        if (/^src\/features\/[^/]+\//.test(id) && !SHELL_ALLOWED.some((re) => re.test(id))) eagerFeatures.add(`${id} (in ${file})`);
      }
    }
    for (const id of eagerFeatures) failures.push(`feature module loaded with the first screen instead of lazily: ${id}`);
    heaviest = [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([owner, bytes]) => ({ owner, bytes }));
    const dataChunks = Object.keys(map).filter((file) => DATA_LAYER.some((id) => id in (map[file].modules ?? {})));
    if (dataChunks.length) {
      const extra = firstScreenFiles(dist, dataChunks).filter((file) => !files.includes(file));
      const gzip = extra.reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file)), { level: 9 }).length, 0);
      signedIn = { gzipBytes: firstScreenGzip + gzip, dataLayerGzipBytes: gzip, files: extra.length };
    }
  }
  return { dist, budgets: BUDGETS, firstScreen: { gzipBytes: firstScreenGzip, chunks }, signedIn, precache, heaviest, failures };
}

function kib(n) {
  return `${(n / 1024).toFixed(1)} KiB`;
}

function format(r) {
  const lines = [];
  const log = (l) => lines.push(l);
  log(`Build budgets for ${r.dist}/`);
  log(`  first-screen JS: ${kib(r.firstScreen.gzipBytes)} gzipped (budget ${kib(r.budgets.firstScreenGzipBytes)}) in ${r.firstScreen.chunks.length} files`);
  for (const c of [...r.firstScreen.chunks].sort((a, b) => b.gzip - a.gzip)) {
    log(`    ${kib(c.gzip).padStart(11)} gz  ${kib(c.bytes).padStart(11)} raw  ${c.file}`);
  }
  if (r.heaviest.length) {
    log('  heaviest sources in the first screen (rendered bytes before minify and gzip):');
    for (const h of r.heaviest) log(`    ${kib(h.bytes).padStart(11)}  ${h.owner}`);
  }
  if (r.signedIn) {
    log(
      `  signed-in start (reported, no budget): ${kib(r.signedIn.gzipBytes)} gzipped = first screen + data layer ` +
        `${kib(r.signedIn.dataLayerGzipBytes)} in ${r.signedIn.files} files (import() by DataProvider once a session exists)`,
    );
  }
  log(`  precache: ${kib(r.precache.bytes)} in ${r.precache.files} files (budget ${kib(r.budgets.precacheBytes)})`);
  for (const f of r.precache.largest) log(`    ${kib(f.bytes).padStart(11)}  ${f.url}`);
  if (r.failures.length === 0) log('All build budgets hold.');
  else for (const f of r.failures) log(`BUDGET EXCEEDED: ${f}`);
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dist = args.find((a) => !a.startsWith('--')) ?? 'dist';
  await init;
  let report;
  try {
    report = checkBuild(dist);
  } catch (err) {
    console.error(`budget check could not read the build: ${err.message}`);
    process.exit(2);
  }
  const lines = format(report);
  if (args.includes('--json')) console.log(JSON.stringify(report, null, 1));
  else for (const l of lines) (l.startsWith('BUDGET') ? console.error : console.log)(l);
  const out = args.find((a) => a.startsWith('--write='))?.slice('--write='.length);
  if (out) {
    const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
    const text = `# Build budgets\n\nCommand: \`node bench/budget.mjs ${dist}\` after \`vite build\` (run by \`npm run bench\` and \`npm test\`)\n\n- Date: ${new Date().toISOString()}\n- Node ${process.version}; load average ${load}\n\n\`\`\`\n${lines.join('\n')}\n\`\`\`\n`;
    writeFileSync(out, text);
  }
  process.exit(report.failures.length ? 1 : 0);
}
