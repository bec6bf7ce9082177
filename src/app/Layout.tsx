import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { requestPersistence } from '../features/settings/storage';
import { UnsyncedGuard } from '../features/sync/UnsyncedGuard';
import { signOut, useSession } from '../sync/session';
import { featuresFor } from './features';
import { LanguageSelect } from './LanguageSelect';
import { SyncBadge } from './SyncBadge';
import { useDeviceLog } from './hooks';

export function Layout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const pending = useDeviceLog('outbox').length;
  const [guarding, setGuarding] = useState(false);
  const session = useSession();
  const menu = session ? featuresFor(session.user.role) : [];

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
        <SyncBadge />
        <LanguageSelect />
        <button type="button" className="secondary" onClick={onSignOut}>
          {t('nav.signOut')}
        </button>
      </header>
      {guarding && <UnsyncedGuard action="sign-out" onConfirm={() => void leave()} onCancel={() => setGuarding(false)} />}
      <main id="main">
        <Outlet />
      </main>
    </div>
  );
}
