import type { Post } from '../schemas/site';
import type { Policy } from '../policy';
import { approvedLeaveOn, type LeaveSpan } from './leave';

/**
 * Roster validation (DOMAIN.md "Rosters"): nobody rostered while on approved
 * leave or on a post whose required certificate or course they lack or let
 * expire; no overlapping shifts; minimum rest between shifts; and the A/B post
 * rule — an uncovered post on a working day is an alert, and when A is absent
 * B must cover.
 */

/** A proposed roster slot: one person on one post for one shift (UTC instants). */
export interface RosterSlotLike {
  id: string;
  staffId: string;
  postId: string;
  /** Site-local day the shift belongs to (its start day when overnight). */
  day: string;
  start: string;
  end: string;
}

export type PostLike = Pick<Post, 'id' | 'holderA' | 'holderB' | 'requiredCertificates' | 'requiredCourses'>;

export interface HeldCertificate {
  kind: string;
  issuedOn?: string;
  /** Last valid day; absent = never expires. */
  expiresOn?: string;
}

export interface PassedCourse {
  courseId: string;
  passedOn: string;
  /** Last valid day of the course's certificate; absent = never expires. */
  expiresOn?: string;
}

export interface StaffQualifications {
  certificates: readonly HeldCertificate[];
  passedCourses: readonly PassedCourse[];
}

export type RosterIssueCode =
  | 'on-leave'
  | 'certificate-missing'
  | 'certificate-expired'
  | 'course-missing'
  | 'course-expired'
  | 'overlap'
  | 'rest-too-short'
  | 'post-uncovered'
  | 'backup-not-covering'
  | 'unknown-post';

export interface RosterIssue {
  code: RosterIssueCode;
  /** error: the slot breaks a rule; alert: the roster leaves a gap; warning: worth a look. */
  severity: 'error' | 'alert' | 'warning';
  day: string;
  slotId?: string;
  otherSlotId?: string;
  staffId?: string;
  postId?: string;
  /** The certificate kind or course id concerned. */
  subject?: string;
  /** For rest-too-short: the rest in minutes. */
  restMinutes?: number;
}

export interface RosterContext {
  posts: readonly PostLike[];
  qualifications: (staffId: string) => StaffQualifications | undefined;
  /** Approved or pending leave of a person; only approved spans block rostering. */
  leave: (staffId: string) => readonly LeaveSpan[];
  /** Days whose coverage to check (the roster period). */
  days: readonly string[];
  isWorkingDay: (day: string) => boolean;
}

type Validity = 'valid' | 'expired' | 'missing';

function validityOn(day: string, held: readonly { issuedOn?: string; expiresOn?: string }[]): Validity {
  if (held.length === 0) return 'missing';
  const usable = held.filter((h) => h.issuedOn === undefined || h.issuedOn <= day);
  if (usable.length === 0) return 'missing';
  return usable.some((h) => h.expiresOn === undefined || day <= h.expiresOn) ? 'valid' : 'expired';
}

/** Certificate and course issues of one slot (持证上岗, 考核通过方可上岗). */
export function qualificationIssues(slot: RosterSlotLike, post: PostLike, q: StaffQualifications | undefined): RosterIssue[] {
  const issues: RosterIssue[] = [];
  const at = { day: slot.day, slotId: slot.id, staffId: slot.staffId, postId: slot.postId, severity: 'error' as const };
  for (const kind of post.requiredCertificates) {
    const v = validityOn(slot.day, (q?.certificates ?? []).filter((c) => c.kind === kind));
    if (v !== 'valid') issues.push({ ...at, code: v === 'expired' ? 'certificate-expired' : 'certificate-missing', subject: kind });
  }
  for (const courseId of post.requiredCourses) {
    const held = (q?.passedCourses ?? []).filter((c) => c.courseId === courseId).map((c) => ({ issuedOn: c.passedOn, expiresOn: c.expiresOn }));
    const v = validityOn(slot.day, held);
    if (v !== 'valid') issues.push({ ...at, code: v === 'expired' ? 'course-expired' : 'course-missing', subject: courseId });
  }
  return issues;
}

/** Overlapping shifts and too little rest between one person's shifts on different days. */
export function timingIssues(slots: readonly RosterSlotLike[], policy: Policy): RosterIssue[] {
  const issues: RosterIssue[] = [];
  const byStaff = new Map<string, RosterSlotLike[]>();
  for (const s of slots) byStaff.set(s.staffId, [...(byStaff.get(s.staffId) ?? []), s]);
  const minRestMs = policy.roster.minimumRestHours * 3_600_000;
  for (const [staffId, list] of byStaff) {
    const sorted = [...list].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : 1));
    let latest: RosterSlotLike | undefined; // the slot reaching furthest so far
    for (const s of sorted) {
      if (latest) {
        const gap = Date.parse(s.start) - Date.parse(latest.end);
        const base = { day: s.day, slotId: s.id, otherSlotId: latest.id, staffId, severity: 'error' as const };
        if (gap < 0) issues.push({ ...base, code: 'overlap' });
        // A split shift on one day (lunch break) is one duty period; rest is between days.
        else if (latest.day !== s.day && gap < minRestMs) issues.push({ ...base, code: 'rest-too-short', restMinutes: Math.round(gap / 60_000) });
      }
      if (!latest || Date.parse(s.end) > Date.parse(latest.end)) latest = s;
    }
  }
  return issues;
}

/** A/B coverage: every post with slots or an A holder must be covered on working days; when A is absent B covers. */
export function coverageIssues(slots: readonly RosterSlotLike[], ctx: RosterContext): RosterIssue[] {
  const issues: RosterIssue[] = [];
  const onPostDay = new Set(slots.map((s) => `${s.postId}\u0000${s.day}\u0000${s.staffId}`));
  const postDay = new Set(slots.map((s) => `${s.postId}\u0000${s.day}`));
  for (const day of ctx.days) {
    if (!ctx.isWorkingDay(day)) continue;
    for (const post of ctx.posts) {
      if (!postDay.has(`${post.id}\u0000${day}`)) {
        issues.push({ code: 'post-uncovered', severity: 'alert', day, postId: post.id });
        continue;
      }
      const a = post.holderA;
      const b = post.holderB;
      if (!a || onPostDay.has(`${post.id}\u0000${day}\u0000${a}`)) continue;
      if (b && !onPostDay.has(`${post.id}\u0000${day}\u0000${b}`)) {
        issues.push({ code: 'backup-not-covering', severity: 'warning', day, postId: post.id, staffId: b });
      }
    }
  }
  return issues;
}

/** Every issue of a proposed slot set, slot rules first, then coverage. */
export function validateRoster(slots: readonly RosterSlotLike[], ctx: RosterContext, policy: Policy): RosterIssue[] {
  const posts = new Map(ctx.posts.map((p) => [p.id, p]));
  const issues: RosterIssue[] = [];
  for (const slot of slots) {
    const leave = approvedLeaveOn(slot.day, ctx.leave(slot.staffId));
    if (leave) issues.push({ code: 'on-leave', severity: 'error', day: slot.day, slotId: slot.id, staffId: slot.staffId, postId: slot.postId, subject: leave.type });
    const post = posts.get(slot.postId);
    if (!post) issues.push({ code: 'unknown-post', severity: 'error', day: slot.day, slotId: slot.id, staffId: slot.staffId, postId: slot.postId });
    else issues.push(...qualificationIssues(slot, post, ctx.qualifications(slot.staffId)));
  }
  issues.push(...timingIssues(slots, policy), ...coverageIssues(slots, ctx));
  return issues;
}
