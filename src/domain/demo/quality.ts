import * as Y from 'yjs';
import { addDays, daysBetween } from '../calendar/days';
import { scoreInspection } from '../rules/inspection';
import type { CorrectiveAction, Inspection, InspectionAnswer } from '../schemas/inspection';
import type { InspectionTemplate, TemplateItem } from '../schemas/inspection-template';
import type { RosterSlot } from '../schemas/roster';
import type { Site } from '../schemas/site';
import type { Staff } from '../schemas/staff';
import { COURSE_IDS, topicCourseId } from './catalog';
import type { DemoContext } from './context';
import { USER_IDS, type SitePair } from './org';
import { uuidv7At, type Rng } from './prng';

const MINUTE = 60_000;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? B64[n & 63]! : '=';
  }
  return out;
}

/** A Yjs text as a base64 update, with a fixed client id so the same seed gives the same bytes. */
export function yjsText(text: string, clientId: number, field = 'text'): string {
  // A fixed guid also spares Yjs from drawing a random one.
  const doc = new Y.Doc({ guid: 'note' });
  doc.clientID = clientId;
  doc.getText(field).insert(0, text);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return base64(update);
}

const NOTES = ['窗口人员精神饱满，群众反映良好。', '高峰时段排队较长，建议增开窗口。', '部分资料架未及时补充。', '坐席通话礼貌，业务熟练。', '工单记录较完整。'];

/** One answer per visible item: mostly good, sometimes middling, rarely failed. */
function answerItems(rng: Rng, template: InspectionTemplate, startMs: number, weak: boolean): { answers: InspectionAnswer[]; photos: number } {
  const answers: InspectionAnswer[] = [];
  const choices = new Map<string, string>();
  let photos = 0;
  let t = startMs;
  for (const section of template.sections) {
    const instances = section.repeatable ? rng.int(1, Math.min(3, section.maxRepeats ?? 3)) : 1;
    for (let instance = 0; instance < instances; instance++) {
      for (const item of section.items) {
        if (item.showIf && !item.showIf.anyOf.includes(choices.get(item.showIf.itemId) ?? '')) continue;
        t += rng.int(20, 90) * 1000;
        const answer: InspectionAnswer = { itemId: item.id, instance, photos: [], answeredAt: new Date(t).toISOString(), answeredBy: USER_IDS.inspector };
        const failedChoice = fillChoice(rng, item, answer, weak);
        if (answer.choice !== undefined && instance === 0) choices.set(item.id, answer.choice);
        if (item.type === 'photo' || item.photo === 'always' || (item.photo === 'on-fail' && failedChoice)) {
          answer.photos = [rng.hex(64)];
          photos += 1;
        }
        answers.push(answer);
      }
    }
  }
  return { answers, photos };
}

/** Sets the answer's value; returns whether it is a failing answer. */
function fillChoice(rng: Rng, item: TemplateItem, answer: InspectionAnswer, weak: boolean): boolean {
  const failP = item.critical ? 0.01 : weak ? 0.15 : 0.05;
  switch (item.type) {
    case 'levels': {
      const levels = [...(item.levels ?? [])].sort((a, b) => b.points - a.points);
      const pick = rng.weighted([[0, 1 - failP - 0.15], [1, 0.15], [levels.length - 1, failP]] as const);
      answer.choice = levels[Math.min(pick, levels.length - 1)]!.id;
      return pick === levels.length - 1;
    }
    case 'pass-fail':
      answer.choice = rng.chance(failP) ? 'fail' : 'pass';
      return answer.choice === 'fail';
    case 'yes-no-na':
      answer.choice = rng.weighted([['yes', 0.9 - failP], ['no', failP], ['na', 0.1]] as const);
      return answer.choice === 'no';
    case 'number':
      answer.number = rng.int(item.min ?? 0, item.max ?? 10);
      return false;
    case 'text':
      answer.text = '无异常';
      return false;
    case 'photo':
      return false;
  }
}

interface Plan {
  template: InspectionTemplate;
  site: Site;
  perWeek: number;
  withPerson: boolean;
}

