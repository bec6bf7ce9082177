import type { CollectionName, DocOf, KindOf } from '../../domain/collections';
import { examResultId } from '../../domain/ids';
import type { Policy } from '../../domain/policy';
import { trainerScoredResult } from '../../domain/rules/training';
import { certificateAction, scoreAttempt } from '../../domain/rules/training-ops';
import type { Course, Question } from '../../domain/schemas/course';
import type { Site } from '../../domain/schemas/site';
import type { Staff } from '../../domain/schemas/staff';
import type { Exam, ExamAnswer, ExamResult, SessionAttendee } from '../../domain/schemas/training';
import type { AppDatabase } from '../../db/database';
import { upsertDoc, type Author, type NewDoc } from '../../db/write';

/**
 * Every write of the training feature. Each one reads the stored document
 * first and runs one at a time per document, so quick taps in a row (twenty
 * trainees marked present in ten seconds) never lose one another's change.
 */

const queues = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task with the same key has settled. */
export function serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(task);
  queues.set(key, next);
  void next.finally(() => {
    if (queues.get(key) === next) queues.delete(key);
  }).catch(() => undefined);
  return next;
}

/** The stored document (plain JSON, no RxDB meta fields), or null. */
export async function stored<C extends CollectionName>(db: AppDatabase, name: C, id: string): Promise<DocOf<C> | null> {
  const doc = await (db[name] as unknown as { findOne(id: string): { exec(): Promise<{ toJSON(): unknown } | null> } }).findOne(id).exec();
  return doc ? (doc.toJSON() as DocOf<C>) : null;
}

const withoutStamp = <D extends { updatedAt: string; updatedBy: string; deviceId: string }>(d: D) => {
  const { updatedAt: _a, updatedBy: _b, deviceId: _c, ...rest } = d;
  return rest;
};

type SessionDoc = KindOf<'training', 'session'>;
type ResultDoc = KindOf<'results', 'exam-result'>;
type CertificateDoc = KindOf<'results', 'certificate'>;

/** Marks one trainee's attendance at a session; the session counts as held from the first mark. */
export function setAttendance(db: AppDatabase, author: Author, sessionId: string, staffId: string, status: SessionAttendee['status']): Promise<SessionDoc> {
  return serialized(`training:${sessionId}`, async () => {
    const session = await stored(db, 'training', sessionId);
    if (!session || session.kind !== 'session') throw new Error(`No session ${sessionId}`);
    const known = session.attendees.some((a) => a.staffId === staffId);
    const attendees = known
      ? session.attendees.map((a) => (a.staffId === staffId ? { ...a, status } : a))
      : [...session.attendees, { staffId, status }];
    const held = session.status === 'planned' && status !== 'expected' ? 'held' : session.status;
    return (await upsertDoc(db, 'training', { ...withoutStamp(session), attendees, status: held }, author)) as SessionDoc;
  });
}

/** Changes a session's status (e.g. cancelled), keeping everything else. */
export function setSessionStatus(db: AppDatabase, author: Author, sessionId: string, status: SessionDoc['status']): Promise<SessionDoc> {
  return serialized(`training:${sessionId}`, async () => {
    const session = await stored(db, 'training', sessionId);
    if (!session || session.kind !== 'session') throw new Error(`No session ${sessionId}`);
    return (await upsertDoc(db, 'training', { ...withoutStamp(session), status }, author)) as SessionDoc;
  });
}

export function setExamStatus(db: AppDatabase, author: Author, examId: string, status: Exam['status']): Promise<unknown> {
  return serialized(`training:${examId}`, async () => {
    const exam = await stored(db, 'training', examId);
    if (!exam || exam.kind !== 'exam') throw new Error(`No exam ${examId}`);
    return upsertDoc(db, 'training', { ...withoutStamp(exam), status }, author);
  });
}

