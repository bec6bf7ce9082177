import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useLiveDocs } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { useNow } from '../../app/useNow';
import { addDays } from '../../domain/calendar/days';
import { dayOfInstant } from '../../domain/calendar/time-zone';
import { newId } from '../../domain/ids';
import { leaveTypes, type LeaveType } from '../../domain/policy';
import { needsEvidence, rosteredDuringLeave } from '../../domain/rules/leave';
import { countLeaveDays, initialSteps, leaveCost } from '../../domain/rules/leave-request';
import { insertDoc, InvalidDocumentError } from '../../db/write';
import { nowMs } from '../../sync/clock';
import { saveImage } from '../../sync/media';
import { useSession } from '../../sync/session';
import { useMe, useScopeSites, useSitePolicy } from '../roster/data';
import { WhoAmI } from '../roster/WhoAmI';
import { buildLeaveRequest, type FormError, type LeaveFormField, type LeaveFormState } from './form';
import { CostLine } from './CostLine';

/** Most photos a request carries (the schema allows 50; a form needs a few). */
const MAX_PHOTOS = 5;

/**
 * A leave request (请假): type, dates, reason and evidence photos, made
 * offline like everything else. It shows what the rules say before sending:
 * the working days it counts, who must approve, the pay deduction, and the
 * person's shifts it falls on. Managers may file for their staff.
 */
