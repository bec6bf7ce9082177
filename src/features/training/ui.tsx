import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { CSV_TYPE, saveFile, toCsv, toXlsx, XLSX_TYPE, type Column } from '../../app/export';

/** The first issue of each top-level field of a failed parse, as the field's error message key. */
export function fieldErrors(error: z.ZodError | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error?.issues ?? []) {
    const field = String(issue.path[0] ?? 'form');
    if (!(field in out)) out[field] = issue.message;
  }
  return out;
}

/** A field's error under it, tied to the input with `aria-describedby={errorId(name)}`. */
export function FieldError({ name, errors }: { name: string; errors: Record<string, string> }) {
  const { t } = useTranslation();
  if (!errors[name]) return null;
  return (
    <span className="field-error" id={errorId(name)} role="alert">
      {t(`training.errors.${name}`, { defaultValue: t('training.errors.generic') })}
    </span>
  );
}

export const errorId = (name: string) => `training-error-${name}`;

/** aria attributes of an input whose field may have an error. */
export function invalidProps(name: string, errors: Record<string, string>) {
  return errors[name] ? { 'aria-invalid': true, 'aria-describedby': errorId(name) } : {};
}

export function PassBadge({ passed, status }: { passed?: boolean; status?: string }) {
  const { t } = useTranslation();
  if (status === 'in-progress') return <span className="badge">{t('training.result.inProgress')}</span>;
  if (status === 'pending-marking') return <span className="badge warn">{t('training.result.pendingMarking')}</span>;
  if (passed === undefined) return null;
  return <span className={`badge ${passed ? 'ok' : 'bad'}`}>{passed ? t('training.result.passed') : t('training.result.failed')}</span>;
}

export const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** CSV and xlsx export buttons for one table. */
export function ExportButtons<Row>({ name, columns, rows }: { name: string; columns: Column<Row>[]; rows: Row[] }) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="secondary" onClick={() => saveFile(`${name}.csv`, toCsv(columns, rows), CSV_TYPE)}>
        {t('common.exportCsv')}
      </button>
      <button
        type="button"
        className="secondary"
        onClick={() => void toXlsx([{ name, columns, rows } as never]).then((data) => saveFile(`${name}.xlsx`, data as Uint8Array<ArrayBuffer>, XLSX_TYPE))}
      >
        {t('common.exportXlsx')}
      </button>
    </>
  );
}

export const encodeId = (id: string) => encodeURIComponent(id);
