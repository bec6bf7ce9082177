import { addDays } from '../calendar/days';
import { certificateId, examResultId } from '../ids';
import { certificateFor, scoreExam, trainerScoredResult } from '../rules/training';
import { standardisationTopics, type Course, type Question, type QuestionBank } from '../schemas/course';
import type { Site } from '../schemas/site';
import type { Staff } from '../schemas/staff';
import type { Certificate, Exam, ExamAnswer, ExamResult, TrainingSession } from '../schemas/training';
import { BANK_IDS, COURSE_IDS, topicCourseId } from './catalog';
import type { DemoContext } from './context';
import { USER_IDS, type SitePair } from './org';
import type { Rng } from './prng';

const MINUTE = 60_000;

export interface TrainingOutput {
  sessions: TrainingSession[];
  exams: Exam[];
  results: ExamResult[];
  certificates: Certificate[];
}

/** The n-th working day from `day` (the day itself counts if it is one). */
function workingDayFrom(ctx: DemoContext, day: string, n = 0): string {
  let d = day;
  while (!ctx.calendar.isWorkingDay(d)) d = addDays(d, 1);
  return n === 0 ? d : ctx.calendar.addWorkingDays(d, n);
}

/** Answers of one trainee: right with probability `skill`, otherwise a plausible wrong choice. */
function answerQuestions(rng: Rng, questions: readonly Question[], skill: number): ExamAnswer[] {
  return questions.map((q): ExamAnswer => {
    const right = rng.chance(skill);
    switch (q.type) {
      case 'single': {
        const wrong = q.options.filter((o) => o.id !== q.answer[0]);
        return { questionId: q.id, selected: right ? [...q.answer] : [rng.pick(wrong).id] };
      }
      case 'multiple':
        return { questionId: q.id, selected: right ? [...q.answer] : q.answer.slice(0, Math.max(1, q.answer.length - 1)) };
      case 'true-false':
        return { questionId: q.id, selected: [right ? q.answer[0]! : q.answer[0] === 'true' ? 'false' : 'true'] };
      case 'short-answer':
        return { questionId: q.id, selected: [], text: '首位接待人员负责到底，不推诿。', trainerPoints: Math.round(q.points * (right ? rng.int(8, 10) : rng.int(4, 7)) / 10) };
    }
  });
}

class TrainingBuilder {
  readonly out: TrainingOutput = { sessions: [], exams: [], results: [], certificates: [] };
  private certificateNo = 0;

  constructor(
    private readonly ctx: DemoContext,
    private readonly rng: Rng,
    private readonly courses: ReadonlyMap<string, Course>,
    private readonly banks: ReadonlyMap<string, QuestionBank>,
  ) {}

  session(site: Site, id: string, courseId: string, day: string, attendees: readonly Staff[], title?: string): TrainingSession {
    const held = day < this.ctx.today;
    const session: TrainingSession = {
      id,
      siteId: site.id,
      ...this.ctx.stamp(held ? this.ctx.at(day, '17:30') : this.ctx.at(addDays(day, -7), '10:00')),
      kind: 'session',
      courseId,
      ...(title ? { title } : {}),
      trainerId: USER_IDS.trainer,
      day,
      start: '09:00',
      end: site.kind === 'hall' ? '11:30' : '12:00',
      place: site.kind === 'hall' ? '三楼培训室' : '职场培训室',
      attendees: attendees.map((s) => ({
        staffId: s.id,
        status: held ? this.rng.weighted([['present', 90], ['late', 3], ['absent', 2], ['excused', 5]] as const) : 'expected',
      })),
      status: held ? 'held' : 'planned',
    };
    this.out.sessions.push(session);
    return session;
  }

