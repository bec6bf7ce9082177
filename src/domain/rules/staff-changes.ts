import type { Staff, StaffTransfer } from '../schemas/staff';

/**
 * Staff changes (人员异动, DOMAIN.md "Reports"): who joined, left or was
 * transferred, and the transfer itself as history on the staff record.
 */

type WithTransfers = Pick<Staff, 'siteId'> & Partial<Pick<Staff, 'postId' | 'transfers'>>;

/** The site a person worked at on `day`, from the record's transfer history (the current site when there is none). */
export function siteAt(staff: WithTransfers, day: string): string {
  const transfers = staff.transfers ?? [];
  if (transfers.length === 0) return staff.siteId;
  let site = transfers[0]!.fromSiteId;
  for (const t of transfers) if (t.day <= day) site = t.toSiteId;
  return site;
}

export type TransferProblem = 'left' | 'unchanged' | 'future' | 'before-hire' | 'before-last-transfer' | 'post-not-at-site';

export interface TransferRequest {
  day: string;
  toSiteId: string;
  /** Empty for "no post yet" (待岗 at the new site). */
  toPostId?: string;
  note?: string;
}

export interface TransferContext {
  today: string;
  /** Posts of the target site: the new post must be one of them. */
  postIdsAtTarget: ReadonlySet<string>;
  /** When and by whom the transfer is recorded (the record keeps both). */
  recordedAt: string;
  recordedBy: string;
}

/**
 * Transfers a person to another site or post from `day`: the record moves
 * there now and keeps the move in `transfers`. Refused (with the reason) for a
 * person who left, a move to where they already are, a day in the future
 * (the record would move before the person does), a day before they were
 * hired or before their last transfer, or a post of another site.
 */
export function transferStaff<S extends Staff>(staff: S, req: TransferRequest, ctx: TransferContext): { ok: true; staff: S } | { ok: false; problem: TransferProblem } {
  const toPostId = req.toPostId || undefined;
  if (staff.status === 'left') return { ok: false, problem: 'left' };
  if (req.toSiteId === staff.siteId && toPostId === staff.postId) return { ok: false, problem: 'unchanged' };
  if (req.day > ctx.today) return { ok: false, problem: 'future' };
  if (staff.hiredOn && req.day < staff.hiredOn) return { ok: false, problem: 'before-hire' };
  const last = staff.transfers?.at(-1);
  if (last && req.day < last.day) return { ok: false, problem: 'before-last-transfer' };
  if (toPostId && !ctx.postIdsAtTarget.has(toPostId)) return { ok: false, problem: 'post-not-at-site' };
  const note = req.note?.trim();
  const transfer: StaffTransfer = {
    day: req.day,
    fromSiteId: staff.siteId,
    ...(staff.postId ? { fromPostId: staff.postId } : {}),
    toSiteId: req.toSiteId,
    ...(toPostId ? { toPostId } : {}),
    ...(note ? { note } : {}),
    recordedAt: ctx.recordedAt,
    recordedBy: ctx.recordedBy,
  };
  const { postId: _old, ...rest } = staff;
  void _old;
  return { ok: true, staff: { ...rest, siteId: req.toSiteId, ...(toPostId ? { postId: toPostId } : {}), transfers: [...(staff.transfers ?? []), transfer] } as S };
}

export type StaffChangeKind = 'joined' | 'left' | 'transferred';

export interface StaffChange {
  day: string;
  change: StaffChangeKind;
  staffId: string;
  staffNo: string;
  name: string;
  /** Where it happened: the site joined or left; for a transfer, the site moved to. */
  siteId: string;
  fromSiteId?: string;
  fromPostId?: string;
  toSiteId?: string;
  toPostId?: string;
}

type ChangeStaff = Pick<Staff, 'id' | 'staffNo' | 'name' | 'siteId'> & Partial<Pick<Staff, 'hiredOn' | 'leftOn' | 'postId' | 'transfers'>>;

const ORDER: Record<StaffChangeKind, number> = { joined: 0, transferred: 1, left: 2 };

/**
 * Every change from `from` to `to` (both included) for the sites `inScope`
 * accepts: joined (at the site hired into), left (at the site left), and each
 * transfer (listed for both the site left and the site joined). Sorted by
 * day, then joined → transferred → left, then staff number.
 */
export function staffChanges(staff: readonly ChangeStaff[], from: string, to: string, inScope: (siteId: string) => boolean = () => true): StaffChange[] {
  const within = (d: string | undefined): d is string => d !== undefined && d >= from && d <= to;
  const out: StaffChange[] = [];
  for (const s of staff) {
    const base = { staffId: s.id, staffNo: s.staffNo, name: s.name };
    if (within(s.hiredOn)) {
      const site = siteAt(s, s.hiredOn);
      if (inScope(site)) out.push({ ...base, day: s.hiredOn, change: 'joined', siteId: site });
    }
    for (const t of s.transfers ?? []) {
      if (!within(t.day) || !(inScope(t.fromSiteId) || inScope(t.toSiteId))) continue;
      out.push({
        ...base,
        day: t.day,
        change: 'transferred',
        siteId: t.toSiteId,
        fromSiteId: t.fromSiteId,
        toSiteId: t.toSiteId,
        ...(t.fromPostId ? { fromPostId: t.fromPostId } : {}),
        ...(t.toPostId ? { toPostId: t.toPostId } : {}),
      });
    }
    if (within(s.leftOn)) {
      const site = siteAt(s, s.leftOn);
      if (inScope(site)) out.push({ ...base, day: s.leftOn, change: 'left', siteId: site });
    }
  }
  return out.sort((a, b) => a.day.localeCompare(b.day) || ORDER[a.change] - ORDER[b.change] || a.staffNo.localeCompare(b.staffNo));
}
