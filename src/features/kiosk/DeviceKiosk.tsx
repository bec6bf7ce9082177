import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { firstScreenReady, useAppDatabase } from '../../app/DataProvider';
import { useDeviceLog, useLiveDocs } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { useNow } from '../../app/useNow';
import { clockTimeOfInstant, dayOfInstant, instantOf } from '../../domain/calendar/time-zone';
import type { PunchKind } from '../../domain/rules/attendance-today';
import type { Staff } from '../../domain/schemas/staff';
import { nowMs } from '../../sync/clock';
import { useSyncStatus } from '../../sync/status';
import type { SiteContext } from '../attendance/useSiteContext';
import { staffByBadge } from './badge';
import { ExitKioskDialog } from './ExitKioskDialog';
import { afterFailure, afterSuccess, loadLockout, lockedForMs, pruned, saveLockout, triesLeft } from './lockout';
import { verifyPin } from './pin';
import { PinPad } from './PinPad';
import { currentSlot, lastPunch, loadPersonDay, planPunch, type PersonDay } from './punch';
import { QrScanner } from './QrScanner';
import { searchStaff } from './search';
import { useIdle } from './useIdle';
import { verdictMessage, type Tone } from './verdict';

/** The answer stays on screen this long, then the kiosk is ready for the next person. */
const RESULT_MS = 6000;
const MAX_RESULTS = 30;

type Flow =
  | { step: 'search' }
  | { step: 'scan' }
  | { step: 'pin'; person: Staff; day: PersonDay }
  | { step: 'actions'; person: Staff; day: PersonDay; method: 'pin' | 'qr' }
  | { step: 'done'; person: Staff };

interface Feedback {
  text: string;
  tone: Tone;
  verdict: string;
  /** Whether the event is stored on the tablet yet. */
  saved: 'saving' | 'saved' | 'failed';
  /** Which answer this is, so a late "saved" never marks a newer answer. */
  seq?: number;
}

const ACTIONS: { kind: PunchKind; className?: string }[] = [
  { kind: 'check-in' },
  { kind: 'check-out', className: 'secondary' },
  { kind: 'left-post', className: 'secondary' },
  { kind: 'returned', className: 'secondary' },
];

/** A big clock in the site's time zone; its own component so the second hand re-renders only itself. */
function KioskClock({ timeZone }: { timeZone: string }) {
  const now = useNow(1000);
  return (
    <time className="kiosk-clock" dateTime={new Date(now).toISOString()}>
      {dayOfInstant(now, timeZone)} {clockTimeOfInstant(now, timeZone)}
    </time>
  );
}

/**
 * Kiosk mode on an enrolled hall tablet: find yourself (name, pinyin initials,
 * staff number) and confirm with your PIN, or show your QR badge; then check
 * in, check out, leave the post or come back. Everything is local: it works
 * all day with no network.
 */
