import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
const MAX_DIGITS = 6;

export interface PinPadProps {
  value: string;
  onChange(next: string): void;
  onSubmit(): void;
  disabled?: boolean;
  /** The error or hint under the field (announced). */
  message?: string | null;
}

/** A large on-screen number pad with a masked field a hardware keyboard can type into too. */
export function PinPad({ value, onChange, onSubmit, disabled, message }: PinPadProps) {
  const { t } = useTranslation();
  const id = useId();
  const press = (digit: string) => {
    if (value.length < MAX_DIGITS) onChange(value + digit);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form className="pin-pad" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-pin`} className="pin-label">
        {t('attendance.kiosk.pinLabel')}
      </label>
      <input
        id={`${id}-pin`}
        data-testid="pin-input"
        className="pin-field"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={MAX_DIGITS}
        value={value}
        disabled={disabled}
        aria-describedby={message ? `${id}-msg` : undefined}
        aria-invalid={message ? true : undefined}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, MAX_DIGITS))}
        autoFocus
      />
      <p id={`${id}-msg`} className="pin-message" role="alert">
        {message}
      </p>
      <div className="pin-keys">
        {KEYS.map((k) => (
          <button key={k} type="button" className="secondary" disabled={disabled} onClick={() => press(k)}>
            {k}
          </button>
        ))}
        <button type="button" className="secondary" disabled={disabled} onClick={() => onChange('')}>
          {t('attendance.kiosk.pinClear')}
        </button>
        <button type="button" className="secondary" disabled={disabled} onClick={() => press('0')}>
          0
        </button>
        <button
          type="button"
          className="secondary"
          disabled={disabled}
          aria-label={t('attendance.kiosk.pinBackspace')}
          onClick={() => onChange(value.slice(0, -1))}
        >
          ⌫
        </button>
      </div>
      <button type="submit" data-testid="pin-ok" className="pin-ok" disabled={disabled || value.length === 0}>
        {disabled ? t('attendance.kiosk.checking') : t('attendance.kiosk.pinOk')}
      </button>
    </form>
  );
}
