import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useLiveDocs } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { insertDoc, InvalidDocumentError, upsertDoc } from '../../db/write';
import { canSeeSensitive, displaySensitive, type SensitiveField } from '../../domain/rules/sensitive';
import type { Staff } from '../../domain/schemas/staff';
import { nowMs } from '../../sync/clock';
import { useSession } from '../../sync/session';
import { canEditStaff } from './access';
import type { FieldError } from './field-errors';
import { emptyCertificate, formOf, validateForm, type StaffForm } from './form';
import { useScopeSites } from './hooks';
import { pinyinInitialsOf } from './pinyin';
import { staffPath } from './StaffList';

/** Loads the record (or none, for a new one) and mounts the form once, so the form's state starts from it. */
export function StaffEdit() {
  const { staffId } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const { docs, loading } = useLiveDocs('staff', { selector: { id: staffId ?? '' } });
  const { sites, loading: sitesLoading } = useScopeSites();
  const base = staffId ? docs[0] : undefined;
  const editableSites = sites.filter((s) => canEditStaff(session?.user, s.id));

  if ((staffId && loading) || sitesLoading) return <p role="status">{t('common.loading')}</p>;
  if (staffId && !base) return <p role="status">{t('staff.notFound')}</p>;
  if (editableSites.length === 0 || (base && !canEditStaff(session?.user, base.siteId))) {
    return <p role="alert">{t('staff.noAccess')}</p>;
  }
  return <StaffFormView key={base?.id ?? 'new'} base={base} sites={editableSites} />;
}

type Errors = Record<string, FieldError>;

interface FieldProps {
  name: string;
  label: string;
  errors: Errors;
  hint?: string;
  children(props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string; name: string }): ReactNode;
}

/** A labelled input with its hint and error announced by screen readers. */
function Field({ name, label, errors, hint, children }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const error = errors[name];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field" data-field={name}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy, name })}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" data-testid={`error-${name}`}>
          {t(`staff.errors.${error.key}`, error.params)}
        </span>
      )}
    </div>
  );
}

