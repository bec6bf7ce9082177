import { useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { CSV_TYPE, saveFile, toCsv } from '../../app/export';
import { useAuthor } from '../../app/useAuthor';
import { useNow } from '../../app/useNow';
import { ProgressBar } from '../../app/ui/ProgressBar';
import { addDays } from '../../domain/calendar/days';
import { dayOfInstant } from '../../domain/calendar/time-zone';
import { draftSlot, isAcknowledged, isBlocking, monthDays, planCopy, weekDays, type SlotFields } from '../../domain/rules/roster-plan';
import type { RosterIssue } from '../../domain/rules/roster';
import type { Post } from '../../domain/schemas/site';
import { useSession } from '../../sync/session';
import { AssignDialog } from './AssignDialog';
import { canEditRoster, useCourseNames } from './data';
import { buildGrid, cellKey, leaveByDay, type GridCell } from './grid';
import { useRosterLabels } from './labels';
import { PublishDialog } from './PublishDialog';
import { SitePicker, useSiteParam } from './SitePicker';
import { removeSlot, writeSlots, writeSlot } from './slotWrites';
import { slotFields, useRosterPeriod, type SlotDoc } from './useRosterPeriod';

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const DRAG_TYPE = 'application/x-roster-slot';

/** Severity of an issue as a badge class: blocking red, other rule breaks amber, acknowledged grey. */
function badgeClass(issue: RosterIssue, acknowledged: boolean): string {
  if (isBlocking(issue)) return 'badge bad';
  return acknowledged ? 'badge' : 'badge warn';
}

/**
 * The roster grid of a site (posts × days, a week or a month): tap a cell to
 * assign a person and shift, drag a slot to move it, copy last week, and
 * publish with the rule warnings shown and acknowledged. Issues from the
 * domain rules show inline in each cell; leave shows in the bottom row.
 */
export function RosterGrid() {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const session = useSession();
  const editable = canEditRoster(session?.user.role);
  const { site, sites, setSite } = useSiteParam();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'month' ? 'month' : 'week';
  const today = dayOfInstant(useNow(), site?.timeZone);
  const dateParam = params.get('date');
  const anchor = dateParam && DAY_RE.test(dateParam) ? dateParam : today;
  const days = useMemo(() => (view === 'week' ? weekDays(anchor) : monthDays(anchor)), [view, anchor]);
  const period = useRosterPeriod(site, days, !editable);
  const courseNames = useCourseNames();
  const labels = useRosterLabels(courseNames);

  const [open, setOpen] = useState<{ post: Post; day: string } | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [progress, setProgress] = useState<{ label: string; done: number; total: number } | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);

  const posts = useMemo(() => site?.posts ?? [], [site]);
  const shiftOrder = useMemo(() => (site?.shiftTemplates ?? []).map((s) => s.id), [site]);
  const shiftName = (id: string) => site?.shiftTemplates.find((s) => s.id === id)?.name ?? id;
  const name = (staffId: string) => period.staffById.get(staffId)?.name ?? staffId;
  const inPeriod = useMemo(() => new Set(days), [days]);
  const periodSlots = useMemo(() => period.slots.filter((s) => inPeriod.has(s.day)), [period.slots, inPeriod]);
  const grid = useMemo(() => buildGrid(posts.map((p) => p.id), days, periodSlots, period.issues, shiftOrder), [posts, days, periodSlots, period.issues, shiftOrder]);
  const leaveMarks = useMemo(() => leaveByDay(days, period.leave), [days, period.leave]);
  const slotById = useMemo(() => new Map(period.slots.map((s) => [s.id, s])), [period.slots]);
  const slotsByDay = useMemo(() => {
    const m = new Map<string, SlotDoc[]>();
    for (const s of periodSlots) m.set(s.day, [...(m.get(s.day) ?? []), s]);
    return m;
  }, [periodSlots]);
  const acknowledged = (issue: RosterIssue) => isAcknowledged(issue, slotById, slotsByDay.get(issue.day));
  const drafts = periodSlots.filter((s) => s.status === 'draft').length;
  const openIssues = period.issues.filter((i) => !acknowledged(i));

  const move = (to: Partial<Record<string, string>>) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      for (const [k, v] of Object.entries(to)) if (v) next.set(k, v);
      return next;
    });
  const step = (dir: -1 | 1) => move({ date: view === 'week' ? addDays(days[0]!, 7 * dir) : addDays(dir < 0 ? days[0]! : days.at(-1)!, dir) });

  const copyLastWeek = async () => {
    if (!site) return;
    const previous = await db.rosters
      .find({ selector: { siteId: site.id, kind: 'slot', day: { $gte: addDays(days[0]!, -7), $lte: addDays(days[0]!, -1) } } })
      .exec();
    const fromLastWeek = previous.map((d) => slotFields(d.toJSON() as SlotDoc));
    const existing = new Set(periodSlots.map((s) => s.id));
    const postMap = new Map(posts.map((p) => [p.id, p]));
    const plan = planCopy(fromLastWeek, 7, postMap, existing, (copy) => period.analyser.candidate(copy, []).some(isBlocking));
    setProgress({ label: t('roster.copying'), done: 0, total: plan.slots.length });
    try {
      await writeSlots(db, plan.slots, author, (done) => setProgress({ label: t('roster.copying'), done, total: plan.slots.length }));
      setMessage({ text: t('roster.copied', { count: plan.slots.length, existing: plan.skippedExisting, blocked: plan.skippedBlocked.length }) });
    } catch (e) {
      setMessage({ text: t('roster.saveFailed', { message: (e as Error).message }), error: true });
    } finally {
      setProgress(null);
    }
  };

  const publish = async (slots: SlotFields[]) => {
    setPublishing(false);
    setProgress({ label: t('roster.publishing'), done: 0, total: slots.length });
    try {
      await writeSlots(db, slots, author, (done) => setProgress({ label: t('roster.publishing'), done, total: slots.length }));
      setMessage({ text: t('roster.published', { count: slots.length }) });
    } catch (e) {
      setMessage({ text: t('roster.saveFailed', { message: (e as Error).message }), error: true });
    } finally {
      setProgress(null);
    }
  };

  const onDrop = async (e: DragEvent, post: Post, day: string) => {
    e.preventDefault();
    const id = e.dataTransfer.getData(DRAG_TYPE);
    const source = slotById.get(id);
    if (!site || !source || (source.postId === post.id && source.day === day)) return;
    const moved = draftSlot(site.id, post, day, source.shiftId, source.staffId);
    if (slotById.has(moved.id)) {
      setMessage({ text: t('roster.dropOccupied'), error: true });
      return;
    }
    const others = period.slots.filter((s) => s.id !== source.id).map(slotFields);
    const blocking = period.analyser.candidate(moved, others).filter(isBlocking);
    if (blocking.length) {
      setMessage({ text: t('roster.assign.blockedReason', { name: name(source.staffId), reason: blocking.map(labels.issue).join('；') }), error: true });
      return;
    }
    try {
      await writeSlot(db, moved, author);
      await removeSlot(db, source.id);
      setMessage({ text: t('roster.moved', { name: name(source.staffId), day: labels.day(day), post: post.name }) });
    } catch (err) {
      setMessage({ text: t('roster.saveFailed', { message: (err as Error).message }), error: true });
    }
  };

  const exportCsv = () => {
    const rows = [...periodSlots].sort((a, b) => a.day.localeCompare(b.day) || a.postId.localeCompare(b.postId));
    const postName = (id: string) => posts.find((p) => p.id === id)?.name ?? id;
    const csv = toCsv(
      [
        { header: t('roster.csv.day'), value: (s: SlotDoc) => s.day },
        { header: t('roster.csv.post'), value: (s: SlotDoc) => postName(s.postId) },
        { header: t('roster.csv.shift'), value: (s: SlotDoc) => shiftName(s.shiftId) },
        { header: t('roster.csv.staffNo'), value: (s: SlotDoc) => period.staffById.get(s.staffId)?.staffNo ?? '' },
        { header: t('roster.csv.name'), value: (s: SlotDoc) => name(s.staffId) },
        { header: t('roster.csv.status'), value: (s: SlotDoc) => t(`roster.status.${s.status}`) },
      ],
      rows,
    );
    saveFile(`roster-${site?.id ?? ''}-${days[0]}-${days.at(-1)}.csv`, csv, CSV_TYPE);
  };

  if (!site) return <p role="status">{t('roster.noSite')}</p>;

  const cellContent = (cell: GridCell) => (
    <>
      {cell.slots.map((s) => {
        const issues = cell.issuesBySlot.get(s.id) ?? [];
        return (
          <span key={s.id} className="roster-chip" data-status={s.status} data-testid="roster-slot" data-staff-id={s.staffId}>
            <span className="roster-chip-name">{name(s.staffId)}</span>
            {shiftOrder.length > 1 && <span className="roster-chip-shift">{shiftName(s.shiftId)}</span>}
            {s.status === 'draft' && <span className="roster-chip-draft">{t('roster.status.draft')}</span>}
            {issues.map((i, n) => (
              <span key={n} className={badgeClass(i, acknowledged(i))} data-testid="roster-issue" data-code={i.code}>
                {labels.issue(i)}
                {!isBlocking(i) && acknowledged(i) ? ` · ${t('roster.acknowledged')}` : ''}
              </span>
            ))}
          </span>
        );
      })}
      {cell.alerts.map((i, n) => (
        <span key={`a${n}`} className={badgeClass(i, acknowledged(i))} data-testid="roster-issue" data-code={i.code}>
          {labels.issue(i)}
        </span>
      ))}
    </>
  );

  return (
    <section className="roster-grid-screen" aria-labelledby="roster-grid-title">
      <h2 id="roster-grid-title" className="roster-sr">
        {t('roster.tabs.grid')}
      </h2>
      <div className="toolbar roster-toolbar">
        <SitePicker site={site} sites={sites} onChange={setSite} />
        <div role="group" aria-label={t('roster.viewLabel')} className="roster-segmented">
          <button type="button" className={view === 'week' ? '' : 'secondary'} aria-pressed={view === 'week'} onClick={() => move({ view: 'week' })}>
            {t('roster.view.week')}
          </button>
          <button type="button" className={view === 'month' ? '' : 'secondary'} aria-pressed={view === 'month'} onClick={() => move({ view: 'month' })}>
            {t('roster.view.month')}
          </button>
        </div>
        <button type="button" className="secondary" onClick={() => step(-1)} aria-label={t(`roster.prev.${view}`)}>
          ‹
        </button>
        <strong className="roster-period" data-testid="roster-period">
          {view === 'week' ? t('roster.periodWeek', { from: labels.day(days[0]!), to: labels.day(days.at(-1)!) }) : labels.month(days[0]!)}
        </strong>
        <button type="button" className="secondary" onClick={() => step(1)} aria-label={t(`roster.next.${view}`)}>
          ›
        </button>
        <button type="button" className="secondary" onClick={() => move({ date: today })}>
          {t('roster.today')}
        </button>
      </div>
      <div className="toolbar">
        <span className="roster-counts" data-testid="roster-counts">
          {t('roster.counts', { draft: drafts, published: periodSlots.length - drafts, issues: openIssues.length })}
        </span>
        {editable && view === 'week' && (
          <button type="button" className="secondary" onClick={() => void copyLastWeek()} disabled={progress !== null}>
            {t('roster.copyLastWeek')}
          </button>
        )}
        {editable && (
          <button type="button" onClick={() => setPublishing(true)} disabled={progress !== null} data-testid="roster-publish">
            {t('roster.publish')}
          </button>
        )}
        <button type="button" className="secondary" onClick={exportCsv}>
          {t('common.exportCsv')}
        </button>
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('common.print')}
        </button>
      </div>
      {progress && <ProgressBar label={progress.label} value={progress.done} max={progress.total} />}
      <p className={message?.error ? 'field-error' : 'roster-message'} role={message?.error ? 'alert' : 'status'} data-testid="roster-message">
        {message?.text}
      </p>
      {editable && <p className="roster-hint">{t('roster.hint')}</p>}

      <div className="roster-scroll">
        <table className={`data roster-table roster-${view}`} data-testid="roster-grid">
          <caption className="roster-sr">{t('roster.caption', { site: site.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('roster.post')}</th>
              {days.map((d) => {
                const working = period.isWorkingDay(d);
                return (
                  <th key={d} scope="col" data-day={d} className={working ? undefined : 'roster-off'} aria-current={d === today ? 'date' : undefined}>
                    <span className="roster-day-date">{view === 'week' ? labels.day(d) : labels.shortDay(d)}</span>
                    {view === 'month' && <span className="roster-day-week">{labels.weekday(d)}</span>}
                    {!working && <span className="roster-day-off">{t('roster.dayOff')}</span>}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {posts.map((post) => (
              <tr key={post.id} data-post-id={post.id}>
                <th scope="row">{post.name}</th>
                {days.map((day) => {
                  const cell = grid.get(cellKey(post.id, day))!;
                  const content = cellContent(cell);
                  const draggable = editable && cell.slots.length === 1;
                  return (
                    <td
                      key={day}
                      data-day={day}
                      data-testid="roster-cell"
                      className={period.isWorkingDay(day) ? undefined : 'roster-off'}
                      onDragOver={editable ? (e) => e.preventDefault() : undefined}
                      onDrop={editable ? (e) => void onDrop(e, post, day) : undefined}
                    >
                      {editable ? (
                        <button
                          type="button"
                          className="roster-cell-button"
                          draggable={draggable}
                          onDragStart={draggable ? (e) => e.dataTransfer.setData(DRAG_TYPE, cell.slots[0]!.id) : undefined}
                          onClick={() => setOpen({ post, day })}
                        >
                          <span className="roster-sr">{`${post.name} ${labels.day(day)} `}</span>
                          {cell.slots.length === 0 && <span className="roster-empty">{t('roster.emptyCell')}</span>}
                          {content}
                        </button>
                      ) : (
                        <div className="roster-cell-view">{content}</div>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="roster-leave-row">
              <th scope="row">{t('roster.leaveRow')}</th>
              {days.map((day) => (
                <td key={day} data-day={day} data-testid="roster-leave-cell">
                  {(leaveMarks.get(day) ?? []).map((m) => (
                    <span key={m.leaveId} className={m.approved ? 'badge bad roster-leave' : 'badge warn roster-leave'} data-staff-id={m.staffId} data-approved={m.approved}>
                      {name(m.staffId)} {t(`leave.type.${m.type}`)}
                      {m.approved ? '' : ` · ${t('roster.leavePending')}`}
                    </span>
                  ))}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>

      <section aria-labelledby="roster-issues-title" className="roster-issues">
        <h3 id="roster-issues-title">{t('roster.issuesHeading')}</h3>
        {period.issues.length === 0 ? (
          <p>{t('roster.noIssues')}</p>
        ) : (
          <ul data-testid="roster-issue-list">
            {period.issues.map((i, n) => (
              <li key={n}>
                <span className={badgeClass(i, acknowledged(i))}>{isBlocking(i) ? t('roster.blocked') : acknowledged(i) ? t('roster.acknowledged') : t('roster.warning')}</span>{' '}
                {labels.day(i.day)} · {posts.find((p) => p.id === i.postId)?.name ?? (i.slotId ? posts.find((p) => p.id === slotById.get(i.slotId!)?.postId)?.name : '')}
                {i.staffId ? ` · ${name(i.staffId)}` : ''} · {labels.issue(i)}
              </li>
            ))}
          </ul>
        )}
      </section>

      {open && (
        <AssignDialog
          site={site}
          post={open.post}
          day={open.day}
          slots={period.slots}
          period={period}
          labels={labels}
          onClose={() => setOpen(null)}
          onDone={(text, error) => setMessage({ text, ...(error ? { error } : {}) })}
        />
      )}
      {publishing && (
        <PublishDialog
          slots={periodSlots.map(slotFields)}
          issues={period.issues}
          describe={(i) => `${labels.day(i.day)} · ${posts.find((p) => p.id === (i.postId ?? slotById.get(i.slotId ?? '')?.postId))?.name ?? ''}${i.staffId ? ` · ${name(i.staffId)}` : ''} · ${labels.issue(i)}`}
          onCancel={() => setPublishing(false)}
          onPublish={(slots) => void publish(slots)}
        />
      )}
    </section>
  );
}
