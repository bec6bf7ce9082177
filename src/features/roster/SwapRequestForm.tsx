import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDatabase } from '../../app/DataProvider';
import { useLiveDocs } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { newId } from '../../domain/ids';
import type { Staff } from '../../domain/schemas/staff';
import { insertDoc, InvalidDocumentError } from '../../db/write';
import { nowMs } from '../../sync/clock';
import type { useRosterLabels } from './labels';
import { Modal } from './Modal';
import type { SlotDoc } from './useRosterPeriod';

/** A staff member asks to swap one of their shifts with a colleague's, or to have a colleague cover it; the team leader decides. */
export function SwapRequestForm({
  slot,
  staffId,
  colleagues,
  labels,
  postName,
  shiftName,
  onClose,
  onSent,
}: {
  slot: SlotDoc;
  staffId: string;
  colleagues: Staff[];
  labels: ReturnType<typeof useRosterLabels>;
  postName(id: string): string;
  shiftName(id: string): string;
  onClose(): void;
  onSent(): void;
}) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const [requestType, setRequestType] = useState<'swap' | 'cover'>('cover');
  const [counterpartId, setCounterpartId] = useState('');
  const [counterpartSlotId, setCounterpartSlotId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { docs } = useLiveDocs('rosters', { selector: { staffId: counterpartId, day: { $gte: slot.day } }, sort: [{ staffId: 'asc' }, { day: 'asc' }], limit: 60 });
  const theirSlots = (docs.filter((d) => d.kind === 'slot' && d.status === 'published' && d.siteId === slot.siteId) as SlotDoc[]);

  const submit = async () => {
    const next: Record<string, string> = {};
    if (!counterpartId) next.counterpartId = t('common.required');
    if (requestType === 'swap' && !counterpartSlotId) next.counterpartSlotId = t('common.required');
    setErrors(next);
    if (Object.keys(next).length) return;
    try {
      await insertDoc(
        db,
        'rosters',
        {
          id: newId(),
          siteId: slot.siteId,
          kind: 'swap',
          staffId,
          day: slot.day,
          slotId: slot.id,
          requestType,
          counterpartId,
          ...(requestType === 'swap' ? { counterpartSlotId } : {}),
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          requestedAt: new Date(nowMs()).toISOString(),
          status: 'requested',
        },
        author,
      );
      onSent();
    } catch (e) {
      setErrors({ form: e instanceof InvalidDocumentError ? e.reason : (e as Error).message });
    }
  };

  return (
    <Modal open title={t('roster.swap.formTitle', { day: labels.day(slot.day), shift: shiftName(slot.shiftId), post: postName(slot.postId) })} onClose={onClose}>
      <form
        className="roster-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <fieldset>
          <legend>{t('roster.swap.kind')}</legend>
          {(['cover', 'swap'] as const).map((k) => (
            <label key={k} className="roster-radio">
              <input type="radio" name="requestType" value={k} checked={requestType === k} onChange={() => setRequestType(k)} />
              <span>{t(`roster.swap.type.${k}`)}</span>
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{t('roster.swap.colleague')}</span>
          <select
            value={counterpartId}
            onChange={(e) => {
              setCounterpartId(e.target.value);
              setCounterpartSlotId('');
            }}
            aria-invalid={Boolean(errors.counterpartId)}
            aria-describedby={errors.counterpartId ? 'swap-colleague-error' : undefined}
          >
            <option value="">{t('roster.me.placeholder')}</option>
            {colleagues.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} {c.staffNo}
              </option>
            ))}
          </select>
          {errors.counterpartId && (
            <span id="swap-colleague-error" className="field-error">
              {errors.counterpartId}
            </span>
          )}
        </label>
        {requestType === 'swap' && (
          <label className="field">
            <span>{t('roster.swap.theirSlot')}</span>
            <select
              value={counterpartSlotId}
              onChange={(e) => setCounterpartSlotId(e.target.value)}
              aria-invalid={Boolean(errors.counterpartSlotId)}
              aria-describedby={errors.counterpartSlotId ? 'swap-slot-error' : undefined}
            >
              <option value="">{counterpartId && theirSlots.length === 0 ? t('roster.swap.noSlots') : t('roster.me.placeholder')}</option>
              {theirSlots.map((s) => (
                <option key={s.id} value={s.id}>
                  {labels.day(s.day)} {shiftName(s.shiftId)} {postName(s.postId)}
                </option>
              ))}
            </select>
            {errors.counterpartSlotId && (
              <span id="swap-slot-error" className="field-error">
                {errors.counterpartSlotId}
              </span>
            )}
          </label>
        )}
        <label className="field">
          <span>{t('roster.swap.reason')}</span>
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} rows={3} />
        </label>
        {errors.form && (
          <p className="field-error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit">{t('roster.swap.submit')}</button>
        </div>
      </form>
    </Modal>
  );
}
