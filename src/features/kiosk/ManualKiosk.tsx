import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDatabase } from '../../app/DataProvider';
import { useLiveDocs } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { useNow } from '../../app/useNow';
import { clockTimeOfInstant, dayOfInstant, instantOf } from '../../domain/calendar/time-zone';
import type { PunchKind } from '../../domain/rules/attendance-today';
import type { Staff } from '../../domain/schemas/staff';
import { nowMs } from '../../sync/clock';
import type { SiteContext } from '../attendance/useSiteContext';
import { loadPersonDay, recordPunch } from './punch';
import { searchStaff } from './search';
import { verdictMessage, type Tone } from './verdict';

const MAX_RESULTS = 100;
const ACTIONS: { kind: PunchKind; className?: string }[] = [
  { kind: 'check-in' },
  { kind: 'check-out', className: 'secondary' },
  { kind: 'left-post', className: 'secondary' },
  { kind: 'returned', className: 'secondary' },
];

/**
 * The check-in screen for a signed-in person (a team leader at the desk, or
 * any user of the site): punches recorded manually on someone's behalf
 * (method "manual"), with the same rules and double-tap guard as kiosk mode.
 */
export function ManualKiosk({ siteId, ctx }: { siteId: string; ctx: SiteContext }) {
  const { t, i18n } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const { site, policy, timeZone } = ctx;
  const [search, setSearch] = useState('');
  const [feedback, setFeedback] = useState<{ text: string; tone: Tone; verdict: string } | null>(null);
  const inFlight = useRef(new Set<string>());

  const today = dayOfInstant(useNow(), timeZone);
  const since = instantOf(today, '00:00', timeZone);
  const { docs: staff, loading } = useLiveDocs('staff', { selector: { siteId } });
  const { docs: events } = useLiveDocs('attendance', {
    selector: { siteId, deviceTime: { $gte: since } },
    sort: [{ siteId: 'desc' }, { deviceTime: 'desc' }],
  });
  const staffById = useMemo(() => new Map(staff.map((s) => [s.id, s])), [staff]);
  const results = useMemo(() => searchStaff(staff, search, MAX_RESULTS), [staff, search]);

  const record = async (person: Staff, kind: PunchKind) => {
    const key = `${person.id}:${kind}`;
    if (inFlight.current.has(key)) return;
    inFlight.current.add(key);
    try {
      const now = nowMs();
      const day = await loadPersonDay(db, person.id, now, timeZone, site?.shiftTemplates ?? []);
      const result = await recordPunch(db, day, { siteId, kind, method: 'manual', nowMs: now, policy, author });
      const action = t(`kiosk.event.${kind}`);
      if (result.status === 'duplicate') {
        const time = clockTimeOfInstant(result.existing.deviceTime, timeZone);
        setFeedback({ text: t('attendance.kiosk.duplicate', { name: person.name, action, time }), tone: 'warn', verdict: 'duplicate' });
        return;
      }
      const v = verdictMessage(t, result.verdict, policy);
      const time = clockTimeOfInstant(result.event.deviceTime, timeZone);
      setFeedback({ text: `${t('kiosk.recorded', { name: person.name, action, time })} · ${v.text}`, tone: v.tone, verdict: result.verdict.kind });
    } catch (err) {
      setFeedback({ text: t('attendance.kiosk.failed', { message: (err as Error).message }), tone: 'bad', verdict: 'error' });
    } finally {
      inFlight.current.delete(key);
    }
  };

  return (
    <section className="kiosk">
      <h1>{t('kiosk.title', { site: site?.name ?? siteId })}</h1>
      <p
        className={`feedback tone-${feedback?.tone ?? 'ok'}`}
        role="status"
        aria-live="assertive"
        data-testid="kiosk-feedback"
        data-verdict={feedback?.verdict ?? ''}
      >
        {feedback?.text}
      </p>
      <div className="kiosk-grid">
        <div>
          <input
            type="search"
            className="kiosk-search"
            aria-label={t('kiosk.search')}
            placeholder={t('kiosk.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          {staff.length === 0 && !loading && <p role="status">{t('kiosk.noStaff')}</p>}
          {staff.length > 0 && results.shown.length === 0 && <p role="status">{t('kiosk.noMatch')}</p>}
          <ul className="staff-list">
            {results.shown.map((person) => (
              <li key={person.id} className="staff-row manual-row" data-testid="staff-row">
                <span className="staff-name">{person.name}</span>
                <span className="staff-no">{t('kiosk.staffNo', { no: person.staffNo })}</span>
                {ACTIONS.map(({ kind, className }) => (
                  <button key={kind} type="button" className={className} onClick={() => void record(person, kind)}>
                    {t(`kiosk.event.${kind}`)}
                  </button>
                ))}
              </li>
            ))}
          </ul>
          {results.more > 0 && <p className="hint">{t('attendance.kiosk.more', { count: results.more })}</p>}
        </div>
        <aside aria-labelledby="today-heading">
          <h2 id="today-heading">{t('kiosk.today')}</h2>
          {events.length === 0 && <p>{t('kiosk.noEvents')}</p>}
          <ol className="today-list" data-testid="today-list">
            {events.map((e) => (
              <li key={e.id} data-testid="today-event" data-synced={Boolean(e.receivedAt)}>
                <time dateTime={e.deviceTime}>
                  {new Date(e.deviceTime).toLocaleTimeString(i18n.language, { timeZone, hour: '2-digit', minute: '2-digit' })}
                </time>{' '}
                <span>{staffById.get(e.staffId)?.name ?? e.staffId}</span> <span>{t(`kiosk.event.${e.kind}`)}</span>{' '}
                <span className="sync-mark">{e.receivedAt ? t('kiosk.synced') : t('kiosk.notSynced')}</span>
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </section>
  );
}
