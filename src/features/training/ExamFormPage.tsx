import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { newId } from '../../domain/ids';
import type { Policy } from '../../domain/policy';
import { drawQuestions } from '../../domain/rules/training-ops';
import type { Course, QuestionBank } from '../../domain/schemas/course';
import type { Site } from '../../domain/schemas/site';
import { examSchema, type Exam, type TrainingSession } from '../../domain/schemas/training';
import { upsertDoc } from '../../db/write';
import { useBanks, useCourses, usePermissions, usePolicy, useSessions, useSites, useToday } from './data';
import { encodeId, FieldError, fieldErrors, invalidProps } from './ui';

/** A new exam: trainer-scored (the grid) or drawn from a question bank and taken on the tablet. */
export function ExamFormPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const sessionId = params.get('sessionId') ?? undefined;
  const { sessions } = useSessions();
  const { courses } = useCourses();
  const { banks } = useBanks();
  const sites = useSites();
  const session = sessionId ? sessions.find((s) => s.id === sessionId) : undefined;
  const policy = usePolicy(session?.siteId);
  const today = useToday();
  if ((sessionId && !session) || courses.length === 0 || sites.length === 0) return <p role="status">{t('common.loading')}</p>;
  const mode = params.get('mode') === 'trainer-scored' ? 'trainer-scored' : params.get('mode') === 'question-bank' ? 'question-bank' : undefined;
  return <ExamForm session={session} courses={courses} banks={banks} sites={sites} policy={policy} today={today} initialMode={mode} />;
}

interface Draft {
  title: string;
  courseId: string;
  siteId: string;
  day: string;
  mode: Exam['mode'];
  bankId: string;
  questionCount: string;
  maxScore: string;
  passMark: string;
  attemptLimit: string;
}

