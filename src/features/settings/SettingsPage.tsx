import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAppDatabase, useSyncController } from '../../app/DataProvider';
import { useDeviceLog } from '../../app/hooks';
import { LanguageSelect } from '../../app/LanguageSelect';
import { deviceId, useSession } from '../../sync/session';
import { UnsyncedGuard } from '../sync/UnsyncedGuard';
import { clearDeviceData } from './clearDevice';
import { formatBytes, readPersistence, readSpace, requestPersistence, usePersistence, type SpaceEstimate } from './storage';
import './settings.css';

export default function SettingsPage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <section className="settings">
      <h1>{t('settings.title')}</h1>
      <section className="settings-panel" aria-labelledby="settings-account">
        <h2 id="settings-account">{t('settings.account')}</h2>
        <dl className="facts">
          <dt>{t('settings.user')}</dt>
          <dd>
            {session?.user.displayName} ({session?.user.username})
          </dd>
          <dt>{t('settings.device')}</dt>
          <dd>
            <code>{deviceId()}</code>
          </dd>
        </dl>
        <LanguageSelect />
      </section>
      <StoragePanel />
      <PendingPanel />
      <ClearPanel />
    </section>
  );
}

function StoragePanel() {
  const { t, i18n } = useTranslation();
  const persistence = usePersistence();
  const [space, setSpace] = useState<SpaceEstimate | null | undefined>(undefined);
  const refresh = useCallback(async () => setSpace(await readSpace()), []);

  useEffect(() => {
    void readPersistence();
    void readSpace().then(setSpace);
  }, []);

  const bytes = (n: number | undefined) => (n === undefined ? t('settings.storage.unavailable') : formatBytes(n, i18n.language));
  return (
    <section className="settings-panel" aria-labelledby="settings-storage">
      <h2 id="settings-storage">{t('settings.storage.heading')}</h2>
      <dl className="facts">
        <dt>{t('settings.storage.protection')}</dt>
        <dd data-testid="storage-persistence" data-state={persistence}>
          <span className={`badge ${persistence === 'granted' ? 'ok' : persistence === 'unknown' ? '' : 'warn'}`}>
            {t(`settings.storage.${persistence}`)}
          </span>
        </dd>
        <dt>{t('settings.storage.used')}</dt>
        <dd data-testid="storage-used">{space === undefined ? t('common.loading') : bytes(space?.used)}</dd>
        <dt>{t('settings.storage.free')}</dt>
        <dd data-testid="storage-free">{space === undefined ? t('common.loading') : bytes(space?.free)}</dd>
      </dl>
      <div className="toolbar">
        {persistence === 'not-granted' && (
          <button type="button" className="secondary" onClick={() => void requestPersistence()}>
            {t('settings.storage.ask')}
          </button>
        )}
        <button type="button" className="secondary" onClick={() => void refresh()}>
          {t('settings.storage.refresh')}
        </button>
      </div>
    </section>
  );
}

function PendingPanel() {
  const { t } = useTranslation();
  const pending = useDeviceLog('outbox').length;
  return (
    <section className="settings-panel" aria-labelledby="settings-pending">
      <h2 id="settings-pending">{t('settings.pending.heading')}</h2>
      <p>{pending === 0 ? t('settings.pending.none') : t('settings.pending.some', { count: pending })}</p>
      <Link to="/sync">{t('settings.pending.open')}</Link>
    </section>
  );
}

function ClearPanel() {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const sync = useSyncController();
  const session = useSession();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const clear = async () => {
    if (!session) return;
    setAsking(false);
    setWorking(true);
    setError(null);
    try {
      await clearDeviceData(db, sync, session.user.id);
      navigate('/login');
    } catch (err) {
      setError(t('settings.clear.failed', { message: err instanceof Error ? err.message : String(err) }));
      setWorking(false);
    }
  };

  return (
    <section className="settings-panel" aria-labelledby="settings-clear">
      <h2 id="settings-clear">{t('settings.clear.heading')}</h2>
      <p>{t('settings.clear.intro')}</p>
      <button type="button" className="danger" disabled={working} onClick={() => setAsking(true)}>
        {working ? t('settings.clear.working') : t('settings.clear.button')}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {asking && (
        <UnsyncedGuard
          action="clear"
          userName={session?.user.displayName}
          onConfirm={() => void clear()}
          onCancel={() => setAsking(false)}
        />
      )}
    </section>
  );
}
