import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { ApiError } from '../sync/api';
import { signIn, useSession } from '../sync/session';
import { EnrolTablet } from '../features/devices/EnrolTablet';
import { isKioskDevice } from '../features/kiosk/device';
import { useAppRunning } from './app-running';
import { LanguageSelect } from './LanguageSelect';

/**
 * What was typed into the prerendered form of login.html (src/app/prerender.tsx)
 * before the app's JavaScript took over, and which field had the cursor.
 */
function typedBeforeStart(): { username: string; password: string; focused: string | null } {
  const form = typeof document === 'undefined' ? null : document.querySelector<HTMLFormElement>('#root form.login-form');
  if (!form) return { username: '', password: '', focused: null };
  const field = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  const active = document.activeElement;
  return {
    username: field('username')?.value ?? '',
    password: field('password')?.value ?? '',
    focused: active instanceof HTMLInputElement && form.contains(active) ? active.name : null,
  };
}

export function LoginPage() {
  const { t } = useTranslation();
  const appRunning = useAppRunning();
  const session = useSession();
  const navigate = useNavigate();
  const [before] = useState(typedBeforeStart);
  const [username, setUsername] = useState(before.username);
  const [password, setPassword] = useState(before.password);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // Hydrated, the form keeps its nodes and the cursor; rendered afresh, the cursor went with the old nodes.
    const form = formRef.current;
    if (before.focused && form && !form.contains(document.activeElement)) form.querySelector<HTMLInputElement>(`input[name="${before.focused}"]`)?.focus();
  }, [before]);
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
      <form ref={formRef} onSubmit={(e) => void submit(e)} className="card login-form" noValidate>
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
        <button type="submit" disabled={busy || !appRunning}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <LanguageSelect />
      </form>
      <EnrolTablet />
    </main>
  );
}
