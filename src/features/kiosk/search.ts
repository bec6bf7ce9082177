import type { Staff } from '../../domain/schemas/staff';

/** Kiosk search: by name, pinyin initials or staff number, case-insensitive. */
export function matchesStaff(person: Pick<Staff, 'name' | 'pinyinInitials' | 'staffNo'>, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return (
    person.name.includes(q) || person.pinyinInitials.toLowerCase().startsWith(q) || person.staffNo.toLowerCase().includes(q)
  );
}

type Searchable = Pick<Staff, 'name' | 'pinyinInitials' | 'staffNo' | 'status'>;

/** How well a person matches: exact staff number, then name, then initials, then a staff-number fragment. */
function rank(person: Searchable, q: string): number {
  const no = person.staffNo.toLowerCase();
  if (no === q) return 0;
  if (person.name.startsWith(q)) return 1;
  if (person.pinyinInitials.toLowerCase().startsWith(q)) return 2;
  return 3;
}

/**
 * The active staff matching a query, best matches first then by staff number,
 * at most `limit` of them (a long list on a tablet is slow to render and to
 * scan with the eye); `more` counts the rest.
 */
export function searchStaff<S extends Searchable>(staff: readonly S[], query: string, limit: number): { shown: S[]; more: number } {
  const q = query.trim().toLowerCase();
  const hits = staff.filter((s) => s.status !== 'left' && matchesStaff(s, q));
  hits.sort((a, b) => rank(a, q) - rank(b, q) || a.staffNo.localeCompare(b.staffNo));
  return { shown: hits.slice(0, limit), more: Math.max(0, hits.length - limit) };
}
