import { addMonths } from '../calendar/days';
import type { Policy } from '../policy';
import type { Staff } from '../schemas/staff';
import { certificateReminders } from './training';

/**
 * The staff record's own checks (DOMAIN.md "Places and people"): the
 * onboarding documents checklist and the state of each certificate held.
 */

export type OnboardingItem = 'idCopies' | 'photos' | 'householdRegisterCopy' | 'diplomaCopy' | 'bankCardCopy' | 'medicalReport';
export const onboardingItems: readonly OnboardingItem[] = [
  'idCopies',
  'photos',
  'householdRegisterCopy',
  'diplomaCopy',
  'bankCardCopy',
  'medicalReport',
];
/** Copies of the ID card to hand in. */
export const REQUIRED_ID_COPIES = 2;

export interface OnboardingStatus {
  items: { item: OnboardingItem; done: boolean }[];
  missing: OnboardingItem[];
  complete: boolean;
}

/**
 * The onboarding documents checklist: two ID copies, photos, household
 * register, diploma and bank card copies, and a medical report no older than
 * the policy's limit (6 months) on the day of hiring (or on `today` when the
 * hiring day is not recorded).
 */
export function onboardingStatus(
  staff: Pick<Staff, 'onboardingDocuments' | 'hiredOn'>,
  today: string,
  policy: Policy,
): OnboardingStatus {
  const d = staff.onboardingDocuments;
  const reference = staff.hiredOn ?? today;
  const medicalOk =
    d?.medicalReportOn !== undefined &&
    d.medicalReportOn <= reference &&
    addMonths(d.medicalReportOn, policy.lifecycle.medicalReportMaxAgeMonths) >= reference;
  const done: Record<OnboardingItem, boolean> = {
    idCopies: (d?.idCopies ?? 0) >= REQUIRED_ID_COPIES,
    photos: d?.photos === true,
    householdRegisterCopy: d?.householdRegisterCopy === true,
    diplomaCopy: d?.diplomaCopy === true,
    bankCardCopy: d?.bankCardCopy === true,
    medicalReport: medicalOk,
  };
  const items = onboardingItems.map((item) => ({ item, done: done[item] }));
  const missing = items.filter((i) => !i.done).map((i) => i.item);
  return { items, missing, complete: missing.length === 0 };
}

export type CertificateState = 'valid' | 'expiring' | 'expired' | 'no-expiry';

/** Each certificate held, flagged expired or expiring (within the policy's reminder lead times). */
export function certificateStates<C extends { expiresOn?: string }>(
  certificates: readonly C[],
  today: string,
  policy: Policy,
): { certificate: C; state: CertificateState; daysLeft?: number }[] {
  return certificates.map((certificate) => {
    if (!certificate.expiresOn) return { certificate, state: 'no-expiry' as const };
    const [reminder] = certificateReminders([certificate], today, policy);
    if (!reminder) return { certificate, state: 'valid' as const };
    return {
      certificate,
      state: reminder.kind === 'certificate-expired' ? ('expired' as const) : ('expiring' as const),
      daysLeft: reminder.daysLeft,
    };
  });
}

/** The worst state among a person's certificates, for a list badge. */
export function worstCertificateState(states: readonly { state: CertificateState }[]): 'expired' | 'expiring' | 'ok' {
  if (states.some((s) => s.state === 'expired')) return 'expired';
  if (states.some((s) => s.state === 'expiring')) return 'expiring';
  return 'ok';
}
