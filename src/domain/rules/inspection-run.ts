import { addDays } from '../calendar/days';
import type { Policy } from '../policy';
import type { CorrectiveAction, Inspection, InspectionAnswer, Signature } from '../schemas/inspection';
import type { TemplateItem, TemplateSection } from '../schemas/inspection-template';
import { itemOutcome, scoreInspection, type InspectionScore } from './inspection';

/**
 * Running an inspection (DOMAIN.md "Inspections"): which items show, how an
 * answer is recorded (per item and instance, with its own timestamp so two
 * devices merge per item), what stops a submission, the submitted state with
 * its score, and the defaults of a corrective action raised from a failed item.
 * Scoring itself is `scoreInspection` (inspection.ts).
 */

type Answers = readonly InspectionAnswer[];
type SectionsLike = readonly Pick<TemplateSection, 'id' | 'items' | 'repeatable' | 'maxRepeats' | 'weight'>[];

export const answerKey = (itemId: string, instance: number): string => `${itemId}#${instance}`;

export function findAnswer(answers: Answers, itemId: string, instance: number): InspectionAnswer | undefined {
  return answers.find((a) => a.itemId === itemId && (a.instance ?? 0) === instance);
}

/** The instances of a section this inspection has: 0, and any answered or labelled (repeated sections only). */
export function sectionInstances(
  section: Pick<TemplateSection, 'id' | 'items' | 'repeatable'>,
  inspection: Pick<Inspection, 'answers' | 'instanceLabels'>,
): number[] {
  if (!section.repeatable) return [0];
  const ids = new Set(section.items.map((i) => i.id));
  const seen = inspection.answers.filter((a) => ids.has(a.itemId)).map((a) => a.instance ?? 0);
  const labelled = inspection.instanceLabels.filter((l) => l.sectionId === section.id).map((l) => l.instance);
  return [...new Set([0, ...seen, ...labelled])].sort((a, b) => a - b);
}

/** The next free instance number of a repeated section, or null when `maxRepeats` is reached. */
export function nextInstance(
  section: Pick<TemplateSection, 'id' | 'items' | 'repeatable' | 'maxRepeats'>,
  inspection: Pick<Inspection, 'answers' | 'instanceLabels'>,
): number | null {
  if (!section.repeatable) return null;
  const instances = sectionInstances(section, inspection);
  if (instances.length >= (section.maxRepeats ?? 100)) return null;
  return Math.max(...instances) + 1;
}

/**
 * Whether an item shows (its `showIf` condition holds). A condition on an item
 * of the same section looks at the same instance, elsewhere at instance 0: the
 * rule `scoreInspection` scores by.
 */
export function isItemShown(sections: SectionsLike, sectionId: string, item: Pick<TemplateItem, 'showIf'>, instance: number, answers: Answers): boolean {
  if (!item.showIf) return true;
  const { itemId, anyOf } = item.showIf;
  const sameSection = sections.find((s) => s.id === sectionId)?.items.some((i) => i.id === itemId) ?? false;
  const choice = findAnswer(answers, itemId, sameSection ? instance : 0)?.choice;
  return choice !== undefined && anyOf.includes(choice);
}

/** What an inspector changes on one item; `null` clears a value. */
export interface AnswerPatch {
  choice?: string | null;
  number?: number | null;
  text?: string | null;
  photos?: readonly string[];
}

/**
 * Records an answer: the item's answer (of that instance) is replaced by one
 * stamped with `at` and `by`, other answers untouched. The per-item stamp is
 * what a concurrent merge compares (the later answer wins per item).
 */
export function applyAnswer(answers: Answers, itemId: string, instance: number, patch: AnswerPatch, at: string, by: string): InspectionAnswer[] {
  const previous = findAnswer(answers, itemId, instance);
  const next: InspectionAnswer = { ...(previous ?? { itemId, instance, photos: [] }), itemId, instance, answeredAt: at, answeredBy: by };
  for (const field of ['choice', 'number', 'text'] as const) {
    const value = patch[field];
    if (value === null) delete next[field];
    else if (value !== undefined) (next as Record<string, unknown>)[field] = value;
  }
  if (patch.photos) next.photos = [...new Set(patch.photos)];
  const out = answers.filter((a) => a !== previous);
  out.push(next);
  return out;
}

/** Whether an item's answer holds a value of its kind (a photo item: at least one photo). */
export function hasValue(item: Pick<TemplateItem, 'type'>, answer: InspectionAnswer | undefined): boolean {
  if (!answer) return false;
  switch (item.type) {
    case 'number':
      return answer.number !== undefined;
    case 'text':
      return (answer.text ?? '').trim() !== '';
    case 'photo':
      return answer.photos.length > 0;
    default:
      return answer.choice !== undefined;
  }
}

/** Whether the item's answer counts as failed (fail, no, or the lowest level). */
export function isFailed(item: TemplateItem, answer: InspectionAnswer | undefined): boolean {
  const outcome = itemOutcome(item, answer?.choice);
  return outcome.kind === 'scored' && outcome.failed;
}

