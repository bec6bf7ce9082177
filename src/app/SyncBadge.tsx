import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../sync/status';
import { useDeviceLog } from './hooks';
import { useSyncController } from './DataProvider';

/** Online/offline, changes waiting and rejections, always visible in the header. */
export function SyncBadge() {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus();
  const pending = useDeviceLog('outbox').length;
  const rejected = useDeviceLog('rejection').length;
  const sync = useSyncController();
  const last = status.lastSyncedAt
    ? t('sync.lastSynced', { time: new Date(status.lastSyncedAt).toLocaleTimeString(i18n.language) })
    : t('sync.never');
  return (
    <div className="sync-badge" data-online={status.online} role="status" aria-live="polite">
      <span className="sync-dot" aria-hidden="true" />
      <span data-testid="sync-online">{status.online ? t('sync.online') : t('sync.offline')}</span>
      <span data-testid="sync-pending" data-count={pending}>
        {pending > 0 ? t('sync.pending', { count: pending }) : t('sync.allSynced')}
      </span>
      {rejected > 0 && <span className="sync-rejected">{t('sync.rejected', { count: rejected })}</span>}
      <button type="button" className="link" onClick={() => sync?.syncNow()} title={last}>
        {status.error ? t('sync.error', { message: status.error }) : last}
      </button>
    </div>
  );
}
