import { describe, expect, it } from 'vitest';
import { matchesStaff, searchStaff } from './search';

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

describe('searchStaff', () => {
  const staff = [
    { name: '王芳', pinyinInitials: 'wf', staffNo: 'H0003', status: 'on-post' as const },
    { name: '张伟', pinyinInitials: 'zw', staffNo: 'H0012', status: 'on-post' as const },
    { name: '张伟华', pinyinInitials: 'zwh', staffNo: 'H0002', status: 'standby' as const },
    { name: '赵文', pinyinInitials: 'zw', staffNo: 'H0001', status: 'left' as const },
  ];
  it('leaves out people who left, ranks name prefixes before initials, then by staff number', () => {
    expect(searchStaff(staff, 'zw', 10).shown.map((s) => s.name)).toEqual(['张伟华', '张伟']);
    expect(searchStaff(staff, '', 10).shown.map((s) => s.staffNo)).toEqual(['H0002', 'H0003', 'H0012']);
  });
  it('an exact staff number comes first', () => {
    expect(searchStaff(staff, 'h0012', 10).shown.map((s) => s.name)).toEqual(['张伟']);
    expect(searchStaff(staff, 'H00', 10).shown[0]!.staffNo).toBe('H0002');
  });
  it('caps the list and counts the rest', () => {
    expect(searchStaff(staff, '', 2)).toMatchObject({ more: 1 });
    expect(searchStaff(staff, '', 2).shown).toHaveLength(2);
  });
});
