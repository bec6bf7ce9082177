import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../domain/policy';
import type { PunchVerdict } from '../../domain/rules/attendance-today';
import { messages } from '../attendance/messages';
import { verdictMessage } from './verdict';

/** A `t` over the attendance catalog of one language that fails on a missing key and fills {{placeholders}}. */
function tFor(lang: 'zh-CN' | 'en'): TFunction {
  return ((key: string, opts: Record<string, unknown> = {}) => {
    const [ns, ...path] = key.split('.');
    expect(ns).toBe('attendance');
    const value = path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages[lang]);
    expect(typeof value, key).toBe('string');
    return (value as string).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(opts[name]));
  }) as unknown as TFunction;
}

const verdicts: [PunchVerdict, 'ok' | 'warn' | 'bad', string][] = [
  [{ kind: 'on-time', shiftId: 's', preShift: true, effectiveAt: 0 }, 'ok', '班前会'],
  [{ kind: 'on-time', shiftId: 's', preShift: false, effectiveAt: 0 }, 'ok', '准时'],
  [{ kind: 'late', shiftId: 's', minutes: 12, effectiveAt: 0 }, 'warn', '迟到 12 分钟'],
  [{ kind: 'late-absence', shiftId: 's', minutes: 75, effectiveAt: 0 }, 'bad', '超过 60 分钟按旷工计'],
  [{ kind: 'on-time-out', shiftId: 's', effectiveAt: 0 }, 'ok', '正常签退'],
  [{ kind: 'early', shiftId: 's', minutes: 10, effectiveAt: 0 }, 'warn', '早退 10 分钟'],
  [{ kind: 'early-absence', shiftId: 's', minutes: 90, effectiveAt: 0 }, 'bad', '早退 90 分钟'],
  [{ kind: 'left', lateBelowMinutes: 60 }, 'ok', '60 分钟内返岗'],
  [{ kind: 'back', minutes: 20, outcome: 'late' }, 'warn', '计迟到一次'],
  [{ kind: 'back', minutes: 90, outcome: 'half-day' }, 'bad', '旷工半天'],
  [{ kind: 'back', minutes: 300, outcome: 'full-day' }, 'bad', '旷工一天'],
  [{ kind: 'back', minutes: 0, outcome: 'none' }, 'ok', '已返岗'],
  [{ kind: 'not-away' }, 'warn', '没有未返岗'],
  [{ kind: 'no-shift' }, 'warn', '今日无排班'],
];

describe('the kiosk’s words for each verdict', () => {
  it.each(verdicts)('%j → %s', (v, tone, zh) => {
    const m = verdictMessage(tFor('zh-CN'), v, defaultPolicy);
    expect(m.tone).toBe(tone);
    expect(m.text).toContain(zh);
    expect(verdictMessage(tFor('en'), v, defaultPolicy).text.length).toBeGreaterThan(3);
  });
});
