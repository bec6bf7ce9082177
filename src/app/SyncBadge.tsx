import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSyncProblem } from '../features/sync/useSyncProblem';
import { syncStatus } from '../sync/status';
import { useDeviceLog } from './hooks';
import { useSyncController } from './DataProvider';
import '../features/sync/sync.css';

/** Online/offline, changes waiting, rejections and problems in plain words, always visible in the header. */
export function SyncBadge() {
  const { t, i18n } = useTranslation();
  const { status, problem } = useSyncProblem();
  // Offline already says the server cannot be reached.
  const shownProblem = problem === 'network' && !status.online ? null : problem;
  const pending = useDeviceLog('outbox').length;
  const rejected = useDeviceLog('rejection').length;
  const sync = useSyncController();
  const last = status.lastSyncedAt
    ? t('sync.lastSynced', { time: new Date(status.lastSyncedAt).toLocaleTimeString(i18n.language) })
    : t('sync.never');
  return (
    <div className="sync-badge" data-online={status.online}>
      <div className="sync-badge-status" role="status" aria-live="polite">
        <span className="sync-dot" aria-hidden="true" />
        <span data-testid="sync-online">{status.online ? t('sync.online') : t('sync.offline')}</span>
        <Link to="/sync" data-testid="sync-pending" data-count={pending}>
          {pending > 0 ? t('sync.pending', { count: pending }) : t('sync.allSynced')}
        </Link>
        {rejected > 0 && (
          <Link to="/sync#rejected" className="sync-rejected" data-testid="sync-rejected">
            {t('sync.rejected', { count: rejected })}
          </Link>
        )}
        {shownProblem ? (
          <Link to="/sync" className="sync-problem" data-testid="sync-problem" data-problem={shownProblem} title={t(`sync.problem.${shownProblem}`)}>
            {t(`sync.problemShort.${shownProblem}`)}
          </Link>
        ) : (
          <span className="sync-last">{last}</span>
        )}
      </div>
      {status.clockDriftFlagged && status.clockOffsetMs !== null && <ClockDrift offsetMs={status.clockOffsetMs} />}
      <button type="button" className="secondary sync-now" onClick={() => sync?.syncNow()} title={last}>
        {t('sync.syncNow')}
      </button>
    </div>
  );
}

/** Shown when the device clock is off the server's by more than the policy allows (ARCHITECTURE.md "Time"). */
function ClockDrift({ offsetMs }: { offsetMs: number }) {
  const { t } = useTranslation();
  const total = Math.round(Math.abs(offsetMs) / 1000);
  const minutes = Math.floor(total / 60);
  const offset = minutes > 0 ? t('sync-core.clock.minutes', { minutes, seconds: total % 60 }) : t('sync-core.clock.seconds', { seconds: total });
  return (
    <span
      className="sync-clock badge warn"
      data-testid="sync-clock-drift"
      data-offset-ms={offsetMs}
      title={t('sync-core.clock.explain', { offset, threshold: syncStatus.thresholdMinutes })}
    >
      {offsetMs > 0 ? t('sync-core.clock.fast', { offset }) : t('sync-core.clock.slow', { offset })}
    </span>
  );
}
