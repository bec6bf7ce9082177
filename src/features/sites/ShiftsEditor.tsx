import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../domain/ids';
import { shiftLength } from '../../domain/rules/site-setup';
import { clockTimeSchema } from '../../domain/schemas/common';
import type { Site } from '../../domain/schemas/site';
import { shiftRowsOf, validateShifts, type ShiftRow } from './site-form';
import { EditorSection, FieldErrorText, invalidProps, RemoveRowCell, RemoveRowDialog, SaveBar, useRowsForm } from './section-editor';

interface Props {
  site: Site;
  canEdit: boolean;
  onSave(templates: Site['shiftTemplates']): Promise<void>;
}

/** Shift templates: start, end (an end at or before the start is the next day), break. */
export function ShiftsEditor({ site, canEdit, onSave }: Props) {
  const { t } = useTranslation();
  const initial = useMemo(() => shiftRowsOf(site.shiftTemplates), [site.shiftTemplates]);
  const list = useRowsForm(initial, validateShifts, (valid) => onSave(valid.templates));
  const { value: rows, errors, update } = list;

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
          {...invalidProps(error, errorId)}
          onChange={(e) => update(i, { [field]: e.target.value })}
        />
        <FieldErrorText error={error} id={errorId} />
      </>
    );
  };

  const lengthOf = (row: ShiftRow) => {
    const ok = clockTimeSchema.safeParse(row.start).success && clockTimeSchema.safeParse(row.end).success;
    if (!ok) return null;
    return shiftLength({ start: row.start, end: row.end, breakMinutes: Number(row.breakMinutes) || 0 });
  };

  return (
    <EditorSection id="shifts" title={t('sites.shifts.title')} form={list}>
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
                  <RemoveRowCell list={list} row={row} label={t('sites.shifts.remove')} ariaLabel={t('sites.shifts.removeLabel', { name: label(row, i) })} />
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {canEdit && (
        <SaveBar
          form={list}
          saveLabel={t('sites.shifts.save')}
          saveTestId="save-shifts"
          addLabel={t('sites.shifts.add')}
          onAdd={() => list.add({ id: newId(), name: t('sites.shifts.newName'), start: '08:30', end: '17:30', breakMinutes: '60' })}
        />
      )}
      <RemoveRowDialog
        list={list}
        title={t('sites.shifts.removeTitle')}
        confirmLabel={t('sites.shifts.remove')}
        body={(name) => t('sites.shifts.removeBody', { name })}
      />
    </EditorSection>
  );
}
