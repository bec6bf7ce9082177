import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { instantOf } from '../../domain/calendar/time-zone';
import { newId } from '../../domain/ids';
import { missingPunchIssues, type MissingPunchIssue } from '../../domain/rules/attendance-today';
import { insertDoc, InvalidDocumentError } from '../../db/write';
import { nextHlc, nowMs } from '../../sync/clock';
import type { DayRow } from './day-rows';
import { FormDialog } from './FormDialog';

export interface MissingPunchDialogProps {
  row: DayRow;
  day: string;
  siteId: string;
  timeZone: string;
  /** Managers and administrators sign off themselves; others need a witness. */
  canSignOff: boolean;
  onClose(): void;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Verifies a missing punch: the team leader's explanation with a witness or the
 * manager's sign-off, written as a new `verified-missing-punch` event (events
 * are never edited).
 */
export function MissingPunchDialog({ row, day, siteId, timeZone, canSignOff, onClose }: MissingPunchDialogProps) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const hasIn = row.classification.shifts.some((s) => s.checkIn !== undefined);
  const [punch, setPunch] = useState<'in' | 'out'>(hasIn ? 'out' : 'in');
  const [time, setTime] = useState('');
  const [explanation, setExplanation] = useState('');
  const [witness, setWitness] = useState('');
  const [signOff, setSignOff] = useState(false);
  const [issues, setIssues] = useState<MissingPunchIssue[]>([]);
  const [timeError, setTimeError] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const approvedBy = canSignOff && signOff ? author.userId : undefined;
    const found = missingPunchIssues({ explanation, witness, approvedBy });
    const badTime = time !== '' && !TIME.test(time);
    setIssues(found);
    setTimeError(badTime);
    if (found.length > 0 || badTime) return;
    setBusy(true);
    try {
      const now = nowMs();
      await insertDoc(
        db,
        'attendance',
        {
          id: newId(),
          siteId,
          staffId: row.staffId,
          kind: 'verified-missing-punch',
          method: 'manual',
          deviceTime: new Date(now).toISOString(),
          hlc: nextHlc(now),
          punch,
          day,
          ...(time ? { correctedTime: instantOf(day, time, timeZone) } : {}),
          explanation: explanation.trim(),
          ...(witness.trim() ? { witness: witness.trim() } : {}),
          ...(approvedBy ? { approvedBy } : {}),
        },
        author,
      );
      onClose();
    } catch (err) {
      setError(err instanceof InvalidDocumentError ? t('attendance.invalid', { reason: err.reason }) : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open
      title={t('attendance.verify.title', { name: row.name })}
      submitLabel={t('attendance.verify.submit')}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onCancel={onClose}
    >
      <label className="field">
        {t('attendance.verify.punch')}
        <select value={punch} onChange={(e) => setPunch(e.target.value as 'in' | 'out')}>
          <option value="in">{t('attendance.verify.punchIn')}</option>
          <option value="out">{t('attendance.verify.punchOut')}</option>
        </select>
      </label>
      <label className="field">
        {t('attendance.verify.time')}
        <input type="time" value={time} onChange={(e) => setTime(e.target.value)} aria-invalid={timeError || undefined} />
        <span className="hint">{t('attendance.verify.timeHint')}</span>
        {timeError && <span className="field-error">{t('attendance.verify.timeInvalid')}</span>}
      </label>
      <label className="field">
        {t('attendance.verify.explanation')}
        <textarea
          value={explanation}
          onChange={(e) => setExplanation(e.target.value)}
          rows={3}
          maxLength={2000}
          aria-invalid={issues.includes('explanation-required') || undefined}
        />
        {issues.includes('explanation-required') && <span className="field-error">{t('attendance.verify.explanationRequired')}</span>}
      </label>
      <label className="field">
        {t('attendance.verify.witness')}
        <input value={witness} onChange={(e) => setWitness(e.target.value)} maxLength={200} />
      </label>
      {canSignOff && (
        <label className="check">
          <input type="checkbox" checked={signOff} onChange={(e) => setSignOff(e.target.checked)} />
          {t('attendance.verify.signOff')}
        </label>
      )}
      {issues.includes('witness-or-sign-off-required') && (
        <p className="field-error" role="alert">
          {canSignOff ? t('attendance.verify.needWitnessOrSignOff') : t('attendance.verify.needWitness')}
        </p>
      )}
    </FormDialog>
  );
}
