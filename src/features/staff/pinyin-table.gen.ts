// Builds src/features/staff/pinyin-table.ts from pinyin-pro's dictionary:
//   npx tsx src/features/staff/pinyin-table.gen.ts
// pinyin-pro itself (about 310 KB minified) is not shipped to the browser: the
// app needs only the first letter of each character's reading and of each
// surname's, which fit in about 25 KB (docs/adr/0003-precache.md).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';

/** The dense block: CJK Unified Ideographs, where almost every name character lives. */
export const DENSE_FROM = 0x4e00;
export const DENSE_TO = 0x9fff;
/** Other ranges pinyin-pro reads a few characters of (extensions A–E, 〇). */
const SPARSE_RANGES: [number, number][] = [
  [0x3007, 0x3007],
  [0x3400, 0x4dbf],
  [0x20000, 0x2ebef],
];

/** The first letter of a character's default reading, or '' when pinyin-pro has none. */
function initialOf(ch: string): string {
  const p = pinyin(ch, { pattern: 'first', toneType: 'none' });
  return p !== ch && /^[a-z]$/i.test(p.charAt(0)) ? p.charAt(0).toLowerCase() : '';
}

/** Tone marks off, first letters joined: 'ōu yáng' → 'oy'. */
function initialsOfReading(reading: string): string {
  return reading
    .split(' ')
    .map((syllable) => syllable.normalize('NFD').charAt(0).toLowerCase())
    .join('');
}

export interface PinyinTable {
  source: string;
  dense: string;
  sparse: Record<string, string>;
  surnames: Record<string, string>;
}

export async function buildPinyinTable(): Promise<PinyinTable> {
  let dense = '';
  for (let cp = DENSE_FROM; cp <= DENSE_TO; cp++) dense += initialOf(String.fromCodePoint(cp)) || '-';
  const sparse: Record<string, string> = {};
  for (const [from, to] of SPARSE_RANGES) {
    for (let cp = from; cp <= to; cp++) {
      const letter = initialOf(String.fromCodePoint(cp));
      if (letter) sparse[String.fromCodePoint(cp)] = letter;
    }
  }
  // pinyin-pro's surname readings (an internal module it exports under dist/, without types).
  const surnameModule = 'pinyin-pro/dist/esm/data/surname.mjs';
  const { default: readings } = (await import(surnameModule)) as { default: Record<string, string> };
  const surnames: Record<string, string> = {};
  for (const [zh, reading] of Object.entries(readings)) surnames[zh] = initialsOfReading(reading);
  const { version } = (await import('pinyin-pro/package.json', { with: { type: 'json' } })).default as { version: string };
  return { source: `pinyin-pro ${version}`, dense, sparse, surnames };
}

export function renderPinyinTable(t: PinyinTable): string {
  const lines = [
    `// Generated from ${t.source} by src/features/staff/pinyin-table.gen.ts: do not edit.`,
    '// pinyin-table.test.ts checks it is current and that it reads names as pinyin-pro does.',
    '',
    `/** First letters of U+${DENSE_FROM.toString(16).toUpperCase()}..U+${DENSE_TO.toString(16).toUpperCase()}, one per code point; '-' where there is no reading. */`,
    `export const DENSE_FROM = 0x${DENSE_FROM.toString(16)};`,
    `export const DENSE = ${JSON.stringify(t.dense)};`,
    '',
    '/** Characters outside that block with a reading. */',
    `export const SPARSE: Readonly<Record<string, string>> = ${JSON.stringify(t.sparse)};`,
    '',
    '/** Surnames (one or two characters) with their reading as a surname: 曾 → z, 单 → s, 尉迟 → yc. */',
    `export const SURNAMES: Readonly<Record<string, string>> = ${JSON.stringify(t.surnames)};`,
    '',
  ];
  return lines.join('\n');
}

export const TABLE_FILE = fileURLToPath(new URL('./pinyin-table.ts', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(TABLE_FILE, renderPinyinTable(await buildPinyinTable()));
  console.log(`wrote ${TABLE_FILE}`);
}
