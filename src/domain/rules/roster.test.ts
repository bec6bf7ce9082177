import { describe, expect, it } from 'vitest';
import { defaultPolicy, policySchema } from '../policy';
import { shiftInstants } from '../calendar/time-zone';
import { WorkingCalendar } from '../calendar/working-days';
import type { LeaveSpan } from './leave';
import { validateRoster, type PostLike, type RosterContext, type RosterSlotLike, type StaffQualifications } from './roster';

const MON = '2025-03-03';
const TUE = '2025-03-04';
const SAT = '2025-03-08';

function slot(id: string, staffId: string, day: string, start = '08:30', end = '16:30', postId = 'w1'): RosterSlotLike {
  return { id, staffId, postId, day, ...shiftInstants(day, start, end) };
}

const posts: PostLike[] = [
  { id: 'w1', holderA: 'alice', holderB: 'bob', requiredCertificates: ['health'], requiredCourses: ['onboarding'] },
];
const qualified: StaffQualifications = {
  certificates: [{ kind: 'health', issuedOn: '2024-01-01', expiresOn: '2025-12-31' }],
  passedCourses: [{ courseId: 'onboarding', passedOn: '2024-01-10' }],
};
const cal = new WorkingCalendar();

function ctx(over: Partial<RosterContext> = {}, leave: Record<string, LeaveSpan[]> = {}, quals: Record<string, StaffQualifications> = {}): RosterContext {
  return {
    posts,
    qualifications: (id) => quals[id] ?? qualified,
    leave: (id) => leave[id] ?? [],
    days: [MON],
    isWorkingDay: (d) => cal.isWorkingDay(d),
    ...over,
  };
}

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('DOMAIN.md roster rules', () => {
  it('a valid roster has no issues', () => {
    expect(validateRoster([slot('s1', 'alice', MON)], ctx(), defaultPolicy)).toEqual([]);
  });

  it('"a person can\'t be rostered while on approved leave"', () => {
    const leave = { alice: [{ type: 'sick' as const, from: MON, to: TUE, approved: true }] };
    expect(codes(validateRoster([slot('s1', 'alice', MON)], ctx({}, leave), defaultPolicy))).toContain('on-leave');
    const pending = { alice: [{ type: 'sick' as const, from: MON, to: TUE, approved: false }] };
    expect(codes(validateRoster([slot('s1', 'alice', MON)], ctx({}, pending), defaultPolicy))).not.toContain('on-leave');
  });

  it.each([
    ['no health certificate', { certificates: [], passedCourses: qualified.passedCourses }, 'certificate-missing'],
    [
      'health certificate expired the day before',
      { certificates: [{ kind: 'health', issuedOn: '2024-01-01', expiresOn: '2025-03-02' }], passedCourses: qualified.passedCourses },
      'certificate-expired',
    ],
    ['onboarding assessment not passed', { certificates: qualified.certificates, passedCourses: [] }, 'course-missing'],
    [
      'course passed only after the day',
      { certificates: qualified.certificates, passedCourses: [{ courseId: 'onboarding', passedOn: TUE }] },
      'course-missing',
    ],
    [
      'course certificate expired',
      { certificates: qualified.certificates, passedCourses: [{ courseId: 'onboarding', passedOn: '2024-01-01', expiresOn: '2024-12-31' }] },
      'course-expired',
    ],
  ])(
    '"or on a post whose required certificate or training they lack or have let expire (考核通过方可上岗; an expired required certificate blocks rostering)": %s',
    (_name, q, code) => {
      expect(codes(validateRoster([slot('s1', 'alice', MON)], ctx({}, {}, { alice: q }), defaultPolicy))).toEqual([code]);
    },
  );

  it('"no overlapping shifts"', () => {
    const issues = validateRoster([slot('s1', 'alice', MON), slot('s2', 'alice', MON, '14:30', '22:30', 'w2')], ctx({ posts: [...posts, { ...posts[0]!, id: 'w2', holderA: undefined, holderB: undefined }] }), defaultPolicy);
    expect(issues).toContainEqual(expect.objectContaining({ code: 'overlap', slotId: 's2', otherSlotId: 's1' }));
  });

  it('"minimum rest between shifts (our default 11 h)"', () => {
    const late = slot('s1', 'alice', MON, '14:30', '22:30');
    const early = slot('s2', 'alice', TUE, '08:30', '16:30'); // 10 h rest
    const both = ctx({ days: [MON, TUE] });
    expect(validateRoster([late, early], both, defaultPolicy)).toContainEqual(
      expect.objectContaining({ code: 'rest-too-short', restMinutes: 600, slotId: 's2' }),
    );
    const relaxed = policySchema.parse({ roster: { minimumRestHours: 10 } });
    expect(codes(validateRoster([late, early], both, relaxed))).not.toContain('rest-too-short');
    // A split shift with a lunch break is not "rest between shifts".
    const split = [slot('a', 'alice', MON, '08:30', '12:00'), slot('b', 'alice', MON, '13:00', '17:00')];
    expect(validateRoster(split, ctx(), defaultPolicy)).toEqual([]);
  });

  it('"A roster with an uncovered post on a working day is an alert."', () => {
    const issues = validateRoster([], ctx({ days: [MON, SAT] }), defaultPolicy);
    expect(issues).toEqual([{ code: 'post-uncovered', severity: 'alert', day: MON, postId: 'w1' }]);
  });

  it('"every post has a main holder (A) and a designated backup (B) who covers when A is absent"', () => {
    const leave = { alice: [{ type: 'annual' as const, from: MON, to: MON, approved: true }] };
    expect(validateRoster([slot('s1', 'bob', MON)], ctx({}, leave), defaultPolicy)).toEqual([]);
    const byCarol = validateRoster([slot('s1', 'carol', MON)], ctx({}, leave), defaultPolicy);
    expect(byCarol).toEqual([{ code: 'backup-not-covering', severity: 'warning', day: MON, postId: 'w1', staffId: 'bob' }]);
  });

  it('flags a slot on an unknown post', () => {
    expect(codes(validateRoster([slot('s1', 'alice', MON, '08:30', '16:30', 'nope')], ctx(), defaultPolicy))).toContain('unknown-post');
  });
});