/**
 * Inspections and corrective actions at one hall and hotline centre: the
 * weekly window supervision and floor-discipline checks at the hall, call and
 * work-order quality scoring and discipline checks at the hotline, on people
 * actually rostered that day; failed items raise corrective actions whose
 * status follows their age.
 */
export function demoInspections(
  ctx: DemoContext,
  pair: SitePair,
  templates: readonly InspectionTemplate[],
  slots: readonly RosterSlot[],
): { inspections: Inspection[]; actions: CorrectiveAction[] } {
  const rng = ctx.rng(`inspections-${pair.index}`);
  const inspections: Inspection[] = [];
  const actions: CorrectiveAction[] = [];
  const byKey = new Map(templates.map((t) => [t.templateKey, t]));
  const staffById = new Map<string, Staff>([...pair.hallStaff, ...pair.hotlineStaff].map((s) => [s.id, s]));
  const slotsByDay = new Map<string, RosterSlot[]>();
  for (const s of slots) {
    if (s.status !== 'published') continue;
    const key = `${s.siteId} ${s.day}`;
    const list = slotsByDay.get(key);
    if (list) list.push(s);
    else slotsByDay.set(key, [s]);
  }
  const plans: Plan[] = [
    { key: 'window-supervision', site: pair.hall, perWeek: 1, withPerson: false },
    { key: 'floor-discipline', site: pair.hall, perWeek: 2, withPerson: true },
    { key: 'call-quality', site: pair.hotline, perWeek: 4, withPerson: true },
    { key: 'work-order-quality', site: pair.hotline, perWeek: 2, withPerson: true },
    { key: 'floor-discipline', site: pair.hotline, perWeek: 1, withPerson: true },
  ].flatMap(({ key, ...rest }) => (byKey.has(key) ? [{ template: byKey.get(key)!, ...rest }] : []));
  // Some people are weaker: more of their inspections fail items.
  const weak = new Set([...staffById.keys()].filter(() => rng.chance(0.08)));

  const history = ctx.historyDays();
  for (let w = 0; w * 7 < history.length; w++) {
    const week = history.slice(w * 7, w * 7 + 7);
    for (const plan of plans) {
      for (let k = 0; k < plan.perWeek; k++) {
        const day = rng.pick(week);
        const rostered = slotsByDay.get(`${plan.site.id} ${day}`) ?? [];
        if (rostered.length === 0) continue;
        const subject = plan.withPerson ? rng.pick(rostered) : undefined;
        const startMs = ctx.at(day, '10:00') + rng.int(0, 300) * MINUTE;
        const isWeak = subject !== undefined && weak.has(subject.staffId);
        const { answers } = answerItems(rng, plan.template, startMs, isWeak);
        const lastMs = Date.parse(answers.at(-1)?.answeredAt ?? ctx.iso(startMs));
        const draft = day >= addDays(ctx.today, -2) && rng.chance(0.3);
        const locked = !draft && day < addDays(ctx.today, -7);
        const score = scoreInspection(plan.template.sections, answers, ctx.policy);
        const id = uuidv7At(startMs, rng);
        const inspection: Inspection = {
          id,
          siteId: plan.site.id,
          ...ctx.stamp(locked ? lastMs + 3 * 24 * 60 * MINUTE : lastMs + 5 * MINUTE),
          kind: 'inspection',
          templateId: plan.template.id,
          templateKey: plan.template.templateKey,
          templateVersion: plan.template.version,
          day,
          mode: rng.weighted([['patrol', 5], ['scheduled', 3], ['spot-check', 2], ['mystery-shopper', plan.site.kind === 'hall' ? 1 : 0]] as const),
          inspectorId: USER_IDS.inspector,
          ...(subject ? { postId: subject.postId, staffId: subject.staffId } : {}),
          startedAt: ctx.iso(startMs),
          answers,
          instanceLabels: [],
          photos: rng.chance(0.3) ? [rng.hex(64)] : [],
          signatures: draft
            ? []
            : [
                { role: 'inspector', name: '何建华', media: rng.hex(64), signedAt: ctx.iso(lastMs + 2 * MINUTE) },
                { role: 'site-lead', name: (plan.site.kind === 'hall' ? pair.hallTeamLeader : pair.hotlineTeamLeader)?.name ?? '现场负责人', media: rng.hex(64), signedAt: ctx.iso(lastMs + 4 * MINUTE) },
              ],
          status: draft ? 'draft' : locked ? 'locked' : 'submitted',
        };
        if (rng.chance(0.15)) inspection.notes = yjsText(rng.pick(NOTES), rng.int(1, 2 ** 30));
        if (!draft) {
          inspection.submittedAt = ctx.iso(lastMs + 5 * MINUTE);
          if (locked) inspection.lockedAt = ctx.iso(Math.min(lastMs + 3 * 24 * 60 * MINUTE, ctx.nowMs));
          if (score.score !== null) inspection.score = score.score;
          if (score.grade) inspection.grade = score.grade.grade;
          inspection.sectionScores = score.sections.flatMap((s) => (s.score === null ? [] : [{ sectionId: s.sectionId, score: s.score, vetoed: s.vetoed }]));
          for (const failed of score.failed) {
            if (!rng.chance(0.7)) continue;
            const item = plan.template.sections.flatMap((s) => s.items).find((i) => i.id === failed.itemId)!;
            actions.push(correctiveAction(ctx, rng, inspection, item, failed.instance, subject ? staffById.get(subject.staffId) : undefined, pair));
          }
        }
        inspections.push(inspection);
      }
    }
  }
  return { inspections, actions };
}

