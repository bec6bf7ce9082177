import { z } from 'zod';
import { certificateId, examResultId } from '../ids';
import { defaultPolicy } from '../policy';
import { clockTimeSchema, daySchema, docBase, idSchema, instantSchema, nameSchema, textSchema } from './common';

export const sessionAttendeeSchema = z
  .object({
    staffId: idSchema,
    /** expected until the trainer takes the register. */
    status: z.enum(['expected', 'present', 'late', 'absent', 'excused']).default('expected'),
  })
  .strict();

/** A training session: trainer, time, place and attendance list (training days count for the on-time rate). */
export const trainingSessionSchema = z
  .object({
    ...docBase,
    kind: z.literal('session'),
    courseId: idSchema,
    title: nameSchema.optional(),
    trainerId: idSchema,
    day: daySchema,
    start: clockTimeSchema,
    end: clockTimeSchema,
    place: z.string().max(200).optional(),
    attendees: z.array(sessionAttendeeSchema).max(500).default([]),
    status: z.enum(['planned', 'held', 'cancelled']),
    note: textSchema.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.end <= s.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'A session ends after it starts' });
    const ids = s.attendees.map((a) => a.staffId);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['attendees'], message: 'A person is listed twice' });
  });

/** An exam: scored by the trainer from a grid, or taken on the tablet from a question bank. */
export const examSchema = z
  .object({
    ...docBase,
    kind: z.literal('exam'),
    courseId: idSchema,
    sessionId: idSchema.optional(),
    title: nameSchema,
    day: daySchema,
    trainerId: idSchema,
    mode: z.enum(['trainer-scored', 'question-bank']),
    questionBankId: idSchema.optional(),
    /** The questions asked; empty means the whole bank. */
    questionIds: z.array(z.string().min(1).max(50)).max(500).default([]),
    maxScore: z.number().positive().max(1000).default(defaultPolicy.training.maxScore),
    passMark: z.number().min(0).max(1000).default(defaultPolicy.training.passMark),
    attemptLimit: z.number().int().min(1).max(20).default(defaultPolicy.training.maxAttempts),
    status: z.enum(['open', 'closed']),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.mode === 'question-bank' && !e.questionBankId) {
      ctx.addIssue({ code: 'custom', path: ['questionBankId'], message: 'A question-bank exam names its question bank' });
    }
    if (e.passMark > e.maxScore) ctx.addIssue({ code: 'custom', path: ['passMark'], message: 'passMark is above maxScore' });
  });

/** A trainee's answer to one question; points are set by auto-scoring or, for short answers, by the trainer. */
export const examAnswerSchema = z
  .object({
    questionId: z.string().min(1).max(50),
    /** Chosen option ids, or ['true'] / ['false']. */
    selected: z.array(z.string().min(1).max(20)).max(10).default([]),
    text: textSchema.optional(),
    autoPoints: z.number().min(0).max(100).optional(),
    trainerPoints: z.number().min(0).max(100).optional(),
  })
  .strict();

/**
 * One attempt of one trainee at one exam; its id is `examResultId(examId, staffId, attempt)`
 * so an attempt exists once however many tablets record it.
 */
export const examResultSchema = z
  .object({
    ...docBase,
    kind: z.literal('exam-result'),
    examId: idSchema,
    courseId: idSchema,
    /** The trainee. */
    staffId: idSchema,
    attempt: z.number().int().min(1).max(20),
    day: daySchema,
    submittedAt: instantSchema.optional(),
    answers: z.array(examAnswerSchema).max(500).default([]),
    /** Sum of auto-scored points (question-bank exams). */
    autoScore: z.number().min(0).max(1000).optional(),
    /** The trainer's score (trainer-scored exams) or marks for short answers. */
    trainerScore: z.number().min(0).max(1000).optional(),
    finalScore: z.number().min(0).max(1000).optional(),
    passed: z.boolean().optional(),
    /** pending-marking: short answers await the trainer. */
    status: z.enum(['in-progress', 'pending-marking', 'final']),
    markedBy: idSchema.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const expected = examResultId(r.examId, r.staffId, r.attempt);
    if (r.id !== expected) ctx.addIssue({ code: 'custom', path: ['id'], message: `id must be ${expected} (examResultId of exam, trainee, attempt)` });
    if (r.status === 'final' && (r.finalScore === undefined || r.passed === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['finalScore'], message: 'A final result has finalScore and passed' });
    }
  });

/** A certificate issued on passing (or recorded from an external course); expiry per course or policy. */
export const certificateSchema = z
  .object({
    ...docBase,
    kind: z.literal('certificate'),
    courseId: idSchema,
    staffId: idSchema,
    number: z.string().min(1).max(100),
    issuedOn: daySchema,
    /** Absent: never expires. */
    expiresOn: daySchema.optional(),
    examResultId: idSchema.optional(),
    revoked: z.boolean().default(false),
  })
  .strict()
  .superRefine((c, ctx) => {
    const expected = certificateId(c.courseId, c.staffId, c.issuedOn);
    if (c.id !== expected) ctx.addIssue({ code: 'custom', path: ['id'], message: `id must be ${expected} (certificateId of course, person, issue day)` });
    if (c.expiresOn && c.expiresOn <= c.issuedOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'expiresOn is not after issuedOn' });
  });

export type SessionAttendee = z.infer<typeof sessionAttendeeSchema>;
export type TrainingSession = z.infer<typeof trainingSessionSchema>;
export type Exam = z.infer<typeof examSchema>;
export type ExamAnswer = z.infer<typeof examAnswerSchema>;
export type ExamResult = z.infer<typeof examResultSchema>;
export type Certificate = z.infer<typeof certificateSchema>;
