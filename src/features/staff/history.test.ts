import { describe, expect, it } from 'vitest';
import { normalizeAudit } from './history';

describe('normalizeAudit', () => {
  it('reads a bare list or a wrapped one, newest first', () => {
    const list = [
      { at: '2025-06-01T08:00:00.000Z', userId: 'user-manager', deviceId: 'd1', action: 'update', fields: ['phone'] },
      { timestamp: '2025-06-02T08:00:00.000Z', actor: 'user-admin', op: 'insert' },
    ];
    const expected = [
      { at: '2025-06-02T08:00:00.000Z', userId: 'user-admin', deviceId: undefined, action: 'insert', fields: undefined },
      { at: '2025-06-01T08:00:00.000Z', userId: 'user-manager', deviceId: 'd1', action: 'update', fields: ['phone'] },
    ];
    expect(normalizeAudit(list)).toEqual(expected);
    expect(normalizeAudit({ entries: list })).toEqual(expected);
    expect(normalizeAudit({ items: list })).toEqual(expected);
  });

  it('skips entries without a time and refuses what is not a list', () => {
    expect(normalizeAudit([{ userId: 'x' }, null, 3])).toEqual([]);
    expect(normalizeAudit({ detail: 'Not found' })).toBeNull();
    expect(normalizeAudit('x')).toBeNull();
  });
});