export function DeviceKiosk({ siteId, ctx }: { siteId: string; ctx: SiteContext }) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const { site, policy, timeZone } = ctx;
  const [flow, setFlow] = useState<Flow>({ step: 'search' });
  const [search, setSearch] = useState('');
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [busy, setBusy] = useState(false);
  const [exitOpen, setExitOpen] = useState(false);
  // A ref, not state: the second tap of a double tap arrives before React re-renders.
  const inFlight = useRef(false);
  const answers = useRef(0);
  const pending = useDeviceLog('outbox').length;
  const { signInRequired } = useSyncStatus();

  const { docs: staff, loading } = useLiveDocs('staff', { selector: { siteId } });
  // The staff list is what the kiosk first needs: replication may start now (src/app/DataProvider.tsx).
  useEffect(() => {
    if (!loading) firstScreenReady();
  }, [loading]);
  const today = dayOfInstant(useNow(), timeZone);
  const { docs: todayEvents } = useLiveDocs('attendance', {
    selector: { siteId, deviceTime: { $gte: instantOf(today, '00:00', timeZone) } },
  });
  // Nobody is listed until someone types: a kiosk at rest shows no one's name.
  const results = useMemo(() => (search.trim() ? searchStaff(staff, search, MAX_RESULTS) : { shown: [], more: 0 }), [staff, search]);

  // The write behind the answer on screen until it is stored or has failed (see `act`).
  const writing = useRef<Promise<unknown> | null>(null);

  const reset = useCallback(() => {
    // An answer stays until its write has settled: it becomes "saved" or an error, never silently nothing.
    if (writing.current) return;
    setFlow({ step: 'search' });
    setSearch('');
    setPin('');
    setMessage(null);
    setFeedback(null);
  }, []);

  useEffect(() => {
    document.body.classList.add('kiosk-mode');
    return () => document.body.classList.remove('kiosk-mode');
  }, []);
  useIdle(policy.attendance.kioskIdleSeconds * 1000, reset, flow.step !== 'search' || search !== '');
  const settled = feedback?.saved !== 'saving';
  const doneButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (flow.step === 'done' && settled) doneButton.current?.focus();
  }, [flow.step, settled]);
  // A saved answer clears itself; a failed one stays until someone taps "done" (or the idle lock).
  const failed = feedback?.saved === 'failed';
  useEffect(() => {
    if (flow.step !== 'done' || !settled || failed) return;
    const timer = setTimeout(reset, RESULT_MS);
    return () => clearTimeout(timer);
  }, [flow, reset, settled, failed]);

  const templates = site?.shiftTemplates ?? [];
  const open = async (person: Staff, next: (day: PersonDay) => Flow) => {
    setMessage(null);
    setPin('');
    const day = await loadPersonDay(db, person.id, nowMs(), timeZone, templates);
    setFlow(next(day));
  };

  const pick = (person: Staff) => {
    void open(person, (day) => ({ step: 'pin', person, day }));
  };

  const onBadge = (code: string) => {
    const person = staffByBadge(staff, code);
    if (!person) {
      setFlow({ step: 'search' });
      setMessage(t('attendance.kiosk.badgeUnknown'));
      return;
    }
    void open(person, (day) => ({ step: 'actions', person, day, method: 'qr' }));
  };

  const rules = { maxAttempts: policy.attendance.kioskPinMaxAttempts, lockoutMinutes: policy.attendance.kioskPinLockoutMinutes };
  const lockedMessage = (ms: number) => t('attendance.kiosk.locked', { minutes: Math.ceil(ms / 60_000) });

  const checkPin = async () => {
    if (flow.step !== 'pin' || busy) return;
    const { person, day } = flow;
    if (!person.pin) return setMessage(t('attendance.kiosk.noPin'));
    const now = nowMs();
    let lockout = pruned(loadLockout(localStorage), now);
    const wait = lockedForMs(lockout, person.id, now);
    if (wait > 0) return setMessage(lockedMessage(wait));
    if (!/^\d{4,6}$/.test(pin)) return setMessage(t('attendance.kiosk.pinFormat'));
    setBusy(true);
    try {
      const ok = await verifyPin(pin, person.pin);
      lockout = ok ? afterSuccess(lockout, person.id) : afterFailure(lockout, person.id, now, rules);
      saveLockout(localStorage, lockout);
      setPin('');
      if (ok) {
        setMessage(null);
        setFlow({ step: 'actions', person, day, method: 'pin' });
        return;
      }
      const left = triesLeft(lockout, person.id, now, rules);
      setMessage(left > 0 ? t('attendance.kiosk.wrongPin', { count: left }) : lockedMessage(lockedForMs(lockout, person.id, now)));
    } finally {
      setBusy(false);
    }
  };

  /**
   * Answers at once with the rules' verdict while the event commits to the
   * local database (bench/results/kiosk-checkin.md: waiting for the write
   * first would miss the 100 ms target). The answer says "saving" until the
   * write has committed, then "saved"; a failed write turns it into an error.
   * Until then the answer stays: no "done", no idle reset, so nobody walks
   * away from an unsaved punch believing it saved, and nobody can start the
   * same punch again before the first is stored (a second tap meanwhile is
   * ignored by the ref; a later one finds the stored event as a duplicate).
   */
  const act = async (kind: PunchKind) => {
    if (flow.step !== 'actions' || inFlight.current) return;
    inFlight.current = true;
    const { person, day, method } = flow;
    const action = t(`kiosk.event.${kind}`);
    const seq = ++answers.current;
    try {
      const now = nowMs();
      // Marks for bench/kiosk-checkin.ts: when the answer was decided and when the event was stored.
      performance.mark('kiosk:tap');
      const plan = planPunch(day, { siteId, kind, method, nowMs: now, policy, author });
      if (plan.status === 'duplicate') {
        const time = clockTimeOfInstant(plan.existing.deviceTime, timeZone);
        setFeedback({ text: t('attendance.kiosk.duplicate', { name: person.name, action, time }), tone: 'warn', verdict: 'duplicate', saved: 'saved', seq });
        setFlow({ step: 'done', person });
        return;
      }
      const written = plan.write(db);
      writing.current = written;
      const v = verdictMessage(t, plan.verdict, policy);
      const answer = t('attendance.kiosk.answer', { name: person.name, action, time: clockTimeOfInstant(now, timeZone) });
      setFeedback({ text: `${answer} · ${v.text}`, tone: v.tone, verdict: plan.verdict.kind, saved: 'saving', seq });
      setFlow({ step: 'done', person });
      try {
        await written;
      } finally {
        writing.current = null;
      }
      performance.mark('kiosk:written');
      setFeedback((f) => (f?.seq === seq ? { ...f, saved: 'saved' } : f));
    } catch (err) {
      const text = t('attendance.kiosk.failedFor', { name: person.name, action, message: (err as Error).message });
      setFeedback({ text, tone: 'bad', verdict: 'error', saved: 'failed', seq });
    } finally {
      inFlight.current = false;
    }
  };

  const unsynced = todayEvents.filter((e) => !e.receivedAt).length;

  return (
    <section className="kiosk kiosk-device" aria-labelledby="kiosk-title">
      <header className="kiosk-head">
        <h1 id="kiosk-title">{t('kiosk.title', { site: site?.name ?? siteId })}</h1>
        <KioskClock timeZone={timeZone} />
        <button type="button" className="link kiosk-exit" onClick={() => setExitOpen(true)}>
          {t('attendance.kiosk.exit')}
        </button>
      </header>
      {signInRequired && (
        <p className="banner warning" role="alert" data-testid="kiosk-revoked">
          {t('attendance.kiosk.revoked')}
        </p>
      )}
      <p
        className={`feedback kiosk-feedback tone-${feedback?.tone ?? 'ok'}`}
        role="status"
        aria-live="assertive"
        data-testid="kiosk-feedback"
        data-verdict={feedback?.verdict ?? ''}
        data-saved={feedback?.saved ?? ''}
      >
        {feedback?.text}
        {feedback?.saved === 'saving' && <span className="kiosk-saved"> · {t('attendance.kiosk.saving')}</span>}
        {feedback?.saved === 'saved' && feedback.verdict !== 'duplicate' && <span className="kiosk-saved"> · {t('attendance.kiosk.saved')}</span>}
      </p>

      {flow.step === 'search' && (
        <div className="kiosk-search-panel">
          <div className="kiosk-search-row">
            <input
              type="search"
              className="kiosk-search"
              data-testid="kiosk-search"
              aria-label={t('kiosk.search')}
              placeholder={t('kiosk.search')}
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                setMessage(null);
              }}
            />
            <button type="button" onClick={() => setFlow({ step: 'scan' })}>
              {t('attendance.kiosk.scanBadge')}
            </button>
          </div>
          {message && (
            <p className="error" role="alert">
              {message}
            </p>
          )}
          {staff.length === 0 && !loading && <p role="status">{t('kiosk.noStaff')}</p>}
          {staff.length > 0 && !search.trim() && <p className="hint">{t('attendance.kiosk.searchHint')}</p>}
          {staff.length > 0 && search.trim() && results.shown.length === 0 && <p role="status">{t('kiosk.noMatch')}</p>}
          <ul className="kiosk-pick-list">
            {results.shown.map((person) => (
              <li key={person.id} data-testid="staff-row">
                <button type="button" className="secondary kiosk-pick" onClick={() => pick(person)}>
                  <span className="staff-name">{person.name}</span>
                  <span className="staff-no">{t('kiosk.staffNo', { no: person.staffNo })}</span>
                </button>
              </li>
            ))}
          </ul>
          {results.more > 0 && <p className="hint">{t('attendance.kiosk.more', { count: results.more })}</p>}
        </div>
      )}

      {flow.step === 'scan' && <QrScanner onCode={onBadge} onClose={reset} />}

      {(flow.step === 'pin' || flow.step === 'actions') && (
        <PersonPanel person={flow.person} day={flow.day} ctx={ctx}>
          {flow.step === 'pin' ? (
            flow.person.pin ? (
              <PinPad value={pin} onChange={setPin} onSubmit={() => void checkPin()} disabled={busy} message={message} />
            ) : (
              <p className="error" role="alert">
                {t('attendance.kiosk.noPin')}
              </p>
            )
          ) : (
            <ActionButtons day={flow.day} busy={busy} onAct={(k) => void act(k)} message={message} />
          )}
          <button type="button" className="secondary kiosk-back" onClick={reset}>
            {t('attendance.kiosk.back')}
          </button>
        </PersonPanel>
      )}

      {flow.step === 'done' && (
        <div className="kiosk-done">
          <button type="button" ref={doneButton} onClick={reset} disabled={!settled}>
            {t('attendance.kiosk.done')}
          </button>
        </div>
      )}

      <footer className="kiosk-foot" data-testid="kiosk-today">
        {t('attendance.kiosk.todayCount', { count: todayEvents.length, pending: unsynced })}
        {pending > 0 && <span className="badge warn">{t('attendance.kiosk.outbox', { count: pending })}</span>}
      </footer>
      <ExitKioskDialog open={exitOpen} pending={pending} onClose={() => setExitOpen(false)} />
    </section>
  );
}

