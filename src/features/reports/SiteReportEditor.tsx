import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { ExportBar } from '../../app/ui/ExportBar';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import * as Y from 'yjs';
import { useAppDatabase } from '../../app/DataProvider';
import { CSV_TYPE, saveFile, toCsv, toXlsx, XLSX_TYPE } from '../../app/export';
import { useLiveDocs } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { ProgressBar } from '../../app/ui/ProgressBar';
import { newId } from '../../domain/ids';
import { addRow, cellField, orderedRows, removeRow, siteReportColumns, submitReport } from '../../domain/rules/site-report';
import { nowMs } from '../../sync/clock';
import { useSession } from '../../sync/session';
import { mutateDoc } from '../inspections/data';
import { absorb, editNote, stateOf } from '../inspections/notes';
import { canWriteSiteReport } from '../../domain/rules/site-report';
import { siteReportFileBase, siteReportSheet } from './site-report-sheet';
import { formatInstant, type SiteReportDoc } from './SiteReportsPage';
import { useScopedSites } from './useReportData';

const SAVE_DELAY_MS = 600;

/** The live text of one cell of the report's Yjs document. */
function useYText(doc: Y.Doc, field: string): string {
  return useSyncExternalStore(
    (onChange) => {
      doc.on('update', onChange);
      return () => doc.off('update', onChange);
    },
    () => doc.getText(field).toString(),
  );
}

function Cell({ doc, field, label, editable, onEdited }: { doc: Y.Doc; field: string; label: string; editable: boolean; onEdited: () => void }) {
  const value = useYText(doc, field);
  if (!editable) return <span className="cell-text">{value}</span>;
  return (
    <>
      <textarea
        className="no-print"
        aria-label={label}
        value={value}
        rows={2}
        maxLength={2000}
        data-field={field}
        onChange={(e) => {
          editNote(doc, field, e.target.value);
          onEdited();
        }}
      />
      {/* A text area prints clipped: paper gets the whole text. */}
      <span className="cell-text print-only" aria-hidden="true">
        {value}
      </span>
    </>
  );
}

/** One weekly or monthly report (mounted at /reports/site-reports/:id). */
export default function SiteReportEditor() {
  const { id = '' } = useParams();
  return <Editor key={id} id={id} />;
}

type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

