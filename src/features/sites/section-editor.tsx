import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import type { FieldError } from '../staff/field-errors';
import type { Errors } from './site-form';
import { errorText } from './shared';

/**
 * What the site editor's three sections (posts, shifts, policy) share: a form
 * that is saved on its own, validated first so bad input changes nothing; for
 * the two lists, rows edited in place and removed only after a confirmation.
 * Callers pass translated text, so every message key stays a literal t('…').
 */

type Checked = { ok: true } | { ok: false; errors: Errors };

export interface SectionForm<V> {
  value: V;
  setValue: (next: (value: V) => V) => void;
  errors: Errors;
  saving: boolean;
  /** Differs from what is stored (the editor restarts from the store after each save). */
  dirty: boolean;
  save(): Promise<void>;
}

export function useSectionForm<V, C extends Checked>(
  initial: V,
  check: (value: V) => C,
  onSave: (valid: Extract<C, { ok: true }>) => Promise<void>,
): SectionForm<V> {
  const [value, setValue] = useState<V>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const save = async () => {
    const result: Checked = check(value);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await onSave(result as Extract<C, { ok: true }>);
    } finally {
      setSaving(false);
    }
  };
  return { value, setValue, errors, saving, dirty: JSON.stringify(value) !== JSON.stringify(initial), save };
}

interface Row {
  id: string;
  name: string;
}

export interface RowsForm<R extends Row> extends SectionForm<R[]> {
  update(index: number, change: Partial<R>): void;
  add(row: R): void;
  /** The row whose removal waits for confirmation. */
  removing: R | null;
  askRemove(row: R | null): void;
  confirmRemove(): void;
}

export function useRowsForm<R extends Row, C extends Checked>(
  initial: R[],
  check: (rows: R[]) => C,
  onSave: (valid: Extract<C, { ok: true }>) => Promise<void>,
): RowsForm<R> {
  const form = useSectionForm(initial, check, onSave);
  const [removing, askRemove] = useState<R | null>(null);
  const { setValue } = form;
  return {
    ...form,
    update: (i, change) => setValue((rows) => rows.map((row, j) => (j === i ? { ...row, ...change } : row))),
    add: (row) => setValue((rows) => [...rows, row]),
    removing,
    askRemove,
    confirmRemove: () => {
      const gone = removing;
      askRemove(null);
      if (gone) setValue((rows) => rows.filter((row) => row.id !== gone.id));
    },
  };
}

/** aria-invalid / aria-describedby of a field whose error text has the id `errorId`. */
export const invalidProps = (error: FieldError | undefined, errorId: string) => ({
  'aria-invalid': !!error,
  'aria-describedby': error ? errorId : undefined,
});

export function FieldErrorText({ error, id, testId }: { error: FieldError | undefined; id: string; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <span className="field-error" id={id} data-testid={testId}>
      {errorText(t, error)}
    </span>
  );
}

/** A section of the site editor: heading with an "unsaved" badge, an optional hint, and a summary when the last save was refused. */
export function EditorSection({
  id,
  title,
  hint,
  form,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  form: Pick<SectionForm<unknown>, 'dirty' | 'errors'>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`${id}-title`} className="site-section">
      <div className="section-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {form.dirty && <span className="badge warn">{t('sites.unsaved')}</span>}
      </div>
      {hint && <p className="hint">{hint}</p>}
      {Object.keys(form.errors).length > 0 && (
        <p role="alert" className="error">
          {t('sites.errorsSummary')}
        </p>
      )}
      {children}
    </section>
  );
}

/** Save (only when there is something to save), and for lists an add button before it. */
export function SaveBar({
  form,
  saveLabel,
  saveTestId,
  addLabel,
  onAdd,
}: {
  form: Pick<SectionForm<unknown>, 'dirty' | 'saving' | 'save'>;
  saveLabel: string;
  saveTestId: string;
  addLabel?: string;
  onAdd?: () => void;
}) {
  return (
    <div className="toolbar">
      {onAdd && (
        <button type="button" className="secondary" onClick={onAdd}>
          {addLabel}
        </button>
      )}
      <button type="button" disabled={form.saving || !form.dirty} onClick={() => void form.save()} data-testid={saveTestId}>
        {saveLabel}
      </button>
    </div>
  );
}

/** The remove button of a row; the row goes only once the dialog below is confirmed. */
export function RemoveRowCell<R extends Row>({ list, row, label, ariaLabel }: { list: RowsForm<R>; row: R; label: string; ariaLabel: string }) {
  return (
    <td>
      <button type="button" className="secondary" aria-label={ariaLabel} onClick={() => list.askRemove(row)}>
        {label}
      </button>
    </td>
  );
}

export function RemoveRowDialog<R extends Row>({
  list,
  title,
  confirmLabel,
  body,
}: {
  list: RowsForm<R>;
  title: string;
  confirmLabel: string;
  body: (name: string) => string;
}) {
  return (
    <ConfirmDialog open={list.removing !== null} title={title} confirmLabel={confirmLabel} danger onCancel={() => list.askRemove(null)} onConfirm={list.confirmRemove}>
      <p>{body(list.removing?.name ?? '')}</p>
    </ConfirmDialog>
  );
}
