import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { newId } from '../../domain/ids';
import type { Course } from '../../domain/schemas/course';
import type { Site } from '../../domain/schemas/site';
import type { Staff } from '../../domain/schemas/staff';
import { trainingSessionSchema, type TrainingSession } from '../../domain/schemas/training';
import { upsertDoc } from '../../db/write';
import { matchesPerson, useCourses, usePermissions, useSessions, useSites, useStaff, useToday } from './data';
import { encodeId, FieldError, fieldErrors, invalidProps } from './ui';

interface Draft {
  courseId: string;
  title: string;
  siteId: string;
  day: string;
  start: string;
  end: string;
  place: string;
  trainees: string[];
}

/** Creates or edits a session: course, time, place, trainer and the trainees enrolled. */
export function SessionFormPage() {
  const { sessionId } = useParams();
  const { t } = useTranslation();
  const { sessions, loading } = useSessions();
  const { courses } = useCourses();
  const sites = useSites();
  const { staff } = useStaff();
  const today = useToday();
  const existing = sessionId ? sessions.find((s) => s.id === sessionId) : undefined;
  if ((sessionId && !existing) || courses.length === 0 || sites.length === 0) {
    return <p role="status">{loading || !sessionId ? t('common.loading') : t('training.session.notFound')}</p>;
  }
  return <SessionForm key={existing?.id ?? 'new'} existing={existing} courses={courses} sites={sites} staff={staff} today={today} />;
}

function SessionForm({ existing, courses, sites, staff, today }: { existing?: TrainingSession; courses: Course[]; sites: Site[]; staff: Staff[]; today: string }) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const navigate = useNavigate();
  const { userId } = usePermissions();
  const [draft, setDraft] = useState<Draft>(() => ({
    courseId: existing?.courseId ?? courses.find((c) => c.active)?.id ?? courses[0]!.id,
    title: existing?.title ?? '',
    siteId: existing?.siteId ?? sites[0]!.id,
    day: existing?.day ?? today,
    start: existing?.start ?? '09:00',
    end: existing?.end ?? '11:30',
    place: existing?.place ?? '',
    trainees: existing?.attendees.map((a) => a.staffId) ?? [],
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [search, setSearch] = useState('');
  const [allSites, setAllSites] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const chosen = useMemo(() => new Set(draft.trainees), [draft.trainees]);
  const candidates = useMemo(
    () => staff.filter((s) => s.status !== 'left' && (allSites || s.siteId === draft.siteId) && matchesPerson(s, search)),
    [staff, allSites, draft.siteId, search],
  );
  const toggle = (id: string, on: boolean) => set('trainees', on ? [...draft.trainees.filter((x) => x !== id), id] : draft.trainees.filter((x) => x !== id));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const statusOf = new Map(existing?.attendees.map((a) => [a.staffId, a.status]));
    const doc = {
      id: existing?.id ?? newId(),
      siteId: draft.siteId,
      kind: 'session' as const,
      courseId: draft.courseId,
      ...(draft.title.trim() ? { title: draft.title.trim() } : {}),
      trainerId: existing?.trainerId ?? userId,
      day: draft.day,
      start: draft.start,
      end: draft.end,
      ...(draft.place.trim() ? { place: draft.place.trim() } : {}),
      attendees: draft.trainees.map((staffId) => ({ staffId, status: statusOf.get(staffId) ?? ('expected' as const) })),
      status: existing?.status ?? ('planned' as const),
      ...(existing?.note ? { note: existing.note } : {}),
    };
    const check = trainingSessionSchema.safeParse({ ...doc, updatedAt: new Date(0).toISOString(), updatedBy: author.userId, deviceId: author.deviceId });
    const errs = fieldErrors(check.error);
    if (draft.trainees.length === 0) errs.attendees ??= 'empty';
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    await upsertDoc(db, 'training', doc, author);
    navigate(`/training/sessions/${encodeId(doc.id)}`);
  };

  return (
    <form className="training-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="session-form-title">
      <h1 id="session-form-title">{existing ? t('training.session.editTitle') : t('training.session.new')}</h1>
      <div className="form-grid">
        <label className="field">
          {t('training.field.course')}
          <select value={draft.courseId} onChange={(e) => set('courseId', e.target.value)} {...invalidProps('courseId', errors)}>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldError name="courseId" errors={errors} />
        </label>
        <label className="field">
          {t('training.field.title')}
          <input value={draft.title} onChange={(e) => set('title', e.target.value)} maxLength={100} {...invalidProps('title', errors)} />
          <FieldError name="title" errors={errors} />
        </label>
        <label className="field">
          {t('training.field.site')}
          <select value={draft.siteId} onChange={(e) => set('siteId', e.target.value)}>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('training.field.day')}
          <input type="date" value={draft.day} onChange={(e) => set('day', e.target.value)} required {...invalidProps('day', errors)} />
          <FieldError name="day" errors={errors} />
        </label>
        <label className="field">
          {t('training.field.start')}
          <input type="time" value={draft.start} onChange={(e) => set('start', e.target.value)} required {...invalidProps('start', errors)} />
          <FieldError name="start" errors={errors} />
        </label>
        <label className="field">
          {t('training.field.end')}
          <input type="time" value={draft.end} onChange={(e) => set('end', e.target.value)} required {...invalidProps('end', errors)} />
          <FieldError name="end" errors={errors} />
        </label>
        <label className="field">
          {t('training.field.place')}
          <input value={draft.place} onChange={(e) => set('place', e.target.value)} maxLength={200} placeholder={t('training.field.placeHint')} />
        </label>
      </div>
      <fieldset className="trainee-picker" aria-describedby={errors.attendees ? 'training-error-attendees' : undefined}>
        <legend>{t('training.session.chooseTrainees', { count: draft.trainees.length })}</legend>
        <FieldError name="attendees" errors={errors} />
        <div className="toolbar">
          <label className="inline-field">
            {t('common.search')}
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('training.searchPerson')} />
          </label>
          <label className="check">
            <input type="checkbox" checked={allSites} onChange={(e) => setAllSites(e.target.checked)} />
            {t('training.session.allSitesStaff')}
          </label>
          <button type="button" className="secondary" onClick={() => set('trainees', [...new Set([...draft.trainees, ...candidates.map((c) => c.id)])])}>
            {t('training.session.selectShown', { count: candidates.length })}
          </button>
          <button type="button" className="secondary" onClick={() => set('trainees', [])}>
            {t('training.session.clearTrainees')}
          </button>
        </div>
        <ul className="trainee-options">
          {candidates.map((s) => (
            <li key={s.id}>
              <label className="check" data-testid="trainee-option">
                <input type="checkbox" checked={chosen.has(s.id)} onChange={(e) => toggle(s.id, e.target.checked)} />
                {s.name} <span className="muted">{s.staffNo}</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="toolbar">
        <button type="submit">{t('common.save')}</button>
        <button type="button" className="secondary" onClick={() => navigate(-1)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