function Editor({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const db = useAppDatabase();
  const author = useAuthor();
  const { docs, loading } = useLiveDocs('inspections', { selector: { id } });
  const report = docs[0]?.kind === 'site-report' ? (docs[0] as SiteReportDoc) : undefined;
  const { sites } = useScopedSites();
  const site = sites.find((s) => s.id === report?.siteId);
  const [cells] = useState(() => new Y.Doc());
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<{ rowId: string; n: number } | null>(null);
  const [confirmSubmit, setConfirmSubmit] = useState(false);
  const [exporting, setExporting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const writes = useRef(0);

  // Whatever other devices wrote (synced into the stored document) joins the local text.
  useEffect(() => absorb(cells, report?.cells), [cells, report?.cells]);

  const mutate = useCallback(
    async (change: (cur: SiteReportDoc) => SiteReportDoc) => {
      writes.current++;
      setSaveState('saving');
      try {
        await mutateDoc(
          db,
          'inspections',
          id,
          (cur) => {
            if (cur.kind !== 'site-report') throw new Error('not a site report');
            if (cur.status !== 'draft') throw new Error(t('reports.siteReports.submittedOn', { at: cur.submittedAt ?? '', by: cur.submittedBy ?? '' }));
            return change(cur);
          },
          author,
        );
        if (--writes.current === 0 && !timer.current) setSaveState('saved');
      } catch (err) {
        writes.current--;
        setSaveState('failed');
        setError(err instanceof Error ? err.message : String(err));
        throw err;
      }
    },
    [db, id, author, t],
  );

  const saveCells = useCallback(
    () =>
      mutate((cur) => {
        absorb(cells, cur.cells);
        return { ...cur, cells: stateOf(cells) };
      }),
    [mutate, cells],
  );
  const scheduleSave = useCallback(() => {
    setSaveState('saving');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      saveCells().catch(() => undefined);
    }, SAVE_DELAY_MS);
  }, [saveCells]);
  const flush = useCallback(async () => {
    if (!timer.current) return;
    clearTimeout(timer.current);
    timer.current = null;
    await saveCells();
  }, [saveCells]);
  useEffect(() => () => void flush().catch(() => undefined), [flush]);

  const rows = useMemo(() => orderedRows(report?.rows ?? []).filter((r) => !r.removed), [report?.rows]);

  if (!report) {
    return (
      <section className="site-report">
        <p role="status">{loading ? t('common.loading') : t('reports.siteReports.notFound')}</p>
        <Link to="/reports/site-reports">{t('reports.siteReports.back')}</Link>
      </section>
    );
  }

  const columns = siteReportColumns[report.period];
  const editable = report.status === 'draft' && canWriteSiteReport(session?.user, report.siteId);
  const siteName = site?.name ?? report.siteId;
  const title = `${t(`reports.siteReports.period.${report.period}`)} · ${siteName} · ${t('reports.siteReports.range', { from: report.day, to: report.endDay })}`;
  const current = () => ({ ...report, cells: stateOf(cells) });
  const fileBase = siteReportFileBase(report, siteName, t);

  const exportCsv = () => {
    const sheet = siteReportSheet(current(), t);
    saveFile(`${fileBase}.csv`, toCsv(sheet.columns, sheet.rows), CSV_TYPE);
  };
  const exportXlsx = async () => {
    setExporting(true);
    try {
      saveFile(`${fileBase}.xlsx`, (await toXlsx([siteReportSheet(current(), t) as never])) as BlobPart, XLSX_TYPE);
    } finally {
      setExporting(false);
    }
  };
  const submit = async () => {
    setConfirmSubmit(false);
    setError(null);
    await flush().catch(() => undefined);
    const at = new Date(nowMs()).toISOString();
    const by = session?.user.id ?? author.userId;
    const check = submitReport(current(), at, by);
    if (!check.ok) {
      if (check.problem === 'empty') setError(t('reports.siteReports.empty'));
      return;
    }
    await mutate((cur) => {
      absorb(cells, cur.cells);
      const result = submitReport({ ...cur, cells: stateOf(cells) }, at, by);
      if (!result.ok) throw new Error(t('reports.siteReports.empty'));
      return result.report;
    }).catch(() => undefined);
  };

  return (
    <section aria-labelledby="site-report-title" className="site-report" data-testid="site-report" data-status={report.status} data-save={saveState}>
      <p className="no-print">
        <Link to={`/reports/site-reports?site=${encodeURIComponent(report.siteId)}`}>{t('reports.siteReports.back')}</Link>
      </p>
      <h1 id="site-report-title">
        {title}{' '}
        <span className={`badge ${report.status === 'submitted' ? 'ok' : 'warn'}`}>{t(`reports.siteReports.status.${report.status}`)}</span>
      </h1>
      {report.status === 'submitted' && (
        <p className="hint">
          {t('reports.siteReports.submittedOn', {
            at: report.submittedAt ? formatInstant(report.submittedAt, i18n.language, site?.timeZone) : '',
            by: session && report.submittedBy === session.user.id ? session.user.displayName : (report.submittedBy ?? ''),
          })}
        </p>
      )}
      {report.status === 'draft' && !editable && <p className="hint">{t('reports.siteReports.readOnly')}</p>}

      <ExportBar onCsv={exportCsv} onXlsx={() => void exportXlsx()} exporting={exporting}>
        {editable && (
          <button type="button" onClick={() => setConfirmSubmit(true)}>
            {t('reports.siteReports.submit')}
          </button>
        )}
        {editable && (
          <span role="status" className="save-state" data-testid="save-state">
            {saveState === 'saving' ? t('reports.siteReports.saving') : saveState === 'saved' ? t('reports.siteReports.saved') : ''}
          </span>
        )}
      </ExportBar>
      {exporting && <ProgressBar label={t('reports.exporting')} value={0} max={0} />}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}

      {rows.length === 0 ? (
        <p className="hint">{t('reports.siteReports.noRows')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data site-report-table" data-testid="site-report-table" data-rows={rows.length}>
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.siteReports.col.no')}</th>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {t(`reports.siteReports.col.${c}`)}
                  </th>
                ))}
                {editable && (
                  <th scope="col" className="no-print">
                    {t('reports.siteReports.col.actions')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={row.id} data-testid="report-line" data-row-id={row.id}>
                  <th scope="row">{i + 1}</th>
                  {columns.map((c) => (
                    <td key={c} data-col={c}>
                      <Cell
                        doc={cells}
                        field={cellField(row.id, c)}
                        label={t('reports.siteReports.cell', { n: i + 1, column: t(`reports.siteReports.col.${c}`) })}
                        editable={editable}
                        onEdited={scheduleSave}
                      />
                    </td>
                  ))}
                  {editable && (
                    <td className="no-print">
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => {
                          const empty = columns.every((c) => cells.getText(cellField(row.id, c)).length === 0);
                          if (empty) void mutate((cur) => ({ ...cur, rows: removeRow(cur.rows, row.id) })).catch(() => undefined);
                          else setRemoving({ rowId: row.id, n: i + 1 });
                        }}
                      >
                        {t('reports.siteReports.removeRow', { n: i + 1 })}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable && (
        <div className="toolbar no-print">
          <button type="button" className="secondary" onClick={() => void mutate((cur) => ({ ...cur, rows: addRow(cur.rows, newId()) })).catch(() => undefined)}>
            {t('reports.siteReports.addRow')}
          </button>
        </div>
      )}

      <ConfirmDialog
        open={removing !== null}
        title={t('reports.siteReports.removeTitle', { n: removing?.n ?? 0 })}
        confirmLabel={t('common.delete')}
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const rowId = removing?.rowId;
          setRemoving(null);
          if (rowId) void mutate((cur) => ({ ...cur, rows: removeRow(cur.rows, rowId) })).catch(() => undefined);
        }}
      >
        <p>{t('reports.siteReports.removeBody')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmSubmit}
        title={t('reports.siteReports.submitTitle')}
        confirmLabel={t('reports.siteReports.submit')}
        onCancel={() => setConfirmSubmit(false)}
        onConfirm={() => void submit()}
      >
        <p>{t('reports.siteReports.submitBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
