import { describe, expect, it } from 'vitest';
import { matchesStaff } from './search';

const zhang = { name: '张伟', pinyinInitials: 'zw', staffNo: 'H0012' };

describe('kiosk search', () => {
  it.each([
    ['', true],
    ['张', true],
    ['张伟', true],
    ['ZW', true],
    ['z', true],
    ['w', false],
    ['0012', true],
    ['h00', true],
    ['李', false],
  ])('%j matches 张伟 (zw, H0012): %s', (query, expected) => {
    expect(matchesStaff(zhang, query)).toBe(expected);
  });
});
