import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAppDatabase, useSyncController } from '../../app/DataProvider';
import { useDeviceLog } from '../../app/hooks';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { ProgressBar } from '../../app/ui/ProgressBar';
import type { DeviceLogEntry } from '../../db/device-log';
import { sessionAuth } from '../../sync/session';
import { discardRejected, type DiscardResult } from './actions';
import { rejectionKind } from './errors';
import { useDocLabel } from './useDocs';

const OUTCOME_KEY: Record<DiscardResult, string> = {
  restored: 'sync.rejected.restored',
  'removed-here': 'sync.rejected.removedHere',
  'already-replaced': 'sync.rejected.alreadyReplaced',
};

/** Changes the server refused, with its reason: edit and resend, or discard (back to the server's version). */
export function RejectedInbox() {
  const { t, i18n } = useTranslation();
  const db = useAppDatabase();
  const sync = useSyncController();
  const entries = [...useDeviceLog('rejection')].sort((a, b) => b.at.localeCompare(a.at));
  const label = useDocLabel();
  const [confirming, setConfirming] = useState<DeviceLogEntry | null>(null);
  const [pages, setPages] = useState<number | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);

  const discard = async (entry: DeviceLogEntry) => {
    setConfirming(null);
    setMessage(null);
    setPages(0);
    try {
      const result = await discardRejected(db, sync, sessionAuth, entry, setPages);
      setMessage({ text: t(OUTCOME_KEY[result]) });
    } catch (err) {
      setMessage({ text: t('sync.rejected.discardFailed', { message: err instanceof Error ? err.message : String(err) }), error: true });
    } finally {
      setPages(null);
    }
  };

  return (
    <section className="sync-panel" id="rejected" aria-labelledby="sync-rejected-heading" data-testid="rejected-inbox">
      <h2 id="sync-rejected-heading">
        {t('sync.rejected.heading')} <span className={`badge ${entries.length ? 'bad' : ''}`}>{entries.length}</span>
      </h2>
      <p className="hint">{t('sync.rejected.intro')}</p>
      {pages !== null && <ProgressBar label={t('sync.rejected.discarding', { pages })} value={pages} max={pages + 1} />}
      <p role="status" className={message?.error ? 'field-error' : undefined}>
        {message?.text ?? ''}
      </p>
      {entries.length === 0 ? (
        <p>{t('sync.rejected.empty')}</p>
      ) : (
        <ul className="entry-list">
          {entries.map((entry) => (
            <li key={entry.id} className="entry" data-testid="rejected-entry" data-doc-id={entry.docId}>
              <p className="entry-title">
                <span className="badge">{t(`sync.collections.${entry.collectionName}`, { defaultValue: entry.collectionName })}</span>{' '}
                <strong>{label(entry.doc, entry.docId)}</strong>
              </p>
              <p className="entry-meta">
                {t('sync.rejected.at')}: {new Date(entry.at).toLocaleString(i18n.language)}
              </p>
              <p data-testid="rejected-plain">{t(`sync.rejected.kind.${rejectionKind(entry.reason ?? '')}`)}</p>
              <p className="entry-reason">
                {t('sync.rejected.reason')}: <q data-testid="rejected-reason">{entry.reason}</q>
              </p>
              <div className="toolbar">
                <Link className="button-link" to={`rejected/${encodeURIComponent(entry.id)}`}>
                  {t('sync.rejected.edit')}
                </Link>
                <button type="button" className="secondary" disabled={pages !== null} onClick={() => setConfirming(entry)}>
                  {t('sync.rejected.discard')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {confirming && (
        <ConfirmDialog
          open
          danger
          title={t('sync.rejected.discardTitle')}
          confirmLabel={t('sync.rejected.discard')}
          onConfirm={() => void discard(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>{t('sync.rejected.discardBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
