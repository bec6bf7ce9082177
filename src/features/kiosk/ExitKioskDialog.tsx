import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { mayLeaveKiosk } from '../../domain/rules/kiosk-access';
import { api, ApiError } from '../../sync/api';
import { sessionFromAnswer, switchFromDevice, useSession, type TokenAnswer } from '../../sync/session';

export interface ExitKioskDialogProps {
  open: boolean;
  /** Changes this tablet has not synced yet: leaving would strand them in the device's database. */
  pending: number;
  onClose(): void;
}

/**
 * Leaving kiosk mode takes the sign-in of an administrator or of the site's
 * manager (checked by the server, so it needs the network). The tablet
 * switches in place to that person (their own database opens once the
 * device's has closed); the device's session is set aside, and signing out
 * returns the tablet to kiosk mode.
 */
export function ExitKioskDialog({ open, pending, onClose }: ExitKioskDialogProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const siteId = session?.user.siteIds[0] ?? '';
  const ref = useRef<HTMLDialogElement>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending > 0) {
      setError(t('attendance.kiosk.exitUnsynced', { count: pending }));
      return;
    }
    if (!username.trim() || !password) {
      setError(t('login.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // Signed in on the server first; the device's session is given up only for someone who may leave the kiosk.
      const answer = await api<TokenAnswer>('/auth/login', { body: { username: username.trim(), password } });
      const next = sessionFromAnswer(answer);
      if (!mayLeaveKiosk(next.user, siteId)) {
        await api('/auth/logout', { token: next.token, method: 'POST' }).catch(() => undefined);
        setError(t('attendance.kiosk.exitNotAdmin'));
        return;
      }
      // Both in one tick, so they render together: the person's start page, never the device's kiosk guard.
      switchFromDevice(next);
      navigate('/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('login.wrongPassword'));
      else if (err instanceof ApiError && err.isNetwork) setError(t('attendance.kiosk.exitOffline'));
      else setError(t('login.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby="exit-kiosk-title" onCancel={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate className="exit-kiosk">
        <h2 id="exit-kiosk-title">{t('attendance.kiosk.exitTitle')}</h2>
        <label className="field">
          {t('login.username')}
          <input name="admin-username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          {t('login.password')}
          <input
            name="admin-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" disabled={busy}>
            {t('attendance.kiosk.exitSubmit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
