import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certificateId, deterministicId, examResultId, MAX_ID_LENGTH, newId, reviewId, rosterSlotId, templateVersionId } from './ids';

/** Parts as they occur: short readable ids, UUIDs (v4/v7), long or non-ASCII strings. */
const part = fc.oneof(
  fc.constantFrom('site-hall-1', 'post-window-1', 'early', 'staff-00001'),
  fc.uuid(),
  fc.string({ minLength: 1, maxLength: 100 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
);
const day = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('deterministic ids', () => {
  it('are stable and fit in 100 characters, whatever the parts', () => {
    fc.assert(
      fc.property(part, part, day, part, fc.integer({ min: 1, max: 20 }), (a, b, d, c, n) => {
        for (const make of [() => rosterSlotId(a, b, d, c), () => examResultId(a, b, n), () => certificateId(a, b, d), () => reviewId(a, d.slice(0, 7)), () => templateVersionId(a, n)]) {
          const id = make();
          expect(id).toBe(make());
          expect(id.length).toBeLessThanOrEqual(MAX_ID_LENGTH);
          expect(id.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('differ when any part differs', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 4, maxLength: 4 }), fc.array(part, { minLength: 4, maxLength: 4 }), (p, q) => {
        fc.pre(p.some((x, i) => x !== q[i]));
        expect(deterministicId('slot', p)).not.toBe(deterministicId('slot', q));
      }),
    );
  });

  it('do not confuse a separator inside a part with the separator between parts', () => {
    expect(deterministicId('slot', ['a:b', 'c'])).not.toBe(deterministicId('slot', ['a', 'b:c']));
    expect(deterministicId('slot', ['a', 'b'])).toBe('slot:a:b');
  });

  it('stay readable for short parts and compact lower-case UUIDs', () => {
    expect(rosterSlotId('site-hall-1', 'post-window-1', '2025-03-03', 'early')).toBe('slot:site-hall-1:post-window-1:2025-03-03:early');
    const u = '0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    const id = rosterSlotId(u, u, '2025-03-03', u);
    expect(id).toMatch(/^slot:\$[A-Za-z0-9_-]{22}:\$[A-Za-z0-9_-]{22}:2025-03-03:\$[A-Za-z0-9_-]{22}$/);
    // An upper-case UUID is a different string, so it must give a different id.
    expect(rosterSlotId(u.toUpperCase(), u, '2025-03-03', u)).not.toBe(id);
  });

  it('fall back to a hash when the readable form is too long', () => {
    const long = 'x'.repeat(90);
    const id = examResultId(long, 'staff-1', 1);
    expect(id).toMatch(/^result:#[A-Za-z0-9_-]{43}$/);
  });

  it('refuse a prefix that could collide with a part', () => {
    expect(() => deterministicId('a:b', ['x'])).toThrow(/prefix/);
  });

  it('newId makes distinct time-ordered UUIDv7s', () => {
    const a = newId();
    const b = newId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    expect(a.slice(0, 8) <= b.slice(0, 8)).toBe(true);
  });
});
