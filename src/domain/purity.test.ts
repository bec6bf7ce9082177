import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * src/domain is shared by the browser app and the Node sync server, so it must
 * stay pure: no UI, database or I/O modules and no DOM globals. This scans
 * every non-test source file (tests themselves may read files, like this one).
 */

const FORBIDDEN_MODULES = [
  /^react(-dom)?(\/|$)/,
  /^rxdb(\/|$)/,
  /^dexie(\/|$)/,
  /^node:/,
  /^(fs|fs\/promises|net|http|http2|https|tls|dgram|dns|child_process|cluster|worker_threads|os|path|stream|readline|vm|module|process)$/,
  /^better-sqlite3$/,
  /^pg(\/|$)/,
  /^fastify$/,
  /^@fastify\//,
  /^ws$/,
  /^eventsource-parser/,
];

/** Browser globals whose use ties code to a page. */
const FORBIDDEN_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'indexedDB', 'navigator', 'fetch', 'XMLHttpRequest'];

/** Blanks out comments (and, if asked, string contents) so only code is matched. */
export function stripSource(src: string, { strings }: { strings: boolean }): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
      out += ' ';
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      out += strings ? `${c}${c}` : src.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Module specifiers a source imports: static imports, re-exports, dynamic import() and require(). */
export function importedModules(src: string): string[] {
  const code = stripSource(src, { strings: false });
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*(['"])([^'"]+)\1/g,
    /\bimport\s*(['"])([^'"]+)\1/g,
    /\bimport\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g,
    /\brequire\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[2]!);
  return found;
}

/** What makes a source impure: forbidden imports and DOM globals used in code. */
export function impurities(src: string): string[] {
  const problems = importedModules(src)
    .filter((m) => FORBIDDEN_MODULES.some((re) => re.test(m)))
    .map((m) => `imports ${m}`);
  const code = stripSource(src, { strings: true });
  for (const g of FORBIDDEN_GLOBALS) {
    // A global used as a value: not a property (x.window) nor an object key (window: …).
    if (new RegExp(`(?<![.\\w$])${g}\\b(?!\\s*:)`).test(code)) problems.push(`uses ${g}`);
  }
  return problems;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

const domainDir = dirname(fileURLToPath(import.meta.url));

describe('the scanner', () => {
  it.each([
    ["import { useState } from 'react';", 'imports react'],
    ["import * as fs from 'node:fs';", 'imports node:fs'],
    ["import { readFileSync } from 'fs'", 'imports fs'],
    ["export { x } from 'rxdb/plugins/core';", 'imports rxdb/plugins/core'],
    ["import 'dexie';", 'imports dexie'],
    ["const pg = await import('pg');", 'imports pg'],
    ["const db = require('better-sqlite3');", 'imports better-sqlite3'],
    ['import type { FastifyInstance } from "fastify";', 'imports fastify'],
    ['import {\n  a,\n  b,\n} from "child_process";', 'imports child_process'],
    ['const w = window.innerWidth;', 'uses window'],
    ['document.title = "x";', 'uses document'],
    ['const r = await fetch(url);', 'uses fetch'],
  ])('flags %j', (src, problem) => {
    expect(impurities(src)).toContain(problem);
  });

  it.each([
    "import { z } from 'zod';",
    "import { addDays } from './calendar/days';",
    "// import fs from 'fs'\nconst a = 1;",
    "/* window.alert('x') */ const b = 2;",
    "const kind = 'window'; const label = \"document.title\";",
    'const post = { window: 1 }; const n = post.window;',
    "import data from 'chinese-days/dist/chinese-days.json';",
  ])('passes %j', (src) => {
    expect(impurities(src)).toEqual([]);
  });
});

describe('src/domain purity', () => {
  const files = sourceFiles(domainDir);

  it('finds the domain sources', () => {
    expect(files.length).toBeGreaterThan(5);
    expect(files.some((f) => f.endsWith('policy.ts'))).toBe(true);
  });

  it('no domain source imports React, RxDB, Dexie or Node I/O, or touches the DOM', () => {
    const report = files
      .map((f) => ({ file: relative(domainDir, f), problems: impurities(readFileSync(f, 'utf8')) }))
      .filter((r) => r.problems.length > 0);
    expect(report).toEqual([]);
  });
});
