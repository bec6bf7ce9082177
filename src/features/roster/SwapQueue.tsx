import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDatabase } from '../../app/DataProvider';
import { useLiveDocs } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { useNow } from '../../app/useNow';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { addDays, eachDay } from '../../domain/calendar/days';
import { dayOfInstant } from '../../domain/calendar/time-zone';
import type { KindOf } from '../../domain/collections';
import { ackCode, isBlocking, rewriteForSwap, type SlotFields } from '../../domain/rules/roster-plan';
import type { RosterIssue } from '../../domain/rules/roster';
import { upsertDoc } from '../../db/write';
import { nowMs } from '../../sync/clock';
import { useCourseNames } from './data';
import { useRosterLabels } from './labels';
import { Modal } from './Modal';
import { SitePicker, useSiteParam } from './SitePicker';
import { writeSlots } from './slotWrites';
import { slotFields, useRosterPeriod, type SlotDoc } from './useRosterPeriod';

type SwapDoc = KindOf<'rosters', 'swap'>;

/** How far back and ahead the team leader's queue and its rule checks look. */
const BACK_DAYS = 7;
const AHEAD_DAYS = 62;

interface Pending {
  request: SwapDoc;
  slots: SlotFields[];
  issues: RosterIssue[];
}

/**
 * The team leader's queue of swap and cover requests. Approval rewrites the
 * slots (rewriteForSwap) after the roster rules check the result: a blocking
 * issue forbids it, other issues are shown and acknowledged on the slots.
 */
