import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import * as Y from 'yjs';
import { useDebouncedSave } from '../../app/useDebouncedSave';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { allowedTransitions, isOverdue, transitionAction } from '../../domain/rules/corrective-action';
import type { CorrectiveActionStatus } from '../../domain/schemas/inspection';
import { nowMs } from '../../sync/clock';
import { useSession, type Session } from '../../sync/session';
import { actorFor, mutateDoc, ownsAction, useActions, useCourses, useSites, useStaff, useToday, type ActionDoc } from './data';
import { NoteField } from './ItemCard';
import { MediaStatus, PhotoCapture, PhotoStrip } from './MediaParts';
import { absorb, GENERAL_NOTE, stateOf } from './notes';

type Filter = 'mine' | 'open' | 'verify' | 'overdue' | 'all';
const FILTERS: Filter[] = ['mine', 'open', 'verify', 'overdue', 'all'];

function keep(filter: Filter, a: ActionDoc, session: Session | null, today: string): boolean {
  switch (filter) {
    case 'mine':
      return ownsAction(session, a) && a.status !== 'closed';
    case 'open':
      return a.status !== 'closed';
    case 'verify':
      return a.status === 'evidence-submitted';
    case 'overdue':
      return isOverdue(a, today);
    case 'all':
      return true;
  }
}

