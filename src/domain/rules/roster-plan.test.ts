import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/working-days';
import { rosterSlotId } from '../ids';
import { defaultPolicy } from '../policy';
import type { PostLike, RosterIssue, RosterIssueCode } from './roster';
import { validateRoster } from './roster';
import {
  ackCode,
  BLOCKING_CODES,
  coverOf,
  draftSlot,
  isAcknowledged,
  isBlocking,
  leaveSpanOf,
  MAX_ACKS_PER_SLOT,
  monthDays,
  planCopy,
  planPublish,
  qualificationsOf,
  rewriteForSwap,
  toRuleSlot,
  weekDays,
  type SlotFields,
} from './roster-plan';

const SITE = 'site-1';
const MON = '2025-03-03';
const TUE = '2025-03-04';
const shifts = new Map([
  ['early', { start: '08:30', end: '16:30' }],
  ['late', { start: '14:30', end: '22:30' }],
  ['night', { start: '22:00', end: '06:00' }],
]);
const w1: PostLike = { id: 'w1', holderA: 'alice', holderB: 'bob', requiredCertificates: ['健康证'], requiredCourses: ['onboarding'] };
const w2: PostLike = { id: 'w2', holderA: 'carol', requiredCertificates: [], requiredCourses: [] };
const posts = new Map([w1, w2].map((p) => [p.id, p]));

function slot(post: PostLike, day: string, shiftId: string, staffId: string, status: SlotFields['status'] = 'draft', acks: string[] = []): SlotFields {
  return { ...draftSlot(SITE, post, day, shiftId, staffId), status, acknowledgedWarnings: acks };
}

describe('roster periods', () => {
  it.each([
    ['a Monday', MON, MON],
    ['a Wednesday', '2025-03-05', MON],
    ['a Sunday belongs to the week before', '2025-03-09', MON],
    ['across a month end', '2025-04-01', '2025-03-31'],
  ])('weekDays of %s run Monday to Sunday', (_n, day, monday) => {
    const week = weekDays(day);
    expect(week).toHaveLength(7);
    expect(week[0]).toBe(monday);
    expect(week).toContain(day);
  });

  it('monthDays covers the whole month, leap years included', () => {
    expect(monthDays('2024-02-10')).toHaveLength(29);
    expect(monthDays('2025-02-10').at(-1)).toBe('2025-02-28');
  });
});

describe('documents onto rule shapes', () => {
  it('a slot gets UTC instants from its shift in the site time zone; an overnight shift ends the next day', () => {
    const s = toRuleSlot(slot(w1, MON, 'night', 'alice'), shifts, 'Asia/Shanghai')!;
    expect(s.start).toBe('2025-03-03T14:00:00.000Z');
    expect(s.end).toBe('2025-03-03T22:00:00.000Z');
    expect(toRuleSlot(slot(w1, MON, 'gone', 'alice'), shifts, 'Asia/Shanghai')).toBeUndefined();
  });

  it('qualifications come from the staff record and the unrevoked course certificates', () => {
    const q = qualificationsOf(
      { certificates: [{ kind: '健康证', issuedOn: '2024-05-01', expiresOn: '2025-04-30' }] },
      [
        { courseId: 'onboarding', issuedOn: '2024-05-10', revoked: false },
        { courseId: 'safety', issuedOn: '2024-06-01', expiresOn: '2025-05-31', revoked: true },
      ],
    );
    expect(q.certificates).toEqual([{ kind: '健康证', issuedOn: '2024-05-01', expiresOn: '2025-04-30' }]);
    expect(q.passedCourses).toEqual([{ courseId: 'onboarding', passedOn: '2024-05-10' }]);
  });

  it.each([
    ['approved sick leave', { type: 'sick', status: 'approved' }, { type: 'sick', approved: true }],
    ['pending leave does not block', { type: 'annual', status: 'pending' }, { type: 'annual', approved: false }],
    ['failed evidence counts as 事假', { type: 'sick', effectiveType: 'personal', status: 'approved' }, { type: 'personal', approved: true }],
  ] as const)('leaveSpanOf: %s', (_n, over, expected) => {
    const span = leaveSpanOf({ id: 'l1', startDay: MON, endDay: TUE, ...over });
    expect(span).toEqual({ id: 'l1', from: MON, to: TUE, ...expected });
  });
});

