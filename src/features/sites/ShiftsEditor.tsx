import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { newId } from '../../domain/ids';
import { shiftLength } from '../../domain/rules/site-setup';
import { clockTimeSchema } from '../../domain/schemas/common';
import type { Site } from '../../domain/schemas/site';
import { shiftRowsOf, validateShifts, type Errors, type ShiftRow } from './site-form';
import { errorText } from './shared';

interface Props {
  site: Site;
  canEdit: boolean;
  onSave(templates: Site['shiftTemplates']): Promise<void>;
}

/** Shift templates: start, end (an end at or before the start is the next day), break. */
export function ShiftsEditor({ site, canEdit, onSave }: Props) {
  const { t } = useTranslation();
  const initial = useMemo(() => shiftRowsOf(site.shiftTemplates), [site.shiftTemplates]);
  const [rows, setRows] = useState<ShiftRow[]>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [removing, setRemoving] = useState<ShiftRow | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(rows) !== JSON.stringify(initial);

  const update = (i: number, change: Partial<ShiftRow>) => setRows((r) => r.map((row, j) => (j === i ? { ...row, ...change } : row)));
  const save = async () => {
    const result = validateShifts(rows);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await onSave(result.templates);
    } finally {
      setSaving(false);
    }
  };

  const label = (row: ShiftRow, i: number) => row.name.trim() || `#${i + 1}`;
  const input = (row: ShiftRow, i: number, field: 'name' | 'start' | 'end' | 'breakMinutes', type: string) => {
    const error = errors[`shifts.${i}.${field}`];
    const errorId = `shift-${i}-${field}-error`;
    return (
      <>
        <input
          type={type}
          value={row[field]}
          disabled={!canEdit}
          min={type === 'number' ? 0 : undefined}
          inputMode={type === 'number' ? 'numeric' : undefined}
          aria-label={t('sites.shifts.fieldOf', { shift: field === 'name' ? `#${i + 1}` : label(row, i), field: t(`sites.shifts.${field}`) })}
          aria-invalid={!!error}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => update(i, { [field]: e.target.value })}
        />
        {error && (
          <span className="field-error" id={errorId}>
            {errorText(t, error)}
          </span>
        )}
      </>
    );
  };

  const lengthOf = (row: ShiftRow) => {
    const ok = clockTimeSchema.safeParse(row.start).success && clockTimeSchema.safeParse(row.end).success;
    if (!ok) return null;
    return shiftLength({ start: row.start, end: row.end, breakMinutes: Number(row.breakMinutes) || 0 });
  };

  return (
    <section aria-labelledby="shifts-title" className="site-section">
      <div className="section-head">
        <h2 id="shifts-title">{t('sites.shifts.title')}</h2>
        {dirty && <span className="badge warn">{t('sites.unsaved')}</span>}
      </div>
      {Object.keys(errors).length > 0 && (
        <p role="alert" className="error">
          {t('sites.errorsSummary')}
        </p>
      )}
      <table className="data shifts-table">
        <thead>
          <tr>
            <th scope="col">{t('sites.shifts.name')}</th>
            <th scope="col">{t('sites.shifts.start')}</th>
            <th scope="col">{t('sites.shifts.end')}</th>
            <th scope="col">{t('sites.shifts.breakMinutes')}</th>
            <th scope="col">{t('sites.shifts.length')}</th>
            {canEdit && <th scope="col">{t('sites.shifts.remove')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const length = lengthOf(row);
            return (
              <tr key={row.id} data-testid="shift-row">
                <td>{input(row, i, 'name', 'text')}</td>
                <td>{input(row, i, 'start', 'time')}</td>
                <td>{input(row, i, 'end', 'time')}</td>
                <td>{input(row, i, 'breakMinutes', 'number')}</td>
                <td>
                  {length && t('sites.shifts.hours', { hours: Math.round((length.workMinutes / 60) * 100) / 100 })}{' '}
                  {length?.overnight && <span className="badge warn">{t('sites.shifts.overnight')}</span>}
                </td>
                {canEdit && (
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t('sites.shifts.removeLabel', { name: label(row, i) })}
                      onClick={() => setRemoving(row)}
                    >
                      {t('sites.shifts.remove')}
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {canEdit && (
        <div className="toolbar">
          <button
            type="button"
            className="secondary"
            onClick={() => setRows((r) => [...r, { id: newId(), name: t('sites.shifts.newName'), start: '08:30', end: '17:30', breakMinutes: '60' }])}
          >
            {t('sites.shifts.add')}
          </button>
          <button type="button" disabled={saving || !dirty} onClick={() => void save()} data-testid="save-shifts">
            {t('sites.shifts.save')}
          </button>
        </div>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t('sites.shifts.removeTitle')}
        confirmLabel={t('sites.shifts.remove')}
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const gone = removing;
          setRemoving(null);
          if (gone) setRows((r) => r.filter((row) => row.id !== gone.id));
        }}
      >
        <p>{t('sites.shifts.removeBody', { name: removing?.name ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}
