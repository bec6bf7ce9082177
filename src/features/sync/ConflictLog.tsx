import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDatabase } from '../../app/DataProvider';
import { useDeviceLog } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import type { DeviceLogEntry } from '../../db/device-log';
import { restoreConflict } from '../../db/conflict-log';
import { useDocLabel } from './useDocs';

/** Values shown as text; lists and objects as compact JSON, which only this read-only view shows. */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The losing versions of last-write-wins conflicts, kept on this device, each restorable. */
export function ConflictLog() {
  const { t, i18n } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const entries = [...useDeviceLog('conflict')].sort((a, b) => b.at.localeCompare(a.at));
  const label = useDocLabel();
  const [confirming, setConfirming] = useState<DeviceLogEntry | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);

  const restore = async (entry: DeviceLogEntry) => {
    setConfirming(null);
    try {
      // Restored as a new write by the person restoring it, so it wins and replicates.
      await restoreConflict(db, entry.id, author);
      setMessage({ text: t('sync.conflicts.restored') });
    } catch (err) {
      setMessage({ text: t('sync.conflicts.restoreFailed', { message: err instanceof Error ? err.message : String(err) }), error: true });
    }
  };

  return (
    <section className="sync-panel" id="conflicts" aria-labelledby="sync-conflicts-heading" data-testid="conflict-log">
      <h2 id="sync-conflicts-heading">
        {t('sync.conflicts.heading')} <span className="badge">{entries.length}</span>
      </h2>
      <p className="hint">{t('sync.conflicts.intro')}</p>
      <p role="status" className={message?.error ? 'field-error' : undefined}>
        {message?.text ?? ''}
      </p>
      {entries.length === 0 ? (
        <p>{t('sync.conflicts.empty')}</p>
      ) : (
        <ul className="entry-list">
          {entries.map((entry) => (
            <li key={entry.id} className="entry" data-testid="conflict-entry">
              <p className="entry-title">
                <span className="badge">{t(`sync.collections.${entry.collectionName}`, { defaultValue: entry.collectionName })}</span>{' '}
                <strong>{label(entry.doc, entry.docId)}</strong>
              </p>
              <p className="entry-meta">{new Date(entry.at).toLocaleString(i18n.language)}</p>
              {entry.reason && <p className="entry-reason">{entry.reason}</p>}
              <details>
                <summary>{t('sync.conflicts.show')}</summary>
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">{t('sync.conflicts.field')}</th>
                      <th scope="col">{t('sync.conflicts.value')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(entry.doc ?? {})
                      .filter(([k]) => !k.startsWith('_'))
                      .map(([k, v]) => (
                        <tr key={k}>
                          <th scope="row">{t(`sync.fields.${k}`, { defaultValue: k })}</th>
                          <td>{shown(v)}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </details>
              <div className="toolbar">
                <button type="button" className="secondary" disabled={!entry.doc} onClick={() => setConfirming(entry)}>
                  {t('sync.conflicts.restore')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {confirming && (
        <ConfirmDialog
          open
          title={t('sync.conflicts.restoreTitle')}
          confirmLabel={t('sync.conflicts.restore')}
          onConfirm={() => void restore(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>{t('sync.conflicts.restoreBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
