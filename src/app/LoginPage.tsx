import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ApiError } from '../sync/api';
import { signIn, useSession } from '../sync/session';
import { EnrolTablet } from '../features/devices/EnrolTablet';
import { isKioskDevice } from '../features/kiosk/device';
import { LanguageSelect } from './LanguageSelect';

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // An enrolled kiosk tablet goes straight to its site's kiosk.
  if (session) {
    const kiosk = isKioskDevice(session.user) && session.user.siteIds[0];
    return <Navigate to={kiosk ? `/kiosk/${encodeURIComponent(kiosk)}` : '/'} replace />;
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(t('login.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      navigate('/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('login.wrongPassword'));
      else if (err instanceof ApiError && err.isNetwork) setError(t('login.offline'));
      else setError(t('login.failed', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login">
      <form onSubmit={(e) => void submit(e)} className="card" noValidate>
        <h1>{t('app.name')}</h1>
        <h2>{t('login.title')}</h2>
        <label>
          {t('login.username')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
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
        <button type="submit" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <LanguageSelect />
      </form>
      <EnrolTablet />
    </main>
  );
}
