import { describe, expect, it } from 'vitest';
import { resolveStaffId, staffIdFromDisplayName } from './identity';

const staff = [
  { id: 's1', name: '王芳' },
  { id: 's2', name: '李强' },
  { id: 's3', name: '李强', status: 'left' },
  { id: 's4', name: '张伟' },
  { id: 's5', name: '张伟' },
];

describe('finding the signed-in user’s staff record', () => {
  it.each([
    ['引导员 王芳', 's1'],
    ['组长 李强', 's2'],
    ['王芳', 's1'],
    ['项目经理 陈立新', undefined],
    ['引导员 张伟', undefined],
    ['', undefined],
  ])('%j → %s', (displayName, id) => {
    expect(staffIdFromDisplayName(displayName, staff)).toBe(id);
  });

  it('prefers a staff id on the session user, then the remembered choice, then the name', () => {
    expect(resolveStaffId({ id: 'u', displayName: '引导员 王芳', staffId: 's4' } as { id: string; displayName: string }, staff, 's2')).toEqual({ staffId: 's4', source: 'session' });
    expect(resolveStaffId({ id: 'u', displayName: '引导员 王芳' }, staff, 's2')).toEqual({ staffId: 's2', source: 'chosen' });
    expect(resolveStaffId({ id: 'u', displayName: '引导员 王芳' }, staff, 'gone')).toEqual({ staffId: 's1', source: 'name' });
    expect(resolveStaffId({ id: 'u', displayName: '督导 何建华' }, staff, null)).toEqual({ source: 'none' });
  });
});
