import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useLiveDocs } from '../../app/hooks';
import { clockTimeOfInstant, dayOfInstant, instantOf } from '../../domain/calendar/time-zone';
import { newId } from '../../domain/ids';
import type { AttendanceEventKind } from '../../domain/schemas/attendance';
import type { Staff } from '../../domain/schemas/staff';
import { insertDoc } from '../../db/write';
import { nextHlc, nowMs } from '../../sync/clock';
import { useNow } from '../../app/useNow';
import { deviceId, useSession } from '../../sync/session';
import { matchesStaff } from './search';

/** Taps on the same person and action within this window are one tap (a double tap must not make two events). */
const DOUBLE_TAP_MS = 3000;

export function KioskPage() {
  const { siteId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const db = useAppDatabase();
  const session = useSession();
  const [search, setSearch] = useState('');
  const [feedback, setFeedback] = useState<string | null>(null);
  const lastTap = useRef(new Map<string, number>());

  const { docs: sites } = useLiveDocs('sites', { selector: { id: siteId } });
  const site = sites[0];
  const timeZone = site?.timeZone ?? 'Asia/Shanghai';
  const today = dayOfInstant(useNow(), timeZone);
  const since = instantOf(today, '00:00', timeZone);

  const { docs: staff, loading } = useLiveDocs('staff', { selector: { siteId } });
  const { docs: events } = useLiveDocs('attendance', {
    selector: { siteId, deviceTime: { $gte: since } },
    sort: [{ siteId: 'desc' }, { deviceTime: 'desc' }],
  });

  const staffById = useMemo(() => new Map(staff.map((s) => [s.id, s])), [staff]);
  const shown = useMemo(
    () =>
      staff
        .filter((s) => s.status !== 'left' && matchesStaff(s, search))
        .sort((a, b) => a.staffNo.localeCompare(b.staffNo)),
    [staff, search],
  );

  const record = async (person: Staff, kind: AttendanceEventKind) => {
    if (!session) return;
    const key = `${person.id}:${kind}`;
    const now = nowMs();
    if (now - (lastTap.current.get(key) ?? 0) < DOUBLE_TAP_MS) return;
    lastTap.current.set(key, now);
    const deviceTime = new Date(now).toISOString();
    await insertDoc(
      db,
      'attendance',
      {
        id: newId(),
        siteId,
        staffId: person.id,
        kind,
        method: 'manual',
        deviceTime,
        hlc: nextHlc(now),
      },
      { userId: session.user.id, deviceId: deviceId() },
    );
    setFeedback(
      t('kiosk.recorded', {
        name: person.name,
        action: t(`kiosk.event.${kind}`),
        time: clockTimeOfInstant(deviceTime, timeZone),
      }),
    );
  };

  return (
    <section className="kiosk">
      <h1>{t('kiosk.title', { site: site?.name ?? siteId })}</h1>
      <p className="feedback" role="status" aria-live="assertive" data-testid="kiosk-feedback">
        {feedback}
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
          {staff.length > 0 && shown.length === 0 && <p role="status">{t('kiosk.noMatch')}</p>}
          <ul className="staff-list">
            {shown.map((person) => (
              <li key={person.id} className="staff-row" data-testid="staff-row">
                <span className="staff-name">{person.name}</span>
                <span className="staff-no">{t('kiosk.staffNo', { no: person.staffNo })}</span>
                <button type="button" onClick={() => void record(person, 'check-in')}>
                  {t('kiosk.checkIn')}
                </button>
                <button type="button" className="secondary" onClick={() => void record(person, 'check-out')}>
                  {t('kiosk.checkOut')}
                </button>
              </li>
            ))}
          </ul>
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
                <span>{staffById.get(e.staffId)?.name ?? e.staffId}</span>{' '}
                <span>{t(`kiosk.event.${e.kind}`)}</span>{' '}
                <span className="sync-mark">{e.receivedAt ? t('kiosk.synced') : t('kiosk.notSynced')}</span>
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </section>
  );
}
