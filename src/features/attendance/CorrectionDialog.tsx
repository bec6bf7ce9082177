import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { clockTimeOfInstant, dayOfInstant, instantOf } from '../../domain/calendar/time-zone';
import { newId } from '../../domain/ids';
import { insertDoc, InvalidDocumentError } from '../../db/write';
import { nextHlc, nowMs } from '../../sync/clock';
import type { DayRow } from './day-rows';
import { FormDialog } from './FormDialog';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const CORRECTABLE = new Set(['check-in', 'check-out', 'left-post', 'returned']);

/**
 * A manager's correction of a punch: a new `correction` event pointing at the
 * event it amends, moving it to another time or withdrawing it. The original
 * stays as it was.
 */
export function CorrectionDialog({ row, siteId, timeZone, onClose }: { row: DayRow; siteId: string; timeZone: string; onClose(): void }) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const punches = row.events.filter((e) => CORRECTABLE.has(e.kind));
  const [eventId, setEventId] = useState(punches[0]?.id ?? '');
  const [mode, setMode] = useState<'time' | 'withdraw'>('time');
  const [time, setTime] = useState('');
  const [explanation, setExplanation] = useState('');
  const [errors, setErrors] = useState<{ time?: boolean; explanation?: boolean }>({});
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const target = punches.find((e) => e.id === eventId);

  const check = () => {
    const next = { time: mode === 'time' && !TIME.test(time), explanation: !explanation.trim() };
    setErrors(next);
    return !next.time && !next.explanation && Boolean(target);
  };

  const write = async () => {
    if (!target) return;
    setBusy(true);
    try {
      const now = nowMs();
      const day = dayOfInstant(target.deviceTime, timeZone);
      await insertDoc(
        db,
        'attendance',
        {
          id: newId(),
          siteId,
          staffId: row.staffId,
          kind: 'correction',
          method: 'manual',
          deviceTime: new Date(now).toISOString(),
          hlc: nextHlc(now),
          amends: target.id,
          ...(mode === 'time' ? { correctedTime: instantOf(day, time, timeZone) } : {}),
          explanation: explanation.trim(),
          approvedBy: author.userId,
        },
        author,
      );
      onClose();
    } catch (err) {
      setError(err instanceof InvalidDocumentError ? t('attendance.invalid', { reason: err.reason }) : (err as Error).message);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const submit = () => {
    if (!check()) return;
    if (mode === 'withdraw') setConfirming(true);
    else void write();
  };

  return (
    <>
      <FormDialog
        open={!confirming}
        title={t('attendance.correct.title', { name: row.name })}
        submitLabel={t('attendance.correct.submit')}
        busy={busy}
        error={error ?? (punches.length === 0 ? t('attendance.correct.nothing') : null)}
        onSubmit={submit}
        onCancel={onClose}
      >
        <label className="field">
          {t('attendance.correct.event')}
          <select value={eventId} onChange={(e) => setEventId(e.target.value)}>
            {punches.map((e) => (
              <option key={e.id} value={e.id}>
                {clockTimeOfInstant(e.deviceTime, timeZone)} {t(`kiosk.event.${e.kind}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="field">
          <legend>{t('attendance.correct.how')}</legend>
          <label className="check">
            <input type="radio" name="mode" checked={mode === 'time'} onChange={() => setMode('time')} />
            {t('attendance.correct.moveTo')}
          </label>
          <label className="check">
            <input type="radio" name="mode" checked={mode === 'withdraw'} onChange={() => setMode('withdraw')} />
            {t('attendance.correct.withdraw')}
          </label>
        </fieldset>
        {mode === 'time' && (
          <label className="field">
            {t('attendance.correct.newTime')}
            <input type="time" value={time} onChange={(e) => setTime(e.target.value)} aria-invalid={errors.time || undefined} />
            {errors.time && <span className="field-error">{t('attendance.verify.timeInvalid')}</span>}
          </label>
        )}
        <label className="field">
          {t('attendance.verify.explanation')}
          <textarea value={explanation} onChange={(e) => setExplanation(e.target.value)} rows={3} maxLength={2000} aria-invalid={errors.explanation || undefined} />
          {errors.explanation && <span className="field-error">{t('attendance.verify.explanationRequired')}</span>}
        </label>
      </FormDialog>
      <ConfirmDialog
        open={confirming}
        title={t('attendance.correct.confirmWithdraw')}
        confirmLabel={t('attendance.correct.withdraw')}
        danger
        onConfirm={() => void write()}
        onCancel={() => setConfirming(false)}
      >
        <p>{target ? `${clockTimeOfInstant(target.deviceTime, timeZone)} ${t(`kiosk.event.${target.kind}`)} · ${row.name}` : ''}</p>
      </ConfirmDialog>
    </>
  );
}