describe('blocking and acknowledging', () => {
  it.each<[RosterIssueCode, boolean]>([
    ['certificate-expired', true],
    ['certificate-missing', true],
    ['course-expired', true],
    ['course-missing', true],
    ['unknown-post', true],
    ['on-leave', false],
    ['overlap', false],
    ['rest-too-short', false],
    ['post-uncovered', false],
    ['backup-not-covering', false],
  ])('%s blocks: %s', (code, blocks) => {
    expect(isBlocking({ code })).toBe(blocks);
    expect(BLOCKING_CODES.has(code)).toBe(blocks);
  });

  it('coverage alerts name their post in the acknowledgement; slot issues are their code', () => {
    expect(ackCode({ code: 'post-uncovered', postId: 'w2' })).toBe('post-uncovered:w2');
    expect(ackCode({ code: 'on-leave', postId: 'w1', slotId: 'x' })).toBe('on-leave');
  });

  it('an expired certificate found by the rules is blocking, not acknowledgeable', () => {
    const s = slot(w1, MON, 'early', 'alice');
    const issues = validateRoster([toRuleSlot(s, shifts, 'Asia/Shanghai')!], {
      posts: [w1],
      qualifications: () => ({ certificates: [{ kind: '健康证', issuedOn: '2024-01-01', expiresOn: '2025-03-01' }], passedCourses: [{ courseId: 'onboarding', passedOn: '2024-01-01' }] }),
      leave: () => [],
      days: [],
      isWorkingDay: () => true,
    }, defaultPolicy);
    const plan = planPublish([s], issues);
    expect(plan.blocking.map((i) => i.code)).toEqual(['certificate-expired']);
    expect(plan.toAcknowledge).toEqual([]);
  });
});

describe('planPublish', () => {
  const cal = new WorkingCalendar();
  const ctx = { posts: [w1, w2], qualifications: () => ({ certificates: [{ kind: '健康证', issuedOn: '2024-01-01' }], passedCourses: [{ courseId: 'onboarding', passedOn: '2024-01-01' }] }), leave: () => [], days: [MON, TUE], isWorkingDay: (d: string) => cal.isWorkingDay(d) };
  const check = (slots: SlotFields[]) => validateRoster(slots.map((s) => toRuleSlot(s, shifts, 'Asia/Shanghai')!), ctx, defaultPolicy);

  it('a clean roster publishes every draft with nothing to acknowledge', () => {
    const slots = [slot(w1, MON, 'early', 'alice'), slot(w2, MON, 'early', 'carol'), slot(w1, TUE, 'early', 'alice'), slot(w2, TUE, 'early', 'carol')];
    const plan = planPublish(slots, check(slots));
    expect(plan.blocking).toEqual([]);
    expect(plan.toAcknowledge).toEqual([]);
    expect(plan.published.map((s) => s.status)).toEqual(['published', 'published', 'published', 'published']);
  });

  it('an overlap must be acknowledged and is recorded on both slots', () => {
    const a = slot(w1, MON, 'early', 'alice');
    const b = slot(w2, MON, 'late', 'alice');
    const plan = planPublish([a, b], check([a, b]));
    expect(plan.blocking).toEqual([]);
    // Tuesday's empty posts are alerts too, but Tuesday has no drafts: not part of this publication.
    expect(plan.toAcknowledge.map((i) => i.code)).toEqual(['overlap']);
    for (const s of plan.published) expect(s.acknowledgedWarnings).toEqual(['overlap']);
  });

  it('a coverage gap on a day with drafts is acknowledged on every draft of that day', () => {
    const a = slot(w1, MON, 'early', 'alice');
    const plan = planPublish([a], check([a]));
    expect(plan.toAcknowledge.map((i) => [i.code, i.day, i.postId])).toEqual([['post-uncovered', MON, 'w2']]);
    expect(plan.published[0]!.acknowledgedWarnings).toEqual(['post-uncovered:w2']);
  });

  it('published slots are left out, and their old issues are not asked again', () => {
    const a = slot(w1, MON, 'early', 'alice', 'published', ['overlap']);
    const b = slot(w2, MON, 'early', 'carol');
    const plan = planPublish([a, b], check([a, b]));
    expect(plan.drafts.map((s) => s.id)).toEqual([b.id]);
    expect(plan.published.map((s) => s.id)).toEqual([b.id]);
  });

  it('keeps at most MAX_ACKS_PER_SLOT acknowledgements', () => {
    const s = slot(w1, MON, 'early', 'alice', 'draft', Array.from({ length: MAX_ACKS_PER_SLOT }, (_, i) => `old-${i}`));
    const issues: RosterIssue[] = [{ code: 'on-leave', severity: 'error', day: MON, slotId: s.id, staffId: 'alice', postId: 'w1' }];
    expect(planPublish([s], issues).published[0]!.acknowledgedWarnings).toHaveLength(MAX_ACKS_PER_SLOT);
  });

  it('isAcknowledged reads the slot, or for a coverage alert any slot of the day', () => {
    const s = slot(w1, MON, 'early', 'alice', 'published', ['on-leave', 'post-uncovered:w2']);
    const slots = new Map([[s.id, s]]);
    expect(isAcknowledged({ code: 'on-leave', severity: 'error', day: MON, slotId: s.id }, slots)).toBe(true);
    expect(isAcknowledged({ code: 'overlap', severity: 'error', day: MON, slotId: s.id }, slots)).toBe(false);
    expect(isAcknowledged({ code: 'post-uncovered', severity: 'alert', day: MON, postId: 'w2' }, slots, [s])).toBe(true);
    expect(isAcknowledged({ code: 'post-uncovered', severity: 'alert', day: MON, postId: 'w1' }, slots, [s])).toBe(false);
  });
});