function correctiveAction(ctx: DemoContext, rng: Rng, inspection: Inspection, item: TemplateItem, instance: number, person: Staff | undefined, pair: SitePair): CorrectiveAction {
  const dueDay = addDays(inspection.day, ctx.policy.inspection.correctiveActionDueDays);
  const raisedMs = Date.parse(inspection.submittedAt!) + MINUTE;
  const age = daysBetween(inspection.day, ctx.today);
  const status: CorrectiveAction['status'] =
    age > 14
      ? rng.weighted([['closed', 85], ['reopened', 5], ['evidence-submitted', 5], ['open', 5]] as const)
      : age > 5
        ? rng.weighted([['closed', 40], ['evidence-submitted', 25], ['in-progress', 25], ['open', 10]] as const)
        : rng.weighted([['open', 50], ['in-progress', 40], ['evidence-submitted', 10]] as const);
  const leader = inspection.siteId === pair.hall.id ? pair.hallTeamLeader : pair.hotlineTeamLeader;
  const ownerId = person?.id ?? leader?.id ?? USER_IDS.manager;
  const updatedMs = Math.min(raisedMs + Math.max(1, age - 1) * 24 * 60 * MINUTE * 0.5, ctx.nowMs);
  const action: CorrectiveAction = {
    id: uuidv7At(raisedMs, rng),
    siteId: inspection.siteId,
    ...ctx.stamp(updatedMs),
    kind: 'action',
    inspectionId: inspection.id,
    itemId: item.id,
    instance,
    day: inspection.day,
    dueDay,
    title: `整改：${item.label.slice(0, 150)}`,
    ...(person ? { staffId: person.id } : {}),
    ownerId,
    requiredEvidence: item.photo === 'never' ? '整改情况说明' : '整改后现场照片',
    status,
    round: status === 'reopened' ? 1 : 0,
    evidence: status === 'evidence-submitted' || status === 'closed' || status === 'reopened' ? [rng.hex(64)] : [],
  };
  if (status === 'closed') Object.assign(action, { closedAt: ctx.iso(updatedMs), closedBy: USER_IDS.inspector });
  if (rng.chance(0.2)) action.comments = yjsText('请在期限内完成整改并上传照片。', rng.int(1, 2 ** 30));
  if (person && (item.critical || rng.chance(0.2))) {
    action.assignedCourseId = inspection.siteId === pair.hall.id ? topicCourseId('work-discipline') : COURSE_IDS.etiquette;
  }
  return action;
}
