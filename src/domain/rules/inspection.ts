import type { Policy } from '../policy';
import type { InspectionAnswer } from '../schemas/inspection';
import type { TemplateItem, TemplateSection } from '../schemas/inspection-template';

/**
 * Inspection scoring (DOMAIN.md "Inspections"): items earn points by level or
 * pass/fail, not-applicable items leave the section (which is re-normalised),
 * a failed critical (veto) item zeroes its section or the whole inspection,
 * sections (dimensions) weigh into a 0–100 total, and the total gets a grade.
 */

export type ItemLike = Pick<TemplateItem, 'id' | 'type' | 'weight' | 'levels' | 'critical' | 'vetoScope'> &
  Partial<Pick<TemplateItem, 'showIf'>>;
export type SectionLike = Pick<TemplateSection, 'id' | 'weight'> & Partial<Pick<TemplateSection, 'repeatable'>> & { items: readonly ItemLike[] };
export type AnswerLike = Pick<InspectionAnswer, 'itemId' | 'choice'> & Partial<Pick<InspectionAnswer, 'instance'>>;

export interface SectionScore {
  sectionId: string;
  /** The section's own score, 0–100; null when nothing in it applies. */
  score: number | null;
  /** Points it contributes to the total before re-normalisation (score × weight / 100). */
  points: number;
  vetoed: boolean;
  instances: number;
}

export interface FailedItem {
  sectionId: string;
  itemId: string;
  instance: number;
  critical: boolean;
}

export interface InspectionScore {
  /** 0–100; null when no scored item applies. */
  score: number | null;
  grade: { grade: string; label: string } | null;
  vetoed: boolean;
  sections: SectionScore[];
  /** Failed items: candidates for corrective actions. */
  failed: FailedItem[];
  /** Scored, visible items without an answer (they earn 0). */
  unanswered: { itemId: string; instance: number }[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

type Outcome = { kind: 'na' } | { kind: 'hidden' } | { kind: 'unscored' } | { kind: 'unanswered' } | { kind: 'scored'; earned: number; failed: boolean };

/** What an answer means for an item: points earned and whether it counts as failed (fail, no, or the lowest level). */
export function itemOutcome(item: ItemLike, choice: string | undefined): Outcome {
  if (item.type === 'number' || item.type === 'text' || item.type === 'photo') return { kind: 'unscored' };
  if (choice === undefined) return { kind: 'unanswered' };
  if (choice === 'na') return { kind: 'na' };
  if (item.type === 'levels') {
    const levels = item.levels ?? [];
    const level = levels.find((l) => l.id === choice);
    if (!level) return { kind: 'unanswered' };
    const lowest = Math.min(...levels.map((l) => l.points));
    return { kind: 'scored', earned: level.points, failed: level.points === lowest };
  }
  const pass = choice === 'pass' || choice === 'yes';
  const fail = choice === 'fail' || choice === 'no';
  if (!pass && !fail) return { kind: 'unanswered' };
  return { kind: 'scored', earned: pass ? item.weight : 0, failed: fail };
}

/** The best grade band whose lower bound the score reaches. */
export function gradeFor(score: number, policy: Policy): { grade: string; label: string } | null {
  const band = [...policy.inspection.gradeBands].sort((a, b) => b.min - a.min).find((b) => score >= b.min);
  return band ? { grade: band.grade, label: band.label } : null;
}

/** Scores an inspection's answers against its template version's sections. */
export function scoreInspection(sections: readonly SectionLike[], answers: readonly AnswerLike[], policy: Policy): InspectionScore {
  const answerOf = new Map(answers.map((a) => [`${a.itemId}#${a.instance ?? 0}`, a.choice]));
  const sectionOfItem = new Map(sections.flatMap((s) => s.items.map((i) => [i.id, s.id] as const)));
  const failed: FailedItem[] = [];
  const unanswered: { itemId: string; instance: number }[] = [];
  let vetoAll = false;

  const sectionScores = sections.map((section): SectionScore => {
    const ids = new Set(section.items.map((i) => i.id));
    const seen = answers.filter((a) => ids.has(a.itemId)).map((a) => a.instance ?? 0);
    const instances = section.repeatable ? [...new Set([0, ...seen])].sort((a, b) => a - b) : [0];
    const ratios: number[] = [];
    let vetoed = false;
    for (const instance of instances) {
      let earned = 0;
      let possible = 0;
      let vetoSection = false;
      for (const item of section.items) {
        if (item.showIf) {
          // A condition on an item of this section looks at the same instance; elsewhere at instance 0.
          const at = sectionOfItem.get(item.showIf.itemId) === section.id ? instance : 0;
          const shown = answerOf.get(`${item.showIf.itemId}#${at}`);
          if (shown === undefined || !item.showIf.anyOf.includes(shown)) continue;
        }
        const o = itemOutcome(item, answerOf.get(`${item.id}#${instance}`));
        if (o.kind === 'unanswered') {
          unanswered.push({ itemId: item.id, instance });
          possible += item.weight;
          continue;
        }
        if (o.kind !== 'scored') continue;
        earned += o.earned;
        possible += item.weight;
        if (!o.failed) continue;
        failed.push({ sectionId: section.id, itemId: item.id, instance, critical: item.critical });
        if (item.critical && item.vetoScope === 'inspection') vetoAll = true;
        if (item.critical && item.vetoScope === 'section') vetoSection = true;
      }
      if (vetoSection) {
        vetoed = true;
        ratios.push(0);
      } else if (possible > 0) ratios.push(earned / possible);
    }
    if (ratios.length === 0) return { sectionId: section.id, score: null, points: 0, vetoed, instances: instances.length };
    const ratio = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    return { sectionId: section.id, score: round2(ratio * 100), points: round2(ratio * section.weight), vetoed, instances: instances.length };
  });

  const applicable = sections.filter((_, i) => sectionScores[i]!.score !== null);
  const weight = applicable.reduce((n, s) => n + s.weight, 0);
  const points = sectionScores.reduce((n, s) => n + (s.score === null ? 0 : (s.score / 100) * sections.find((x) => x.id === s.sectionId)!.weight), 0);
  let score: number | null = weight > 0 ? round2((points / weight) * 100) : null;
  if (vetoAll) score = 0;
  return {
    score,
    grade: score === null ? null : gradeFor(score, policy),
    vetoed: vetoAll,
    sections: sectionScores,
    failed,
    unanswered,
  };
}
