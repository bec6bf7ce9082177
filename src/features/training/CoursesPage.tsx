import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { newId } from '../../domain/ids';
import { courseKinds, type CourseKind } from '../../domain/policy';
import { certificateValidityMonths } from '../../domain/rules/training';
import { effectiveRequiredCourses } from '../../domain/rules/training-ops';
import { ORG_WIDE } from '../../domain/schemas/common';
import { courseSchema, standardisationTopics, type Course } from '../../domain/schemas/course';
import type { Site } from '../../domain/schemas/site';
import { upsertDoc } from '../../db/write';
import { useCourses, usePermissions, usePolicy, useSites } from './data';
import { ListPage } from './ListPage';
import { encodeId, FieldError, fieldErrors, invalidProps } from './ui';
import { setPostRequiresCourse } from './writes';

const POST_KINDS = ['window', 'desk', 'seat'] as const;

/** The courses, with who must pass them. */
export function CoursesPage() {
  const { t } = useTranslation();
  const { courses, loading } = useCourses();
  const policy = usePolicy();
  const can = usePermissions();
  return (
    <ListPage
      id="courses"
      title={t('training.course.listTitle')}
      action={can.catalog ? { to: '/training/courses/new', label: t('training.course.new') } : undefined}
      loading={loading}
      columns={[
        t('training.course.name'),
        t('training.course.category'),
        t('training.course.requiredFor'),
        t('training.course.validity'),
        t('training.course.active'),
      ]}
    >
      {courses.map((c) => {
        const months = certificateValidityMonths(c, policy);
        return (
          <tr key={c.id} data-testid="course-row">
            <td>
              <Link to={`/training/courses/${encodeId(c.id)}`}>{c.name}</Link>
            </td>
            <td>{t(`training.category.${c.category}`)}</td>
            <td>{c.requiredForPostKinds.map((k) => t(`training.postKind.${k}`)).join('、') || t('common.none')}</td>
            <td>{months === null ? t('training.course.neverExpires') : t('training.course.months', { count: months })}</td>
            <td>{c.active ? t('common.yes') : t('common.no')}</td>
          </tr>
        );
      })}
    </ListPage>
  );
}

export function CourseEditPage() {
  const { courseId } = useParams();
  const { t } = useTranslation();
  const { byId, loading } = useCourses();
  const course = courseId ? byId.get(courseId) : undefined;
  if (courseId && !course) return <p role="status">{loading ? t('common.loading') : t('training.course.notFound')}</p>;
  return (
    <>
      <CourseForm key={course?.id ?? 'new'} course={course} />
      {course && <PostRequirements course={course} />}
    </>
  );
}

interface Draft {
  name: string;
  category: CourseKind;
  topic: string;
  description: string;
  durationDays: string;
  validity: string;
  requiredForPostKinds: Course['requiredForPostKinds'];
  active: boolean;
}