describe('planCopy ("copy last week")', () => {
  const last = [slot(w1, MON, 'early', 'alice', 'published', ['overlap']), slot(w2, MON, 'early', 'dave', 'published'), slot(w1, TUE, 'early', 'bob', 'published')];

  it('copies each slot 7 days later as a fresh draft with a deterministic id and recomputed cover', () => {
    const plan = planCopy(last, 7, posts, new Set(), () => false);
    expect(plan.slots.map((s) => [s.id, s.status, s.cover, s.acknowledgedWarnings.length])).toEqual([
      [rosterSlotId(SITE, 'w1', '2025-03-10', 'early'), 'draft', 'A', 0],
      [rosterSlotId(SITE, 'w2', '2025-03-10', 'early'), 'draft', 'other', 0],
      [rosterSlotId(SITE, 'w1', '2025-03-11', 'early'), 'draft', 'B', 0],
    ]);
  });

  it('leaves existing target slots alone and skips blocked copies', () => {
    const existing = new Set([rosterSlotId(SITE, 'w1', '2025-03-10', 'early')]);
    const plan = planCopy(last, 7, posts, existing, (c) => c.staffId === 'bob');
    expect(plan.skippedExisting).toBe(1);
    expect(plan.skippedBlocked.map((s) => s.staffId)).toEqual(['bob']);
    expect(plan.slots.map((s) => s.staffId)).toEqual(['dave']);
  });
});

describe('rewriteForSwap', () => {
  const mine = slot(w1, MON, 'early', 'alice', 'published', ['on-leave']);
  const theirs = slot(w2, MON, 'late', 'carol', 'published');
  const slots = new Map([mine, theirs].map((s) => [s.id, s]));

  it('a cover hands the requester’s slot to the colleague', () => {
    const r = rewriteForSwap({ requestType: 'cover', slotId: mine.id, staffId: 'alice', counterpartId: 'bob' }, slots, posts);
    expect(r).toEqual({ ok: true, slots: [{ ...mine, staffId: 'bob', cover: 'B', acknowledgedWarnings: [] }] });
  });

  it('a swap exchanges the people of the two slots', () => {
    const r = rewriteForSwap({ requestType: 'swap', slotId: mine.id, counterpartSlotId: theirs.id, staffId: 'alice', counterpartId: 'carol' }, slots, posts);
    expect(r.ok && r.slots.map((s) => [s.postId, s.staffId, s.cover, s.status])).toEqual([
      ['w1', 'carol', 'other', 'published'],
      ['w2', 'alice', 'other', 'published'],
    ]);
  });

  it.each([
    ['the slot is gone', { slotId: 'nope' }, 'slot-missing'],
    ['the slot was reassigned meanwhile', { staffId: 'zoe' }, 'not-requesters-slot'],
    ['the colleague’s slot is gone', { requestType: 'swap' as const, counterpartSlotId: 'nope' }, 'counterpart-slot-missing'],
    ['the colleague’s slot is someone else’s', { requestType: 'swap' as const, counterpartSlotId: theirs.id, counterpartId: 'dave' }, 'not-counterparts-slot'],
  ])('refuses when %s', (_n, over, reason) => {
    const r = rewriteForSwap({ requestType: 'cover', slotId: mine.id, staffId: 'alice', counterpartId: 'carol', ...over }, slots, posts);
    expect(r).toEqual({ ok: false, reason });
  });

  it('coverOf names A, B or other', () => {
    expect([coverOf(w1, 'alice'), coverOf(w1, 'bob'), coverOf(w1, 'zoe'), coverOf(undefined, 'alice')]).toEqual(['A', 'B', 'other', 'other']);
  });
});