function ExamForm({
  session,
  courses,
  banks,
  sites,
  policy,
  today,
  initialMode,
}: {
  session?: TrainingSession;
  courses: Course[];
  banks: QuestionBank[];
  sites: Site[];
  policy: Policy;
  today: string;
  initialMode?: Exam['mode'];
}) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const navigate = useNavigate();
  const { userId } = usePermissions();
  const [draft, setDraft] = useState<Draft>(() => {
    const courseId = session?.courseId ?? courses[0]!.id;
    const bank = banks.find((b) => b.courseId === courseId) ?? banks[0];
    const course = courses.find((c) => c.id === courseId);
    return {
      title: session ? t('training.exam.defaultTitle', { course: session.title ?? course?.name ?? '' }) : '',
      courseId,
      siteId: session?.siteId ?? sites[0]!.id,
      day: session?.day ?? today,
      mode: initialMode ?? (session ? 'trainer-scored' : 'question-bank'),
      bankId: bank?.id ?? '',
      questionCount: String(bank?.questions.length ?? ''),
      maxScore: String(policy.training.maxScore),
      passMark: String(policy.training.passMark),
      attemptLimit: String(policy.training.maxAttempts),
    };
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const bank = banks.find((b) => b.id === draft.bankId);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const id = newId();
    const bankMode = draft.mode === 'question-bank';
    const count = Number(draft.questionCount);
    const questionIds =
      bankMode && bank && Number.isInteger(count) && count > 0 && count < bank.questions.length
        ? drawQuestions(
            bank.questions.map((q) => q.id),
            count,
            id,
          )
        : [];
    const doc = {
      id,
      siteId: session?.siteId ?? draft.siteId,
      kind: 'exam' as const,
      courseId: draft.courseId,
      ...(session ? { sessionId: session.id } : {}),
      title: draft.title.trim(),
      day: draft.day,
      trainerId: userId,
      mode: draft.mode,
      ...(bankMode && draft.bankId ? { questionBankId: draft.bankId } : {}),
      questionIds,
      maxScore: Number(draft.maxScore),
      passMark: Number(draft.passMark),
      attemptLimit: Number(draft.attemptLimit),
      status: 'open' as const,
    };
    const check = examSchema.safeParse({ ...doc, updatedAt: new Date(0).toISOString(), updatedBy: author.userId, deviceId: author.deviceId });
    const errs = fieldErrors(check.error);
    if (bankMode && bank && (!Number.isInteger(count) || count < 1)) errs.questionCount = 'invalid';
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    await upsertDoc(db, 'training', doc, author);
    navigate(session && draft.mode === 'trainer-scored' ? `/training/sessions/${encodeId(session.id)}/scores` : `/training/exams/${encodeId(id)}`);
  };

  return (
    <form className="training-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="exam-form-title">
      <h1 id="exam-form-title">{t('training.exam.new')}</h1>
      <div className="form-grid">
        <label className="field">
          {t('training.field.title')}
          <input value={draft.title} onChange={(e) => set('title', e.target.value)} maxLength={100} required {...invalidProps('title', errors)} />
          <FieldError name="title" errors={errors} />
        </label>
        <label className="field">
          {t('training.field.course')}
          <select value={draft.courseId} onChange={(e) => set('courseId', e.target.value)} disabled={Boolean(session)}>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {!session && (
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
        )}
        <label className="field">
          {t('training.field.day')}
          <input type="date" value={draft.day} onChange={(e) => set('day', e.target.value)} {...invalidProps('day', errors)} />
          <FieldError name="day" errors={errors} />
        </label>
      </div>
      <fieldset className="radio-row">
        <legend>{t('training.exam.modeLabel')}</legend>
        {(['trainer-scored', 'question-bank'] as const).map((m) => (
          <label key={m} className="check">
            <input type="radio" name="mode" value={m} checked={draft.mode === m} onChange={() => set('mode', m)} />
            {t(`training.exam.mode.${m}`)}
          </label>
        ))}
      </fieldset>
      {draft.mode === 'question-bank' && (
        <div className="form-grid">
          <label className="field">
            {t('training.exam.bank')}
            <select
              value={draft.bankId}
              onChange={(e) => {
                const b = banks.find((x) => x.id === e.target.value);
                setDraft((d) => ({ ...d, bankId: e.target.value, questionCount: String(b?.questions.length ?? '') }));
              }}
              {...invalidProps('questionBankId', errors)}
            >
              <option value="">{t('training.exam.chooseBank')}</option>
              {banks.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name} ({t('training.bank.count', { count: b.questions.length })})
                </option>
              ))}
            </select>
            <FieldError name="questionBankId" errors={errors} />
          </label>
          <label className="field">
            {t('training.exam.questionCount', { total: bank?.questions.length ?? 0 })}
            <input inputMode="numeric" value={draft.questionCount} onChange={(e) => set('questionCount', e.target.value)} {...invalidProps('questionCount', errors)} />
            <FieldError name="questionCount" errors={errors} />
          </label>
        </div>
      )}
      <div className="form-grid">
        <label className="field">
          {t('training.exam.maxScore')}
          <input inputMode="decimal" value={draft.maxScore} onChange={(e) => set('maxScore', e.target.value)} {...invalidProps('maxScore', errors)} />
          <FieldError name="maxScore" errors={errors} />
        </label>
        <label className="field">
          {t('training.exam.passMark')}
          <input inputMode="decimal" value={draft.passMark} onChange={(e) => set('passMark', e.target.value)} {...invalidProps('passMark', errors)} />
          <FieldError name="passMark" errors={errors} />
        </label>
        <label className="field">
          {t('training.exam.attemptLimit')}
          <input inputMode="numeric" value={draft.attemptLimit} onChange={(e) => set('attemptLimit', e.target.value)} {...invalidProps('attemptLimit', errors)} />
          <FieldError name="attemptLimit" errors={errors} />
        </label>
      </div>
      <div className="toolbar">
        <button type="submit">{t('common.save')}</button>
        <button type="button" className="secondary" onClick={() => navigate(-1)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
