import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useLiveDocs } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { clockTimeOfInstant, dayOfInstant } from '../../domain/calendar/time-zone';
import { needsEvidence, rosteredDuringLeave } from '../../domain/rules/leave';
import { approverLevels, canDecide, decideLeave, effectiveTypeOf, leaveCost, pendingLevel } from '../../domain/rules/leave-request';
import type { LeaveRequest } from '../../domain/schemas/leave';
import type { Site } from '../../domain/schemas/site';
import type { Staff } from '../../domain/schemas/staff';
import { upsertDoc } from '../../db/write';
import { nowMs } from '../../sync/clock';
import { useMediaUrl } from '../../sync/media';
import { useSession } from '../../sync/session';
import { useSitePolicy } from '../roster/data';
import { useRosterLabels } from '../roster/labels';
import { CostLine } from './CostLine';

function EvidencePhoto({ hash, label }: { hash: string; label: string }) {
  const url = useMediaUrl(hash);
  return url ? (
    <a href={url} target="_blank" rel="noreferrer" className="leave-photo">
      <img src={url} alt={label} />
    </a>
  ) : (
    <span className="leave-photo leave-photo-missing">{label}</span>
  );
}

type Ask = { kind: 'reject' } | { kind: 'evidence-rejected' } | { kind: 'cancel' };

const statusClass: Record<LeaveRequest['status'], string> = { pending: 'badge warn', approved: 'badge ok', rejected: 'badge bad', cancelled: 'badge' };

/**
 * One leave request with what the rules say about it: the approval chain and
 * where it stands, the type it counts as after the evidence check (事假 when
 * the evidence failed), the pay deduction, and the shifts it falls on. The
 * buttons offered depend on who looks: the approver whose step is pending,
 * the manager who checks evidence, the requester who may cancel.
 */
