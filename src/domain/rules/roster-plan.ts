import { addDays, dayOfWeek, daysOfMonth, eachDay, monthOf } from '../calendar/days';
import { shiftInstants } from '../calendar/time-zone';
import { rosterSlotId } from '../ids';
import type { LeaveRequest } from '../schemas/leave';
import type { RosterSlot, SwapRequest } from '../schemas/roster';
import type { ShiftTemplate } from '../schemas/site';
import type { Staff } from '../schemas/staff';
import type { Certificate } from '../schemas/training';
import type { LeaveSpan } from './leave';
import type { PostLike, RosterIssue, RosterIssueCode, RosterSlotLike, StaffQualifications } from './roster';

/**
 * Planning a roster with the rules of ./roster.ts: the documents mapped onto
 * the rule shapes, which issues block an assignment outright, what publishing
 * must have acknowledged, copying a week forward and rewriting slots when a
 * swap or cover request is approved.
 */

/** The slot fields planning works with (a stored slot minus attribution). */
export type SlotFields = Pick<RosterSlot, 'id' | 'siteId' | 'postId' | 'day' | 'shiftId' | 'staffId' | 'status' | 'acknowledgedWarnings'> &
  Partial<Pick<RosterSlot, 'cover' | 'note'>>;

/** Monday to Sunday of the week a day falls in (Chinese rotas start on Monday). */
export function weekDays(day: string): string[] {
  const monday = addDays(day, -((dayOfWeek(day) + 6) % 7));
  return eachDay(monday, addDays(monday, 6));
}

/** Every day of the month a day falls in. */
export function monthDays(day: string): string[] {
  return daysOfMonth(monthOf(day));
}

/** A stored slot as the rules see it: UTC start and end from its shift template in the site's time zone. */
export function toRuleSlot(
  slot: Pick<RosterSlot, 'id' | 'staffId' | 'postId' | 'day' | 'shiftId'>,
  shifts: ReadonlyMap<string, Pick<ShiftTemplate, 'start' | 'end'>>,
  timeZone: string,
): RosterSlotLike | undefined {
  const shift = shifts.get(slot.shiftId);
  if (!shift) return undefined;
  const { start, end } = shiftInstants(slot.day, shift.start, shift.end, timeZone);
  return { id: slot.id, staffId: slot.staffId, postId: slot.postId, day: slot.day, start, end };
}

/**
 * A person's qualifications: certificates on the staff record (健康证, 从业资格证)
 * and courses passed, from the certificates training issued (revoked ones do not count).
 */
export function qualificationsOf(
  staff: Pick<Staff, 'certificates'> | undefined,
  issued: readonly Pick<Certificate, 'courseId' | 'issuedOn' | 'expiresOn' | 'revoked'>[],
): StaffQualifications {
  return {
    certificates: (staff?.certificates ?? []).map((c) => ({ kind: c.kind, issuedOn: c.issuedOn, ...(c.expiresOn ? { expiresOn: c.expiresOn } : {}) })),
    passedCourses: issued
      .filter((c) => !c.revoked)
      .map((c) => ({ courseId: c.courseId, passedOn: c.issuedOn, ...(c.expiresOn ? { expiresOn: c.expiresOn } : {}) })),
  };
}

/** A leave request as the rules see it: the type it counts as after the evidence check; only approved leave blocks rostering. */
export function leaveSpanOf(leave: Pick<LeaveRequest, 'id' | 'type' | 'effectiveType' | 'startDay' | 'endDay' | 'status'>): LeaveSpan {
  return { id: leave.id, type: leave.effectiveType ?? leave.type, from: leave.startDay, to: leave.endDay, approved: leave.status === 'approved' };
}

/**
 * Issues that block an assignment outright, whatever anyone acknowledges:
 * 持证上岗 (no valid certificate, no post) and 考核通过方可上岗 (no passed or
 * a lapsed required course, no post), and a post the site no longer has.
 * Everything else (leave, overlap, rest, coverage) may be published once shown
 * and acknowledged.
 */
