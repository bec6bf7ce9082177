import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveDocs } from '../../app/hooks';
import { useNow } from '../../app/useNow';
import { clockTimeOfInstant, dayOfInstant, instantOf } from '../../domain/calendar/time-zone';
import type { KindOf } from '../../domain/collections';
import { useSession } from '../../sync/session';
import { CorrectionDialog } from './CorrectionDialog';
import { buildDayRows, dayAlerts, dayWindow, type DayAlert, type DayInput, type DayRow } from './day-rows';
import { classificationLabels, presenceTone } from './labels';
import { MissingPunchDialog } from './MissingPunchDialog';
import { SitePicker } from './SitePicker';
import { useSiteContext } from './useSiteContext';
import { useAttendanceEvents } from './useAttendanceEvents';
import { useParam, useSiteChoice } from './useSiteChoice';

type Slot = KindOf<'rosters', 'slot'>;
type Session = KindOf<'training', 'session'>;

/** The team leader's day: who is in, late, away, missing or on leave, and which posts need someone. */
export function DayView() {
  const { t } = useTranslation();
  const session = useSession();
  const role = session?.user.role;
  const canVerify = role === 'team-leader' || role === 'manager' || role === 'admin';
  const canSignOff = role === 'manager' || role === 'admin';
  const { sites, siteId, setSiteId } = useSiteChoice();
  const ctx = useSiteContext(siteId);
  const { site, timeZone, policy, calendar } = ctx;
  const now = useNow();
  const today = dayOfInstant(now, timeZone);
  const [day, setDay] = useParam('day', today);
  const { fromDay, toDay } = dayWindow(day);

  const { docs: staff } = useLiveDocs('staff', { selector: { siteId } });
  const { docs: rosterDocs } = useLiveDocs('rosters', { selector: { siteId, kind: 'slot', day: { $gte: fromDay, $lte: day } } });
  const events = useAttendanceEvents(siteId, instantOf(fromDay, '12:00', timeZone), instantOf(toDay, '12:00', timeZone));
  const { docs: leave } = useLiveDocs('leave', { selector: { siteId, status: 'approved' } });
  const { docs: sessionDocs } = useLiveDocs('training', { selector: { siteId, kind: 'session', day } });
  const [verifying, setVerifying] = useState<DayRow | null>(null);
  const [correcting, setCorrecting] = useState<DayRow | null>(null);

  const input: DayInput | null = useMemo(
    () =>
      site
        ? {
            day,
            nowMs: now,
            site,
            staff,
            slots: rosterDocs.filter((d): d is Slot => d.kind === 'slot'),
            events,
            leave: leave.filter((l) => l.startDay <= day && day <= l.endDay),
            sessions: sessionDocs.filter((d): d is Session => d.kind === 'session'),
            policy,
            isWorkingDay: (d: string) => calendar.isWorkingDay(d),
          }
        : null,
    [site, day, now, staff, rosterDocs, events, leave, sessionDocs, policy, calendar],
  );
  const rows = useMemo(() => (input ? buildDayRows(input) : []), [input]);
  const alerts = useMemo(() => (input ? dayAlerts(input, rows) : []), [input, rows]);
  const postName = (id: string) => site?.posts.find((p) => p.id === id)?.name ?? id;
  const staffName = (id: string) => staff.find((s) => s.id === id)?.name ?? id;
  const shiftName = (slotId: string) => {
    const slot = rosterDocs.find((d) => d.id === slotId) as Slot | undefined;
    const template = site?.shiftTemplates.find((s) => s.id === slot?.shiftId);
    return `${slot ? postName(slot.postId) : ''} · ${template ? `${template.name} ${template.start}–${template.end}` : ''}`;
  };
  const counts = rows.reduce<Record<string, number>>((acc, r) => {
    acc[r.presence] = (acc[r.presence] ?? 0) + 1;
    if (r.classification.lateCount > 0) acc.late = (acc.late ?? 0) + 1;
    return acc;
  }, {});
  const time = (ms: number | undefined) => (ms === undefined ? '' : clockTimeOfInstant(ms, timeZone));

  return (
    <section aria-labelledby="day-title">
      <h1 id="day-title">{t('attendance.day.title')}</h1>
      <div className="toolbar no-print">
        <SitePicker sites={sites} siteId={siteId} onChange={setSiteId} />
        <label className="field inline">
          {t('attendance.day.date')}
          <input type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
        </label>
        {day !== today && (
          <button type="button" className="secondary" onClick={() => setDay(today)}>
            {t('attendance.day.today')}
          </button>
        )}
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('common.print')}
        </button>
      </div>
      {day === today && <p className="hint">{t('attendance.day.asOf', { time: time(now) })}</p>}

      <AlertList alerts={alerts} postName={postName} staffName={staffName} />

      <ul className="day-counts" aria-label={t('attendance.day.countsLabel')}>
        {(['in', 'away', 'missing', 'not-due', 'out', 'leave', 'training', 'absent'] as const).map((p) => (
          <li key={p} data-testid={`count-${p}`}>
            {t(`attendance.presence.${p}`)} <strong>{counts[p] ?? 0}</strong>
          </li>
        ))}
        <li data-testid="count-late">
          {t('attendance.day.late')} <strong>{counts.late ?? 0}</strong>
        </li>
      </ul>

      {rows.length === 0 ? (
        <p role="status">{t('attendance.day.empty')}</p>
      ) : (
        <table className="data day-table">
          <caption className="sr-only">{t('attendance.day.caption', { day })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('attendance.col.staffNo')}</th>
              <th scope="col">{t('attendance.col.name')}</th>
              <th scope="col">{t('attendance.col.shift')}</th>
              <th scope="col">{t('attendance.col.presence')}</th>
              <th scope="col">{t('attendance.col.checkIn')}</th>
              <th scope="col">{t('attendance.col.checkOut')}</th>
              <th scope="col">{t('attendance.col.finding')}</th>
              {canVerify && <th scope="col" className="no-print">{t('attendance.col.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const c = r.classification;
              const first = c.shifts.find((s) => s.checkIn !== undefined)?.checkIn;
              const last = [...c.shifts].reverse().find((s) => s.checkOut !== undefined)?.checkOut;
              return (
                <tr
                  key={r.staffId}
                  data-testid="day-row"
                  data-staff-id={r.staffId}
                  data-presence={r.presence}
                  data-status={c.status}
                  data-on-time={String(c.onTime)}
                  data-late-count={c.lateCount}
                  data-late-minutes={c.minutes.late}
                  data-absence-half-days={c.absenceHalfDays}
                  data-unverified={c.unverifiedMissingPunches}
                >
                  <td>{r.staffNo}</td>
                  <th scope="row">{r.name}</th>
                  <td>{r.shifts.length ? r.shifts.map((s) => shiftName(s.id)).join('; ') : t('attendance.day.notRostered')}</td>
                  <td>
                    <span className={`badge ${presenceTone(r.presence)}`}>{t(`attendance.presence.${r.presence}`)}</span>
                  </td>
                  <td>{time(first)}</td>
                  <td>{time(last)}</td>
                  <td>
                    {classificationLabels(t, c).map((l) => (
                      <span key={l.text} className={`badge ${l.tone}`}>
                        {l.text}
                      </span>
                    ))}
                  </td>
                  {canVerify && (
                    <td className="no-print row-actions">
                      <button type="button" className="secondary" onClick={() => setVerifying(r)}>
                        {t('attendance.verify.open')}
                      </button>
                      {canSignOff && r.events.length > 0 && (
                        <button type="button" className="secondary" onClick={() => setCorrecting(r)}>
                          {t('attendance.correct.open')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {verifying && (
        <MissingPunchDialog row={verifying} day={day} siteId={siteId} timeZone={timeZone} canSignOff={canSignOff} onClose={() => setVerifying(null)} />
      )}
      {correcting && <CorrectionDialog row={correcting} siteId={siteId} timeZone={timeZone} onClose={() => setCorrecting(null)} />}
    </section>
  );
}

function AlertList({ alerts, postName, staffName }: { alerts: DayAlert[]; postName(id: string): string; staffName(id: string): string }) {
  const { t } = useTranslation();
  if (alerts.length === 0) return null;
  return (
    <section className="alerts" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('attendance.alerts.title', { count: alerts.length })}</h2>
      <ul>
        {alerts.map((a) => (
          <li key={`${a.kind}:${a.postId}`} className={`alert ${a.kind}`} data-testid="day-alert" data-kind={a.kind} data-post-id={a.postId}>
            {a.kind === 'post-uncovered'
              ? t('attendance.alerts.uncovered', { post: postName(a.postId) })
              : a.kind === 'backup-not-covering'
                ? t('attendance.alerts.backup', { post: postName(a.postId), name: a.staffId ? staffName(a.staffId) : '' })
                : t('attendance.alerts.unattended', { post: postName(a.postId), names: a.staffIds.map(staffName).join('、') })}
          </li>
        ))}
      </ul>
    </section>
  );
}
