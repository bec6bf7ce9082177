import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import type { Policy } from '../../domain/policy';
import { nextAttempt } from '../../domain/rules/training';
import { attemptsOf, examQuestions } from '../../domain/rules/training-ops';
import type { Course, Question } from '../../domain/schemas/course';
import type { Staff } from '../../domain/schemas/staff';
import type { Exam, ExamAnswer, ExamResult } from '../../domain/schemas/training';
import { nowMs } from '../../sync/clock';
import { findByBadge } from './badge';
import { matchesPerson, useBanks, useCourses, useExams, usePolicy, useResults, useSessions, useSites, useStaff, useToday } from './data';
import { encodeId } from './ui';
import { saveAnswer, startAttempt, submitAttempt } from './writes';

/** The exam kiosk: a trainee identifies, answers on the tablet, submits; auto-scored at once, short answers marked later. */
export function TakeExamPage() {
  const { examId = '' } = useParams();
  const { t } = useTranslation();
  const { exams, loading } = useExams();
  const { banks } = useBanks();
  const { byId: courses } = useCourses();
  const { staff } = useStaff();
  const { sessions } = useSessions();
  const { results } = useResults([examId]);
  const exam = exams.find((e) => e.id === examId);
  const bank = banks.find((b) => b.id === exam?.questionBankId);
  const course = courses.get(exam?.courseId ?? '');
  const policy = usePolicy(exam?.siteId);
  const sites = useSites();
  const today = useToday(sites.find((s) => s.id === exam?.siteId)?.timeZone);
  const session = sessions.find((s) => s.id === exam?.sessionId);
  // The session's trainees when the exam belongs to one; otherwise everyone at the exam's site.
  const enrolled = session ? new Set(session.attendees.map((a) => a.staffId)) : null;
  const candidates = staff.filter((s) => s.status !== 'left' && (enrolled ? enrolled.has(s.id) : s.siteId === exam?.siteId));

  if (!exam || !bank || !course) {
    return (
      <div className="exam-kiosk">
        <p role="status">{loading ? t('common.loading') : t('training.exam.notFound')}</p>
      </div>
    );
  }
  return <ExamKiosk exam={exam} questions={examQuestions(exam, bank)} course={course} candidates={candidates} results={results} policy={policy} today={today} />;
}

type Phase = { kind: 'identify' } | { kind: 'answer'; result: ExamResult; person: Staff } | { kind: 'done'; result: ExamResult; person: Staff };

