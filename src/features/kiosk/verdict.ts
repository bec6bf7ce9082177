import type { TFunction } from 'i18next';
import type { PunchVerdict } from '../../domain/rules/attendance-today';
import type { Policy } from '../../domain/policy';

export type Tone = 'ok' | 'warn' | 'bad';

/** The words and colour of the kiosk's answer to a punch (the judgement itself is the domain's). */
export function verdictMessage(t: TFunction, v: PunchVerdict, policy: Policy): { text: string; tone: Tone } {
  const k = (key: string, opts?: Record<string, unknown>) => t(`attendance.kiosk.verdict.${key}`, opts ?? {});
  switch (v.kind) {
    case 'on-time':
      return { text: k(v.preShift ? 'onTimePreShift' : 'onTime'), tone: 'ok' };
    case 'late':
      return { text: k('late', { minutes: v.minutes }), tone: 'warn' };
    case 'late-absence':
      return { text: k('lateAbsence', { minutes: v.minutes, threshold: policy.attendance.absenceThresholdMinutes }), tone: 'bad' };
    case 'on-time-out':
      return { text: k('onTimeOut'), tone: 'ok' };
    case 'early':
      return { text: k('early', { minutes: v.minutes }), tone: 'warn' };
    case 'early-absence':
      return { text: k('earlyAbsence', { minutes: v.minutes, threshold: policy.attendance.absenceThresholdMinutes }), tone: 'bad' };
    case 'left':
      return { text: k('left', { minutes: v.lateBelowMinutes }), tone: 'ok' };
    case 'back':
      return { text: k(`back.${v.outcome}`, { minutes: v.minutes }), tone: v.outcome === 'none' ? 'ok' : v.outcome === 'late' ? 'warn' : 'bad' };
    case 'not-away':
      return { text: k('notAway'), tone: 'warn' };
    case 'no-shift':
      return { text: k('noShift'), tone: 'warn' };
  }
}
