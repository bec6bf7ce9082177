import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useLiveDocs } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { ProgressBar } from '../../app/ui/ProgressBar';
import { insertDoc, InvalidDocumentError } from '../../db/write';
import { displaySensitive } from '../../domain/rules/sensitive';
import { useSession } from '../../sync/session';
import { canEditStaff } from './access';
import { ownHeaderLabels } from './columns';
import type { FieldError } from './field-errors';
import { useScopeSites } from './hooks';
import { importFields, planImport, type Cell, type ImportedStaff, type ImportField, type ImportRow } from './import';
import { pinyinInitialsOf } from './pinyin';
import { MAX_IMPORT_BYTES, readSpreadsheet, spreadsheetKind } from './spreadsheet';

/** Records written per batch: small enough for the progress bar to move, large enough to be quick. */
const BATCH = 50;
/** Preview rows rendered at first (rows with errors come first); the summary counts them all. */
const PREVIEW_LIMIT = 200;
/** Columns shown in the preview besides the line and its problems. */
const PREVIEW_FIELDS: ImportField[] = ['staffNo', 'name', 'gender', 'site', 'post', 'status', 'idNumber', 'phone', 'hiredOn'];

type Phase =
  | { name: 'choose' }
  | { name: 'writing'; total: number; done: number }
  | { name: 'done'; written: number; failures: { staffNo: string; reason: string }[] };

/**
 * Import from xlsx or CSV: read, map the columns, preview every row with its
 * errors, and write nothing until the user confirms; then write the valid
 * rows in batches with a progress bar.
 */
