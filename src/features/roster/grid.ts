import { issuesOfSlot, type SlotFields } from '../../domain/rules/roster-plan';
import type { RosterIssue } from '../../domain/rules/roster';
import type { LeaveRequest } from '../../domain/schemas/leave';

/** One cell of the roster grid: a post on a day, its slots in shift order, their issues and the cell's coverage alerts. */
export interface GridCell {
  postId: string;
  day: string;
  slots: SlotFields[];
  issuesBySlot: Map<string, RosterIssue[]>;
  /** Coverage alerts of the post on the day (no slot of their own). */
  alerts: RosterIssue[];
}

export const cellKey = (postId: string, day: string) => `${postId}\u0000${day}`;

/** The grid's cells (posts × days) with the issues the rules found, for inline display. */
export function buildGrid(
  postIds: readonly string[],
  days: readonly string[],
  slots: readonly SlotFields[],
  issues: readonly RosterIssue[],
  shiftOrder: readonly string[],
): Map<string, GridCell> {
  const cells = new Map<string, GridCell>();
  for (const postId of postIds) for (const day of days) cells.set(cellKey(postId, day), { postId, day, slots: [], issuesBySlot: new Map(), alerts: [] });
  const order = (shiftId: string) => {
    const i = shiftOrder.indexOf(shiftId);
    return i < 0 ? shiftOrder.length : i;
  };
  for (const slot of slots) {
    const cell = cells.get(cellKey(slot.postId, slot.day));
    if (!cell) continue;
    cell.slots.push(slot);
    cell.issuesBySlot.set(slot.id, issuesOfSlot(slot.id, issues));
  }
  for (const cell of cells.values()) cell.slots.sort((a, b) => order(a.shiftId) - order(b.shiftId) || a.id.localeCompare(b.id));
  for (const issue of issues) {
    if (issue.slotId !== undefined || !issue.postId) continue;
    cells.get(cellKey(issue.postId, issue.day))?.alerts.push(issue);
  }
  return cells;
}

export interface LeaveMark {
  staffId: string;
  leaveId: string;
  /** The type it counts as (事假 when its evidence failed). */
  type: LeaveRequest['type'];
  approved: boolean;
}

/** Who is on leave each day: approved leave, and pending requests marked as such; cancelled and rejected leave are not shown. */
export function leaveByDay(days: readonly string[], leave: readonly Pick<LeaveRequest, 'id' | 'staffId' | 'type' | 'effectiveType' | 'startDay' | 'endDay' | 'status'>[]): Map<string, LeaveMark[]> {
  const out = new Map<string, LeaveMark[]>(days.map((d) => [d, []]));
  for (const l of leave) {
    if (l.status !== 'approved' && l.status !== 'pending') continue;
    for (const day of days) {
      if (day < l.startDay || day > l.endDay) continue;
      out.get(day)!.push({ staffId: l.staffId, leaveId: l.id, type: l.effectiveType ?? l.type, approved: l.status === 'approved' });
    }
  }
  return out;
}
