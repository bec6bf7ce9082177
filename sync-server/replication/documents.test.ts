import { describe, expect, it } from 'vitest';
import { sameContent, splitClientDoc, toWire } from './documents';

describe('documents', () => {
  it('compares content ignoring key order, server stamps, RxDB fields and undefined keys', () => {
    const a = { id: '1', name: 'x', nested: { b: 2, a: 1 }, updatedAt: 'A', _rev: '1-x', note: undefined };
    const b = { nested: { a: 1, b: 2 }, name: 'x', id: '1', updatedAt: 'B', receivedAt: 'C' };
    expect(sameContent(a, b)).toBe(true);
    expect(sameContent(a, { ...b, name: 'y' })).toBe(false);
    expect(sameContent(a, { ...b, nested: { a: 1, b: 3 } })).toBe(false);
  });

  it('splits off _deleted and RxDB bookkeeping, and puts _deleted back for the wire', () => {
    const { data, deleted } = splitClientDoc({ id: '1', _deleted: true, _meta: {}, _attachments: {}, _rev: 'r' });
    expect(data).toEqual({ id: '1' });
    expect(deleted).toBe(true);
    expect(toWire({ collection: 'c', id: '1', seq: 3, siteId: 's', deleted, data })).toEqual({ id: '1', _deleted: true });
  });
});
