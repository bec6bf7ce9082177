import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import type { DocOf } from '../../domain/collections';
import { upsertDoc, InvalidDocumentError } from '../../db/write';
import { hashPin, isValidPinFormat } from '../kiosk/pin';
import { FormDialog } from './FormDialog';

/** Sets a person's kiosk PIN: hashed on this device (salted PBKDF2), only the hash goes into the staff record. */
export function PinDialog({ person, onClose }: { person: DocOf<'staff'>; onClose(saved: boolean): void }) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<{ pin?: string; again?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const next = {
      pin: isValidPinFormat(pin) ? undefined : t('attendance.pins.format'),
      again: pin === again ? undefined : t('attendance.pins.mismatch'),
    };
    setErrors(next);
    if (next.pin || next.again) return;
    setBusy(true);
    try {
      await upsertDoc(db, 'staff', { ...person, pin: await hashPin(pin) }, author);
      onClose(true);
    } catch (err) {
      setError(err instanceof InvalidDocumentError ? t('attendance.invalid', { reason: err.reason }) : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const digits = (v: string) => v.replace(/\D/g, '').slice(0, 6);
  return (
    <FormDialog
      open
      title={t('attendance.pins.setTitle', { name: person.name })}
      submitLabel={busy ? t('attendance.pins.hashing') : t('common.save')}
      busy={busy}
      error={error}
      onSubmit={() => void submit()}
      onCancel={() => onClose(false)}
    >
      <label className="field">
        {t('attendance.pins.newPin')}
        <input
          name="new-pin"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          value={pin}
          onChange={(e) => setPin(digits(e.target.value))}
          aria-invalid={errors.pin ? true : undefined}
        />
        {errors.pin && <span className="field-error">{errors.pin}</span>}
      </label>
      <label className="field">
        {t('attendance.pins.repeat')}
        <input
          name="repeat-pin"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          value={again}
          onChange={(e) => setAgain(digits(e.target.value))}
          aria-invalid={errors.again ? true : undefined}
        />
        {errors.again && <span className="field-error">{errors.again}</span>}
      </label>
    </FormDialog>
  );
}
