import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../sync/api';
import { signInDevice } from '../../sync/session';
import { QrScanner } from '../kiosk/QrScanner';
import { useAppRunning } from '../../app/app-running';
import './devices.css';

/**
 * On the sign-in page: turns this tablet into a site's kiosk with the
 * credential an administrator issued (typed, pasted or scanned from the QR
 * code). Once signed in as the device, the app opens the kiosk.
 */
export function EnrolTablet() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [credential, setCredential] = useState('');
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const appRunning = useAppRunning();

  const enrol = async (value: string) => {
    const trimmed = value.trim();
    if (!trimmed) {
      setError(t('devices.tablet.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signInDevice(trimmed);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('devices.tablet.refused'));
      else if (err instanceof ApiError && err.isNetwork) setError(t('devices.tablet.offline'));
      else setError(t('devices.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void enrol(credential);
  };

  if (!open) {
    return (
      <button type="button" className="link enrol-tablet-open" disabled={!appRunning} onClick={() => setOpen(true)}>
        {t('devices.tablet.open')}
      </button>
    );
  }
  return (
    <form className="card enrol-tablet" onSubmit={submit} noValidate aria-labelledby="enrol-tablet-title">
      <h2 id="enrol-tablet-title">{t('devices.tablet.title')}</h2>
      <p className="hint">{t('devices.tablet.intro')}</p>
      {scanning ? (
        <QrScanner
          onCode={(code) => {
            setScanning(false);
            setCredential(code);
            void enrol(code);
          }}
          onClose={() => setScanning(false)}
        />
      ) : (
        <button type="button" className="secondary" onClick={() => setScanning(true)}>
          {t('devices.tablet.scan')}
        </button>
      )}
      <label className="field">
        {t('devices.tablet.credential')}
        <textarea
          name="device-credential"
          rows={3}
          autoComplete="off"
          spellCheck={false}
          value={credential}
          onChange={(e) => setCredential(e.target.value)}
          aria-invalid={error ? true : undefined}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('devices.tablet.enrolling') : t('devices.tablet.submit')}
      </button>
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
