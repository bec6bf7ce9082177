import { readFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { pinyinInitialsOf } from './pinyin';
import { buildPinyinTable, renderPinyinTable, TABLE_FILE } from './pinyin-table.gen';
import { SURNAMES } from './pinyin-table';

/** What the app did with pinyin-pro in the bundle: the reference the table must match. */
function withPinyinPro(name: string): string {
  const parts = pinyin(name.trim(), { pattern: 'first', toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' });
  return parts
    .map((p) => p.trim().charAt(0).toLowerCase())
    .filter((c) => /[a-z0-9]/.test(c))
    .join('')
    .slice(0, 50);
}

/** A small seeded generator (LCG): the same names every run. */
function seeded(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
}

describe('the pinyin table', () => {
  it('is what pinyin-table.gen.ts makes from the installed pinyin-pro', async () => {
    expect(readFileSync(TABLE_FILE, 'utf8')).toBe(renderPinyinTable(await buildPinyinTable()));
  });

  it('reads 20,000 generated names exactly as pinyin-pro does', () => {
    const rnd = seeded(20_261_121);
    const surnames = Object.keys(SURNAMES);
    const given = '伟强磊军勇杰涛斌超明刚鹏浩宇俊峰辉健凯文波亮华丽娜静敏燕芳婷雪琳颖慧倩洁玲佳欣怡梅晶萍秀霞红月长乐行重朝和家国平安春志德海天子晓宏云飞龙凤英成瑞祥嘉敬思若依诗雨涵可梓萱泽轩博宁航奕辰沐阳';
    const anyHan = () => String.fromCodePoint(0x4e00 + rnd(0x9fff - 0x4e00 + 1));
    const names: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      names.push(surnames[rnd(surnames.length)]! + given[rnd(given.length)]! + (rnd(3) ? given[rnd(given.length)]! : ''));
      names.push(surnames[rnd(surnames.length)]! + anyHan() + anyHan());
    }
    const differ = names.filter((n) => pinyinInitialsOf(n) !== withPinyinPro(n));
    expect(differ).toEqual([]);
  });

  it.each(['张伟', '曾丽', '单晓红', '欧阳娜娜', '尉迟恭', '万俟卨', '长孙无忌', '李Anna', '李 Anna', 'Anna Li', 'A1张', '张3', '〇', '  王芳 ', ''])(
    '%j as pinyin-pro reads it',
    (name) => {
      expect(pinyinInitialsOf(name)).toBe(withPinyinPro(name));
    },
  );
});
