import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import type { Policy } from '../../domain/policy';
import { nextAttempt, trainerScoredResult } from '../../domain/rules/training';
import { attemptsOf, parseScoreInput } from '../../domain/rules/training-ops';
import type { Course } from '../../domain/schemas/course';
import type { Staff } from '../../domain/schemas/staff';
import type { Exam, ExamResult, TrainingSession } from '../../domain/schemas/training';
import { nowMs } from '../../sync/clock';
import { findByBadge } from './badge';
import { BadgeScanner } from './BadgeScanner';
import { useCourses, useExams, usePolicy, useResults, useSessions, useSites, useStaff, useToday } from './data';
import { encodeId } from './ui';
import { saveTrainerScore } from './writes';

/** The score grid of a session: its trainees down, its trainer-scored exams across. */
export function ScoreGridPage() {
  const { sessionId = '' } = useParams();
  const { t } = useTranslation();
  const { sessions, loading } = useSessions();
  const { exams, loading: examsLoading } = useExams();
  const { byId: courses } = useCourses();
  const { byId: staff, loading: staffLoading } = useStaff();
  const session = sessions.find((s) => s.id === sessionId);
  const columns = useMemo(
    () => exams.filter((e) => e.sessionId === sessionId && e.mode === 'trainer-scored').sort((a, b) => (a.day + a.title).localeCompare(b.day + b.title)),
    [exams, sessionId],
  );
  const { results, loading: resultsLoading } = useResults(columns.map((c) => c.id));
  const policy = usePolicy(session?.siteId);
  const sites = useSites();
  const timeZone = sites.find((s) => s.id === session?.siteId)?.timeZone;
  const today = useToday(timeZone);

  if (!session || loading || examsLoading || staffLoading || resultsLoading) {
    return <p role="status">{loading || examsLoading || staffLoading || resultsLoading ? t('common.loading') : t('training.session.notFound')}</p>;
  }
  const course = courses.get(session.courseId);
  return (
    <section aria-labelledby="grid-title">
      <h1 id="grid-title">{t('training.grid.title', { session: session.title ?? course?.name ?? session.courseId })}</h1>
      <p className="muted">{t('training.grid.hint')}</p>
      <div className="toolbar">
        <Link to={`/training/sessions/${encodeId(session.id)}`}>{t('training.grid.backToSession')}</Link>
        <Link className="button-link secondary" to={`/training/exams/new?sessionId=${encodeId(session.id)}&mode=trainer-scored`}>
          {t('training.exam.newForSession')}
        </Link>
      </div>
      {columns.length === 0 || !course ? (
        <p>{t('training.grid.noExam')}</p>
      ) : (
        <ScoreGrid session={session} exams={columns} results={results} staff={staff} course={course} policy={policy} today={today} />
      )}
    </section>
  );
}

interface Draft {
  text: string;
  /** What was last saved from this cell, so the draft gives way once the stored result shows it. */
  saved?: { score: number; attempt: number };
}

interface Cell {
  key: string;
  exam: Exam;
  person: Pick<Staff, 'id' | 'siteId' | 'staffNo' | 'name'>;
  attempts: ExamResult[];
  attempt: number;
  retaking: boolean;
  text: string;
  storedScore?: number;
}

const cellKey = (staffId: string, examId: string) => `${staffId}\u0000${examId}`;

