import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { newId } from '../../domain/ids';
import { scheduleView } from '../../domain/rules/inspection-schedule';
import { latestVersions } from '../../domain/rules/inspection-template-versions';
import { planFrequencies, type PlanFrequency } from '../../domain/schemas/inspection-plan';
import type { Inspection } from '../../domain/schemas/inspection';
import { insertDoc, InvalidDocumentError } from '../../db/write';
import { useSession } from '../../sync/session';
import { abilitiesOf, mutateDoc, sitesInScope, useCalendars, useInspections, usePlans, useSites, useTemplates, useToday, type Plan } from './data';

const MODES: Inspection['mode'][] = ['patrol', 'scheduled', 'spot-check', 'mystery-shopper'];

/** Planned inspections per site and template (daily patrol, weekly, monthly): what is due today and what was missed. */
export function SchedulePage() {
  const { t } = useTranslation();
  const session = useSession();
  const can = abilitiesOf(session);
  const today = useToday();
  const allSites = useSites();
  const sites = sitesInScope(allSites, session);
  const siteName = useMemo(() => new Map(allSites.map((s) => [s.id, s.name])), [allSites]);
  const { templates } = useTemplates();
  const latest = latestVersions(templates);
  const templateName = new Map(latest.map((tp) => [tp.templateKey, tp.name]));
  const plans = usePlans();
  const { inspections } = useInspections();
  const isWorkingDay = useCalendars(allSites);
  const view = useMemo(() => scheduleView(plans, inspections, today, isWorkingDay), [plans, inspections, today, isWorkingDay]);
  const [stopping, setStopping] = useState<Plan | null>(null);
  const db = useAppDatabase();
  const author = useAuthor();

  const setActive = async (plan: Plan, active: boolean) => {
    setStopping(null);
    await mutateDoc(db, 'catalog', plan.id, (cur) => (cur.kind === 'inspection-plan' ? { ...cur, active } : cur), author);
  };

  return (
    <section className="insp-schedule">
      <h1>{t('inspections.schedule.title')}</h1>
      <section aria-labelledby="sched-today" className="panel">
        <h2 id="sched-today">{t('inspections.home.dueToday')}</h2>
        {view.today.length === 0 ? (
          <p>{t('inspections.home.nothingPlanned')}</p>
        ) : (
          <ul className="plain-list">
            {view.today.map((s) => (
              <li key={s.plan.id} data-testid="schedule-today" data-state={s.state}>
                <span className={`badge ${s.state === 'done' ? 'ok' : 'warn'}`}>{t(`inspections.schedule.state.${s.state}`)}</span> {siteName.get(s.plan.siteId)} ·{' '}
                {templateName.get(s.plan.templateKey) ?? s.plan.templateKey} · {t('inspections.schedule.progress', { done: s.done, wanted: s.wanted })}
                {s.inProgress > 0 && ` · ${t('inspections.schedule.inProgress', { n: s.inProgress })}`}
                {s.state === 'due' && can.inspect && (
                  <>
                    {' '}
                    <Link to={`/inspections/new?site=${encodeURIComponent(s.plan.siteId)}&template=${encodeURIComponent(s.plan.templateKey)}&mode=${s.plan.mode}`}>
                      {t('inspections.home.start')}
                    </Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="sched-missed" className="panel">
        <h2 id="sched-missed">{t('inspections.schedule.missed')}</h2>
        {view.missed.length === 0 ? (
          <p>{t('inspections.schedule.noneMissed')}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('inspections.schedule.period')}</th>
                <th scope="col">{t('inspections.fields.site')}</th>
                <th scope="col">{t('inspections.fields.template')}</th>
                <th scope="col">{t('inspections.schedule.done')}</th>
              </tr>
            </thead>
            <tbody>
              {view.missed.map((m) => (
                <tr key={`${m.plan.id}-${m.period.start}`} data-testid="schedule-missed">
                  <td>{m.period.start === m.period.end ? m.period.start : `${m.period.start} – ${m.period.end}`}</td>
                  <td>{siteName.get(m.plan.siteId)}</td>
                  <td>{templateName.get(m.plan.templateKey) ?? m.plan.templateKey}</td>
                  <td>{t('inspections.schedule.progress', { done: m.done, wanted: m.wanted })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="sched-plans" className="panel">
        <h2 id="sched-plans">{t('inspections.schedule.plans')}</h2>
        {plans.length === 0 ? (
          <p>{t('inspections.schedule.noPlans')}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('inspections.fields.site')}</th>
                <th scope="col">{t('inspections.fields.template')}</th>
                <th scope="col">{t('inspections.schedule.frequency')}</th>
                <th scope="col">{t('inspections.schedule.from')}</th>
                <th scope="col">{t('inspections.fields.status')}</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.id} data-testid="plan-row">
                  <td>{siteName.get(p.siteId) ?? p.siteId}</td>
                  <td>{templateName.get(p.templateKey) ?? p.templateKey}</td>
                  <td>{t(`inspections.schedule.every.${p.frequency}`, { n: p.perPeriod })}</td>
                  <td>
                    {p.startDay}
                    {p.endDay && ` – ${p.endDay}`}
                  </td>
                  <td>
                    {p.active ? t('inspections.schedule.active') : t('inspections.schedule.stopped')}{' '}
                    {can.plan &&
                      (p.active ? (
                        <button type="button" className="link" onClick={() => setStopping(p)}>
                          {t('inspections.schedule.stop')}
                        </button>
                      ) : (
                        <button type="button" className="link" onClick={() => void setActive(p, true)}>
                          {t('inspections.schedule.resume')}
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {can.plan && <PlanForm sites={sites} templates={latest} today={today} />}
      <ConfirmDialog
        open={stopping !== null}
        title={t('inspections.schedule.stopTitle')}
        confirmLabel={t('inspections.schedule.stop')}
        danger
        onConfirm={() => stopping && void setActive(stopping, false)}
        onCancel={() => setStopping(null)}
      >
        <p>{t('inspections.schedule.stopText')}</p>
      </ConfirmDialog>
    </section>
  );
}

function PlanForm({ sites, templates, today }: { sites: { id: string; name: string }[]; templates: { templateKey: string; name: string }[]; today: string }) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const [siteId, setSiteId] = useState('');
  const [templateKey, setTemplateKey] = useState('');
  const [frequency, setFrequency] = useState<PlanFrequency>('weekly');
  const [perPeriod, setPerPeriod] = useState(1);
  const [mode, setMode] = useState<Inspection['mode']>('scheduled');
  const [startDay, setStartDay] = useState(today);
  const [endDay, setEndDay] = useState('');
  const [workingDaysOnly, setWorkingDaysOnly] = useState(true);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const save = async () => {
    try {
      await insertDoc(
        db,
        'catalog',
        {
          id: newId(),
          siteId,
          kind: 'inspection-plan',
          templateKey,
          frequency,
          perPeriod,
          mode,
          workingDaysOnly,
          startDay,
          ...(endDay ? { endDay } : {}),
          active: true,
        },
        author,
      );
      setMessage({ ok: true, text: t('common.saved') });
    } catch (err) {
      setMessage({ ok: false, text: err instanceof InvalidDocumentError ? t('inspections.schedule.invalid', { reason: err.reason }) : (err as Error).message });
    }
  };

  return (
    <form
      className="panel form-grid"
      aria-labelledby="plan-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id="plan-form">{t('inspections.schedule.add')}</h2>
      <div className="field">
        <label htmlFor="plan-site">{t('inspections.fields.site')}</label>
        <select id="plan-site" value={siteId} required onChange={(e) => setSiteId(e.target.value)}>
          <option value="">{t('inspections.new.choose')}</option>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="plan-template">{t('inspections.fields.template')}</label>
        <select id="plan-template" value={templateKey} required onChange={(e) => setTemplateKey(e.target.value)}>
          <option value="">{t('inspections.new.choose')}</option>
          {templates.map((tp) => (
            <option key={tp.templateKey} value={tp.templateKey}>
              {tp.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="plan-frequency">{t('inspections.schedule.frequency')}</label>
        <select id="plan-frequency" value={frequency} onChange={(e) => setFrequency(e.target.value as PlanFrequency)}>
          {planFrequencies.map((f) => (
            <option key={f} value={f}>
              {t(`inspections.schedule.frequencies.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="plan-per">{t('inspections.schedule.perPeriod')}</label>
        <input id="plan-per" type="number" min={1} max={20} value={perPeriod} onChange={(e) => setPerPeriod(Math.max(1, Math.min(20, Number(e.target.value) || 1)))} />
      </div>
      <div className="field">
        <label htmlFor="plan-mode">{t('inspections.fields.mode')}</label>
        <select id="plan-mode" value={mode} onChange={(e) => setMode(e.target.value as Inspection['mode'])}>
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(`inspections.mode.${m}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="plan-start">{t('inspections.schedule.from')}</label>
        <input id="plan-start" type="date" value={startDay} required onChange={(e) => setStartDay(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="plan-end">{t('inspections.schedule.until')}</label>
        <input id="plan-end" type="date" value={endDay} min={startDay} onChange={(e) => setEndDay(e.target.value)} />
      </div>
      <label className="check">
        <input type="checkbox" checked={workingDaysOnly} onChange={(e) => setWorkingDaysOnly(e.target.checked)} /> {t('inspections.schedule.workingDaysOnly')}
      </label>
      {message && (
        <p className={message.ok ? 'ok-text' : 'field-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <div className="toolbar">
        <button type="submit">{t('inspections.schedule.save')}</button>
      </div>
    </form>
  );
}
