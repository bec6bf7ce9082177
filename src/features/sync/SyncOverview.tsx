import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useSyncController } from '../../app/DataProvider';
import { useDeviceLog } from '../../app/hooks';
import { ConflictLog } from './ConflictLog';
import { ImportPanel } from './ImportPanel';
import { RejectedInbox } from './RejectedInbox';
import { useSyncProblem } from './useSyncProblem';
import { useDocLabel, useStoredDocs } from './useDocs';
import { usePendingExport } from './pendingExport';

const MAX_LISTED = 200;

export function SyncOverview() {
  const { t } = useTranslation();
  const { hash, state } = useLocation();
  const notice = (state as { notice?: string } | null)?.notice;
  // The badge links to a section (#rejected); scroll there once the page is drawn.
  useEffect(() => {
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [hash]);
  return (
    <section className="sync-centre">
      <h1>{t('sync.title')}</h1>
      {notice && (
        <p className="banner notice" role="status">
          {notice}
        </p>
      )}
      <StatusPanel />
      <WaitingChanges />
      <RejectedInbox />
      <ConflictLog />
      <ImportPanel />
    </section>
  );
}

function StatusPanel() {
  const { t, i18n } = useTranslation();
  const { status, problem, technical } = useSyncProblem();
  const sync = useSyncController();
  const [asked, setAsked] = useState(false);
  return (
    <section className="sync-panel" aria-labelledby="sync-status-heading">
      <h2 id="sync-status-heading">{t('sync.status.heading')}</h2>
      <dl className="facts">
        <dt>{t('sync.status.connection')}</dt>
        <dd>
          <span className={`badge ${status.online ? 'ok' : 'warn'}`}>{status.online ? t('sync.online') : t('sync.offline')}</span>
        </dd>
        <dt>{t('sync.status.lastSync')}</dt>
        <dd>{status.lastSyncedAt ? new Date(status.lastSyncedAt).toLocaleString(i18n.language) : t('sync.never')}</dd>
        <dt>{t('sync.status.problem')}</dt>
        <dd data-testid="sync-centre-problem" data-problem={problem ?? ''}>
          {problem ? t(`sync.problem.${problem}`) : t('sync.status.none')}
          {technical && (
            <details className="technical">
              <summary>{t('sync.technical')}</summary>
              <pre>{technical}</pre>
            </details>
          )}
        </dd>
      </dl>
      <div className="toolbar">
        <button
          type="button"
          onClick={() => {
            sync?.syncNow();
            setAsked(true);
          }}
        >
          {t('sync.syncNow')}
        </button>
        <span role="status">{asked ? t('sync.syncRequested') : ''}</span>
      </div>
    </section>
  );
}

function WaitingChanges() {
  const { t, i18n } = useTranslation();
  const outbox = useDeviceLog('outbox');
  const sorted = [...outbox].sort((a, b) => b.at.localeCompare(a.at)).slice(0, MAX_LISTED);
  const docOf = useStoredDocs(sorted);
  const label = useDocLabel();
  const { last, exportNow } = usePendingExport();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);

  const onExport = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const record = await exportNow();
      setMessage({ text: t('sync.export.done', { count: record.count, file: record.fileName }) });
    } catch (err) {
      setMessage({ text: t('sync.export.failed', { message: err instanceof Error ? err.message : String(err) }), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="sync-panel" aria-labelledby="sync-waiting-heading" data-testid="waiting-changes">
      <h2 id="sync-waiting-heading">
        {t('sync.waiting.heading')} <span className="badge">{outbox.length}</span>
      </h2>
      <p className="hint">{t('sync.waiting.hint')}</p>
      {outbox.length === 0 ? (
        <p>{t('sync.waiting.empty')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('sync.waiting.collection')}</th>
              <th scope="col">{t('sync.waiting.record')}</th>
              <th scope="col">{t('sync.waiting.time')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((entry) => {
              const doc = docOf(entry.collectionName, entry.docId);
              return (
                <tr key={entry.id} data-testid="waiting-row">
                  <td>{t(`sync.collections.${entry.collectionName}`, { defaultValue: entry.collectionName })}</td>
                  <td>
                    {label(doc, entry.docId)}
                    {doc?._deleted === true && ` ${t('sync.waiting.deleted')}`}
                  </td>
                  <td>{new Date(entry.at).toLocaleString(i18n.language)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="toolbar">
        <button type="button" onClick={() => void onExport()} disabled={busy || outbox.length === 0}>
          {busy ? t('sync.export.working') : t('sync.export.button')}
        </button>
        {last && <span className="hint">{t('sync.export.last', { file: last.fileName, time: new Date(last.exportedAt).toLocaleString(i18n.language) })}</span>}
      </div>
      <p role="status" className={message?.error ? 'field-error' : undefined}>
        {message?.text ?? ''}
      </p>
    </section>
  );
}
