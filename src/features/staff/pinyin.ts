import { pinyin } from 'pinyin-pro';

/** Pinyin initials for kiosk and list search, e.g. 张伟 → "zw"; surnames read as surnames (曾 → z, 单 → s). */
export function pinyinInitialsOf(name: string): string {
  const parts = pinyin(name.trim(), { pattern: 'first', toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' });
  return parts
    .map((p) => p.trim().charAt(0).toLowerCase())
    .filter((c) => /[a-z0-9]/.test(c))
    .join('')
    .slice(0, 50);
}
