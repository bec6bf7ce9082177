import { z } from 'zod';
import { courseKindSchema } from '../policy';
import { docBase, idSchema, nameSchema, textSchema } from './common';
import { postKindSchema } from './site';

/** The ten standardisation topics for service halls (DOMAIN.md "Training and exams"). */
export const standardisationTopics = [
  'service-environment', // 服务环境
  'appearance', // 仪容仪表
  'business-norms', // 业务规范
  'service-attitude', // 服务态度
  'service-efficiency', // 服务效率
  'work-discipline', // 工作纪律
  'communication', // 沟通技巧
  'complaint-handling', // 投诉应对
  'public-opinion', // 舆论引导
  'positive-mindset', // 阳光心态
] as const;
export const standardisationTopicSchema = z.enum(standardisationTopics);

/** A course (catalog collection). */
export const courseSchema = z
  .object({
    ...docBase,
    kind: z.literal('course'),
    name: nameSchema,
    /** 岗前培训, 安全三级教育, 业务知识, 服务礼仪, 系统操作, or a standardisation topic. */
    category: courseKindSchema,
    topic: standardisationTopicSchema.optional(),
    description: textSchema.optional(),
    /** Staff on posts of these kinds must have passed it (sites can add more per post). */
    requiredForPostKinds: z.array(postKindSchema).max(3).default([]),
    /** Overrides the policy's validity for this course's category; null = never expires. */
    certificateValidityMonths: z.number().int().min(1).max(600).nullable().optional(),
    /** Planned length, e.g. at least 10 days of onboarding for agents. */
    durationDays: z.number().int().min(1).max(365).optional(),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.category === 'standardisation') !== (c.topic !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['topic'], message: 'topic is required for standardisation courses and only for them' });
    }
  });

export const questionTypeSchema = z.enum(['single', 'multiple', 'true-false', 'short-answer']);

export const questionOptionSchema = z
  .object({
    id: z.string().min(1).max(20),
    text: z.string().min(1).max(500),
  })
  .strict();

/**
 * A question. `answer` holds the right option ids (single: exactly one; multiple:
 * one or more), 'true' or 'false' for true/false, and nothing for short answers,
 * which the trainer marks.
 */
export const questionSchema = z
  .object({
    id: z.string().min(1).max(50),
    type: questionTypeSchema,
    prompt: z.string().min(1).max(2000),
    options: z.array(questionOptionSchema).max(10).default([]),
    answer: z.array(z.string().min(1).max(20)).max(10).default([]),
    points: z.number().min(0).max(100).default(1),
    /** Model answer or marking guide for the trainer; explanation shown after the exam. */
    explanation: textSchema.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const optionIds = new Set(q.options.map((o) => o.id));
    const issue = (message: string, path: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (optionIds.size !== q.options.length) issue('option ids must be unique', 'options');
    switch (q.type) {
      case 'single':
      case 'multiple':
        if (q.options.length < 2) issue(`a ${q.type} choice question needs at least two options`, 'options');
        if (q.type === 'single' ? q.answer.length !== 1 : q.answer.length < 1) {
          issue(q.type === 'single' ? 'a single choice question has exactly one right option' : 'a multiple choice question has at least one right option', 'answer');
        }
        if (q.answer.some((a) => !optionIds.has(a))) issue('answer refers to an option that does not exist', 'answer');
        if (new Set(q.answer).size !== q.answer.length) issue('answer lists an option twice', 'answer');
        break;
      case 'true-false':
        if (q.options.length > 0) issue('a true/false question has no options', 'options');
        if (q.answer.length !== 1 || !['true', 'false'].includes(q.answer[0]!)) issue("a true/false answer is ['true'] or ['false']", 'answer');
        break;
      case 'short-answer':
        if (q.options.length > 0 || q.answer.length > 0) issue('a short answer question has no options and no answer key (the trainer marks it)', 'answer');
        break;
    }
  });

/** A question bank (catalog collection). */
export const questionBankSchema = z
  .object({
    ...docBase,
    kind: z.literal('question-bank'),
    name: nameSchema,
    courseId: idSchema.optional(),
    questions: z.array(questionSchema).min(1).max(1000),
  })
  .strict()
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `Duplicate question id ${q.id}` });
      seen.add(q.id);
    });
  });

export type Course = z.infer<typeof courseSchema>;
export type Question = z.infer<typeof questionSchema>;
export type QuestionBank = z.infer<typeof questionBankSchema>;
