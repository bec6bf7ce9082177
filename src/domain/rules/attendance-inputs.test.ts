import { describe, expect, it } from 'vitest';
import { defaultPolicy, policySchema } from '../policy';
import { leaveSpans, rosteredShifts, sitePolicy, trainingDaysOf } from './attendance-inputs';

describe('rosteredShifts', () => {
  const templates = [
    { id: 'early', start: '08:30', end: '16:30' },
    { id: 'night', start: '22:00', end: '06:00' },
  ];
  const slot = (id: string, shiftId: string, status: 'draft' | 'published' = 'published') => ({ id, day: '2025-03-03', postId: 'w1', shiftId, staffId: 's1', status });

  it('turns published slots into UTC shifts in the site time zone, overnight included', () => {
    expect(rosteredShifts([slot('a', 'early'), slot('b', 'night')], templates, 'Asia/Shanghai')).toEqual([
      { id: 'a', day: '2025-03-03', postId: 'w1', start: '2025-03-03T00:30:00.000Z', end: '2025-03-03T08:30:00.000Z' },
      { id: 'b', day: '2025-03-03', postId: 'w1', start: '2025-03-03T14:00:00.000Z', end: '2025-03-03T22:00:00.000Z' },
    ]);
  });

  it('skips drafts and slots whose template is gone', () => {
    expect(rosteredShifts([slot('a', 'early', 'draft'), slot('b', 'gone')], templates, 'Asia/Shanghai')).toEqual([]);
  });
});

describe('leaveSpans', () => {
  it('counts the type after the evidence check and marks only approved leave approved', () => {
    const base = { startDay: '2025-03-03', endDay: '2025-03-04' };
    expect(
      leaveSpans([
        { id: 'l1', type: 'sick', effectiveType: 'personal', status: 'approved', ...base },
        { id: 'l2', type: 'annual', status: 'pending', ...base },
      ]),
    ).toEqual([
      { id: 'l1', type: 'personal', from: '2025-03-03', to: '2025-03-04', approved: true },
      { id: 'l2', type: 'annual', from: '2025-03-03', to: '2025-03-04', approved: false },
    ]);
  });
});

describe('trainingDaysOf', () => {
  it('takes held sessions the person attended (present or late)', () => {
    const s = (day: string, status: 'planned' | 'held' | 'cancelled', attendee: 'present' | 'late' | 'absent' | 'expected') => ({ day, status, attendees: [{ staffId: 's1', status: attendee }] });
    expect(
      trainingDaysOf(
        [s('2025-03-05', 'held', 'present'), s('2025-03-04', 'held', 'late'), s('2025-03-06', 'held', 'absent'), s('2025-03-07', 'planned', 'expected'), s('2025-03-05', 'held', 'present')],
        's1',
      ),
    ).toEqual(['2025-03-04', '2025-03-05']);
    expect(trainingDaysOf([s('2025-03-05', 'held', 'present')], 's2')).toEqual([]);
  });
});

describe('sitePolicy', () => {
  it('applies the site overrides on the organisation policy, or on the defaults', () => {
    const org = policySchema.parse({ attendance: { graceMinutes: 3 } });
    expect(sitePolicy(org, { attendance: { absenceThresholdMinutes: 30 } }, defaultPolicy).attendance).toMatchObject({ graceMinutes: 3, absenceThresholdMinutes: 30 });
    expect(sitePolicy(undefined, undefined, defaultPolicy)).toBe(defaultPolicy);
  });
});