export const BLOCKING_CODES: ReadonlySet<RosterIssueCode> = new Set([
  'certificate-expired',
  'certificate-missing',
  'course-expired',
  'course-missing',
  'unknown-post',
]);

export function isBlocking(issue: Pick<RosterIssue, 'code'>): boolean {
  return BLOCKING_CODES.has(issue.code);
}

/** The string recorded in a slot's `acknowledgedWarnings`: the code, plus the post for coverage alerts. */
export function ackCode(issue: Pick<RosterIssue, 'code' | 'postId' | 'slotId'>): string {
  return issue.slotId === undefined && issue.postId ? `${issue.code}:${issue.postId}` : issue.code;
}

/** The schema keeps at most this many acknowledgements on a slot. */
export const MAX_ACKS_PER_SLOT = 20;

/** Issues that concern a slot: its own, and the ones naming it as the other slot of an overlap or short rest. */
export function issuesOfSlot(slotId: string, issues: readonly RosterIssue[]): RosterIssue[] {
  return issues.filter((i) => i.slotId === slotId || i.otherSlotId === slotId);
}

/** Whether an issue was acknowledged when its slot (or, for coverage alerts, a slot of that day) was published. */
export function isAcknowledged(issue: RosterIssue, slots: ReadonlyMap<string, Pick<SlotFields, 'acknowledgedWarnings' | 'day'>>, slotsOfDay?: readonly Pick<SlotFields, 'acknowledgedWarnings'>[]): boolean {
  const code = ackCode(issue);
  if (issue.slotId) return slots.get(issue.slotId)?.acknowledgedWarnings.includes(code) ?? false;
  return (slotsOfDay ?? []).some((s) => s.acknowledgedWarnings.includes(code));
}

export interface PublishPlan {
  /** Draft slots of the period that would become published. */
  drafts: SlotFields[];
  /** Issues that forbid publishing until the slot is changed. */
  blocking: RosterIssue[];
  /** Issues the publisher must see and acknowledge. */
  toAcknowledge: RosterIssue[];
  /** The published slots, acknowledgements recorded. */
  published: SlotFields[];
}

/**
 * What publishing the drafts among `slots` involves: slot issues of the drafts
 * (the other slot of an overlap included) and coverage alerts on days that
 * have drafts. Blocking issues forbid it; the rest must be acknowledged, and
 * each published slot records the codes of the issues concerning it (coverage
 * alerts on every draft of their day), at most MAX_ACKS_PER_SLOT.
 */
export function planPublish(slots: readonly SlotFields[], issues: readonly RosterIssue[]): PublishPlan {
  const drafts = slots.filter((s) => s.status === 'draft');
  const draftIds = new Set(drafts.map((s) => s.id));
  const draftDays = new Set(drafts.map((s) => s.day));
  const relevant = issues.filter((i) =>
    i.slotId !== undefined ? draftIds.has(i.slotId) || (i.otherSlotId !== undefined && draftIds.has(i.otherSlotId)) : draftDays.has(i.day),
  );
  const blocking = relevant.filter((i) => isBlocking(i) && i.slotId !== undefined && draftIds.has(i.slotId));
  const toAcknowledge = relevant.filter((i) => !isBlocking(i));
  const published = drafts.map((s) => {
    const own = toAcknowledge.filter((i) => (i.slotId !== undefined ? i.slotId === s.id || i.otherSlotId === s.id : i.day === s.day));
    const acks = [...new Set([...s.acknowledgedWarnings, ...own.map(ackCode)])].slice(0, MAX_ACKS_PER_SLOT);
    return { ...s, status: 'published' as const, acknowledgedWarnings: acks };
  });
  return { drafts, blocking, toAcknowledge, published };
}

