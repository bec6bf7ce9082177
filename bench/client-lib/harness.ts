import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer } from '../../sync-server/test-support/server';

/** Shared plumbing of the client data-layer benchmarks: the page bundle, a real server serving it, headless Chromium. */

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds bench/client-lib/page.ts for the browser into a folder the server serves as its web app. */
export async function buildPage(): Promise<string> {
  const dir = mkdtempSync(join(os.tmpdir(), 'hallops-client-bench-'));
  await build({
    entryPoints: [join(ROOT, 'bench/client-lib/page.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: process.env.BENCH_MINIFY !== '0',
    outfile: join(dir, 'bench.js'),
    logLevel: 'error',
  });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><script type="module" src="/bench.js"></script></head><body></body></html>');
  return dir;
}

export async function startBench(env: Record<string, string> = {}): Promise<{ server: TestServer; browser: Browser; page: Page; close(): Promise<void> }> {
  const staticDir = await buildPage();
  const server = await startTestServer({ staticDir, env: { DEMO_STAFF_COUNT: '60', ...env } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => window.bench?.ready === true);
  return {
    server,
    browser,
    page,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Starts the page's V8 CPU profiler through the DevTools protocol; `stop` writes a .cpuprofile file. */
export async function startCpuProfile(page: Page): Promise<{ stop(file: string): Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  return {
    async stop(file: string) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      await cdp.detach();
    },
  };
}

/**
 * CPU time (ms) used so far by this process's descendants (Chromium's browser
 * process, where IndexedDB writes happen, and its renderer), by process type.
 * Unlike wall time it is barely moved by other work on a shared machine.
 */
export function childCpuMs(): Record<string, number> {
  const procs = new Map<number, { ppid: number; ms: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, in clock ticks of 10 ms.
      procs.set(Number(entry), { ppid: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12])) * 10 });
    } catch {
      // The process ended meanwhile.
    }
  }
  const out: Record<string, number> = {};
  for (const [pid, proc] of procs) {
    for (let parent = proc.ppid; parent > 1; parent = procs.get(parent)?.ppid ?? 0) {
      if (parent !== process.pid) continue;
      let type = 'browser';
      try {
        type = /--type=([a-z-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1] ?? 'browser';
      } catch {
        // Counted as the browser process.
      }
      out[type] = (out[type] ?? 0) + proc.ms;
      break;
    }
  }
  return out;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  let chromiumVersion = 'unknown';
  try {
    chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // Reported as unknown.
  }
  return `Node ${process.version}, ${cpu}, ${os.cpus().length} cores, ${os.platform()} ${os.arch()}; ${chromiumVersion} headless. Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

export function writeResult(name: string, body: string): void {
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.md`), body);
}
