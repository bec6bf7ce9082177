import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { newId } from '../../domain/ids';
import type { Policy } from '../../domain/policy';
import { actionDefaults } from '../../domain/rules/inspection-run';
import type { TemplateItem } from '../../domain/schemas/inspection-template';
import { insertDoc, InvalidDocumentError } from '../../db/write';
import { useSession } from '../../sync/session';
import { useCourses, useStaff, type InspectionDoc } from './data';

const OTHER = '__other__';

/**
 * Raises a corrective action (整改) from a failed item: owner, due day,
 * required evidence, and optionally a course for the person inspected.
 * The owner is the account that must act: this user, a staff member of the
 * site, or another account by its id (e.g. the site's team leader).
 */
export function ActionForm({
  inspection,
  item,
  instance,
  policy,
  onDone,
}: {
  inspection: InspectionDoc;
  item: TemplateItem;
  instance: number;
  policy: Policy;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const session = useSession();
  const id = useId();
  const defaults = useMemo(() => actionDefaults(inspection, item, policy), [inspection, item, policy]);
  const staff = useStaff(inspection.siteId);
  const courses = useCourses().filter((c) => c.active);
  const [title, setTitle] = useState(defaults.title);
  const [owner, setOwner] = useState(session?.user.id ?? '');
  const [otherOwner, setOtherOwner] = useState('');
  const [dueDay, setDueDay] = useState(defaults.dueDay);
  const [evidence, setEvidence] = useState(defaults.requiredEvidence);
  const [courseId, setCourseId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const ownerId = owner === OTHER ? otherOwner.trim() : owner;
    if (!ownerId) return setError(t('inspections.action.ownerRequired'));
    setBusy(true);
    setError(null);
    try {
      await insertDoc(
        db,
        'inspections',
        {
          id: newId(),
          siteId: inspection.siteId,
          kind: 'action',
          inspectionId: inspection.id,
          itemId: item.id,
          instance,
          day: defaults.day,
          dueDay,
          title: title.trim(),
          ...(inspection.staffId ? { staffId: inspection.staffId } : {}),
          ownerId,
          requiredEvidence: evidence,
          status: 'open',
          round: 0,
          evidence: [],
          ...(courseId ? { assignedCourseId: courseId } : {}),
        },
        author,
      );
      onDone();
    } catch (err) {
      setError(err instanceof InvalidDocumentError ? t('inspections.action.invalid', { reason: err.reason }) : (err as Error).message);
      setBusy(false);
    }
  };

  return (
    <form
      className="action-form panel"
      aria-label={t('inspections.action.raiseFor', { item: item.label })}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('inspections.action.title')}</label>
        <input id={`${id}-title`} value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-owner`}>{t('inspections.action.owner')}</label>
        <select id={`${id}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)}>
          {session && <option value={session.user.id}>{t('inspections.action.me', { name: session.user.displayName })}</option>}
          <optgroup label={t('inspections.action.siteStaff')}>
            {staff
              .filter((s) => s.status !== 'left')
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.staffNo})
                </option>
              ))}
          </optgroup>
          <option value={OTHER}>{t('inspections.action.otherAccount')}</option>
        </select>
      </div>
      {owner === OTHER && (
        <div className="field">
          <label htmlFor={`${id}-other`}>{t('inspections.action.accountId')}</label>
          <input id={`${id}-other`} value={otherOwner} onChange={(e) => setOtherOwner(e.target.value)} autoComplete="off" placeholder="user-teamleader" />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-due`}>{t('inspections.action.dueDay')}</label>
        <input id={`${id}-due`} type="date" value={dueDay} min={defaults.day} required onChange={(e) => setDueDay(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-evidence`}>{t('inspections.action.requiredEvidence')}</label>
        <input id={`${id}-evidence`} value={evidence} maxLength={2000} onChange={(e) => setEvidence(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-course`}>{t('inspections.action.course')}</label>
        <select id={`${id}-course`} value={courseId} onChange={(e) => setCourseId(e.target.value)} disabled={!inspection.staffId}>
          <option value="">{inspection.staffId ? t('inspections.action.noCourse') : t('inspections.action.noPerson')}</option>
          {courses.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="toolbar">
        <button type="button" className="secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" disabled={busy}>
          {t('inspections.action.raise')}
        </button>
      </div>
    </form>
  );
}
