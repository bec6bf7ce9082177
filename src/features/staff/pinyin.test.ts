import { describe, expect, it } from 'vitest';
import { pinyinInitialsOf } from './pinyin';

describe('pinyinInitialsOf', () => {
  it.each([
    ['张伟', 'zw'],
    ['曾丽', 'zl'],
    ['单晓红', 'sxh'],
    ['欧阳娜娜', 'oynn'],
    ['李Anna', 'la'],
    ['  王芳 ', 'wf'],
    ['', ''],
  ])('%s → %s', (name, initials) => {
    expect(pinyinInitialsOf(name)).toBe(initials);
  });
});
