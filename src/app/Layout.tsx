import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { isKioskDevice } from '../features/kiosk/device';
import { KioskGuard } from '../features/kiosk/KioskGuard';
import { requestPersistence } from '../features/settings/storage';
import { signOut, useParkedDevice, useSession } from '../sync/session';
import { featuresFor } from './features';
import { LanguageSelect } from './LanguageSelect';
import { SyncBadge } from './SyncBadge';
import { useDeviceLog } from './hooks';

// Opened only when someone signs out with unsynced changes: its export code stays out of the first screen.
const UnsyncedGuard = lazy(() => import('../features/sync/UnsyncedGuard').then((m) => ({ default: m.UnsyncedGuard })));

export function Layout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const pending = useDeviceLog('outbox').length;
  const [guarding, setGuarding] = useState(false);
  const session = useSession();
  const parked = useParkedDevice();
  // A kiosk tablet has no menu and no sign-out: its only way out is the kiosk's exit check.
  const device = isKioskDevice(session?.user);
  const menu = session && !device ? featuresFor(session.user.role) : [];

  // Signed in: the sensible moment to ask that this device's data is not evicted (again once installed).
  useEffect(() => {
    void requestPersistence();
    const onInstalled = () => void requestPersistence();
    window.addEventListener('appinstalled', onInstalled);
    return () => window.removeEventListener('appinstalled', onInstalled);
  }, []);

  const leave = async () => {
    setGuarding(false);
    await signOut();
    // On a kiosk tablet signing out returns to kiosk mode (the login page sends a device session to its kiosk).
    navigate('/login');
  };

  // Nothing entered on this device may be lost: with unsynced changes the guard takes over.
  const onSignOut = () => (pending > 0 ? setGuarding(true) : void leave());

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <strong className="brand">{t('app.name')}</strong>
        {!device && (
          <nav aria-label={t('nav.menu')}>
            <NavLink to="/" end>
              {t('nav.kiosk')}
            </NavLink>
            {menu.map((f) => (
              <NavLink key={f.id} to={`/${f.path}`}>
                {t(`${f.id}.nav`)}
              </NavLink>
            ))}
            <NavLink to="/settings">{t('nav.settings')}</NavLink>
          </nav>
        )}
        <SyncBadge />
        <LanguageSelect />
        {!device && (
          <button type="button" className="secondary" onClick={onSignOut} data-testid="sign-out">
            {t(parked ? 'nav.signOutToKiosk' : 'nav.signOut')}
          </button>
        )}
      </header>
      {guarding && (
        <Suspense fallback={null}>
          <UnsyncedGuard action="sign-out" onConfirm={() => void leave()} onCancel={() => setGuarding(false)} />
        </Suspense>
      )}
      <main id="main">
        <KioskGuard>
          <Outlet />
        </KioskGuard>
      </main>
    </div>
  );
}
