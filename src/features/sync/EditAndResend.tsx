import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useDeviceLog } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { resendEdited } from './actions';
import { editableFields, fieldsNamedIn } from './editable';

/** A form of a rejected document's simple fields, re-validated with the shared schema before it is written again. */
export function EditAndResend() {
  const { t } = useTranslation();
  const { entryId = '' } = useParams();
  const entry = useDeviceLog('rejection').find((e) => e.id === entryId);
  if (!entry) {
    return (
      <section className="sync-centre">
        <h1>{t('sync.edit.title')}</h1>
        <p>{t('sync.edit.notFound')}</p>
        <Link to="/sync">{t('sync.edit.back')}</Link>
      </section>
    );
  }
  return <EditForm key={entry.id} entryId={entry.id} doc={entry.doc ?? {}} collection={entry.collectionName} reason={entry.reason ?? ''} />;
}

function EditForm({ entryId, doc, collection, reason }: { entryId: string; doc: Record<string, unknown>; collection: string; reason: string }) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const navigate = useNavigate();
  const entries = useDeviceLog('rejection');
  const fields = useMemo(() => editableFields(doc), [doc]);
  const [values, setValues] = useState(() => Object.fromEntries(fields.map((f) => [f.name, f.value])));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const invalid = new Set(error ? fieldsNamedIn(error) : []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const entry = entries.find((x) => x.id === entryId);
    if (!entry) return;
    setSaving(true);
    setError(null);
    try {
      const result = await resendEdited(db, entry, values, author);
      if (result.ok) navigate('/sync', { state: { notice: t('sync.edit.sent') } });
      else setError(result.reason);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  const collectionLabel = t(`sync.collections.${collection}`, { defaultValue: collection });
  return (
    <section className="sync-centre">
      <h1>{t('sync.edit.title')}</h1>
      <p>{t('sync.edit.record', { id: String(doc.id ?? ''), collection: collectionLabel })}</p>
      <p className="entry-reason">{t('sync.edit.reason', { reason })}</p>
      {fields.length === 0 ? (
        <p>{t('sync.edit.noFields')}</p>
      ) : (
        <form className="edit-form" onSubmit={(e) => void onSubmit(e)} noValidate>
          <p className="hint">{t('sync.edit.intro')}</p>
          {fields.map((f) => (
            <label key={f.name} className="field">
              <span>{t(`sync.fields.${f.name}`, { defaultValue: f.name })}</span>
              <input
                name={f.name}
                inputMode={f.type === 'number' ? 'decimal' : undefined}
                value={values[f.name] ?? ''}
                aria-invalid={invalid.has(f.name) || undefined}
                aria-describedby={invalid.has(f.name) ? 'edit-error' : undefined}
                onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
              />
            </label>
          ))}
          {error && (
            <p id="edit-error" className="field-error" role="alert">
              {t('sync.edit.invalid', { reason: error })}
            </p>
          )}
          <div className="toolbar">
            <button type="submit" disabled={saving}>
              {t('sync.edit.resend')}
            </button>
            <Link to="/sync">{t('sync.edit.back')}</Link>
          </div>
        </form>
      )}
    </section>
  );
}
