import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc, parseHlc, receiveHlc, tickHlc, type HlcState } from './hlc';

const wall = fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 });
const state = (node: string) =>
  fc.record({ ms: wall, counter: fc.integer({ min: 0, max: 9999 }), node: fc.constant(node) });
/** A node's life: local ticks and messages received, each at some (possibly backwards) wall-clock reading. */
const step = fc.oneof(
  fc.record({ type: fc.constant('tick' as const), wall }),
  fc.record({ type: fc.constant('receive' as const), wall, remote: state('other') }),
);

describe('hybrid logical clock', () => {
  it('never goes backwards, whatever the wall clock does, and sorts as strings in the same order', () => {
    fc.assert(
      fc.property(state('tablet-1'), fc.array(step, { maxLength: 50 }), (start, steps) => {
        let last: HlcState = start;
        for (const s of steps) {
          const next = s.type === 'tick' ? tickHlc(last, s.wall) : receiveHlc(last, s.remote, s.wall);
          expect(formatHlc(next) > formatHlc(last)).toBe(true);
          if (s.type === 'receive') expect(formatHlc({ ...next, node: 'other' }) > formatHlc(s.remote)).toBe(true);
          // Never behind the wall clock it was given.
          expect(next.ms).toBeGreaterThanOrEqual(s.wall);
          expect(next.node).toBe('tablet-1');
          last = next;
        }
      }),
    );
  });

  it('follows the wall clock when it moves forward', () => {
    fc.assert(
      fc.property(state('n'), fc.integer({ min: 1, max: 1_000_000 }), (s, ahead) => {
        expect(tickHlc(s, s.ms + ahead)).toEqual({ ms: s.ms + ahead, counter: 0, node: 'n' });
      }),
    );
  });

  it('round-trips through its string form', () => {
    fc.assert(
      fc.property(state('kiosk:hall-1'), (s) => {
        expect(parseHlc(formatHlc(s))).toEqual(s);
      }),
    );
    expect(() => parseHlc('nonsense')).toThrow(/Not an HLC stamp/);
  });
});
