import type { TFunction } from 'i18next';
import type { DayClassification } from '../../domain/rules/attendance';
import type { Presence } from '../../domain/rules/attendance-today';

export type Tone = 'ok' | 'warn' | 'bad' | '';

/** Badge colour of a presence state. */
export function presenceTone(p: Presence): Tone {
  if (p === 'in' || p === 'out') return 'ok';
  if (p === 'away') return 'warn';
  return p === 'missing' || p === 'absent' ? 'bad' : '';
}

/** The findings of a classified day in words: 正常, 迟到 20 分钟, 离岗 …, 旷工 0.5 天, 缺卡 … */
export function classificationLabels(t: TFunction, c: DayClassification): { text: string; tone: Tone }[] {
  const k = (key: string, opts?: Record<string, unknown>) => t(`attendance.finding.${key}`, opts ?? {});
  if (c.status === 'off') return [{ text: k('notRostered'), tone: '' }];
  if (c.status === 'leave') return [{ text: k('leave', { type: c.leaveType ? t(`attendance.leaveType.${c.leaveType}`) : '' }), tone: '' }];
  if (c.status === 'training') return [{ text: k('training'), tone: '' }];
  const out: { text: string; tone: Tone }[] = [];
  if (c.minutes.late > 0) out.push({ text: k('late', { minutes: c.minutes.late }), tone: 'warn' });
  if (c.minutes.leftPost > 0) out.push({ text: k('leftPost', { minutes: c.minutes.leftPost }), tone: 'warn' });
  if (c.minutes.early > 0) out.push({ text: k('early', { minutes: c.minutes.early }), tone: 'warn' });
  if (c.absenceHalfDays > 0) out.push({ text: k('absence', { days: c.absenceHalfDays / 2 }), tone: 'bad' });
  if (c.unverifiedMissingPunches > 0) out.push({ text: k('missingPunch', { count: c.unverifiedMissingPunches }), tone: 'bad' });
  if (c.verifiedMissingPunches > 0) out.push({ text: k('verifiedPunch', { count: c.verifiedMissingPunches }), tone: 'ok' });
  if (out.length === 0 || c.onTime) out.unshift({ text: k('normal'), tone: 'ok' });
  return out;
}