function ExamKiosk({
  exam,
  questions,
  course,
  candidates,
  results,
  policy,
  today,
}: {
  exam: Exam;
  questions: Question[];
  course: Course;
  candidates: Staff[];
  results: ExamResult[];
  policy: Policy;
  today: string;
}) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const [phase, setPhase] = useState<Phase>({ kind: 'identify' });
  const [message, setMessage] = useState<string | null>(null);

  const begin = async (person: Staff) => {
    setMessage(null);
    if (exam.status !== 'open') {
      setMessage(t('training.take.closed'));
      return;
    }
    const decision = nextAttempt(attemptsOf(results, exam.id, person.id), exam.attemptLimit);
    if (!decision.allowed) {
      setMessage(t(`training.attempt.refused.${decision.reason}`, { name: person.name, limit: exam.attemptLimit }));
      return;
    }
    try {
      const result = await startAttempt(db, author, { exam, staff: person, attempt: decision.attempt, day: today });
      setPhase({ kind: 'answer', result, person });
    } catch (e) {
      setMessage(String(e));
    }
  };

  return (
    <div className="exam-kiosk" role="region" aria-labelledby="kiosk-title">
      <header className="kiosk-head">
        <h1 id="kiosk-title">{exam.title}</h1>
        {phase.kind !== 'identify' && (
          <p className="kiosk-person" data-testid="kiosk-person">
            {t('training.take.candidate', { name: phase.person.name, no: phase.person.staffNo, attempt: phase.result.attempt, limit: exam.attemptLimit })}
          </p>
        )}
      </header>
      {message && (
        <p className="banner warning" role="alert" data-testid="kiosk-message">
          {message}
        </p>
      )}
      {phase.kind === 'identify' && <Identify exam={exam} candidates={candidates} onPick={(p) => void begin(p)} onUnknown={(code) => setMessage(t('training.grid.badgeUnknown', { code }))} />}
      {phase.kind === 'answer' && (
        <Answering
          key={phase.result.id}
          result={phase.result}
          questions={questions}
          onError={(m) => setMessage(m)}
          onSubmit={async () => {
            // Queued behind every answer still being written (writes run in order per attempt).
            const done = await submitAttempt(db, author, phase.result.id, {
              exam,
              questions,
              course,
              staff: phase.person,
              policy,
              submittedAt: new Date(nowMs()).toISOString(),
            });
            setPhase({ kind: 'done', result: done, person: phase.person });
          }}
          onLeave={() => setPhase({ kind: 'identify' })}
        />
      )}
      {phase.kind === 'done' && (
        <section className="kiosk-done" aria-labelledby="done-title">
          <h2 id="done-title">{t('training.take.submitted')}</h2>
          {phase.result.status === 'final' ? (
            <p className="kiosk-score" data-testid="kiosk-score" data-passed={phase.result.passed}>
              {t('training.take.score', { score: phase.result.finalScore, max: exam.maxScore })}{' '}
              <strong>{phase.result.passed ? t('training.take.passed') : t('training.take.failed', { pass: exam.passMark })}</strong>
            </p>
          ) : (
            <p className="kiosk-score" data-testid="kiosk-score">
              {t('training.take.pending', { score: phase.result.autoScore ?? 0 })}
            </p>
          )}
          <button type="button" onClick={() => setPhase({ kind: 'identify' })}>
            {t('training.take.next')}
          </button>
        </section>
      )}
    </div>
  );
}

