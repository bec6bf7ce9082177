import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../domain/policy';
import { draftSlot } from '../../domain/rules/roster-plan';
import { rosterAnalyser } from './analysis';
import { buildGrid, cellKey, leaveByDay } from './grid';

const MON = '2025-03-03';
const TUE = '2025-03-04';
const site = {
  timeZone: 'Asia/Shanghai',
  shiftTemplates: [
    { id: 'early', name: '早班', start: '08:30', end: '16:30', breakMinutes: 0 },
    { id: 'late', name: '晚班', start: '14:30', end: '22:30', breakMinutes: 0 },
  ],
  posts: [
    { id: 'w1', name: '窗口1', kind: 'window' as const, holderA: 'alice', holderB: 'bob', requiredCertificates: ['健康证'], requiredCourses: [] },
    { id: 'w2', name: '窗口2', kind: 'window' as const, holderA: 'carol', requiredCertificates: [], requiredCourses: [] },
  ],
};
const health = (expiresOn: string) => [{ kind: '健康证', issuedOn: '2024-01-01', expiresOn }];
const analyser = rosterAnalyser({
  site,
  policy: defaultPolicy,
  isWorkingDay: () => true,
  staff: [
    { id: 'alice', certificates: health('2025-12-31') },
    { id: 'bob', certificates: health('2025-03-01') },
    { id: 'carol', certificates: [] },
  ],
  certificates: [],
  leave: [
    { id: 'l1', staffId: 'carol', type: 'sick', startDay: TUE, endDay: TUE, status: 'approved' },
    { id: 'l2', staffId: 'alice', type: 'annual', startDay: TUE, endDay: TUE, status: 'rejected' },
  ],
});
const slot = (post: (typeof site.posts)[number], day: string, shift: string, who: string) => draftSlot('s', post, day, shift, who);
const [w1, w2] = site.posts as [(typeof site.posts)[0], (typeof site.posts)[1]];

describe('rosterAnalyser binds the rules to a site’s documents', () => {
  it('finds leave, expired certificates, overlaps and coverage gaps', () => {
    const slots = [slot(w1, MON, 'early', 'alice'), slot(w2, MON, 'late', 'alice'), slot(w2, TUE, 'early', 'carol')];
    const issues = analyser.validate(slots, [MON, TUE]);
    expect(issues.map((i) => [i.code, i.day, i.postId]).sort()).toEqual(
      [
        ['on-leave', TUE, 'w2'],
        ['overlap', MON, undefined],
        ['post-uncovered', TUE, 'w1'],
      ].sort(),
    );
  });

  it('rejected leave is not leave', () => {
    expect(analyser.validate([slot(w1, TUE, 'early', 'alice')], []).map((i) => i.code)).toEqual([]);
  });

  it('checks a candidate against the person’s own other slots only', () => {
    const others = [slot(w2, MON, 'late', 'alice'), slot(w2, MON, 'early', 'carol')];
    expect(analyser.candidate(slot(w1, MON, 'early', 'bob'), others).map((i) => i.code)).toEqual(['certificate-expired']);
    expect(analyser.candidate(slot(w1, MON, 'early', 'alice'), others).map((i) => i.code)).toEqual(['overlap']);
    // Re-assigning the same slot does not overlap with its own old version.
    const same = slot(w1, MON, 'early', 'alice');
    expect(analyser.candidate(same, [same])).toEqual([]);
  });
});

describe('buildGrid', () => {
  it('puts slots in their cells in shift order with their issues, and coverage alerts on their cell', () => {
    const slots = [slot(w1, MON, 'late', 'bob'), slot(w1, MON, 'early', 'alice')];
    const issues = analyser.validate(slots, [MON]);
    const grid = buildGrid(['w1', 'w2'], [MON], slots, issues, ['early', 'late']);
    const cell = grid.get(cellKey('w1', MON))!;
    expect(cell.slots.map((s) => s.staffId)).toEqual(['alice', 'bob']);
    expect(cell.issuesBySlot.get(slots[0]!.id)!.map((i) => i.code)).toEqual(['certificate-expired']);
    expect(cell.issuesBySlot.get(slots[1]!.id)).toEqual([]);
    expect(grid.get(cellKey('w2', MON))!.alerts.map((i) => i.code)).toEqual(['post-uncovered']);
    expect(grid.size).toBe(2);
  });

  it('ignores slots outside the grid', () => {
    const grid = buildGrid(['w1'], [MON], [slot(w1, TUE, 'early', 'alice')], [], ['early']);
    expect(grid.get(cellKey('w1', MON))!.slots).toEqual([]);
  });
});

describe('leaveByDay', () => {
  it('marks approved and pending leave on each of its days, with the type it counts as', () => {
    const marks = leaveByDay([MON, TUE], [
      { id: 'a', staffId: 'alice', type: 'sick', effectiveType: 'personal', startDay: '2025-03-01', endDay: MON, status: 'approved' },
      { id: 'b', staffId: 'bob', type: 'annual', startDay: TUE, endDay: '2025-03-09', status: 'pending' },
      { id: 'c', staffId: 'carol', type: 'annual', startDay: MON, endDay: TUE, status: 'cancelled' },
    ]);
    expect(marks.get(MON)).toEqual([{ staffId: 'alice', leaveId: 'a', type: 'personal', approved: true }]);
    expect(marks.get(TUE)).toEqual([{ staffId: 'bob', leaveId: 'b', type: 'annual', approved: false }]);
  });
});
