import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/domain/roles';
import { toDoc } from '../store/rows';
import { wireFor, wireJsonFor } from './visible-pull';

const admin: SessionUser = { id: 'a', username: 'a', displayName: 'A', role: 'admin', siteIds: ['*'] };
const manager: SessionUser = { ...admin, id: 'm', role: 'manager' };
const row = (collection: string, data: string, deleted = 0) => toDoc({ collection, id: 'x', seq: 7, site_id: 's', deleted, data });

describe('documents on the wire', () => {
  it('copies stored JSON text with _deleted appended, equal to serialising the parsed document', () => {
    for (const [data, deleted] of [['{"id":"x","siteId":"s","note":"早班 }"}', 0], ['{"id":"x"}', 1], ['{}', 0], [' {"id":"x","n":[1,{"a":null}]} ', 1]] as const) {
      const doc = row('attendance', data, deleted);
      const text = wireJsonFor(admin, doc);
      expect(JSON.parse(text)).toEqual(wireFor(admin, doc));
      expect(JSON.parse(text)._deleted).toBe(deleted === 1);
    }
  });

  it('parses stored data only when it is read', () => {
    const doc = row('attendance', 'not json at all');
    expect(doc.seq).toBe(7);
    expect(() => doc.data).toThrow(SyntaxError);
  });

  it('redacts what a role may not see instead of copying the text', () => {
    const doc = row('staff', JSON.stringify({ id: 'x', siteId: 's', idNumber: '110101199001011234', monthlyWage: 5000 }));
    expect(JSON.parse(wireJsonFor(manager, doc))).toEqual({ id: 'x', siteId: 's', idNumber: '1101**********1234', _deleted: false });
    expect(JSON.parse(wireJsonFor(admin, doc))).toMatchObject({ monthlyWage: 5000 });
  });
});
