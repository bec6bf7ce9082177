import type { Post, ShiftTemplate } from '../schemas/site';
import type { Staff } from '../schemas/staff';

/**
 * Checks on a site's set-up (DOMAIN.md "Places and people", "Rosters"):
 * A/B holders of posts (AB岗位制) and shift templates.
 */

export type PostIssueCode =
  /** A and B are one person: nobody covers when A is absent. */
  | 'same-holder'
  /** The holder is not staff of this site. */
  | 'holder-not-at-site'
  /** The holder has left (离职). */
  | 'holder-left'
  /** One person is the A holder of several posts and cannot sit at all of them. */
  | 'a-holder-of-several'
  /** No B backup designated. */
  | 'no-backup'
  | 'no-holder'
  | 'duplicate-name';

export interface PostIssue {
  postId: string;
  code: PostIssueCode;
  field: 'holderA' | 'holderB' | 'name';
  /** Errors block saving; warnings are shown. */
  severity: 'error' | 'warning';
}

type HolderStaff = Pick<Staff, 'id' | 'siteId' | 'status'>;

export function postIssues(
  posts: readonly Pick<Post, 'id' | 'name' | 'holderA' | 'holderB'>[],
  staff: readonly HolderStaff[],
  siteId: string,
): PostIssue[] {
  const byId = new Map(staff.map((s) => [s.id, s]));
  const out: PostIssue[] = [];
  const aCount = new Map<string, number>();
  const nameCount = new Map<string, number>();
  for (const p of posts) {
    if (p.holderA) aCount.set(p.holderA, (aCount.get(p.holderA) ?? 0) + 1);
    const name = p.name.trim();
    nameCount.set(name, (nameCount.get(name) ?? 0) + 1);
  }
  for (const p of posts) {
    const issue = (code: PostIssueCode, field: PostIssue['field'], severity: PostIssue['severity']) =>
      out.push({ postId: p.id, code, field, severity });
    if ((nameCount.get(p.name.trim()) ?? 0) > 1) issue('duplicate-name', 'name', 'error');
    for (const field of ['holderA', 'holderB'] as const) {
      const id = p[field];
      if (!id) continue;
      const person = byId.get(id);
      if (!person || person.siteId !== siteId) issue('holder-not-at-site', field, 'error');
      else if (person.status === 'left') issue('holder-left', field, 'error');
    }
    if (p.holderA && p.holderA === p.holderB) issue('same-holder', 'holderB', 'error');
    if (p.holderA && (aCount.get(p.holderA) ?? 0) > 1) issue('a-holder-of-several', 'holderA', 'warning');
    if (!p.holderA) issue('no-holder', 'holderA', 'warning');
    else if (!p.holderB) issue('no-backup', 'holderB', 'warning');
  }
  return out;
}

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** A shift's length: an end at or before the start ends the next day (as `shiftInstants` reads it). */
export function shiftLength(t: Pick<ShiftTemplate, 'start' | 'end' | 'breakMinutes'>): {
  overnight: boolean;
  spanMinutes: number;
  workMinutes: number;
} {
  const start = toMinutes(t.start);
  const end = toMinutes(t.end);
  const overnight = end <= start;
  const spanMinutes = overnight ? end + 24 * 60 - start : end - start;
  return { overnight, spanMinutes, workMinutes: spanMinutes - t.breakMinutes };
}

export type ShiftIssueCode = 'break-too-long' | 'duplicate-name';

export interface ShiftIssue {
  shiftId: string;
  code: ShiftIssueCode;
  field: 'breakMinutes' | 'name';
}

export function shiftIssues(templates: readonly Pick<ShiftTemplate, 'id' | 'name' | 'start' | 'end' | 'breakMinutes'>[]): ShiftIssue[] {
  const out: ShiftIssue[] = [];
  const names = new Map<string, number>();
  for (const t of templates) names.set(t.name.trim(), (names.get(t.name.trim()) ?? 0) + 1);
  for (const t of templates) {
    if ((names.get(t.name.trim()) ?? 0) > 1) out.push({ shiftId: t.id, code: 'duplicate-name', field: 'name' });
    if (shiftLength(t).workMinutes <= 0) out.push({ shiftId: t.id, code: 'break-too-long', field: 'breakMinutes' });
  }
  return out;
}