export interface CertificateContext {
  course: Course;
  staff: Pick<Staff, 'id' | 'siteId' | 'staffNo'>;
  policy: Policy;
}

/** Issues, re-issues or revokes the course certificate a final result earns or loses. */
export async function reconcileCertificate(db: AppDatabase, author: Author, result: ExamResult, ctx: CertificateContext): Promise<CertificateDoc | null> {
  const existing = (await db.results.find({ selector: { kind: 'certificate', courseId: result.courseId, staffId: result.staffId } }).exec()).map(
    (d) => d.toJSON() as CertificateDoc,
  );
  const action = certificateAction(result, ctx.course, ctx.staff.staffNo, existing, ctx.policy);
  if (action.action === 'issue') {
    const fields: NewDoc<'results'> = { ...action.certificate, kind: 'certificate', siteId: result.siteId };
    return (await upsertDoc(db, 'results', fields, author)) as CertificateDoc;
  }
  if (action.action === 'revoke') {
    const current = existing.find((c) => c.id === action.certificateId)!;
    return (await upsertDoc(db, 'results', { ...withoutStamp(current), revoked: true }, author)) as CertificateDoc;
  }
  return null;
}

export interface TrainerScore extends CertificateContext {
  exam: Exam;
  attempt: number;
  score: number;
  /** The day the attempt was sat. */
  day: string;
  submittedAt: string;
}

/**
 * Records a score from the grid as attempt `attempt` of the trainee (one
 * document per exam, trainee and attempt: two tablets scoring different
 * trainees never touch the same document), then settles the certificate.
 */
export function saveTrainerScore(db: AppDatabase, author: Author, s: TrainerScore): Promise<ResultDoc> {
  const id = examResultId(s.exam.id, s.staff.id, s.attempt);
  return serialized(`results:${id}`, async () => {
    const { finalScore, passed } = trainerScoredResult(s.score, s.exam);
    const before = await stored(db, 'results', id);
    const fields: NewDoc<'results'> = {
      id,
      siteId: s.staff.siteId,
      kind: 'exam-result',
      examId: s.exam.id,
      courseId: s.exam.courseId,
      staffId: s.staff.id,
      attempt: s.attempt,
      day: before?.kind === 'exam-result' ? before.day : s.day,
      submittedAt: before?.kind === 'exam-result' && before.submittedAt ? before.submittedAt : s.submittedAt,
      answers: [],
      trainerScore: finalScore,
      finalScore,
      passed,
      status: 'final',
      markedBy: author.userId,
    };
    const result = (await upsertDoc(db, 'results', fields, author)) as ResultDoc;
    await reconcileCertificate(db, author, result, s);
    return result;
  });
}

export interface StartAttempt {
  exam: Exam;
  staff: Pick<Staff, 'id' | 'siteId'>;
  attempt: number;
  day: string;
}

/** Opens (or resumes) a trainee's attempt at a question-bank exam. */
export function startAttempt(db: AppDatabase, author: Author, s: StartAttempt): Promise<ResultDoc> {
  const id = examResultId(s.exam.id, s.staff.id, s.attempt);
  return serialized(`results:${id}`, async () => {
    const before = await stored(db, 'results', id);
    if (before?.kind === 'exam-result') {
      if (before.status !== 'in-progress') throw new Error(`Attempt ${s.attempt} is already submitted`);
      return before;
    }
    const fields: NewDoc<'results'> = {
      id,
      siteId: s.staff.siteId,
      kind: 'exam-result',
      examId: s.exam.id,
      courseId: s.exam.courseId,
      staffId: s.staff.id,
      attempt: s.attempt,
      day: s.day,
      answers: [],
      status: 'in-progress',
    };
    return (await upsertDoc(db, 'results', fields, author)) as ResultDoc;
  });
}

async function storedResult(db: AppDatabase, id: string): Promise<ResultDoc> {
  const doc = await stored(db, 'results', id);
  if (!doc || doc.kind !== 'exam-result') throw new Error(`No exam result ${id}`);
  return doc;
}