function Identify({ exam, candidates, onPick, onUnknown }: { exam: Exam; candidates: Staff[]; onPick(p: Staff): void; onUnknown(code: string): void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [badge, setBadge] = useState('');
  const shown = candidates.filter((c) => matchesPerson(c, search));
  return (
    <section aria-labelledby="identify-title">
      <h2 id="identify-title">{t('training.take.identify')}</h2>
      <div className="toolbar">
        <label className="inline-field">
          {t('training.grid.scan')}
          <input
            value={badge}
            onChange={(e) => setBadge(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              const person = findByBadge(candidates, badge);
              setBadge('');
              if (person) onPick(person);
              else onUnknown(badge);
            }}
            placeholder={t('training.grid.scanHint')}
          />
        </label>
        <label className="inline-field">
          {t('common.search')}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('training.searchPerson')} />
        </label>
        <Link to={`/training/exams/${encodeId(exam.id)}`}>{t('training.take.exit')}</Link>
      </div>
      <ul className="candidate-list">
        {shown.map((p) => (
          <li key={p.id}>
            <button type="button" className="secondary candidate" data-testid="candidate" onClick={() => onPick(p)}>
              {p.name} <span className="muted">{p.staffNo}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Answering({
  result,
  questions,
  onSubmit,
  onLeave,
  onError,
}: {
  result: ExamResult;
  questions: Question[];
  onSubmit(): Promise<void>;
  onLeave(): void;
  onError(message: string): void;
}) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const [answers, setAnswers] = useState<Record<string, ExamAnswer>>(() => Object.fromEntries(result.answers.map((a) => [a.questionId, a])));
  const [index, setIndex] = useState(0);
  const [confirm, setConfirm] = useState<'submit' | 'leave' | null>(null);
  const [busy, setBusy] = useState(false);
  const q = questions[index]!;
  const answered = (qq: Question) => {
    const a = answers[qq.id];
    return Boolean(a && (a.selected.length > 0 || a.text?.trim()));
  };
  const unanswered = questions.filter((x) => !answered(x)).length;

  const keep = (answer: ExamAnswer) => {
    setAnswers((all) => ({ ...all, [answer.questionId]: answer }));
    // Every answer is written at once: a tablet that dies mid-exam loses nothing.
    saveAnswer(db, author, result.id, answer).catch((e: unknown) => onError(String(e)));
  };
  const choose = (optionId: string, multiple: boolean) => {
    const current = answers[q.id]?.selected ?? [];
    const selected = multiple ? (current.includes(optionId) ? current.filter((s) => s !== optionId) : [...current, optionId]) : [optionId];
    keep({ questionId: q.id, selected });
  };

  const options: { id: string; text: string }[] = q.type === 'true-false' ? [{ id: 'true', text: t('training.take.true') }, { id: 'false', text: t('training.take.false') }] : q.options;
  const chosen = answers[q.id]?.selected ?? [];

  return (
    <section className="answering" aria-labelledby="question-title">
      <nav className="question-nav" aria-label={t('training.take.questions')}>
        {questions.map((x, i) => (
          <button
            key={x.id}
            type="button"
            className={`${i === index ? 'current' : ''} ${answered(x) ? 'answered' : ''}`}
            aria-current={i === index ? 'step' : undefined}
            aria-label={t(answered(x) ? 'training.take.goToAnswered' : 'training.take.goTo', { n: i + 1 })}
            onClick={() => setIndex(i)}
          >
            {i + 1}
          </button>
        ))}
      </nav>
      <div className="question" data-testid="question" data-question-type={q.type}>
        <h2 id="question-title">
          {t('training.take.progress', { n: index + 1, total: questions.length })} · {t(`training.questionType.${q.type}`)} · {t('training.take.worth', { points: q.points })}
        </h2>
        {q.type === 'short-answer' ? (
          <label className="field">
            <span className="prompt">{q.prompt}</span>
            <textarea
              rows={5}
              maxLength={2000}
              value={answers[q.id]?.text ?? ''}
              onChange={(e) => setAnswers((all) => ({ ...all, [q.id]: { questionId: q.id, selected: [], text: e.target.value } }))}
              onBlur={(e) => keep({ questionId: q.id, selected: [], text: e.target.value })}
            />
          </label>
        ) : (
          <fieldset className="options">
            <legend className="prompt">{q.prompt}</legend>
            {options.map((o, i) => (
              <label key={o.id} className={`option ${chosen.includes(o.id) ? 'chosen' : ''}`}>
                <input
                  type={q.type === 'multiple' ? 'checkbox' : 'radio'}
                  name={`q-${q.id}`}
                  checked={chosen.includes(o.id)}
                  onChange={() => choose(o.id, q.type === 'multiple')}
                />
                <span className="option-letter" aria-hidden="true">
                  {q.type === 'true-false' ? '' : String.fromCharCode(65 + i)}
                </span>
                {o.text}
              </label>
            ))}
          </fieldset>
        )}
      </div>
      <div className="toolbar kiosk-actions">
        <button type="button" className="secondary" disabled={index === 0} onClick={() => setIndex(index - 1)}>
          {t('training.take.previous')}
        </button>
        {index < questions.length - 1 ? (
          <button type="button" onClick={() => setIndex(index + 1)}>
            {t('training.take.nextQuestion')}
          </button>
        ) : null}
        <button type="button" className={index === questions.length - 1 ? undefined : 'secondary'} onClick={() => setConfirm('submit')} disabled={busy}>
          {t('training.take.submit')}
        </button>
        <button type="button" className="link" onClick={() => setConfirm('leave')}>
          {t('training.take.pause')}
        </button>
      </div>
      <ConfirmDialog
        open={confirm === 'submit'}
        title={t('training.take.submitTitle')}
        confirmLabel={t('training.take.submit')}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          setConfirm(null);
          setBusy(true);
          void onSubmit().catch((e: unknown) => {
            setBusy(false);
            onError(String(e));
          });
        }}
      >
        <p>{unanswered > 0 ? t('training.take.unanswered', { count: unanswered }) : t('training.take.allAnswered')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'leave'}
        title={t('training.take.pauseTitle')}
        confirmLabel={t('training.take.pause')}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          setConfirm(null);
          onLeave();
        }}
      >
        <p>{t('training.take.pauseBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