/** Whether the item needs a photo with its current answer. */
export function needsPhoto(item: TemplateItem, answer: InspectionAnswer | undefined): boolean {
  return item.type === 'photo' || item.photo === 'always' || (item.photo === 'on-fail' && isFailed(item, answer));
}

export type SubmissionProblem =
  | { kind: 'unanswered' | 'photo-required' | 'out-of-range'; sectionId: string; itemId: string; instance: number }
  | { kind: 'signature-missing'; role: Signature['role'] };

/** Signatures an inspection needs before it is submitted: the inspector's and the site lead's. */
export const REQUIRED_SIGNATURES: readonly Signature['role'][] = ['inspector', 'site-lead'];

/** Everything that stops a submission; empty when the inspection may be submitted. */
export function submissionProblems(
  sections: readonly TemplateSection[],
  inspection: Pick<Inspection, 'answers' | 'instanceLabels' | 'signatures'>,
): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  for (const section of sections) {
    for (const instance of sectionInstances(section, inspection)) {
      for (const item of section.items) {
        if (!isItemShown(sections, section.id, item, instance, inspection.answers)) continue;
        const answer = findAnswer(inspection.answers, item.id, instance);
        const at = { sectionId: section.id, itemId: item.id, instance };
        if (item.type !== 'photo' && item.required && !hasValue(item, answer)) problems.push({ kind: 'unanswered', ...at });
        const photoMissing = needsPhoto(item, answer) && (answer?.photos.length ?? 0) === 0;
        // A photo item is its own answer; other items need their photo once answered.
        if (photoMissing && (item.type === 'photo' ? item.required : hasValue(item, answer))) problems.push({ kind: 'photo-required', ...at });
        const n = answer?.number;
        if (item.type === 'number' && n !== undefined && ((item.min !== undefined && n < item.min) || (item.max !== undefined && n > item.max))) {
          problems.push({ kind: 'out-of-range', ...at });
        }
      }
    }
  }
  for (const role of REQUIRED_SIGNATURES) {
    if (!inspection.signatures.some((s) => s.role === role)) problems.push({ kind: 'signature-missing', role });
  }
  return problems;
}

/** Adds a signature, replacing an earlier one of the same role. */
export function withSignature(signatures: readonly Signature[], signature: Signature): Signature[] {
  return [...signatures.filter((s) => s.role !== signature.role), signature];
}

/** The stored result fields of a score (as the demo data and reports read them). */
export function scoreFields(score: InspectionScore): Pick<Inspection, 'score' | 'grade' | 'sectionScores'> {
  return {
    ...(score.score === null ? {} : { score: score.score }),
    ...(score.grade ? { grade: score.grade.grade } : {}),
    sectionScores: score.sections.flatMap((s) => (s.score === null ? [] : [{ sectionId: s.sectionId, score: s.score, vetoed: s.vetoed }])),
  };
}

/**
 * The submitted inspection: status forward to 'submitted', the time, and the
 * score of the version it was started on. Throws if it was already submitted
 * (status only moves forward) or is not ready.
 */
export function submitInspection<I extends Inspection>(inspection: I, sections: readonly TemplateSection[], policy: Policy, at: string): I {
  if (inspection.status !== 'draft') throw new Error(`The inspection is already ${inspection.status}`);
  const problems = submissionProblems(sections, inspection);
  if (problems.length) throw new Error(`The inspection is not ready: ${problems.map((p) => p.kind).join(', ')}`);
  const { score, grade, sectionScores, ...rest } = inspection;
  void score;
  void grade;
  void sectionScores;
  return { ...rest, status: 'submitted', submittedAt: at, ...scoreFields(scoreInspection(sections, inspection.answers, policy)) } as I;
}

/** Locks a submitted inspection (archived: no further change). */
export function lockInspection<I extends Inspection>(inspection: I, at: string): I {
  if (inspection.status !== 'submitted') throw new Error(`Only a submitted inspection can be locked (it is ${inspection.status})`);
  return { ...inspection, status: 'locked', lockedAt: at };
}

/** The defaults of a corrective action raised from a failed item: due after the policy's days, evidence by the item's photo rule. */
export function actionDefaults(
  inspection: Pick<Inspection, 'day' | 'staffId'>,
  item: Pick<TemplateItem, 'label' | 'photo' | 'type'>,
  policy: Policy,
): Pick<CorrectiveAction, 'day' | 'dueDay' | 'title' | 'requiredEvidence'> & { staffId?: string } {
  return {
    day: inspection.day,
    dueDay: addDays(inspection.day, policy.inspection.correctiveActionDueDays),
    title: `整改：${item.label}`.slice(0, 200),
    requiredEvidence: item.photo === 'never' && item.type !== 'photo' ? '整改情况说明及照片' : '整改后现场照片',
    ...(inspection.staffId ? { staffId: inspection.staffId } : {}),
  };
}

/** Failed items of an inspection that have no corrective action yet. */
export function findingsWithoutAction(
  failed: InspectionScore['failed'],
  actions: readonly Pick<CorrectiveAction, 'itemId' | 'instance'>[],
): InspectionScore['failed'] {
  const raised = new Set(actions.map((a) => answerKey(a.itemId, a.instance ?? 0)));
  return failed.filter((f) => !raised.has(answerKey(f.itemId, f.instance)));
}