/** Whether the person is the post's A holder, its B backup, or someone else. */
export function coverOf(post: Pick<PostLike, 'holderA' | 'holderB'> | undefined, staffId: string): 'A' | 'B' | 'other' {
  if (post?.holderA === staffId) return 'A';
  if (post?.holderB === staffId) return 'B';
  return 'other';
}

/** A new draft slot for a person on a post's shift on a day; its id is deterministic (one per site, post, day, shift). */
export function draftSlot(
  siteId: string,
  post: Pick<PostLike, 'id' | 'holderA' | 'holderB'>,
  day: string,
  shiftId: string,
  staffId: string,
): SlotFields {
  return {
    id: rosterSlotId(siteId, post.id, day, shiftId),
    siteId,
    postId: post.id,
    day,
    shiftId,
    staffId,
    status: 'draft',
    cover: coverOf(post, staffId),
    acknowledgedWarnings: [],
  };
}

export interface CopyPlan {
  slots: SlotFields[];
  /** Target slots that already exist and are left alone. */
  skippedExisting: number;
  /** Copies the blocking rules refuse (e.g. a certificate expired since last week). */
  skippedBlocked: SlotFields[];
}

/**
 * "Copy last week": every slot of the source days moved `offsetDays` later as
 * a draft, unless the target slot already exists or the copy would be blocked
 * (`blocked` runs the blocking rules on the copy).
 */
export function planCopy(
  source: readonly SlotFields[],
  offsetDays: number,
  posts: ReadonlyMap<string, Pick<PostLike, 'id' | 'holderA' | 'holderB'>>,
  existingIds: ReadonlySet<string>,
  blocked: (copy: SlotFields) => boolean,
): CopyPlan {
  const out: CopyPlan = { slots: [], skippedExisting: 0, skippedBlocked: [] };
  for (const s of source) {
    const post = posts.get(s.postId);
    if (!post) continue;
    const copy = draftSlot(s.siteId, post, addDays(s.day, offsetDays), s.shiftId, s.staffId);
    if (existingIds.has(copy.id)) out.skippedExisting += 1;
    else if (blocked(copy)) out.skippedBlocked.push(copy);
    else out.slots.push(copy);
  }
  return out;
}

export type SwapRewrite = { ok: true; slots: SlotFields[] } | { ok: false; reason: 'slot-missing' | 'counterpart-slot-missing' | 'not-requesters-slot' | 'not-counterparts-slot' };

/**
 * The slots an approved request rewrites: a cover hands the requester's slot to
 * the colleague; a swap exchanges the people of the two slots. Rewritten slots
 * stay published (the team leader's approval is the change) and keep no old
 * acknowledgements, since they were about other people.
 */
export function rewriteForSwap(
  request: Pick<SwapRequest, 'requestType' | 'slotId' | 'counterpartSlotId' | 'staffId' | 'counterpartId'>,
  slots: ReadonlyMap<string, SlotFields>,
  posts: ReadonlyMap<string, Pick<PostLike, 'id' | 'holderA' | 'holderB'>>,
): SwapRewrite {
  const mine = slots.get(request.slotId);
  if (!mine) return { ok: false, reason: 'slot-missing' };
  if (mine.staffId !== request.staffId) return { ok: false, reason: 'not-requesters-slot' };
  const reassign = (s: SlotFields, staffId: string): SlotFields => ({ ...s, staffId, cover: coverOf(posts.get(s.postId), staffId), acknowledgedWarnings: [] });
  if (request.requestType === 'cover') return { ok: true, slots: [reassign(mine, request.counterpartId)] };
  const theirs = request.counterpartSlotId ? slots.get(request.counterpartSlotId) : undefined;
  if (!theirs) return { ok: false, reason: 'counterpart-slot-missing' };
  if (theirs.staffId !== request.counterpartId) return { ok: false, reason: 'not-counterparts-slot' };
  return { ok: true, slots: [reassign(mine, request.counterpartId), reassign(theirs, request.staffId)] };
}
