import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = join(BENCH_ROOT, '..');

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function ms(n: number): string {
  return n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`;
}

/** The machine and the moment, so a figure can be judged (other work on the 2 cores shows in the load). */
export function machineDetails(): string {
  const cpu = os.cpus();
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: REPO, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return [
    `- Date: ${new Date().toISOString()}`,
    `- Commit: ${commit} (plus the working tree)`,
    `- Node ${process.version}, ${os.platform()} ${os.release()}`,
    `- CPU: ${cpu.length} × ${cpu[0]?.model ?? 'unknown'}; memory ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Load average at the end (1, 5, 15 min): ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`,
  ].join('\n');
}

/** Writes bench/results/<name>.md: title, the command that reproduces it, the machine, then the body. */
export function writeResult(name: string, title: string, command: string, body: string): string {
  const file = join(BENCH_ROOT, 'results', `${name}.md`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `# ${title}\n\nCommand: \`${command}\` (all benchmarks: \`npm run bench\`)\n\n${machineDetails()}\n\n${body.trim()}\n`);
  return file;
}

export function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
