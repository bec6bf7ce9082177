import type { Role } from '../../domain/roles';
import { keepHiddenSensitive, type SensitiveAccess } from '../../domain/rules/sensitive';
import { staffSchema, type Staff } from '../../domain/schemas/staff';
import { fieldErrors, type FieldError } from './field-errors';
import { staffIdFor, type ImportedStaff } from './import';

/**
 * The staff edit form, pure: what the inputs hold (strings and booleans) and
 * the document they make, validated with the shared schema so the form and
 * the sync server agree on what is valid.
 */

export interface CertificateForm {
  kind: string;
  number: string;
  issuedOn: string;
  expiresOn: string;
}

export interface StaffForm {
  staffNo: string;
  name: string;
  pinyinInitials: string;
  gender: '' | Staff['gender'];
  siteId: string;
  postId: string;
  status: Staff['status'];
  idNumber: string;
  phone: string;
  monthlyWage: string;
  employmentForm: '' | NonNullable<Staff['employmentForm']>;
  agreementType: '' | NonNullable<Staff['agreementType']>;
  intern: boolean;
  hiredOn: string;
  contractStart: string;
  contractEnd: string;
  probationEnd: string;
  socialInsurance: '' | NonNullable<Staff['socialInsurance']>;
  leftOn: string;
  badgeCode: string;
  certificates: CertificateForm[];
  idCopies: string;
  photos: boolean;
  householdRegisterCopy: boolean;
  diplomaCopy: boolean;
  bankCardCopy: boolean;
  medicalReportOn: string;
}

export const emptyCertificate: CertificateForm = { kind: '', number: '', issuedOn: '', expiresOn: '' };

export function formOf(s: Staff | undefined, defaults: { siteId: string }): StaffForm {
  const d = s?.onboardingDocuments;
  return {
    staffNo: s?.staffNo ?? '',
    name: s?.name ?? '',
    pinyinInitials: s?.pinyinInitials ?? '',
    gender: s?.gender ?? '',
    siteId: s?.siteId ?? defaults.siteId,
    postId: s?.postId ?? '',
    status: s?.status ?? 'on-post',
    idNumber: s?.idNumber ?? '',
    phone: s?.phone ?? '',
    monthlyWage: s?.monthlyWage === undefined ? '' : String(s.monthlyWage),
    employmentForm: s?.employmentForm ?? '',
    agreementType: s?.agreementType ?? '',
    intern: s?.intern ?? false,
    hiredOn: s?.hiredOn ?? '',
    contractStart: s?.contractStart ?? '',
    contractEnd: s?.contractEnd ?? '',
    probationEnd: s?.probationEnd ?? '',
    socialInsurance: s?.socialInsurance ?? '',
    leftOn: s?.leftOn ?? '',
    badgeCode: s?.badgeCode ?? '',
    certificates: (s?.certificates ?? []).map((c) => ({
      kind: c.kind,
      number: c.number ?? '',
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn ?? '',
    })),
    idCopies: String(d?.idCopies ?? 0),
    photos: d?.photos ?? false,
    householdRegisterCopy: d?.householdRegisterCopy ?? false,
    diplomaCopy: d?.diplomaCopy ?? false,
    bankCardCopy: d?.bankCardCopy ?? false,
    medicalReportOn: d?.medicalReportOn ?? '',
  };
}

const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
const optNumber = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()));

/** Drops keys whose value is undefined (the schema is strict about shape, not about absent optionals). */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The document the form describes. Fields the form does not show (kiosk PIN)
 * come from `base`; the id of a new record derives from its staff number.
 */
export function candidateOf(form: StaffForm, base: Staff | undefined): Record<string, unknown> {
  const { updatedAt: _a, updatedBy: _b, deviceId: _c, ...kept } = base ?? ({} as Partial<Staff>);
  return compact({
    ...kept,
    id: base?.id ?? (opt(form.staffNo) ? staffIdFor(form.staffNo) : undefined),
    siteId: opt(form.siteId),
    staffNo: opt(form.staffNo),
    name: opt(form.name),
    pinyinInitials: form.pinyinInitials.trim().toLowerCase(),
    gender: opt(form.gender),
    postId: opt(form.postId),
    status: form.status,
    idNumber: opt(form.idNumber)?.toUpperCase(),
    phone: opt(form.phone),
    monthlyWage: optNumber(form.monthlyWage),
    employmentForm: opt(form.employmentForm),
    agreementType: opt(form.agreementType),
    intern: form.intern || base?.intern !== undefined ? form.intern : undefined,
    hiredOn: opt(form.hiredOn),
    contractStart: opt(form.contractStart),
    contractEnd: opt(form.contractEnd),
    probationEnd: opt(form.probationEnd),
    socialInsurance: opt(form.socialInsurance),
    leftOn: opt(form.leftOn),
    badgeCode: opt(form.badgeCode),
    certificates: form.certificates.map((c) =>
      compact({ kind: c.kind.trim(), number: opt(c.number), issuedOn: opt(c.issuedOn), expiresOn: opt(c.expiresOn) }),
    ),
    onboardingDocuments: compact({
      idCopies: optNumber(form.idCopies) ?? 0,
      photos: form.photos,
      householdRegisterCopy: form.householdRegisterCopy,
      diplomaCopy: form.diplomaCopy,
      bankCardCopy: form.bankCardCopy,
      medicalReportOn: opt(form.medicalReportOn),
    }),
  });
}

export type FormResult = { ok: true; doc: ImportedStaff } | { ok: false; errors: Record<string, FieldError> };

/** Extra checks the schema does not make (they need the other records). */
export interface FormContext {
  role: Role;
  access?: SensitiveAccess;
  /** Other records' staff numbers, to refuse a duplicate. */
  otherStaffNos: ReadonlySet<string>;
  /** Posts of the chosen site (a post must belong to the record's site). */
  postIds: ReadonlySet<string>;
  stamp: { updatedAt: string; updatedBy: string; deviceId: string };
}

export function validateForm(form: StaffForm, base: Staff | undefined, ctx: FormContext): FormResult {
  const candidate = keepHiddenSensitive(base, candidateOf(form, base) as Partial<Staff>, ctx.role, ctx.access);
  const parsed = staffSchema.safeParse({ ...candidate, ...ctx.stamp });
  const errors: Record<string, FieldError> = {};
  // The checklist's fields sit at the top of the form.
  for (const [path, error] of Object.entries(parsed.success ? {} : fieldErrors(parsed.error.issues))) {
    errors[path.replace(/^onboardingDocuments\./, '')] ??= error;
  }
  const staffNo = form.staffNo.trim().toLowerCase();
  if (staffNo && !errors.staffNo && ctx.otherStaffNos.has(staffNo)) errors.staffNo = { key: 'duplicateExisting' };
  if (form.postId && !errors.postId && !ctx.postIds.has(form.postId)) errors.postId = { key: 'postNotAtSite' };
  // The schema's cross-field check runs only once every field parses; show it alongside the others.
  if (form.contractStart && form.contractEnd && form.contractEnd < form.contractStart && !errors.contractEnd) {
    errors.contractEnd = { key: 'contractEndBeforeStart' };
  }
  if (form.status === 'left' && !form.leftOn && !errors.leftOn) errors.leftOn = { key: 'leftOnRequired' };
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const { updatedAt: _a, updatedBy: _b, deviceId: _c, ...doc } = parsed.data;
  return { ok: true, doc };
}
