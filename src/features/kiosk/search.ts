import type { Staff } from '../../domain/schemas/staff';

/** Kiosk search: by name, pinyin initials or staff number, case-insensitive. */
export function matchesStaff(person: Pick<Staff, 'name' | 'pinyinInitials' | 'staffNo'>, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return (
    person.name.includes(q) || person.pinyinInitials.toLowerCase().startsWith(q) || person.staffNo.toLowerCase().includes(q)
  );
}