/** Corrective actions (整改): the owner's list, what waits for verification, what is overdue. */
export function ActionsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const today = useToday();
  const [params, setParams] = useSearchParams();
  const filter = (FILTERS as string[]).includes(params.get('filter') ?? '') ? (params.get('filter') as Filter) : 'open';
  const actions = useActions();
  const sites = useSites();
  const siteName = useMemo(() => new Map(sites.map((s) => [s.id, s.name])), [sites]);
  const shown = actions.filter((a) => keep(filter, a, session, today)).sort((a, b) => a.dueDay.localeCompare(b.dueDay) || a.id.localeCompare(b.id));

  return (
    <section className="insp-actions">
      <h1>{t('inspections.actions.title')}</h1>
      <div className="toolbar" role="group" aria-label={t('inspections.actions.filter')}>
        {FILTERS.map((f) => (
          <button key={f} type="button" className={f === filter ? undefined : 'secondary'} aria-pressed={f === filter} onClick={() => setParams({ filter: f })}>
            {t(`inspections.actions.filters.${f}`)}
          </button>
        ))}
      </div>
      {shown.length === 0 ? (
        <p role="status">{t('inspections.actions.none')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('inspections.action.title')}</th>
              <th scope="col">{t('inspections.fields.site')}</th>
              <th scope="col">{t('inspections.action.dueDay')}</th>
              <th scope="col">{t('inspections.fields.status')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr key={a.id} data-testid="action-row" data-status={a.status}>
                <td>
                  <Link to={`/inspections/actions/${a.id}`}>{a.title}</Link>
                </td>
                <td>{siteName.get(a.siteId) ?? a.siteId}</td>
                <td>
                  {a.dueDay} {isOverdue(a, today) && <span className="badge bad">{t('inspections.action.overdue')}</span>}
                </td>
                <td>
                  <StatusBadge status={a.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function StatusBadge({ status }: { status: CorrectiveActionStatus }) {
  const { t } = useTranslation();
  const tone = status === 'closed' ? 'ok' : status === 'evidence-submitted' ? 'warn' : status === 'reopened' ? 'bad' : '';
  return (
    <span className={`badge ${tone}`} data-testid="action-status" data-status={status}>
      {t(`inspections.actionStatus.${status}`)}
    </span>
  );
}

/** One corrective action: the owner starts work and submits evidence photos (offline); a verifier closes or reopens it. */
export function ActionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const db = useAppDatabase();
  const author = useAuthor();
  const today = useToday();
  const action = useActions().find((a) => a.id === id);
  const staff = useStaff(action?.siteId);
  const courses = useCourses();
  const [comments] = useState(() => new Y.Doc());
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<CorrectiveActionStatus | null>(null);
  useEffect(() => absorb(comments, action?.comments), [comments, action?.comments]);
  const { schedule: saveComments } = useDebouncedSave(
    () =>
      mutateDoc(db, 'inspections', id, (cur) => {
        if (cur.kind !== 'action') return cur;
        // Comments other devices wrote meanwhile join before the merged text is stored.
        absorb(comments, cur.comments);
        return { ...cur, comments: stateOf(comments) };
      }, author).catch((err: Error) => setError(err.message)),
    600,
    { key: `hallops.unsaved-comments.${id}.${author.userId}`, take: () => stateOf(comments), restore: (saved) => absorb(comments, saved) },
  );

  if (!action) return <p role="alert">{t('inspections.actions.notFound')}</p>;
  const actor = actorFor(session, action, author.userId);
  const isOwner = ownsAction(session, action);
  const canEdit = isOwner || actor.role === 'manager' || actor.role === 'admin';
  const moves = allowedTransitions(action, actor);
  const nameOf = (personId: string) => (personId === session?.user.id ? session.user.displayName : (staff.find((s) => s.id === personId)?.name ?? personId));

  const mutate = (change: (cur: ActionDoc) => ActionDoc) =>
    mutateDoc(db, 'inspections', id, (cur) => (cur.kind === 'action' ? change(cur) : cur), author).catch((err: Error) => {
      setError(err.message);
      return null;
    });

  const move = async (to: CorrectiveActionStatus) => {
    setConfirm(null);
    setError(null);
    if (to === 'evidence-submitted' && action.evidence.length === 0) return setError(t('inspections.actions.evidenceFirst'));
    await mutate((cur) => {
      const result = transitionAction(cur, to, actor);
      if (!result.ok) throw new Error(t(`inspections.actions.refused.${result.reason}`));
      const next: ActionDoc = { ...cur, ...result.state };
      if (to === 'closed') Object.assign(next, { closedAt: new Date(nowMs()).toISOString(), closedBy: actor.id });
      else {
        delete next.closedAt;
        delete next.closedBy;
      }
      return next;
    });
  };


  const evidenceOpen = canEdit && (action.status === 'open' || action.status === 'in-progress' || action.status === 'reopened');
  const course = courses.find((c) => c.id === action.assignedCourseId);

  return (
    <article className="insp-action" data-testid="action-detail" data-status={action.status}>
      <h1>{action.title}</h1>
      <MediaStatus />
      <dl className="facts">
        <dt>{t('inspections.fields.status')}</dt>
        <dd>
          <StatusBadge status={action.status} /> {action.round > 0 && t('inspections.actions.round', { round: action.round + 1 })}
        </dd>
        <dt>{t('inspections.action.owner')}</dt>
        <dd>{nameOf(action.ownerId)}</dd>
        <dt>{t('inspections.action.dueDay')}</dt>
        <dd>
          {action.dueDay} {isOverdue(action, today) && <span className="badge bad">{t('inspections.action.overdue')}</span>}
        </dd>
        <dt>{t('inspections.action.requiredEvidence')}</dt>
        <dd>{action.requiredEvidence || t('common.none')}</dd>
        {action.staffId && (
          <>
            <dt>{t('inspections.fields.person')}</dt>
            <dd>{nameOf(action.staffId)}</dd>
          </>
        )}
        {course && (
          <>
            <dt>{t('inspections.action.course')}</dt>
            <dd>{course.name}</dd>
          </>
        )}
        {action.closedAt && (
          <>
            <dt>{t('inspections.actions.closed')}</dt>
            <dd>
              {new Date(action.closedAt).toLocaleString()} · {nameOf(action.closedBy ?? '')}
            </dd>
          </>
        )}
        <dt>{t('inspections.actions.inspection')}</dt>
        <dd>
          <Link to={`/inspections/report/${action.inspectionId}`}>{t('inspections.actions.openInspection')}</Link>
        </dd>
      </dl>
      <section aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">{t('inspections.actions.evidence')}</h2>
        <PhotoStrip
          hashes={action.evidence}
          label={t('inspections.actions.evidence')}
          onRemove={evidenceOpen ? (hash) => void mutate((cur) => ({ ...cur, evidence: cur.evidence.filter((h) => h !== hash) })) : undefined}
        />
        {action.evidence.length === 0 && <p>{t('inspections.actions.noEvidence')}</p>}
        {evidenceOpen && (
          <PhotoCapture
            label={t('inspections.actions.addEvidence')}
            onSaved={async (hash) => {
              await mutate((cur) => ({ ...cur, evidence: [...new Set([...cur.evidence, hash])].slice(0, 50) }));
            }}
          />
        )}
      </section>
      <section aria-labelledby="comments-heading">
        <h2 id="comments-heading">{t('inspections.actions.comments')}</h2>
        <NoteField doc={comments} field={GENERAL_NOTE} label={t('inspections.actions.comment')} onEdited={saveComments} />
      </section>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="toolbar">
        {moves.map((to) => (
          <button
            key={to}
            type="button"
            className={to === 'reopened' ? 'danger' : undefined}
            data-testid={`move-${to}`}
            onClick={() => (to === 'closed' || to === 'reopened' ? setConfirm(to) : void move(to))}
          >
            {t(`inspections.actions.moves.${to}`)}
          </button>
        ))}
        <Link to="/inspections/actions">{t('inspections.report.back')}</Link>
      </div>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm ? t(`inspections.actions.moves.${confirm}`) : ''}
        confirmLabel={confirm ? t(`inspections.actions.moves.${confirm}`) : ''}
        danger={confirm === 'reopened'}
        onConfirm={() => confirm && void move(confirm)}
        onCancel={() => setConfirm(null)}
      >
        <p>{confirm === 'closed' ? t('inspections.actions.confirmClose') : t('inspections.actions.confirmReopen')}</p>
      </ConfirmDialog>
    </article>
  );
}