export function SwapQueue() {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const { site, sites, setSite } = useSiteParam();
  const today = dayOfInstant(useNow(), site?.timeZone);
  const days = useMemo(() => eachDay(addDays(today, -BACK_DAYS), addDays(today, AHEAD_DAYS)), [today]);
  const period = useRosterPeriod(site, days, false, false);
  const labels = useRosterLabels(useCourseNames());
  const { docs } = useLiveDocs('rosters', { selector: { siteId: site?.id ?? '', kind: 'swap', day: { $gte: days[0]! } } });
  const [confirming, setConfirming] = useState<Pending | null>(null);
  const [rejecting, setRejecting] = useState<SwapDoc | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);

  const requests = useMemo(() => (docs as SwapDoc[]).sort((a, b) => a.day.localeCompare(b.day) || a.requestedAt.localeCompare(b.requestedAt)), [docs]);
  const open = requests.filter((r) => r.status === 'requested' || r.status === 'accepted');
  const closed = requests.filter((r) => !(r.status === 'requested' || r.status === 'accepted'));
  const name = (id: string) => period.staffById.get(id)?.name ?? id;
  const slotById = useMemo(() => new Map(period.slots.map((s) => [s.id, slotFields(s)])), [period.slots]);
  const postName = (id: string) => site?.posts.find((p) => p.id === id)?.name ?? id;
  const shiftName = (id: string) => site?.shiftTemplates.find((s) => s.id === id)?.name ?? id;
  const describeSlot = (id: string | undefined) => {
    const s = id ? slotById.get(id) : undefined;
    return s ? `${labels.day(s.day)} ${shiftName(s.shiftId)} ${postName(s.postId)}` : '—';
  };

  const decide = async (request: SwapDoc, status: 'approved' | 'rejected') => {
    const { updatedAt: _u, updatedBy: _b, deviceId: _d, ...fields } = request;
    await upsertDoc(db, 'rosters', { ...fields, status, decidedBy: author.userId, decidedAt: new Date(nowMs()).toISOString() }, author);
  };

  const prepare = async (request: SwapDoc) => {
    setMessage(null);
    const ids = [request.slotId, ...(request.counterpartSlotId ? [request.counterpartSlotId] : [])];
    const found = await db.rosters.findByIds(ids).exec();
    const current = new Map<string, SlotFields>();
    for (const doc of found.values()) {
      const d = doc.toJSON() as SlotDoc;
      if (d.kind === 'slot') current.set(d.id, slotFields(d));
    }
    const posts = new Map((site?.posts ?? []).map((p) => [p.id, p]));
    const rewrite = rewriteForSwap(request, current, posts);
    if (!rewrite.ok) {
      setMessage({ text: t(`roster.swap.cannot.${rewrite.reason}`), error: true });
      return;
    }
    const replaced = new Map([...slotById, ...rewrite.slots.map((s) => [s.id, s] as const)]);
    const others = [...replaced.values()];
    const issues = rewrite.slots.flatMap((s) => period.analyser.candidate(s, others));
    const blocking = issues.filter(isBlocking);
    if (blocking.length) {
      setMessage({ text: t('roster.swap.blocked', { reason: blocking.map(labels.issue).join('；') }), error: true });
      return;
    }
    setConfirming({ request, slots: rewrite.slots, issues });
  };

  const approve = async (p: Pending) => {
    setConfirming(null);
    try {
      const acknowledged = p.slots.map((s) => ({
        ...s,
        acknowledgedWarnings: [...new Set(p.issues.filter((i) => i.slotId === s.id || i.otherSlotId === s.id).map(ackCode))],
      }));
      await writeSlots(db, acknowledged, author);
      await decide(p.request, 'approved');
      setMessage({ text: t('roster.swap.approvedMessage', { name: name(p.request.staffId) }) });
    } catch (e) {
      setMessage({ text: t('roster.saveFailed', { message: (e as Error).message }), error: true });
    }
  };

  const row = (r: SwapDoc, actions: boolean) => (
    <li key={r.id} className="roster-request-card" data-testid="swap-request" data-status={r.status}>
      <div>
        <strong>{name(r.staffId)}</strong> · {t(`roster.swap.type.${r.requestType}`)} → <strong>{name(r.counterpartId)}</strong>{' '}
        <span className={r.status === 'approved' ? 'badge ok' : r.status === 'rejected' ? 'badge bad' : 'badge warn'}>{t(`roster.swap.status.${r.status}`)}</span>
      </div>
      <div>
        {t('roster.swap.slot')}: {describeSlot(r.slotId)}
        {r.requestType === 'swap' && (
          <>
            {' '}
            · {t('roster.swap.theirSlot')}: {describeSlot(r.counterpartSlotId)}
          </>
        )}
      </div>
      {r.reason && (
        <div>
          {t('roster.swap.reason')}: {r.reason}
        </div>
      )}
      {actions && (
        <div className="toolbar">
          <button type="button" onClick={() => void prepare(r)}>
            {t('roster.swap.approve')}
          </button>
          <button type="button" className="secondary" onClick={() => setRejecting(r)}>
            {t('roster.swap.reject')}
          </button>
        </div>
      )}
    </li>
  );

  return (
    <section aria-labelledby="swaps-title">
      <h2 id="swaps-title">{t('roster.swap.queueTitle')}</h2>
      <div className="toolbar">
        <SitePicker site={site} sites={sites} onChange={setSite} />
      </div>
      <p className={message?.error ? 'field-error' : 'roster-message'} role={message?.error ? 'alert' : 'status'}>
        {message?.text}
      </p>
      <h3>{t('roster.swap.pending')}</h3>
      {open.length === 0 ? <p>{t('roster.swap.none')}</p> : <ul className="roster-requests">{open.map((r) => row(r, true))}</ul>}
      <h3>{t('roster.swap.history')}</h3>
      {closed.length === 0 ? <p>{t('roster.swap.none')}</p> : <ul className="roster-requests">{closed.map((r) => row(r, false))}</ul>}

      {confirming && (
        <Modal open title={t('roster.swap.approveTitle')} onClose={() => setConfirming(null)}>
          {confirming.issues.length > 0 ? (
            <>
              <p role="alert">{t('roster.swap.approveWarnings')}</p>
              <ul>
                {confirming.issues.map((i, n) => (
                  <li key={n}>
                    <span className="badge warn">{t('roster.warning')}</span> {labels.day(i.day)} · {i.staffId ? name(i.staffId) : ''} · {labels.issue(i)}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('roster.swap.approveClean')}</p>
          )}
          <ul>
            {confirming.slots.map((s) => (
              <li key={s.id}>
                {labels.day(s.day)} {shiftName(s.shiftId)} {postName(s.postId)} → {name(s.staffId)}
              </li>
            ))}
          </ul>
          <div className="dialog-actions">
            <button type="button" className="secondary" onClick={() => setConfirming(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" onClick={() => void approve(confirming)}>
              {confirming.issues.length ? t('roster.swap.approveAnyway') : t('roster.swap.approve')}
            </button>
          </div>
        </Modal>
      )}
      {rejecting && (
        <ConfirmDialog
          open
          title={t('roster.swap.rejectTitle')}
          confirmLabel={t('roster.swap.reject')}
          danger
          onCancel={() => setRejecting(null)}
          onConfirm={() => {
            const r = rejecting;
            setRejecting(null);
            void decide(r, 'rejected').then(
              () => setMessage({ text: t('roster.swap.rejectedMessage') }),
              (e: Error) => setMessage({ text: t('roster.saveFailed', { message: e.message }), error: true }),
            );
          }}
        />
      )}
    </section>
  );
}