export function StaffImport() {
  const { t } = useTranslation();
  const session = useSession();
  const db = useAppDatabase();
  const author = useAuthor();
  const ids = { site: useId(), file: useId(), onlyErrors: useId() };
  const { sites, loading: sitesLoading } = useScopeSites();
  const editable = useMemo(() => sites.filter((s) => canEditStaff(session?.user, s.id)), [sites, session?.user]);
  const { docs: existing } = useLiveDocs('staff', { selector: {} });

  const [params] = useSearchParams();
  // The list's site filter, when it came from there, else the first site the user may edit.
  const [chosenSite, setChosenSite] = useState(params.get('site') ?? '');
  const siteId = editable.some((s) => s.id === chosenSite) ? chosenSite : (editable[0]?.id ?? '');
  const [file, setFile] = useState<{ name: string; table: Cell[][] } | null>(null);
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<(ImportField | null)[] | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [phase, setPhase] = useState<Phase>({ name: 'choose' });

  // Planned only while choosing: the records being written must not turn into "duplicates" of themselves.
  const plan = useMemo(() => {
    if (!file || phase.name !== 'choose') return null;
    return planImport(
      file.table,
      {
        sites: editable,
        defaultSiteId: siteId,
        existing,
        stamp: { updatedAt: '2000-01-01T00:00:00.000Z', updatedBy: author.userId, deviceId: author.deviceId },
        initialsOf: pinyinInitialsOf,
      },
      { mapping: mapping ?? undefined, extraHeaders: ownHeaderLabels },
    );
  }, [file, phase.name, editable, siteId, existing, author, mapping]);

  if (sitesLoading) return <p role="status">{t('common.loading')}</p>;
  if (editable.length === 0) return <p role="alert">{t('staff.noAccess')}</p>;

  const onFile = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    setReadError(null);
    setFile(null);
    setMapping(null);
    if (!chosen) return;
    if (!spreadsheetKind(chosen.name)) return setReadError(t('staff.importer.unsupported'));
    if (chosen.size > MAX_IMPORT_BYTES) return setReadError(t('staff.importer.tooLarge', { mb: MAX_IMPORT_BYTES / 1024 / 1024 }));
    setReading(true);
    try {
      const table = await readSpreadsheet(chosen.name, await chosen.arrayBuffer());
      setFile({ name: chosen.name, table });
    } catch (err) {
      setReadError(t('staff.importer.readFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setReading(false);
    }
  };

  const write = async (docs: ImportedStaff[]) => {
    setPhase({ name: 'writing', total: docs.length, done: 0 });
    const failures: { staffNo: string; reason: string }[] = [];
    let written = 0;
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = docs.slice(i, i + BATCH);
      const results = await Promise.allSettled(batch.map((doc) => insertDoc(db, 'staff', doc, author)));
      results.forEach((r, j) => {
        if (r.status === 'fulfilled') written++;
        else {
          const err = r.reason as unknown;
          failures.push({
            staffNo: batch[j]!.staffNo,
            reason: err instanceof InvalidDocumentError ? err.reason : err instanceof Error ? err.message : String(err),
          });
        }
      });
      setPhase({ name: 'writing', total: docs.length, done: Math.min(i + BATCH, docs.length) });
    }
    setPhase({ name: 'done', written, failures });
  };

  const reset = () => {
    setFile(null);
    setMapping(null);
    setPhase({ name: 'choose' });
  };

  const fieldLabel = (f: ImportField) => t(`staff.fields.${f}`);
  const errorText = (e: FieldError) => t(`staff.errors.${e.key}`, e.params);
  const role = session?.user.role ?? 'guide';
  const cellShown = (row: ImportRow, f: ImportField) => {
    const v = row.values[f];
    if (v === undefined) return '';
    return f === 'idNumber' || f === 'phone' ? displaySensitive(role, f, v).text : v;
  };

  if (phase.name === 'writing') {
    return (
      <section className="staff staff-import">
        <h1>{t('staff.importer.title')}</h1>
        <ProgressBar label={t('staff.importer.writing')} value={phase.done} max={phase.total} />
      </section>
    );
  }
  if (phase.name === 'done') {
    return (
      <section className="staff staff-import">
        <h1>{t('staff.importer.title')}</h1>
        <p role="status" data-testid="import-done" data-written={phase.written}>
          {t('staff.importer.done', { count: phase.written })}
        </p>
        {phase.failures.length > 0 && (
          <div role="alert">
            <p>{t('staff.importer.failed', { count: phase.failures.length })}</p>
            <ul>
              {phase.failures.map((f) => (
                <li key={f.staffNo}>
                  {f.staffNo}: {f.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="toolbar">
          <Link className="button-link" to="/staff">
            {t('staff.backToList')}
          </Link>
          <button type="button" className="secondary" onClick={reset}>
            {t('staff.importer.again')}
          </button>
        </div>
      </section>
    );
  }

  const rows = plan?.rows ?? [];
  const badRows = rows.filter((r) => r.errors.length > 0);
  const listed = onlyErrors ? badRows : [...badRows, ...rows.filter((r) => r.errors.length === 0)];
  const shownRows = showAll ? listed : listed.slice(0, PREVIEW_LIMIT);
  const activeMapping = plan?.mapping ?? [];

  return (
    <section className="staff staff-import">
      <p>
        <Link to="/staff">{t('staff.backToList')}</Link>
      </p>
      <h1>{t('staff.importer.title')}</h1>
      <p>{t('staff.importer.intro')}</p>
      <div className="toolbar">
        <div className="field">
          <label htmlFor={ids.site}>{t('staff.importer.site')}</label>
          <select id={ids.site} value={siteId} onChange={(e) => setChosenSite(e.target.value)} aria-describedby={`${ids.site}-hint`}>
            {editable.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <span id={`${ids.site}-hint`} className="hint">
            {t('staff.importer.siteHint')}
          </span>
        </div>
        <div className="field">
          <label htmlFor={ids.file}>{t('staff.importer.file')}</label>
          <input
            id={ids.file}
            type="file"
            data-testid="import-file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => void onFile(e.currentTarget)}
          />
        </div>
      </div>
      {reading && <p role="status">{t('staff.importer.reading')}</p>}
      {readError && (
        <p role="alert" className="error">
          {readError}
        </p>
      )}

      {file && plan && (
        <>
          {plan.headerLine === 0 && (
            <p role="alert" className="error">
              {t('staff.importer.noHeader')}
            </p>
          )}
          {plan.headerLine > 0 && (
            <details className="mapping" open={plan.missing.length > 0}>
              <summary>{t('staff.importer.mapping')}</summary>
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">{t('staff.importer.column')}</th>
                    <th scope="col">{t('staff.importer.field')}</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.headers.map((h, i) => (
                    <tr key={i}>
                      <td>{h || `#${i + 1}`}</td>
                      <td>
                        <select
                          aria-label={`${t('staff.importer.field')}: ${h || `#${i + 1}`}`}
                          value={activeMapping[i] ?? ''}
                          onChange={(e) => {
                            const next = plan.headers.map((_, j) => activeMapping[j] ?? null);
                            const field = (e.target.value || null) as ImportField | null;
                            // A field maps one column: choosing it here frees it elsewhere.
                            next.forEach((f, j) => {
                              if (field && f === field) next[j] = null;
                            });
                            next[i] = field;
                            setMapping(next);
                          }}
                        >
                          <option value="">{t('staff.importer.ignore')}</option>
                          {importFields.map((f) => (
                            <option key={f} value={f}>
                              {fieldLabel(f)}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
          {plan.headerLine > 0 && plan.missing.length > 0 && (
            <p role="alert" className="error" data-testid="import-missing">
              {t('staff.importer.missing', { fields: plan.missing.map(fieldLabel).join('、') })}
            </p>
          )}

          {plan.missing.length === 0 && plan.headerLine > 0 && (
            <section aria-labelledby="import-preview-title">
              <h2 id="import-preview-title">{t('staff.importer.preview')}</h2>
              <p
                role="status"
                data-testid="import-summary"
                data-total={rows.length}
                data-valid={plan.valid.length}
                data-invalid={plan.invalidCount}
              >
                {t('staff.importer.summary', { total: rows.length, valid: plan.valid.length, invalid: plan.invalidCount })}
              </p>
              <p className="hint">{t('staff.importer.notWritten')}</p>
              <div className="toolbar">
                <button type="button" disabled={plan.valid.length === 0} onClick={() => setConfirming(true)} data-testid="import-confirm">
                  {plan.valid.length === 0 ? t('staff.importer.nothingValid') : t('staff.importer.confirm', { count: plan.valid.length })}
                </button>
                <label className="checkbox" htmlFor={ids.onlyErrors}>
                  <input id={ids.onlyErrors} type="checkbox" checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} />{' '}
                  {t('staff.importer.onlyErrors')}
                </label>
              </div>
              {shownRows.length < listed.length && (
                <p className="hint">
                  {t('staff.importer.moreRows', { shown: shownRows.length, total: listed.length })}{' '}
                  <button type="button" className="link" onClick={() => setShowAll(true)}>
                    {t('staff.importer.showAll')}
                  </button>
                </p>
              )}
              <div className="table-scroll">
                <table className="data staff-import-preview">
                  <thead>
                    <tr>
                      <th scope="col">{t('staff.importer.line')}</th>
                      {PREVIEW_FIELDS.map((f) => (
                        <th key={f} scope="col">
                          {fieldLabel(f)}
                        </th>
                      ))}
                      <th scope="col">{t('staff.importer.problems')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shownRows.map((row) => (
                      <tr key={row.line} data-testid="import-row" data-line={row.line} data-ok={row.errors.length === 0} className={row.errors.length ? 'row-bad' : undefined}>
                        <th scope="row">{row.line}</th>
                        {PREVIEW_FIELDS.map((f) => (
                          <td key={f} className={row.errors.some((e) => e.field === f) ? 'cell-bad' : undefined}>
                            {cellShown(row, f)}
                          </td>
                        ))}
                        <td>
                          {row.errors.length === 0 ? (
                            <span className="badge ok">{t('staff.importer.ok')}</span>
                          ) : (
                            <ul className="row-errors" aria-label={t('staff.importer.rowErrors', { line: row.line })}>
                              {row.errors.map((e, i) => (
                                <li key={i} data-testid="import-error" data-field={e.field ?? ''} data-key={e.error.key}>
                                  {e.field ? `${fieldLabel(e.field)}: ` : ''}
                                  {errorText(e.error)}
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <ConfirmDialog
                open={confirming}
                title={t('staff.importer.confirmTitle')}
                confirmLabel={t('staff.importer.confirm', { count: plan.valid.length })}
                onCancel={() => setConfirming(false)}
                onConfirm={() => {
                  setConfirming(false);
                  void write(plan.valid);
                }}
              >
                <p>{t('staff.importer.confirmBody', { count: plan.valid.length, invalid: plan.invalidCount })}</p>
              </ConfirmDialog>
            </section>
          )}
        </>
      )}
    </section>
  );
}
