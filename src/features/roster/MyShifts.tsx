import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDatabase } from '../../app/DataProvider';
import { useLiveDocs } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { useNow } from '../../app/useNow';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { addDays } from '../../domain/calendar/days';
import { dayOfInstant } from '../../domain/calendar/time-zone';
import type { KindOf } from '../../domain/collections';
import { upsertDoc } from '../../db/write';
import { useMe, useScopeSites, useSitePolicy } from './data';
import { useRosterLabels } from './labels';
import { SwapRequestForm } from './SwapRequestForm';
import type { SlotDoc } from './useRosterPeriod';
import { WhoAmI } from './WhoAmI';

type SwapDoc = KindOf<'rosters', 'swap'>;

/** How far ahead "my shifts" looks. */
const HORIZON_DAYS = 31;

/** A staff member's own published shifts, leave, and swap or cover requests (theirs and the ones colleagues ask of them). */
export function MyShifts() {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const me = useMe();
  const { sites } = useScopeSites();
  const labels = useRosterLabels();
  const mySiteId = me.candidates.find((c) => c.id === me.staffId)?.siteId;
  const { policy } = useSitePolicy(sites.find((s) => s.id === mySiteId) ?? sites[0]);
  const today = dayOfInstant(useNow(), sites[0]?.timeZone);
  const staffId = me.staffId ?? '';
  const until = addDays(today, HORIZON_DAYS);
  const { docs: mine } = useLiveDocs('rosters', { selector: { staffId, day: { $gte: today, $lte: until } }, sort: [{ staffId: 'asc' }, { day: 'asc' }] });
  const { docs: myLeave } = useLiveDocs('leave', { selector: { staffId, endDay: { $gte: today } } });
  const { docs: askedOfMe } = useLiveDocs('rosters', { selector: { kind: 'swap', counterpartId: staffId, day: { $gte: today } } });
  const { docs: myRequests } = useLiveDocs('rosters', { selector: { kind: 'swap', staffId, day: { $gte: addDays(today, -30) } } });
  const [requesting, setRequesting] = useState<SlotDoc | null>(null);
  const [cancelling, setCancelling] = useState<SwapDoc | null>(null);
  const [message, setMessage] = useState('');

  const slots = useMemo(() => (mine.filter((d) => d.kind === 'slot' && d.status === 'published') as SlotDoc[]), [mine]);
  const site = (id: string) => sites.find((s) => s.id === id);
  const postName = (siteId: string, postId: string) => site(siteId)?.posts.find((p) => p.id === postId)?.name ?? postId;
  const shift = (siteId: string, shiftId: string) => site(siteId)?.shiftTemplates.find((s) => s.id === shiftId);
  const arrival = policy.attendance.preShiftArrivalMinutes;
  const leaveOn = (day: string) => myLeave.find((l) => (l.status === 'approved' || l.status === 'pending') && l.startDay <= day && day <= l.endDay);

  const setStatus = async (request: SwapDoc, status: SwapDoc['status']) => {
    const { updatedAt: _u, updatedBy: _b, deviceId: _d, ...fields } = request;
    await upsertDoc(db, 'rosters', { ...fields, status }, author);
  };

  if (!me.staffId) {
    return (
      <section aria-labelledby="mine-title">
        <h2 id="mine-title">{t('roster.tabs.mine')}</h2>
        <WhoAmI me={me} />
      </section>
    );
  }

  const requests = (myRequests as SwapDoc[]).sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  const incoming = (askedOfMe as SwapDoc[]).filter((r) => r.status === 'requested');
  const nameOf = (id: string) => me.candidates.find((s) => s.id === id)?.name ?? id;

  return (
    <section aria-labelledby="mine-title" className="roster-mine">
      <h2 id="mine-title">{t('roster.tabs.mine')}</h2>
      <WhoAmI me={me} />
      <p className="roster-hint">{t('roster.me.arrive', { minutes: arrival })}</p>
      <p role="status" className="roster-message">
        {message}
      </p>
      {slots.length === 0 ? (
        <p>{t('roster.me.none')}</p>
      ) : (
        <table className="data" data-testid="my-shifts">
          <caption className="roster-sr">{t('roster.tabs.mine')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('roster.csv.day')}</th>
              <th scope="col">{t('roster.csv.shift')}</th>
              <th scope="col">{t('roster.csv.post')}</th>
              <th scope="col">{t('roster.site')}</th>
              <th scope="col">{t('roster.me.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {slots.map((s) => {
              const sh = shift(s.siteId, s.shiftId);
              const leave = leaveOn(s.day);
              return (
                <tr key={s.id} data-testid="my-shift" data-day={s.day}>
                  <td>{labels.day(s.day)}</td>
                  <td>
                    {sh ? `${sh.name} ${sh.start}–${sh.end}` : s.shiftId}
                    {leave && <span className={leave.status === 'approved' ? 'badge bad' : 'badge warn'}> {t('roster.leaveRow')} · {t(`leave.status.${leave.status}`)}</span>}
                  </td>
                  <td>{postName(s.siteId, s.postId)}</td>
                  <td>{site(s.siteId)?.name ?? s.siteId}</td>
                  <td>
                    <button type="button" className="secondary" onClick={() => setRequesting(s)}>
                      {t('roster.me.requestSwap')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h3>{t('roster.swap.askedOfMe')}</h3>
      {incoming.length === 0 ? (
        <p>{t('roster.swap.none')}</p>
      ) : (
        <ul className="roster-requests">
          {incoming.map((r) => (
            <li key={r.id}>
              {t('roster.swap.asks', { name: nameOf(r.staffId), type: t(`roster.swap.type.${r.requestType}`), day: labels.day(r.day) })}
              {r.reason ? ` · ${r.reason}` : ''}{' '}
              <button
                type="button"
                onClick={() =>
                  void setStatus(r, 'accepted').then(() => setMessage(t('roster.swap.acceptedMessage')), (e: Error) => setMessage(t('roster.saveFailed', { message: e.message })))
                }
              >
                {t('roster.swap.accept')}
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('roster.swap.myRequests')}</h3>
      {requests.length === 0 ? (
        <p>{t('roster.swap.none')}</p>
      ) : (
        <ul className="roster-requests" data-testid="my-requests">
          {requests.map((r) => (
            <li key={r.id}>
              {labels.day(r.day)} · {t(`roster.swap.type.${r.requestType}`)} · {nameOf(r.counterpartId)} ·{' '}
              <span className={r.status === 'approved' ? 'badge ok' : r.status === 'rejected' ? 'badge bad' : 'badge warn'}>{t(`roster.swap.status.${r.status}`)}</span>{' '}
              {(r.status === 'requested' || r.status === 'accepted') && (
                <button type="button" className="secondary" onClick={() => setCancelling(r)}>
                  {t('roster.swap.cancel')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      {requesting && (
        <SwapRequestForm
          slot={requesting}
          staffId={staffId}
          colleagues={me.candidates.filter((c) => c.siteId === requesting.siteId && c.id !== staffId)}
          labels={labels}
          postName={(id) => postName(requesting.siteId, id)}
          shiftName={(id) => shift(requesting.siteId, id)?.name ?? id}
          onClose={() => setRequesting(null)}
          onSent={() => {
            setRequesting(null);
            setMessage(t('roster.swap.submitted'));
          }}
        />
      )}
      {cancelling && (
        <ConfirmDialog
          open
          title={t('roster.swap.cancelTitle')}
          confirmLabel={t('roster.swap.cancel')}
          danger
          onCancel={() => setCancelling(null)}
          onConfirm={() => {
            const r = cancelling;
            setCancelling(null);
            void setStatus(r, 'cancelled').then(() => setMessage(t('roster.swap.cancelled')), (e: Error) => setMessage(t('roster.saveFailed', { message: e.message })));
          }}
        />
      )}
    </section>
  );
}

