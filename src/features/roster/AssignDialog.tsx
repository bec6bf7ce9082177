import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { coverOf, draftSlot, isBlocking } from '../../domain/rules/roster-plan';
import type { RosterIssue } from '../../domain/rules/roster';
import type { Post, Site } from '../../domain/schemas/site';
import type { Staff } from '../../domain/schemas/staff';
import type { useRosterLabels } from './labels';
import { Modal } from './Modal';
import { removeSlot, writeSlot } from './slotWrites';
import { slotFields, type RosterPeriod, type SlotDoc } from './useRosterPeriod';

interface Candidate {
  person: Staff;
  issues: RosterIssue[];
  blocked: boolean;
  pendingLeave: boolean;
  cover: 'A' | 'B' | 'other';
}

function matches(s: Staff, query: string): boolean {
  const q = query.trim().toLowerCase();
  return !q || s.name.includes(q) || s.pinyinInitials.toLowerCase().startsWith(q) || s.staffNo.toLowerCase().includes(q);
}

const coverRank = { A: 0, B: 1, other: 2 } as const;

/**
 * Assigning a person and shift to a post on a day. Each person shows what
 * the rules would say about the assignment; a blocking issue (an expired or
 * missing certificate or course) disables them, and the save re-checks it.
 */
export function AssignDialog({
  site,
  post,
  day,
  slots,
  period,
  labels,
  onClose,
  onDone,
}: {
  site: Site;
  post: Post;
  day: string;
  slots: SlotDoc[];
  period: RosterPeriod;
  labels: ReturnType<typeof useRosterLabels>;
  onClose(): void;
  onDone(message: string, error?: boolean): void;
}) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const here = slots.filter((s) => s.postId === post.id && s.day === day);
  const [shiftId, setShiftId] = useState(here[0]?.shiftId ?? site.shiftTemplates[0]?.id ?? '');
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<SlotDoc | null>(null);
  const shiftName = (id: string) => site.shiftTemplates.find((s) => s.id === id)?.name ?? id;
  const name = (id: string) => period.staffById.get(id)?.name ?? id;
  const others = useMemo(() => slots.map(slotFields), [slots]);

  const candidates = useMemo<Candidate[]>(() => {
    const list = period.staff
      .filter((p) => p.status !== 'left')
      .map((person) => {
        const issues = period.analyser.candidate(draftSlot(site.id, post, day, shiftId, person.id), others);
        const pendingLeave = period.leave.some((l) => l.staffId === person.id && l.status === 'pending' && l.startDay <= day && day <= l.endDay);
        return { person, issues, blocked: issues.some(isBlocking), pendingLeave, cover: coverOf(post, person.id) };
      });
    return list.sort(
      (a, b) => Number(a.blocked) - Number(b.blocked) || coverRank[a.cover] - coverRank[b.cover] || a.issues.length - b.issues.length || a.person.staffNo.localeCompare(b.person.staffNo),
    );
  }, [period, site.id, post, day, shiftId, others]);
  const shown = candidates.filter((c) => matches(c.person, query));

  const assign = async (c: Candidate) => {
    const slot = draftSlot(site.id, post, day, shiftId, c.person.id);
    // Checked again at the moment of saving: the data may have changed since the list was drawn.
    const blocking = period.analyser.candidate(slot, others).filter(isBlocking);
    if (blocking.length) {
      setError(t('roster.assign.blockedReason', { name: c.person.name, reason: blocking.map(labels.issue).join('；') }));
      return;
    }
    try {
      await writeSlot(db, slot, author);
      onDone(t('roster.assign.assigned', { name: c.person.name, post: post.name, day: labels.day(day), shift: shiftName(shiftId) }));
      onClose();
    } catch (e) {
      setError(t('roster.saveFailed', { message: (e as Error).message }));
    }
  };

  const remove = async (slot: SlotDoc) => {
    setRemoving(null);
    try {
      await removeSlot(db, slot.id);
      onDone(t('roster.assign.removed', { name: name(slot.staffId), post: post.name, day: labels.day(day) }));
    } catch (e) {
      setError(t('roster.saveFailed', { message: (e as Error).message }));
    }
  };

  return (
    <Modal open title={t('roster.assign.title', { post: post.name, day: labels.day(day) })} onClose={onClose} className="roster-assign">
      {here.length > 0 && (
        <section aria-label={t('roster.assign.current')}>
          <h3>{t('roster.assign.current')}</h3>
          <ul className="roster-current">
            {here.map((s) => (
              <li key={s.id}>
                <span>
                  {name(s.staffId)} · {shiftName(s.shiftId)} · {t(`roster.status.${s.status}`)}
                </span>
                <button type="button" className="danger" onClick={() => setRemoving(s)}>
                  {t('roster.assign.remove')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="roster-assign-fields">
        <label className="field">
          <span>{t('roster.assign.shift')}</span>
          <select value={shiftId} onChange={(e) => setShiftId(e.target.value)}>
            {site.shiftTemplates.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} {s.start}–{s.end}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('roster.assign.search')}</span>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid="assign-error">
          {error}
        </p>
      )}
      <ul className="roster-candidates" aria-label={t('roster.assign.pick')}>
        {shown.map((c) => (
          <li key={c.person.id} data-testid="assign-candidate" data-staff-id={c.person.id} data-blocked={c.blocked}>
            <button type="button" className={c.issues.length ? 'secondary' : undefined} disabled={c.blocked} onClick={() => void assign(c)}>
              <span className="roster-candidate-name">{c.person.name}</span>
              <span className="roster-candidate-no">{c.person.staffNo}</span>
              {c.cover !== 'other' && <span className="badge ok">{t(`roster.cover.${c.cover}`)}</span>}
            </button>
            <span className="roster-candidate-notes">
              {c.blocked && <span className="badge bad">{t('roster.blocked')}</span>}
              {c.issues.map((i, n) => (
                <span key={n} className={isBlocking(i) ? 'badge bad' : 'badge warn'}>
                  {labels.issue(i)}
                </span>
              ))}
              {c.pendingLeave && <span className="badge warn">{t('roster.assign.pendingLeave')}</span>}
            </span>
          </li>
        ))}
      </ul>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {removing && (
        // Mounted only while asking: ConfirmDialog's title id is fixed, and two on a page would clash.
        <ConfirmDialog
          open
          title={t('roster.assign.removeTitle')}
          confirmLabel={t('roster.assign.remove')}
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={() => void remove(removing)}
        >
          <p>{t('roster.assign.removeText', { name: name(removing.staffId), post: post.name, day: labels.day(day), shift: shiftName(removing.shiftId) })}</p>
        </ConfirmDialog>
      )}
    </Modal>
  );
}