/** Saves one answer of an attempt in progress (every change is kept at once, so a crash loses nothing). */
export function saveAnswer(db: AppDatabase, author: Author, resultId: string, answer: ExamAnswer): Promise<ResultDoc> {
  return serialized(`results:${resultId}`, async () => {
    const result = await storedResult(db, resultId);
    if (result.status !== 'in-progress') throw new Error('This attempt is already submitted');
    const answers = [...result.answers.filter((a) => a.questionId !== answer.questionId), answer];
    return (await upsertDoc(db, 'results', { ...withoutStamp(result), answers }, author)) as ResultDoc;
  });
}

export interface Scoring extends CertificateContext {
  exam: Exam;
  questions: readonly Question[];
}

/** Submits an attempt: auto-scored now, final at once unless short answers wait for the trainer. */
export function submitAttempt(db: AppDatabase, author: Author, resultId: string, s: Scoring & { submittedAt: string }): Promise<ResultDoc> {
  return serialized(`results:${resultId}`, async () => {
    const result = await storedResult(db, resultId);
    if (result.status !== 'in-progress') return result;
    const scored = scoreAttempt(s.questions, result.answers, s.exam, s.policy);
    const { finalScore: _f, passed: _p, ...rest } = withoutStamp(result);
    const doc = (await upsertDoc(db, 'results', { ...rest, ...scored, submittedAt: s.submittedAt }, author)) as ResultDoc;
    await reconcileCertificate(db, author, doc, s);
    return doc;
  });
}

/** The trainer's points for short answers; the attempt becomes final once every one is marked. */
export function markAttempt(db: AppDatabase, author: Author, resultId: string, points: Readonly<Record<string, number>>, s: Scoring): Promise<ResultDoc> {
  return serialized(`results:${resultId}`, async () => {
    const result = await storedResult(db, resultId);
    if (result.status === 'in-progress') throw new Error('This attempt is still in progress');
    const answers = s.questions.map((q): ExamAnswer => {
      const a = result.answers.find((x) => x.questionId === q.id) ?? { questionId: q.id, selected: [] };
      return q.type === 'short-answer' && points[q.id] !== undefined ? { ...a, trainerPoints: points[q.id] } : a;
    });
    const scored = scoreAttempt(s.questions, answers, s.exam, s.policy);
    const { finalScore: _f, passed: _p, ...rest } = withoutStamp(result);
    const doc = (await upsertDoc(db, 'results', { ...rest, ...scored, markedBy: author.userId }, author)) as ResultDoc;
    await reconcileCertificate(db, author, doc, s);
    return doc;
  });
}

/** Sets or clears whether a post requires a course (the post's own list, in its site document). */
export function setPostRequiresCourse(db: AppDatabase, author: Author, siteId: string, postId: string, courseId: string, required: boolean): Promise<Site> {
  return serialized(`sites:${siteId}`, async () => {
    const site = await stored(db, 'sites', siteId);
    if (!site) throw new Error(`No site ${siteId}`);
    const posts = site.posts.map((p) => {
      if (p.id !== postId) return p;
      const others = p.requiredCourses.filter((c) => c !== courseId);
      return { ...p, requiredCourses: required ? [...others, courseId] : others };
    });
    return upsertDoc(db, 'sites', { ...withoutStamp(site), posts }, author);
  });
}

/** Revokes a certificate (kept, marked revoked, so its history stays). */
export function revokeCertificate(db: AppDatabase, author: Author, certificateId: string): Promise<unknown> {
  return serialized(`results:${certificateId}`, async () => {
    const cert = await stored(db, 'results', certificateId);
    if (!cert || cert.kind !== 'certificate') throw new Error(`No certificate ${certificateId}`);
    return upsertDoc(db, 'results', { ...withoutStamp(cert), revoked: true }, author);
  });
}