function PersonPanel({ person, day, ctx, children }: { person: Staff; day: PersonDay; ctx: SiteContext; children: ReactNode }) {
  const { t } = useTranslation();
  const now = useNow();
  const slot = currentSlot(day, now);
  const template = ctx.site?.shiftTemplates.find((s) => s.id === slot?.shiftId);
  const post = ctx.site?.posts.find((p) => p.id === slot?.postId);
  const last = lastPunch(day, now);
  const time = last ? clockTimeOfInstant(last.at, ctx.timeZone) : '';
  const state = !last
    ? t('attendance.kiosk.stateNone')
    : last.kind === 'left'
      ? t('attendance.kiosk.stateAway', { time })
      : last.kind === 'out'
        ? t('attendance.kiosk.stateOut', { time })
        : t('attendance.kiosk.stateIn', { time });
  return (
    <div className="kiosk-person" role="group" aria-labelledby="kiosk-person-name">
      <h2 id="kiosk-person-name">
        {person.name} <span className="staff-no">{t('kiosk.staffNo', { no: person.staffNo })}</span>
      </h2>
      <p data-testid="kiosk-shift">
        {template
          ? t('attendance.kiosk.shiftToday', { shift: template.name, start: template.start, end: template.end, post: post?.name ?? slot?.postId ?? '' })
          : t('attendance.kiosk.noShift')}
      </p>
      <p data-testid="kiosk-state">{state}</p>
      {children}
    </div>
  );
}

function ActionButtons({ day, busy, onAct, message }: { day: PersonDay; busy: boolean; onAct(kind: PunchKind): void; message: string | null }) {
  const { t } = useTranslation();
  const now = useNow();
  const last = lastPunch(day, now)?.kind;
  const enabled = (kind: PunchKind) =>
    kind === 'left-post' ? last === 'in' || last === 'returned' : kind === 'returned' ? last === 'left' : true;
  return (
    <div className="kiosk-actions">
      {ACTIONS.map(({ kind, className }) => (
        <button key={kind} type="button" className={className} disabled={busy || !enabled(kind)} onClick={() => onAct(kind)}>
          {t(`kiosk.event.${kind}`)}
        </button>
      ))}
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
