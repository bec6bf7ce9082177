import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { examQuestions, parseScoreInput } from '../../domain/rules/training-ops';
import type { Course, Question } from '../../domain/schemas/course';
import type { Staff } from '../../domain/schemas/staff';
import type { Exam, ExamResult } from '../../domain/schemas/training';
import { useBanks, useCourses, useExams, usePolicy, useResults, useStaff } from './data';
import { encodeId, PassBadge } from './ui';
import { markAttempt } from './writes';

/** The trainer marks the short answers of a submitted attempt; the attempt becomes final and earns its certificate. */
export function MarkingPage() {
  const { resultId = '' } = useParams();
  const { t } = useTranslation();
  const { results, loading } = useResults();
  const { exams } = useExams();
  const { banks } = useBanks();
  const { byId: courses } = useCourses();
  const { byId: staff } = useStaff();
  const result = results.find((r) => r.id === resultId);
  const exam = exams.find((e) => e.id === result?.examId);
  const bank = banks.find((b) => b.id === exam?.questionBankId);
  const course = courses.get(result?.courseId ?? '');
  const person = staff.get(result?.staffId ?? '');
  const policy = usePolicy(exam?.siteId);
  if (!result || !exam || !bank || !course || !person) return <p role="status">{loading ? t('common.loading') : t('training.marking.notFound')}</p>;
  return <MarkingForm key={result.id} result={result} exam={exam} questions={examQuestions(exam, bank)} course={course} person={person} policy={policy} />;
}

function MarkingForm({
  result,
  exam,
  questions,
  course,
  person,
  policy,
}: {
  result: ExamResult;
  exam: Exam;
  questions: Question[];
  course: Course;
  person: Staff;
  policy: ReturnType<typeof usePolicy>;
}) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const answers = new Map(result.answers.map((a) => [a.questionId, a]));
  const shortOnes = questions.filter((q) => q.type === 'short-answer');
  const [points, setPoints] = useState<Record<string, string>>(() =>
    Object.fromEntries(shortOnes.map((q) => [q.id, answers.get(q.id)?.trainerPoints?.toString() ?? ''])),
  );
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const parsed = Object.fromEntries(shortOnes.map((q) => [q.id, parseScoreInput(points[q.id] ?? '', q.points)]));
  const complete = shortOnes.every((q) => parsed[q.id]!.kind === 'score');

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!complete) {
      setError(t('training.marking.incomplete'));
      return;
    }
    setError(null);
    const given = Object.fromEntries(shortOnes.map((q) => [q.id, (parsed[q.id] as { score: number }).score]));
    await markAttempt(db, author, result.id, given, { exam, questions, course, staff: person, policy });
    setSaved(true);
  };

  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-labelledby="marking-title" className="training-form">
      <h1 id="marking-title">{t('training.marking.title', { name: person.name, exam: exam.title, attempt: result.attempt })}</h1>
      <p>
        {t('training.marking.auto', { score: result.autoScore ?? 0 })} <PassBadge passed={result.passed} status={result.status} />{' '}
        {result.finalScore !== undefined && <strong data-testid="final-score">{t('training.marking.final', { score: result.finalScore })}</strong>}
      </p>
      <ol className="marking-list">
        {questions.map((q) => {
          const a = answers.get(q.id);
          if (q.type !== 'short-answer') {
            const earned = a?.autoPoints ?? 0;
            return (
              <li key={q.id} className="marking-item">
                <p>{q.prompt}</p>
                <p className="muted">
                  {t('training.marking.chosen', { chosen: (a?.selected ?? []).map((s) => q.options.find((o) => o.id === s)?.text ?? t(`training.take.${s}`, { defaultValue: s })).join('、') || t('training.marking.blank') })}{' '}
                  · {t('training.marking.points', { earned, points: q.points })}
                </p>
              </li>
            );
          }
          const p = parsed[q.id]!;
          const id = `mark-${q.id}`;
          return (
            <li key={q.id} className="marking-item short">
              <p>{q.prompt}</p>
              <blockquote data-testid="short-answer-text">{a?.text?.trim() || t('training.marking.blank')}</blockquote>
              {q.explanation && <p className="muted">{t('training.marking.guide', { guide: q.explanation })}</p>}
              <label className="field" htmlFor={id}>
                {t('training.marking.pointsFor', { points: q.points })}
              </label>
              <input
                id={id}
                data-testid="mark-points"
                inputMode="decimal"
                value={points[q.id] ?? ''}
                onChange={(e) => setPoints((x) => ({ ...x, [q.id]: e.target.value }))}
                aria-invalid={p.kind === 'invalid'}
                aria-describedby={p.kind === 'invalid' ? `${id}-error` : undefined}
              />
              {p.kind === 'invalid' && (
                <span className="field-error" id={`${id}-error`}>
                  {t(`training.grid.invalid.${p.reason}`, { max: q.points })}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {saved && (
        <p role="status" className="ok-text">
          {t('common.saved')}
        </p>
      )}
      <div className="toolbar">
        {shortOnes.length > 0 && <button type="submit">{t('training.marking.finish')}</button>}
        <Link to={`/training/exams/${encodeId(exam.id)}`}>{t('training.marking.backToExam')}</Link>
      </div>
    </form>
  );
}
