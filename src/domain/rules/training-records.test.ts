import { describe, expect, it } from 'vitest';
import { courseStats, personHistory } from './training-records';

type Att = 'present' | 'late' | 'absent' | 'excused' | 'expected';
const session = (id: string, courseId: string, day: string, status: 'planned' | 'held' | 'cancelled', people: [string, Att][]) => ({
  id,
  courseId,
  day,
  status,
  attendees: people.map(([staffId, s]) => ({ staffId, status: s })),
});
const result = (staffId: string, attempt: number, finalScore: number | undefined, passed: boolean | undefined, courseId = 'c1') => ({
  examId: 'e1',
  courseId,
  staffId,
  attempt,
  day: `2026-03-0${attempt}`,
  status: finalScore === undefined ? ('pending-marking' as const) : ('final' as const),
  ...(finalScore === undefined ? {} : { finalScore }),
  ...(passed === undefined ? {} : { passed }),
});

describe('courseStats: per-course completion and pass rates', () => {
  const sessions = [
    session('s1', 'c1', '2026-03-02', 'held', [['a', 'present'], ['b', 'late'], ['c', 'absent'], ['d', 'present']]),
    session('s2', 'c1', '2026-03-10', 'planned', [['e', 'expected']]),
    session('s3', 'c1', '2026-03-11', 'cancelled', [['z', 'expected']]),
    session('s4', 'c2', '2026-03-02', 'held', [['a', 'present']]),
  ];
  const results = [
    result('a', 1, 90, true),
    result('b', 1, 60, false),
    result('b', 2, 85, true),
    result('d', 1, 70, false),
    result('e', 1, undefined, undefined),
    result('a', 1, 50, false, 'c2'),
  ];

  it('counts people, not attempts', () => {
    expect(courseStats('c1', sessions, results)).toEqual({
      courseId: 'c1',
      enrolled: 5, // a b c d e (z only in a cancelled session)
      attended: 3, // a b d
      examined: 3, // a b d (e is pending marking)
      passed: 2, // a b
      passedFirstAttempt: 1, // a
      completionRate: 0.4,
      passRate: 0.6667,
      firstAttemptPassRate: 0.3333,
      averageScore: 76.25,
    });
  });

  it('gives null rates when there is nothing to divide by', () => {
    expect(courseStats('c9', sessions, results)).toMatchObject({ enrolled: 0, completionRate: null, passRate: null, averageScore: null });
  });
});

describe('personHistory: a person’s training history', () => {
  it('lists sessions, attempts and certificates in day order', () => {
    const history = personHistory(
      'a',
      [session('s1', 'c1', '2026-03-02', 'held', [['a', 'present'], ['b', 'late']]), session('s0', 'c1', '2026-03-01', 'held', [['b', 'present']])],
      [result('a', 1, 90, true), result('b', 1, 60, false)],
      [
        { courseId: 'c1', staffId: 'a', issuedOn: '2026-03-01', revoked: false, number: 'PX-1', expiresOn: '2027-02-28' },
        { courseId: 'c1', staffId: 'b', issuedOn: '2026-03-01', revoked: false },
      ],
    );
    expect(history.map((h) => [h.type, h.day])).toEqual([
      ['result', '2026-03-01'],
      ['certificate', '2026-03-01'],
      ['session', '2026-03-02'],
    ]);
    expect(history[0]).toMatchObject({ type: 'result', attempt: 1, finalScore: 90, passed: true });
    expect(history[1]).toMatchObject({ number: 'PX-1', expiresOn: '2027-02-28', revoked: false });
    expect(history[2]).toMatchObject({ attendance: 'present', sessionStatus: 'held' });
  });
});