export function LeaveForm({ onSent }: { onSent(id: string): void }) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const role = useSession()?.user.role;
  // Managers file for their staff; everyone else only for themselves (the server's write rules).
  const onBehalf = role === 'manager' || role === 'admin';
  const me = useMe();
  const { sites } = useScopeSites();
  const [form, setForm] = useState<LeaveFormState>({ staffId: '', type: 'personal', startDay: '', endDay: '', startsAtNoon: false, endsAtNoon: false, reason: '', pregnancyMonth: '' });
  const [photos, setPhotos] = useState<File[]>([]);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const staffId = form.staffId || (onBehalf ? '' : (me.staffId ?? ''));
  const person = me.candidates.find((s) => s.id === staffId);
  const site = sites.find((s) => s.id === person?.siteId);
  const { policy, calendar } = useSitePolicy(site);
  const today = dayOfInstant(useNow(), site?.timeZone);
  const { docs: existing } = useLiveDocs('leave', { selector: { staffId } });
  const { docs: shifts } = useLiveDocs('rosters', {
    selector: { staffId, kind: 'slot', day: { $gte: form.startDay || today, $lte: form.endDay || form.startDay || today } },
  });

  const filled = form.startDay && form.endDay && form.endDay >= form.startDay;
  const days = filled ? countLeaveDays(form, (d) => calendar.isWorkingDay(d)) : 0;
  const chain = filled ? initialSteps(form, policy).map((s) => t(`leave.level.${s.level}`)) : [];
  const clashes = filled ? rosteredDuringLeave({ from: form.startDay, to: form.endDay }, shifts) : [];
  const cost = leaveCost(form.type, days, person?.monthlyWage, policy);
  const errorOf = (field: LeaveFormField) => errors.filter((e) => e.field === field);
  const describedBy = (field: LeaveFormField) => (errorOf(field).length ? `leave-${field}-error` : undefined);
  const people = useMemo(() => (onBehalf ? me.candidates : me.candidates.filter((c) => c.id === me.staffId)), [onBehalf, me.candidates, me.staffId]);

  const set = <K extends keyof LeaveFormState>(key: K, value: LeaveFormState[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async () => {
    if (!person) {
      setErrors([{ field: 'staffId', key: 'errors.staff' }]);
      return;
    }
    const requestedAt = new Date(nowMs()).toISOString();
    const id = newId();
    // Checked before the photos are stored, so a refused form stores nothing.
    const check = buildLeaveRequest({ ...form, staffId }, { id, siteId: person.siteId, requestedAt, evidence: [], policy, isWorkingDay: (d) => calendar.isWorkingDay(d), existing });
    setErrors(check.errors);
    if (!check.doc) return;
    setBusy(true);
    try {
      const evidence: string[] = [];
      for (const photo of photos) evidence.push((await saveImage(photo)).hash);
      await insertDoc(db, 'leave', { ...check.doc, evidence }, author);
      onSent(id);
    } catch (e) {
      setErrors([{ field: 'form', key: 'errors.saveFailed', text: e instanceof InvalidDocumentError ? e.reason : (e as Error).message }]);
    } finally {
      setBusy(false);
    }
  };

  const errorText = (field: LeaveFormField) =>
    errorOf(field).length > 0 && (
      <span id={`leave-${field}-error`} className="field-error">
        {errorOf(field)
          .map((e) => t(`leave.${e.key}`, { detail: e.text ?? '' }))
          .join(' ')}
      </span>
    );

  if (!onBehalf && !me.staffId) return <WhoAmI me={me} />;

  return (
    <form
      className="leave-form"
      noValidate
      aria-labelledby="leave-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="leave-form-title">{t('leave.form.title')}</h2>
      {!onBehalf && <WhoAmI me={me} />}
      <div className="leave-grid">
        {onBehalf && (
          <label className="field">
            <span>{t('leave.form.person')}</span>
            <select value={form.staffId} onChange={(e) => set('staffId', e.target.value)} aria-invalid={errorOf('staffId').length > 0} aria-describedby={describedBy('staffId')} data-testid="leave-person">
              <option value="">{t('leave.form.choose')}</option>
              {people.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} {s.staffNo}
                </option>
              ))}
            </select>
            {errorText('staffId')}
          </label>
        )}
        <label className="field">
          <span>{t('leave.form.type')}</span>
          <select value={form.type} onChange={(e) => set('type', e.target.value as LeaveType)} data-testid="leave-type">
            {leaveTypes.map((type) => (
              <option key={type} value={type}>
                {t(`leave.type.${type}`)}
              </option>
            ))}
          </select>
        </label>
        {form.type === 'prenatal' && (
          <label className="field">
            <span>{t('leave.form.pregnancyMonth')}</span>
            <select value={form.pregnancyMonth} onChange={(e) => set('pregnancyMonth', e.target.value)} aria-invalid={errorOf('pregnancyMonth').length > 0} aria-describedby={describedBy('pregnancyMonth')}>
              <option value="">{t('leave.form.choose')}</option>
              {Array.from({ length: 10 }, (_, i) => i + 1).map((m) => (
                <option key={m} value={m}>
                  {t('leave.form.month', { n: m })}
                </option>
              ))}
            </select>
            {errorText('pregnancyMonth')}
          </label>
        )}
        <label className="field">
          <span>{t('leave.form.startDay')}</span>
          <input
            type="date"
            value={form.startDay}
            min={addDays(today, -60)}
            onChange={(e) => setForm((f) => ({ ...f, startDay: e.target.value, endDay: f.endDay && f.endDay >= e.target.value ? f.endDay : e.target.value }))}
            aria-invalid={errorOf('startDay').length > 0}
            aria-describedby={describedBy('startDay')}
            data-testid="leave-start"
          />
          {errorText('startDay')}
        </label>
        <label className="field">
          <span>{t('leave.form.endDay')}</span>
          <input
            type="date"
            value={form.endDay}
            min={form.startDay || undefined}
            onChange={(e) => set('endDay', e.target.value)}
            aria-invalid={errorOf('endDay').length > 0}
            aria-describedby={describedBy('endDay')}
            data-testid="leave-end"
          />
          {errorText('endDay')}
        </label>
      </div>
      <div className="leave-checks">
        <label>
          <input type="checkbox" checked={form.startsAtNoon} onChange={(e) => set('startsAtNoon', e.target.checked)} /> {t('leave.form.startsAtNoon')}
        </label>
        <label>
          <input type="checkbox" checked={form.endsAtNoon} onChange={(e) => set('endsAtNoon', e.target.checked)} aria-describedby={describedBy('endsAtNoon')} /> {t('leave.form.endsAtNoon')}
        </label>
        {errorText('endsAtNoon')}
      </div>
      <label className="field">
        <span>{t('leave.form.reason')}</span>
        <textarea value={form.reason} maxLength={2000} rows={3} onChange={(e) => set('reason', e.target.value)} data-testid="leave-reason" />
      </label>
      <label className="field">
        <span>{needsEvidence(form.type) ? t('leave.form.evidenceNeeded', { what: t(`leave.evidenceKind.${form.type}`) }) : t('leave.form.evidenceOptional')}</span>
        <input
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          onChange={(e) => setPhotos(Array.from(e.target.files ?? []).slice(0, MAX_PHOTOS))}
          data-testid="leave-evidence"
        />
        {photos.length > 0 && <span className="leave-hint">{t('leave.form.photos', { count: photos.length })}</span>}
      </label>

      <section className="leave-preview" aria-labelledby="leave-preview-title" aria-live="polite">
        <h3 id="leave-preview-title">{t('leave.form.preview')}</h3>
        {filled ? (
          <ul>
            <li data-testid="leave-days">{t('leave.form.days', { days })}</li>
            <li data-testid="leave-chain">{t('leave.form.chain', { chain: chain.join(' → ') })}</li>
            <li>
              <CostLine cost={cost} divisor={policy.leave.dailyWageDivisor} />
            </li>
            {needsEvidence(form.type) && <li>{t('leave.form.evidenceRule')}</li>}
            {clashes.length > 0 && (
              <li className="leave-warn">
                {t('leave.form.clashes', { count: clashes.length })} <Link to={`/roster/grid?site=${person?.siteId ?? ''}&date=${form.startDay}`}>{t('leave.form.openRoster')}</Link>
              </li>
            )}
          </ul>
        ) : (
          <p>{t('leave.form.pickDates')}</p>
        )}
      </section>
      {errorText('days')}
      {errorOf('form').length > 0 && (
        <p className="field-error" role="alert">
          {errorOf('form')
            .map((e) => t(`leave.${e.key}`, { detail: e.text ?? '' }))
            .join(' ')}
        </p>
      )}
      {errors.length > 0 && (
        <p className="field-error" role="alert" data-testid="leave-form-errors">
          {t('leave.errors.summary', { count: errors.length })}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" disabled={busy} data-testid="leave-submit">
          {busy ? t('leave.form.sending') : t('leave.form.submit')}
        </button>
      </div>
    </form>
  );
}
