import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { ProgressBar } from '../../app/ui/ProgressBar';
import { importPendingChanges, parsePendingFile, type ImportOutcome, type PendingChangesFile } from '../../db/backup';
import { useSession } from '../../sync/session';
import { useDocLabel } from './useDocs';

const STATUS_KEY: Record<ImportOutcome['status'], string> = {
  imported: 'sync.import.statusImported',
  unchanged: 'sync.import.statusUnchanged',
  refused: 'sync.import.statusRefused',
};
const STATUS_BADGE: Record<ImportOutcome['status'], string> = { imported: 'ok', unchanged: '', refused: 'bad' };

/** Reads an exported file of pending changes, shows what it holds, imports it and reports every change's outcome. */
export function ImportPanel() {
  const { t, i18n } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const session = useSession();
  const [file, setFile] = useState<PendingChangesFile | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [outcomes, setOutcomes] = useState<ImportOutcome[] | null>(null);
  // The imported documents, in the order of the outcomes, to name each record in the report.
  const [imported, setImported] = useState<PendingChangesFile['changes']>([]);
  const label = useDocLabel();

  const onChoose = async (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    setFile(null);
    setFailure(null);
    setOutcomes(null);
    if (!chosen) return;
    const parsed = parsePendingFile(await chosen.text());
    if (parsed.ok) setFile(parsed.file);
    else setFailure(t(`sync.import.failure.${parsed.failure}`));
  };

  const onImport = async () => {
    if (!file) return;
    setProgress({ done: 0, total: file.changes.length });
    try {
      const result = await importPendingChanges(db, file, {
        author,
        siteIds: session?.user.siteIds ?? [],
        onProgress: (done, total) => setProgress({ done, total }),
      });
      setOutcomes(result);
      setImported(file.changes);
      setFile(null);
    } finally {
      setProgress(null);
    }
  };

  const count = (status: ImportOutcome['status']) => outcomes?.filter((o) => o.status === status).length ?? 0;
  return (
    <section className="sync-panel" aria-labelledby="sync-import-heading" data-testid="import-panel">
      <h2 id="sync-import-heading">{t('sync.import.heading')}</h2>
      <p className="hint">{t('sync.import.intro')}</p>
      <label className="field">
        <span>{t('sync.import.label')}</span>
        <input type="file" accept="application/json,.json" data-testid="import-file" onChange={(e) => void onChoose(e)} />
      </label>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      {file && (
        <div className="import-preview">
          <p data-testid="import-summary">
            {t('sync.import.summary', {
              user: file.user.username,
              device: file.deviceId,
              time: new Date(file.exportedAt).toLocaleString(i18n.language),
              count: file.changes.length,
            })}
          </p>
          <button type="button" onClick={() => void onImport()} disabled={progress !== null}>
            {t('sync.import.button')}
          </button>
        </div>
      )}
      {progress && <ProgressBar label={t('sync.import.progress')} value={progress.done} max={progress.total} />}
      {outcomes && (
        <div className="import-report" data-testid="import-report">
          <h3>{t('sync.import.reportHeading')}</h3>
          <div role="status">
            <ul>
              <li data-testid="import-imported" data-count={count('imported')}>
                {t('sync.import.imported', { count: count('imported') })}
              </li>
              {count('unchanged') > 0 && <li>{t('sync.import.unchanged', { count: count('unchanged') })}</li>}
              {count('refused') > 0 && <li data-testid="import-refused">{t('sync.import.refused', { count: count('refused') })}</li>}
            </ul>
          </div>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('sync.waiting.collection')}</th>
                <th scope="col">{t('sync.waiting.record')}</th>
                <th scope="col">{t('sync.import.outcome')}</th>
                <th scope="col">{t('sync.import.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {outcomes.map((o, i) => (
                <tr key={`${o.collection}:${o.id}:${i}`} data-status={o.status}>
                  <td>{t(`sync.collections.${o.collection}`, { defaultValue: o.collection })}</td>
                  <td>
                    {label(imported[i]?.doc, o.id)}
                    {o.deleted && ` ${t('sync.waiting.deleted')}`}
                  </td>
                  <td>
                    <span className={`badge ${STATUS_BADGE[o.status]}`}>{t(STATUS_KEY[o.status])}</span>
                  </td>
                  <td>{o.code ? t(`sync.import.refusal.${o.code}`, { detail: o.detail ?? '' }) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