export function LeaveCard({ leave, person, site, today, own }: { leave: LeaveRequest; person?: Staff; site?: Site; today: string; own: boolean }) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const role = useSession()?.user.role;
  const labels = useRosterLabels();
  const { policy } = useSitePolicy(site);
  const [ask, setAsk] = useState<Ask | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const { docs: shifts } = useLiveDocs('rosters', { selector: { staffId: leave.staffId, kind: 'slot', day: { $gte: leave.startDay, $lte: leave.endDay } } });

  const effective = effectiveTypeOf(leave, person, today, policy);
  const counted = leave.effectiveType ?? effective.type;
  const cost = leaveCost(counted, leave.days ?? 0, person?.monthlyWage, policy);
  const decider = role !== undefined && canDecide(role, leave);
  const checksEvidence = role !== undefined && approverLevels(role).includes('manager') && needsEvidence(leave.type) && leave.evidenceVerdict === 'pending' && leave.status !== 'cancelled';
  const clashes = leave.status === 'cancelled' || leave.status === 'rejected' ? [] : rosteredDuringLeave({ from: leave.startDay, to: leave.endDay }, shifts);
  const at = (iso?: string) => (iso ? `${labels.shortDay(dayOfInstant(iso, site?.timeZone))} ${clockTimeOfInstant(iso, site?.timeZone)}` : '');

  const save = async (change: Partial<LeaveRequest>) => {
    setError('');
    const { updatedAt: _u, updatedBy: _b, deviceId: _d, ...fields } = leave;
    try {
      await upsertDoc(db, 'leave', { ...fields, ...change }, author);
    } catch (e) {
      setError(t('leave.errors.saveFailed', { detail: (e as Error).message }));
    }
  };

  const decide = (decision: 'approved' | 'rejected', note?: string) => {
    const level = pendingLevel(leave);
    if (!level) return;
    const next = decideLeave(leave, { level, decision, approverId: author.userId, at: new Date(nowMs()).toISOString(), ...(note ? { comment: note } : {}) });
    void save(next);
  };

  const judgeEvidence = (verdict: 'accepted' | 'rejected') => {
    const judged = { ...leave, evidenceVerdict: verdict };
    const type = effectiveTypeOf(judged, person, today, policy).type;
    void save({ evidenceVerdict: verdict, evidenceCheckedBy: author.userId, effectiveType: type });
  };

  return (
    <li className="leave-card" data-testid="leave-card" data-leave-id={leave.id} data-status={leave.status}>
      <div className="leave-card-head">
        <strong>{person?.name ?? leave.staffId}</strong>
        {person && <span className="leave-muted">{person.staffNo}</span>}
        <span>{t(`leave.type.${leave.type}`)}</span>
        {counted !== leave.type && (
          <span className="badge bad" data-testid="leave-converted">
            {t('leave.countsAs', { type: t(`leave.type.${counted}`) })}
            {effective.reasons.length > 0 && !leave.effectiveType ? ` · ${effective.reasons.map((r) => t(`leave.reason.${r}`)).join('、')}` : ''}
          </span>
        )}
        <span className={statusClass[leave.status]} data-testid="leave-status">
          {t(`leave.status.${leave.status}`)}
        </span>
      </div>
      <div>
        {labels.day(leave.startDay)}
        {leave.startsAtNoon ? ` ${t('leave.afternoon')}` : ''} – {labels.day(leave.endDay)}
        {leave.endsAtNoon ? ` ${t('leave.morning')}` : ''} · {t('leave.form.days', { days: leave.days ?? 0 })}
      </div>
      {leave.reason && (
        <div>
          {t('leave.form.reason')}: {leave.reason}
        </div>
      )}
      <ol className="leave-steps" aria-label={t('leave.chainLabel')}>
        {leave.steps.map((s, n) => (
          <li key={n} data-level={s.level} data-decision={s.decision}>
            {t(`leave.level.${s.level}`)}:{' '}
            <span className={s.decision === 'approved' ? 'badge ok' : s.decision === 'rejected' ? 'badge bad' : 'badge warn'}>{t(`leave.decision.${s.decision}`)}</span>
            {s.decidedAt ? ` ${at(s.decidedAt)}` : ''}
            {s.comment ? ` · ${s.comment}` : ''}
          </li>
        ))}
      </ol>
      <div className="leave-evidence">
        {t('leave.evidence')}: <span className={leave.evidenceVerdict === 'accepted' ? 'badge ok' : leave.evidenceVerdict === 'rejected' ? 'badge bad' : leave.evidenceVerdict === 'pending' ? 'badge warn' : 'badge'}>{t(`leave.verdict.${leave.evidenceVerdict}`)}</span>
        {leave.evidence.map((hash, n) => (
          <EvidencePhoto key={hash} hash={hash} label={t('leave.photo', { n: n + 1 })} />
        ))}
      </div>
      <div>
        <CostLine cost={cost} divisor={policy.leave.dailyWageDivisor} />
      </div>
      {clashes.length > 0 && (
        <div className="leave-warn">
          {t('leave.form.clashes', { count: clashes.length })} <Link to={`/roster/grid?site=${leave.siteId}&date=${leave.startDay}`}>{t('leave.form.openRoster')}</Link>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="toolbar">
        {decider && (
          <>
            <button type="button" onClick={() => decide('approved')} data-testid="leave-approve">
              {t('leave.approve', { level: t(`leave.level.${pendingLevel(leave)}`) })}
            </button>
            <button type="button" className="secondary" onClick={() => setAsk({ kind: 'reject' })} data-testid="leave-reject">
              {t('leave.reject')}
            </button>
          </>
        )}
        {checksEvidence && (
          <>
            <button type="button" className="secondary" onClick={() => judgeEvidence('accepted')}>
              {t('leave.evidenceAccept')}
            </button>
            <button type="button" className="secondary" onClick={() => setAsk({ kind: 'evidence-rejected' })}>
              {t('leave.evidenceReject')}
            </button>
          </>
        )}
        {own && leave.status === 'pending' && (
          <button type="button" className="secondary" onClick={() => setAsk({ kind: 'cancel' })}>
            {t('leave.cancel')}
          </button>
        )}
      </div>
      {ask && (
        <ConfirmDialog
          open
          danger
          title={t(`leave.ask.${ask.kind}.title`)}
          confirmLabel={t(`leave.ask.${ask.kind}.confirm`)}
          onCancel={() => setAsk(null)}
          onConfirm={() => {
            setAsk(null);
            if (ask.kind === 'reject') decide('rejected', comment.trim() || undefined);
            else if (ask.kind === 'evidence-rejected') judgeEvidence('rejected');
            else void save({ status: 'cancelled' });
          }}
        >
          <p>{t(`leave.ask.${ask.kind}.text`)}</p>
          {ask.kind === 'reject' && (
            <label className="field">
              <span>{t('leave.comment')}</span>
              <textarea value={comment} maxLength={2000} rows={3} onChange={(e) => setComment(e.target.value)} />
            </label>
          )}
        </ConfirmDialog>
      )}
    </li>
  );
}
