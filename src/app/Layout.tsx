import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { signOut, useSession } from '../sync/session';
import { featuresFor } from './features';
import { LanguageSelect } from './LanguageSelect';
import { SyncBadge } from './SyncBadge';
import { useDeviceLog } from './hooks';

export function Layout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const pending = useDeviceLog('outbox').length;
  const [blocked, setBlocked] = useState(false);
  const session = useSession();
  const menu = session ? featuresFor(session.user.role) : [];

  const onSignOut = async () => {
    // Nothing entered on this device may be lost: refuse while changes are unsynced.
    if (pending > 0) {
      setBlocked(true);
      return;
    }
    await signOut();
    navigate('/login');
  };

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
        <button type="button" className="secondary" onClick={() => void onSignOut()}>
          {t('nav.signOut')}
        </button>
      </header>
      {blocked && (
        <div className="banner warning" role="alert">
          {t('settings.signOutBlocked', { count: pending })}
          <button type="button" className="link" onClick={() => setBlocked(false)}>
            {t('common.close')}
          </button>
        </div>
      )}
      <main id="main">
        <Outlet />
      </main>
    </div>
  );
}