function StaffFormView({ base, sites }: { base: Staff | undefined; sites: { id: string; name: string; posts: { id: string; name: string }[] }[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const db = useAppDatabase();
  const author = useAuthor();
  const session = useSession();
  const role = session?.user.role ?? 'guide';
  const [form, setForm] = useState<StaffForm>(() => formOf(base, { siteId: sites[0]?.id ?? '' }));
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmLeft, setConfirmLeft] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const { docs: allStaff } = useLiveDocs('staff', { selector: {} });

  const site = sites.find((s) => s.id === form.siteId);
  const otherStaffNos = useMemo(
    () => new Set(allStaff.filter((s) => s.id !== base?.id).map((s) => s.staffNo.trim().toLowerCase())),
    [allStaff, base?.id],
  );

  const set = <K extends keyof StaffForm>(key: K, value: StaffForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setCert = (i: number, key: keyof StaffForm['certificates'][number], value: string) =>
    setForm((f) => ({ ...f, certificates: f.certificates.map((c, j) => (j === i ? { ...c, [key]: value } : c)) }));

  const text = (name: keyof StaffForm, label: string, opts: { type?: string; hint?: string; inputMode?: 'numeric' | 'decimal' | 'tel' } = {}) => (
    <Field name={name} label={label} errors={errors} hint={opts.hint}>
      {(p) => (
        <input
          {...p}
          type={opts.type ?? 'text'}
          inputMode={opts.inputMode}
          value={form[name] as string}
          onChange={(e) => set(name, e.target.value as never)}
        />
      )}
    </Field>
  );

  const select = (name: keyof StaffForm, label: string, options: [string, string][], allowEmpty = true) => (
    <Field name={name} label={label} errors={errors}>
      {(p) => (
        <select {...p} value={form[name] as string} onChange={(e) => set(name, e.target.value as never)}>
          {allowEmpty && <option value="">{t('staff.notSet')}</option>}
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  const choices = (group: string, values: readonly string[]): [string, string][] => values.map((v) => [v, t(`staff.${group}.${v}`)]);

  /** A confidential field: editable by roles that see it, and on a new record; otherwise shown masked. */
  const sensitive = (name: SensitiveField, label: string, inputMode: 'numeric' | 'decimal' | 'tel' | undefined) => {
    if (!base || canSeeSensitive(role, name)) {
      return text(name, label, { inputMode, hint: base ? undefined : canSeeSensitive(role, name) ? undefined : t('staff.edit.newOnlyHint') });
    }
    const shown = name === 'monthlyWage' ? { text: '****' } : displaySensitive(role, name, base[name]);
    return (
      <div className="field" data-field={name}>
        <span className="label">{label}</span>
        <span className="mono readonly">{shown.text || t('staff.notSet')}</span>
        <span className="hint">{t('staff.maskedHint')}</span>
      </div>
    );
  };

  const write = async (f: StaffForm) => {
    const filled = { ...f, pinyinInitials: f.pinyinInitials.trim() || pinyinInitialsOf(f.name) };
    const stamp = { updatedAt: new Date(nowMs()).toISOString(), updatedBy: author.userId, deviceId: author.deviceId };
    const result = validateForm(filled, base, {
      role,
      otherStaffNos,
      postIds: new Set(site?.posts.map((p) => p.id) ?? []),
      stamp,
    });
    if (!result.ok) {
      setErrors(result.errors);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setErrors({});
    setSaving(true);
    setFailure(null);
    try {
      if (base) await upsertDoc(db, 'staff', result.doc, author);
      else await insertDoc(db, 'staff', result.doc, author);
      navigate(staffPath(result.doc.id), { state: { saved: true } });
    } catch (err) {
      setFailure(err instanceof InvalidDocumentError ? err.reason : err instanceof Error ? err.message : String(err));
      setSaving(false);
    }
  };

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (form.status === 'left' && base?.status !== 'left') setConfirmLeft(true);
    else void write(form);
  };

  const errorCount = Object.keys(errors).length;
  return (
    <section className="staff staff-edit">
      <p>
        <Link to={base ? staffPath(base.id) : '/staff'}>{base ? base.name : t('staff.backToList')}</Link>
      </p>
      <h1>{base ? t('staff.edit.title', { name: base.name }) : t('staff.edit.titleNew')}</h1>
      <div ref={summaryRef} tabIndex={-1} className="form-summary">
        {errorCount > 0 && (
          <p role="alert" className="error" data-testid="form-errors">
            {t('staff.edit.errorsSummary', { count: errorCount })}
          </p>
        )}
        {failure && (
          <p role="alert" className="error">
            {t('staff.edit.saveFailed', { message: failure })}
          </p>
        )}
      </div>
      <form onSubmit={onSubmit} noValidate>
        <fieldset>
          <legend>{t('staff.edit.basic')}</legend>
          <div className="form-grid">
            {text('staffNo', t('staff.fields.staffNo'))}
            {text('name', t('staff.fields.name'))}
            {text('pinyinInitials', t('staff.fields.pinyinInitials'), { hint: t('staff.edit.pinyinHint') })}
            {select('gender', t('staff.fields.gender'), choices('gender', ['female', 'male']))}
            <Field name="siteId" label={t('staff.fields.site')} errors={errors}>
              {(p) => (
                <select {...p} value={form.siteId} onChange={(e) => setForm((f) => ({ ...f, siteId: e.target.value, postId: '' }))}>
                  {sites.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name="postId" label={t('staff.fields.post')} errors={errors}>
              {(p) => (
                <select {...p} value={form.postId} onChange={(e) => set('postId', e.target.value)}>
                  <option value="">{t('staff.noPost')}</option>
                  {site?.posts.map((post) => (
                    <option key={post.id} value={post.id}>
                      {post.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {select('status', t('staff.fields.status'), choices('status', ['on-post', 'standby', 'left']), false)}
            {form.status === 'left' && text('leftOn', t('staff.fields.leftOn'), { type: 'date' })}
            {text('badgeCode', t('staff.fields.badgeCode'))}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('staff.edit.sensitive')}</legend>
          <div className="form-grid">
            {sensitive('idNumber', t('staff.fields.idNumber'), undefined)}
            {sensitive('phone', t('staff.fields.phone'), 'tel')}
            {sensitive('monthlyWage', t('staff.fields.monthlyWage'), 'decimal')}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('staff.edit.employment')}</legend>
          <div className="form-grid">
            {select('employmentForm', t('staff.fields.employmentForm'), choices('employmentForm', ['full-time', 'part-time', 'short-term']))}
            {select('agreementType', t('staff.fields.agreementType'), choices('agreementType', ['labour-contract', 'service-agreement']))}
            {text('hiredOn', t('staff.fields.hiredOn'), { type: 'date' })}
            {text('contractStart', t('staff.fields.contractStart'), { type: 'date' })}
            {text('contractEnd', t('staff.fields.contractEnd'), { type: 'date' })}
            {text('probationEnd', t('staff.fields.probationEnd'), { type: 'date' })}
            {select('socialInsurance', t('staff.fields.socialInsurance'), choices('socialInsurance', ['D', 'G', 'W', 'T']))}
            <div className="field checkbox">
              <label>
                <input type="checkbox" checked={form.intern} onChange={(e) => set('intern', e.target.checked)} /> {t('staff.fields.intern')}
              </label>
            </div>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('staff.certificates.title')}</legend>
          {form.certificates.length === 0 && <p>{t('staff.certificates.none')}</p>}
          {form.certificates.map((c, i) => (
            <div key={i} className="form-grid cert-row" role="group" aria-label={t('staff.certificates.item', { n: i + 1 })}>
              <Field name={`certificates.${i}.kind`} label={t('staff.certificates.kind')} errors={errors}>
                {(p) => <input {...p} list="staff-cert-kinds" value={c.kind} onChange={(e) => setCert(i, 'kind', e.target.value)} />}
              </Field>
              <Field name={`certificates.${i}.number`} label={t('staff.certificates.number')} errors={errors}>
                {(p) => <input {...p} value={c.number} onChange={(e) => setCert(i, 'number', e.target.value)} />}
              </Field>
              <Field name={`certificates.${i}.issuedOn`} label={t('staff.certificates.issuedOn')} errors={errors}>
                {(p) => <input {...p} type="date" value={c.issuedOn} onChange={(e) => setCert(i, 'issuedOn', e.target.value)} />}
              </Field>
              <Field name={`certificates.${i}.expiresOn`} label={t('staff.certificates.expiresOn')} errors={errors}>
                {(p) => <input {...p} type="date" value={c.expiresOn} onChange={(e) => setCert(i, 'expiresOn', e.target.value)} />}
              </Field>
              <button
                type="button"
                className="secondary"
                onClick={() => setForm((f) => ({ ...f, certificates: f.certificates.filter((_, j) => j !== i) }))}
              >
                {t('staff.certificates.remove', { n: i + 1 })}
              </button>
            </div>
          ))}
          <datalist id="staff-cert-kinds">
            <option value="健康证" />
            <option value="从业资格证" />
          </datalist>
          <button type="button" className="secondary" onClick={() => setForm((f) => ({ ...f, certificates: [...f.certificates, { ...emptyCertificate }] }))}>
            {t('staff.certificates.add')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('staff.onboarding.title')}</legend>
          <div className="form-grid">
            {select('idCopies', t('staff.onboarding.idCopiesCount'), [['0', '0'], ['1', '1'], ['2', '2']], false)}
            {text('medicalReportOn', t('staff.onboarding.medicalReportOn'), { type: 'date' })}
            {(['photos', 'householdRegisterCopy', 'diplomaCopy', 'bankCardCopy'] as const).map((item) => (
              <div key={item} className="field checkbox">
                <label>
                  <input type="checkbox" checked={form[item]} onChange={(e) => set(item, e.target.checked)} /> {t(`staff.onboarding.${item}`)}
                </label>
              </div>
            ))}
          </div>
        </fieldset>

        <div className="toolbar">
          <button type="submit" disabled={saving}>
            {saving ? t('staff.edit.saving') : t('staff.edit.save')}
          </button>
          <Link className="button-link secondary" to={base ? staffPath(base.id) : '/staff'}>
            {t('common.cancel')}
          </Link>
        </div>
      </form>
      <ConfirmDialog
        open={confirmLeft}
        title={t('staff.edit.confirmLeftTitle')}
        confirmLabel={t('staff.edit.confirmLeft')}
        danger
        onCancel={() => setConfirmLeft(false)}
        onConfirm={() => {
          setConfirmLeft(false);
          void write(form);
        }}
      >
        <p>{t('staff.edit.confirmLeftBody', { name: form.name })}</p>
      </ConfirmDialog>
    </section>
  );
}