  /** An exam with every attendee's attempts (a retake two working days after a fail) and certificates for passes. */
  exam(site: Site, id: string, courseId: string, day: string, trainees: readonly Staff[], bankId: string | undefined, title: string, sessionId?: string): void {
    const ctx = this.ctx;
    const closed = day < ctx.today;
    const exam: Exam = {
      id,
      siteId: site.id,
      ...ctx.stamp(closed ? ctx.at(day, '17:00') : ctx.at(addDays(day, -7), '10:00')),
      kind: 'exam',
      courseId,
      ...(sessionId ? { sessionId } : {}),
      title,
      day,
      trainerId: USER_IDS.trainer,
      mode: bankId ? 'question-bank' : 'trainer-scored',
      ...(bankId ? { questionBankId: bankId } : {}),
      questionIds: [],
      maxScore: ctx.policy.training.maxScore,
      passMark: ctx.policy.training.passMark,
      attemptLimit: ctx.policy.training.maxAttempts,
      status: closed ? 'closed' : 'open',
    };
    this.out.exams.push(exam);
    const course = this.courses.get(courseId)!;
    const questions = bankId ? this.banks.get(bankId)!.questions : [];
    for (const trainee of trainees) {
      const skill = 0.6 + this.rng.next() * 0.38;
      for (let attempt = 1, attemptDay = day; attempt <= exam.attemptLimit; attempt++) {
        if (attemptDay >= ctx.today) break;
        const submittedMs = ctx.at(attemptDay, '11:00') + this.rng.int(0, 50) * MINUTE;
        const base = {
          id: examResultId(exam.id, trainee.id, attempt),
          siteId: site.id,
          ...ctx.stamp(submittedMs + 120 * MINUTE),
          kind: 'exam-result' as const,
          examId: exam.id,
          courseId,
          staffId: trainee.id,
          attempt,
          day: attemptDay,
          submittedAt: ctx.iso(submittedMs),
          markedBy: USER_IDS.trainer,
        };
        let result: ExamResult;
        if (bankId) {
          const answers = answerQuestions(this.rng, questions, Math.min(0.99, skill + 0.1 * (attempt - 1)));
          const score = scoreExam(questions, answers, exam, ctx.policy);
          const scoredAnswers = answers.map((a) => {
            const q = score.questions.find((s) => s.questionId === a.questionId);
            const question = questions.find((x) => x.id === a.questionId)!;
            return question.type === 'short-answer' || q?.earned === undefined ? a : { ...a, autoPoints: q.earned };
          });
          result = { ...base, answers: scoredAnswers, autoScore: score.autoScore, trainerScore: score.trainerScore, status: score.status, ...(score.finalScore !== undefined ? { finalScore: score.finalScore } : {}), ...(score.passed !== undefined ? { passed: score.passed } : {}) };
        } else {
          const { finalScore, passed } = trainerScoredResult(Math.round(100 * Math.min(1, skill + 0.12 + this.rng.next() * 0.1)), exam);
          result = { ...base, answers: [], trainerScore: finalScore, finalScore, passed, status: 'final' };
        }
        this.out.results.push(result);
        const earned = certificateFor(result, course, ctx.policy);
        if (earned && (courseId === COURSE_IDS.onboarding || courseId === COURSE_IDS.safety)) {
          this.certificate(site, courseId, trainee, earned.issuedOn, earned.expiresOn, result.id, submittedMs + 180 * MINUTE);
        }
        if (result.passed) break;
        attemptDay = workingDayFrom(ctx, attemptDay, 2);
      }
    }
  }

  certificate(site: Site, courseId: string, staff: Staff, issuedOn: string, expiresOn: string | undefined, resultId: string | undefined, atMs: number): void {
    this.certificateNo += 1;
    this.out.certificates.push({
      id: certificateId(courseId, staff.id, issuedOn),
      siteId: site.id,
      ...this.ctx.stamp(atMs),
      kind: 'certificate',
      courseId,
      staffId: staff.id,
      number: `PX${issuedOn.slice(0, 4)}-${site.id.replace('site-', '').toUpperCase()}-${String(this.certificateNo).padStart(5, '0')}`,
      issuedOn,
      ...(expiresOn ? { expiresOn } : {}),
      ...(resultId ? { examResultId: resultId } : {}),
      revoked: false,
    });
  }
}

