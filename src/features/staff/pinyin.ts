import { DENSE, DENSE_FROM, SPARSE, SURNAMES } from './pinyin-table';

/**
 * Pinyin initials for kiosk and list search, e.g. 张伟 → "zw"; surnames read as
 * surnames (曾 → z, 单 → s, 尉迟 → yc). Each character gives the first letter of
 * its default reading from a table generated from pinyin-pro's dictionary
 * (pinyin-table.gen.ts): the library itself is ten times larger than the
 * table and would not fit the precache budget. A run of other characters
 * (latin letters, digits) gives its first letter, as pinyin-pro's `nonZh:
 * 'consecutive'` did.
 */
export function pinyinInitialsOf(name: string): string {
  let rest = name.trim();
  let out = '';
  for (const length of [2, 1]) {
    const head = [...rest].slice(0, length).join('');
    const surname = [...head].length === length ? SURNAMES[head] : undefined;
    if (surname) {
      out += surname;
      rest = rest.slice(head.length);
      break;
    }
  }
  let run = '';
  const endRun = () => {
    const c = run.trim().charAt(0).toLowerCase();
    if (/[a-z0-9]/.test(c)) out += c;
    run = '';
  };
  for (const ch of rest) {
    const letter = hanInitial(ch);
    if (letter === undefined) {
      run += ch;
      continue;
    }
    endRun();
    out += letter;
  }
  endRun();
  return out.slice(0, 50);
}

/** A Chinese character's initial ('' when it has no reading), or undefined for anything else. */
function hanInitial(ch: string): string | undefined {
  const i = ch.codePointAt(0)! - DENSE_FROM;
  if (i >= 0 && i < DENSE.length) return DENSE[i] === '-' ? '' : DENSE[i];
  return SPARSE[ch];
}