function ScoreGrid({
  session,
  exams,
  results,
  staff,
  course,
  policy,
  today,
}: {
  session: TrainingSession;
  exams: Exam[];
  results: ExamResult[];
  staff: Map<string, Staff>;
  course: Course;
  policy: Policy;
  today: string;
}) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [retakes, setRetakes] = useState<Record<string, number>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [scan, setScan] = useState('');
  const [camera, setCamera] = useState(false);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  // What each cell last saved, read synchronously: Enter saves and moves focus, and the blur that follows must not save again.
  const lastSaved = useRef(new Map<string, { score: number; attempt: number }>());

  const people = useMemo(
    () =>
      session.attendees.map((a) => {
        const s = staff.get(a.staffId);
        return { id: a.staffId, siteId: s?.siteId ?? session.siteId, staffNo: s?.staffNo ?? a.staffId, name: s?.name ?? a.staffId, badgeCode: s?.badgeCode, attendance: a.status };
      }),
    [session, staff],
  );

  const cellOf = (person: (typeof people)[number], exam: Exam): Cell => {
    const key = cellKey(person.id, exam.id);
    const attempts = attemptsOf(results, exam.id, person.id);
    const latest = attempts[0];
    const retake = retakes[key];
    const retaking = retake !== undefined && retake > (latest?.attempt ?? 0);
    const attempt = retaking ? retake : (latest?.attempt ?? 1);
    const storedScore = retaking ? undefined : latest?.finalScore;
    const draft = drafts[key];
    const settled = draft?.saved && draft.saved.score === storedScore && draft.saved.attempt === latest?.attempt;
    const text = draft && !settled ? draft.text : (storedScore?.toString() ?? '');
    return { key, exam, person, attempts, attempt, retaking, text, ...(storedScore !== undefined ? { storedScore } : {}) };
  };

  const grid = people.map((p) => exams.map((e) => cellOf(p, e)));

  // Open with the first empty cell focused, so scoring starts with the keyboard.
  const firstEmpty = grid.flat().find((c) => c.text === '')?.key ?? grid[0]?.[0]?.key;
  const focusedOnce = useRef(false);
  useEffect(() => {
    if (focusedOnce.current || !firstEmpty) return;
    focusedOnce.current = true;
    inputs.current.get(firstEmpty)?.focus();
  }, [firstEmpty]);

  const focusCell = (row: number, col: number) => {
    const target = grid[row]?.[col];
    if (!target) return false;
    const input = inputs.current.get(target.key);
    input?.focus();
    input?.select();
    return true;
  };

  /** Saves the cell if its text is a new valid score; false when the text is invalid (the cursor stays). */
  const commit = (cell: Cell): boolean => {
    const parsed = parseScoreInput(cell.text, cell.exam.maxScore);
    const draft = drafts[cell.key];
    if (parsed.kind === 'invalid') return false;
    if (parsed.kind === 'empty') {
      // A score is corrected, never blanked: an emptied cell shows the stored score again.
      if (draft) setDrafts(({ [cell.key]: _drop, ...rest }) => rest);
      return true;
    }
    if (!cell.retaking && parsed.score === cell.storedScore) return true;
    const already = lastSaved.current.get(cell.key);
    if (already && already.score === parsed.score && already.attempt === cell.attempt && draft) return true;
    if (cell.exam.status === 'closed') {
      setNotice(t('training.grid.closed'));
      return false;
    }
    const saved = { score: parsed.score, attempt: cell.attempt };
    lastSaved.current.set(cell.key, saved);
    setDrafts((d) => ({ ...d, [cell.key]: { text: cell.text, saved } }));
    const now = nowMs();
    saveTrainerScore(db, author, {
      exam: cell.exam,
      staff: cell.person,
      attempt: cell.attempt,
      score: parsed.score,
      // The first attempt was sat on the exam day; a retake is sat the day it is entered.
      day: cell.attempt === 1 && cell.exam.day <= today ? cell.exam.day : today,
      submittedAt: new Date(now).toISOString(),
      course,
      policy,
    })
      .then(() =>
        setRetakes((r) => {
          if (r[cell.key] !== cell.attempt) return r;
          const { [cell.key]: _done, ...rest } = r;
          return rest;
        }),
      )
      .catch((e: unknown) => setNotice(t('training.grid.saveFailed', { name: cell.person.name, message: String(e) })));
    return true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, cell: Cell, row: number, col: number) => {
    const down = (e.key === 'Enter' && !e.shiftKey) || e.key === 'ArrowDown';
    const up = (e.key === 'Enter' && e.shiftKey) || e.key === 'ArrowUp';
    if (e.key === 'Escape') {
      setDrafts(({ [cell.key]: _drop, ...rest }) => rest);
      return;
    }
    if (!down && !up) return;
    e.preventDefault();
    if (!commit(cell)) return;
    if (down && !focusCell(row + 1, col)) focusCell(0, col + 1);
    if (up) focusCell(row - 1, col);
  };

  const retake = (cell: Cell) => {
    const decision = nextAttempt(cell.attempts, cell.exam.attemptLimit);
    if (!decision.allowed) {
      setNotice(t(`training.attempt.refused.${decision.reason}`, { name: cell.person.name, limit: cell.exam.attemptLimit }));
      return;
    }
    setNotice(null);
    setRetakes((r) => ({ ...r, [cell.key]: decision.attempt }));
    setDrafts(({ [cell.key]: _drop, ...rest }) => rest);
    setTimeout(() => inputs.current.get(cell.key)?.focus(), 0);
  };

  const goToBadge = (code: string) => {
    const row = people.findIndex((p) => p === findByBadge(people, code));
    if (row < 0) {
      setNotice(t('training.grid.badgeUnknown', { code }));
      return;
    }
    setNotice(null);
    focusCell(row, 0);
  };

  const latestFinal = exams.flatMap((exam) => people.map((p) => attemptsOf(results, exam.id, p.id)[0])).filter((r): r is ExamResult => r?.status === 'final');
  const passed = latestFinal.filter((r) => r.passed).length;

  return (
    <>
      <div className="toolbar">
        <label className="inline-field">
          {t('training.grid.scan')}
          <input
            value={scan}
            onChange={(e) => setScan(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              goToBadge(scan);
              setScan('');
            }}
            placeholder={t('training.grid.scanHint')}
          />
        </label>
        <button type="button" className="secondary" onClick={() => setCamera(true)}>
          {t('training.badge.camera')}
        </button>
        <p className="grid-summary" aria-live="polite" data-testid="grid-summary">
          {t('training.grid.summary', { entered: latestFinal.length, total: people.length * exams.length, passed, failed: latestFinal.length - passed })}
        </p>
      </div>
      {notice && (
        <p className="banner warning" role="alert" data-testid="grid-notice">
          {notice}
        </p>
      )}
      {camera && (
        <BadgeScanner
          onCode={(code) => {
            setCamera(false);
            goToBadge(code);
          }}
          onClose={() => setCamera(false)}
        />
      )}
      <div className="grid-scroll">
        <table className="data score-grid">
          <thead>
            <tr>
              <th scope="col">{t('training.field.trainee')}</th>
              <th scope="col">{t('training.register.title')}</th>
              {exams.map((e) => (
                <th scope="col" key={e.id}>
                  {e.title}
                  <span className="muted"> {t('training.grid.passMark', { pass: e.passMark, max: e.maxScore })}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.map((cells, row) => {
              const person = people[row]!;
              return (
                <tr key={person.id} data-testid="score-row" data-staff-id={person.id}>
                  <th scope="row">
                    {person.name} <span className="muted">{person.staffNo}</span>
                  </th>
                  <td>{t(`training.attendance.${person.attendance}`)}</td>
                  {cells.map((cell, col) => {
                    const parsed = parseScoreInput(cell.text, cell.exam.maxScore);
                    const verdict = parsed.kind === 'score' ? trainerScoredResult(parsed.score, cell.exam).passed : undefined;
                    const errorId = `score-error-${row}-${col}`;
                    const latest = cell.attempts[0];
                    const canRetake = !cell.retaking && latest?.status === 'final' && latest.passed === false;
                    return (
                      <td key={cell.key} className="score-cell">
                        <input
                          ref={(el) => {
                            if (el) inputs.current.set(cell.key, el);
                            else inputs.current.delete(cell.key);
                          }}
                          className="score-input"
                          data-testid="score-input"
                          data-row={row}
                          data-col={col}
                          inputMode="decimal"
                          autoComplete="off"
                          enterKeyHint="next"
                          readOnly={cell.exam.status === 'closed'}
                          value={cell.text}
                          aria-label={t('training.grid.cellLabel', { name: person.name, exam: cell.exam.title, attempt: cell.attempt })}
                          aria-invalid={parsed.kind === 'invalid'}
                          aria-describedby={parsed.kind === 'invalid' ? errorId : undefined}
                          onChange={(e) => {
                            const text = e.target.value;
                            setDrafts((d) => ({ ...d, [cell.key]: { text } }));
                          }}
                          onKeyDown={(e) => onKeyDown(e, cell, row, col)}
                          onBlur={() => commit(cell)}
                        />
                        {cell.attempt > 1 && <span className="attempt-tag">{t('training.grid.attempt', { attempt: cell.attempt })}</span>}
                        {verdict !== undefined && (
                          <span className={`badge ${verdict ? 'ok' : 'bad'}`} data-testid="score-verdict" data-passed={verdict}>
                            {verdict ? t('training.result.passed') : t('training.result.failed')}
                          </span>
                        )}
                        {parsed.kind === 'invalid' && (
                          <span className="field-error" id={errorId}>
                            {t(`training.grid.invalid.${parsed.reason}`, { max: cell.exam.maxScore })}
                          </span>
                        )}
                        {canRetake && (
                          <button type="button" className="link" onClick={() => retake(cell)} aria-label={t('training.grid.retakeFor', { name: person.name })}>
                            {t('training.grid.retake')}
                          </button>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