function CourseForm({ course }: { course?: Course }) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const navigate = useNavigate();
  const can = usePermissions();
  const [draft, setDraft] = useState<Draft>(() => ({
    name: course?.name ?? '',
    category: course?.category ?? 'business',
    topic: course?.topic ?? standardisationTopics[0],
    description: course?.description ?? '',
    durationDays: course?.durationDays?.toString() ?? '',
    validity: course?.certificateValidityMonths === undefined ? 'policy' : course.certificateValidityMonths === null ? 'never' : String(course.certificateValidityMonths),
    requiredForPostKinds: course?.requiredForPostKinds ?? [],
    active: course?.active ?? true,
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const validity = draft.validity === 'policy' ? {} : { certificateValidityMonths: draft.validity === 'never' ? null : Number(draft.validity) };
    const doc = {
      id: course?.id ?? `course-${newId()}`,
      siteId: ORG_WIDE,
      kind: 'course' as const,
      name: draft.name.trim(),
      category: draft.category,
      ...(draft.category === 'standardisation' ? { topic: draft.topic as Course['topic'] } : {}),
      ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
      requiredForPostKinds: draft.requiredForPostKinds,
      ...validity,
      ...(draft.durationDays.trim() ? { durationDays: Number(draft.durationDays) } : {}),
      active: draft.active,
    };
    const check = courseSchema.safeParse({ ...doc, updatedAt: new Date(0).toISOString(), updatedBy: author.userId, deviceId: author.deviceId });
    const errs = fieldErrors(check.error);
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    await upsertDoc(db, 'catalog', doc, author);
    setSaved(true);
    if (!course) navigate(`/training/courses/${encodeId(doc.id)}`);
  };

  const readOnly = !can.catalog;
  return (
    <form className="training-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="course-form-title">
      <h1 id="course-form-title">{course ? course.name : t('training.course.new')}</h1>
      {readOnly && <p className="muted">{t('training.course.readOnly')}</p>}
      <fieldset disabled={readOnly} className="plain-fieldset">
        <div className="form-grid">
          <label className="field">
            {t('training.course.name')}
            <input value={draft.name} onChange={(e) => set('name', e.target.value)} maxLength={100} {...invalidProps('name', errors)} />
            <FieldError name="name" errors={errors} />
          </label>
          <label className="field">
            {t('training.course.category')}
            <select value={draft.category} onChange={(e) => set('category', e.target.value as CourseKind)}>
              {courseKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`training.category.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {draft.category === 'standardisation' && (
            <label className="field">
              {t('training.course.topic')}
              <select value={draft.topic} onChange={(e) => set('topic', e.target.value)}>
                {standardisationTopics.map((k) => (
                  <option key={k} value={k}>
                    {t(`training.topic.${k}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            {t('training.course.duration')}
            <input inputMode="numeric" value={draft.durationDays} onChange={(e) => set('durationDays', e.target.value)} {...invalidProps('durationDays', errors)} />
            <FieldError name="durationDays" errors={errors} />
          </label>
          <label className="field">
            {t('training.course.validity')}
            <select value={['policy', 'never'].includes(draft.validity) ? draft.validity : 'months'} onChange={(e) => set('validity', e.target.value === 'months' ? '12' : e.target.value)}>
              <option value="policy">{t('training.course.validityPolicy')}</option>
              <option value="never">{t('training.course.neverExpires')}</option>
              <option value="months">{t('training.course.validityMonths')}</option>
            </select>
          </label>
          {!['policy', 'never'].includes(draft.validity) && (
            <label className="field">
              {t('training.course.monthsLabel')}
              <input inputMode="numeric" value={draft.validity} onChange={(e) => set('validity', e.target.value)} {...invalidProps('certificateValidityMonths', errors)} />
              <FieldError name="certificateValidityMonths" errors={errors} />
            </label>
          )}
        </div>
        <label className="field">
          {t('training.course.description')}
          <textarea rows={3} maxLength={2000} value={draft.description} onChange={(e) => set('description', e.target.value)} />
        </label>
        <fieldset className="radio-row">
          <legend>{t('training.course.requiredForKinds')}</legend>
          {POST_KINDS.map((k) => (
            <label key={k} className="check">
              <input
                type="checkbox"
                checked={draft.requiredForPostKinds.includes(k)}
                onChange={(e) => set('requiredForPostKinds', e.target.checked ? [...draft.requiredForPostKinds, k] : draft.requiredForPostKinds.filter((x) => x !== k))}
              />
              {t(`training.postKind.${k}`)}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={draft.active} onChange={(e) => set('active', e.target.checked)} />
          {t('training.course.active')}
        </label>
        <div className="toolbar">
          <button type="submit">{t('common.save')}</button>
          {saved && <span role="status">{t('common.saved')}</span>}
        </div>
      </fieldset>
    </form>
  );
}

/** Which posts require this course: by post kind (above, on the course) or one by one (on each site's post). */
function PostRequirements({ course }: { course: Course }) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const sites = useSites();
  const { courses } = useCourses();
  const can = usePermissions();
  const [error, setError] = useState<string | null>(null);
  const toggle = (site: Site, postId: string, on: boolean) => {
    setError(null);
    setPostRequiresCourse(db, author, site.id, postId, course.id, on).catch((e: unknown) => setError(String(e)));
  };
  return (
    <section aria-labelledby="post-req-title" className="post-requirements">
      <h2 id="post-req-title">{t('training.course.postsTitle')}</h2>
      <p className="muted">{can.sites ? t('training.course.postsHint') : t('training.course.postsReadOnly')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {sites.map((site) => (
        <fieldset key={site.id} disabled={!can.sites}>
          <legend>{site.name}</legend>
          <ul className="post-grid">
            {site.posts.map((post) => {
              const byKind = course.active && course.requiredForPostKinds.includes(post.kind);
              const own = post.requiredCourses.includes(course.id);
              const needs = effectiveRequiredCourses(post, courses).includes(course.id);
              return (
                <li key={post.id}>
                  <label className="check" data-testid="post-requirement">
                    <input type="checkbox" checked={own} onChange={(e) => toggle(site, post.id, e.target.checked)} />
                    {post.name}
                    {byKind && !own && <span className="badge">{t('training.course.byKind')}</span>}
                    {needs && <span className="visually-hidden">{t('training.course.required')}</span>}
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
    </section>
  );
}
