import type { Column } from '../../app/export';
import type { Role } from '../../domain/roles';
import { canSeeSensitive, displaySensitive, type SensitiveAccess } from '../../domain/rules/sensitive';
import type { Staff } from '../../domain/schemas/staff';
import { importFields, normalizeLabel, type ImportField } from './import';
import { messages } from './messages';

/** A message of this feature by its key under `staff.` (e.g. `fields.name`). */
export type Label = (key: string) => string;

export interface ExportLookups {
  siteName(siteId: string): string;
  postName(siteId: string, postId: string | undefined): string;
}

/**
 * The columns of the staff export, labelled in the user's language with the
 * same words the import accepts, so an export can be edited and imported
 * back. Sensitive values are masked for roles that may not see them; pay is
 * left out entirely for them.
 */
export function staffExportColumns(label: Label, role: Role, lookups: ExportLookups, access?: SensitiveAccess): Column<Staff>[] {
  const col = (field: ImportField, value: Column<Staff>['value']): Column<Staff> => ({ header: label(`fields.${field}`), value });
  const choice = (group: string, v: string | undefined) => (v ? label(`${group}.${v}`) : '');
  const columns: Column<Staff>[] = [
    col('staffNo', (s) => s.staffNo),
    col('name', (s) => s.name),
    col('pinyinInitials', (s) => s.pinyinInitials),
    col('gender', (s) => choice('gender', s.gender)),
    col('site', (s) => lookups.siteName(s.siteId)),
    col('post', (s) => lookups.postName(s.siteId, s.postId)),
    col('status', (s) => choice('status', s.status)),
    col('idNumber', (s) => displaySensitive(role, 'idNumber', s.idNumber, access).text),
    col('phone', (s) => displaySensitive(role, 'phone', s.phone, access).text),
  ];
  if (canSeeSensitive(role, 'monthlyWage', access)) columns.push(col('monthlyWage', (s) => s.monthlyWage));
  columns.push(
    col('employmentForm', (s) => choice('employmentForm', s.employmentForm)),
    col('agreementType', (s) => choice('agreementType', s.agreementType)),
    col('intern', (s) => (s.intern === undefined ? '' : label(s.intern ? 'yes' : 'no'))),
    col('hiredOn', (s) => s.hiredOn),
    col('contractStart', (s) => s.contractStart),
    col('contractEnd', (s) => s.contractEnd),
    col('probationEnd', (s) => s.probationEnd),
    col('socialInsurance', (s) => s.socialInsurance),
    col('leftOn', (s) => s.leftOn),
  );
  return columns;
}

/** The app's own column labels in both languages, as import header spellings. */
export const ownHeaderLabels: ReadonlyMap<string, ImportField> = new Map(
  (['zh-CN', 'en'] as const).flatMap((lng) =>
    importFields.map((field) => [normalizeLabel(messages[lng].fields[field]), field] as const),
  ),
);