/**
 * Training at one hall and hotline centre: onboarding certificates of staff
 * hired before the period, onboarding courses (10 working days and an exam) for
 * new hires, a safety course with exam for everyone in the first month, and a
 * monthly topic session (hall: the ten standardisation topics in turn;
 * hotline: business knowledge with a trainer-scored exam).
 */
export function demoTraining(ctx: DemoContext, pair: SitePair, courses: readonly Course[], banks: readonly QuestionBank[]): TrainingOutput {
  const b = new TrainingBuilder(ctx, ctx.rng(`training-${pair.index}`), new Map(courses.map((c) => [c.id, c])), new Map(banks.map((x) => [x.id, x])));
  const sites = [
    { site: pair.hall, staff: pair.hallStaff },
    { site: pair.hotline, staff: pair.hotlineStaff },
  ];
  for (const { site, staff } of sites) {
    const current = staff.filter((s) => s.status !== 'left');
    const veterans = staff.filter((s) => s.hiredOn && s.hiredOn < ctx.periodStart);
    for (const s of veterans) {
      const issued = workingDayFrom(ctx, addDays(s.hiredOn!, 10));
      b.certificate(site, COURSE_IDS.onboarding, s, issued, undefined, undefined, ctx.at(issued, '16:00'));
    }

    // Onboarding for each month's new hires: 10 working days, then the exam.
    const newHires = current.filter((s) => s.hiredOn && s.hiredOn >= ctx.periodStart);
    const byMonth = new Map<string, Staff[]>();
    for (const s of newHires) byMonth.set(s.hiredOn!.slice(0, 7), [...(byMonth.get(s.hiredOn!.slice(0, 7)) ?? []), s]);
    for (const [month, group] of byMonth) {
      const first = workingDayFrom(ctx, group.map((s) => s.hiredOn!).sort()[0]!);
      for (let d = 0; d < 10; d++) {
        b.session(site, `session-${site.id}-onboarding-${month}-${d + 1}`, COURSE_IDS.onboarding, workingDayFrom(ctx, first, d), group, `岗前培训第${d + 1}天`);
      }
      const examDay = workingDayFrom(ctx, first, 9);
      b.exam(site, `exam-${site.id}-onboarding-${month}`, COURSE_IDS.onboarding, examDay, group, BANK_IDS.onboarding, `岗前培训考核（${month}）`);
    }

    // Safety education for everyone on post, early in the period.
    const safetyDay = workingDayFrom(ctx, ctx.periodStart, 2);
    const safetyPeople = current.filter((s) => !s.hiredOn || s.hiredOn <= safetyDay);
    const safety = b.session(site, `session-${site.id}-safety-${safetyDay}`, COURSE_IDS.safety, safetyDay, safetyPeople);
    b.exam(site, `exam-${site.id}-safety-${safetyDay}`, COURSE_IDS.safety, safetyDay, safetyPeople, BANK_IDS.safety, '安全三级教育考试', safety.id);

    // A topic session in the middle of every month.
    for (let m = 0, month = ctx.periodStart.slice(0, 7); month <= ctx.periodEnd.slice(0, 7); m++) {
      const day = workingDayFrom(ctx, `${month}-15`);
      const attendees = current.filter((s) => !s.hiredOn || s.hiredOn <= day);
      if (site.kind === 'hall') {
        const topicIndex = (Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7))) % standardisationTopics.length;
        b.session(site, `session-${site.id}-topic-${month}`, topicCourseId(standardisationTopics[topicIndex]!), day, attendees);
      } else {
        const s = b.session(site, `session-${site.id}-business-${month}`, COURSE_IDS.business, day, attendees, `业务知识月度培训（${month}）`);
        b.exam(site, `exam-${site.id}-business-${month}`, COURSE_IDS.business, day, attendees, undefined, `业务知识月度测验（${month}）`, s.id);
      }
      month = addDays(`${month}-28`, 7).slice(0, 7);
    }
  }
  return b.out;
}

