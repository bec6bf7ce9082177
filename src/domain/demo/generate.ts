import { addMonthsToMonth, monthOf } from '../calendar/days';
import type { CollectionName, DocOf } from '../collections';
import { reviewId } from '../ids';
import type { Policy } from '../policy';
import { seedTemplateDocument, seedTemplates } from '../rules/inspection-templates';
import { inspectionTemplateSchema, type InspectionTemplate } from '../schemas/inspection-template';
import type { PerformanceReview } from '../schemas/review';
import type { Staff } from '../schemas/staff';
import { demoCourses, demoQuestionBanks } from './catalog';
import { DemoContext, type DemoOptions } from './context';
import { demoOrganisation, demoSites, demoUsers, USER_IDS, type DemoUser } from './org';
import { demoInspections } from './quality';
import { demoTraining } from './training';
import { activeOn, approvedLeaveDays, demoAttendance, demoHandovers, demoLeave, demoRosters, demoSwaps } from './work';

export type { DemoOptions } from './context';
export type { DemoUser } from './org';

/** Every collection's documents, plus the demo sign-ins. */
export type DemoOrg = { [C in CollectionName]: DocOf<C>[] } & { users: DemoUser[] };

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Total = provider × 30 % + client × 70 % and the pay band, from the policy (DOMAIN.md "Performance"). */
function totalAndPay(provider: number, client: number, policy: Policy): { total: number; pay: number } {
  const p = policy.performance;
  const total = round1(provider * p.providerWeight + client * p.clientWeight);
  if (p.payMode === 'per-point') return { total, pay: Math.round(total * p.payPerPoint) };
  const band = [...p.payBands].sort((a, b) => b.min - a.min).find((b) => total >= b.min);
  return { total, pay: band?.pay ?? 0 };
}

/**
 * Monthly reviews of every complete month in the period: scored by the
 * provider on the 3rd and the client on the 4th of the next month, locked on
 * the 5th. A few people score low three months running (a warning flag).
 */
function demoReviews(ctx: DemoContext, staff: readonly Staff[]): PerformanceReview[] {
  const rng = ctx.rng('reviews');
  const out: PerformanceReview[] = [];
  const thisMonth = monthOf(ctx.today);
  const months: [string, string][] = [];
  for (let month = monthOf(ctx.periodStart); month < thisMonth; month = addMonthsToMonth(month, 1)) months.push([month, addMonthsToMonth(month, 1)]);
  for (const person of staff) {
    const weak = rng.chance(0.05);
    for (const [month, next] of months) {
      if (!activeOn(person, `${month}-28`)) continue;
      const providerMs = ctx.at(`${next}-03`, '10:00') + rng.int(0, 300) * 60_000;
      const clientMs = ctx.at(`${next}-04`, '10:00') + rng.int(0, 300) * 60_000;
      const lockedMs = ctx.at(`${next}-05`, '17:00');
      if (providerMs > ctx.nowMs) continue;
      const providerScore = weak ? rng.int(62, 79) : rng.int(75, 98);
      const review: PerformanceReview = {
        id: reviewId(person.id, month),
        siteId: person.siteId,
        ...ctx.stamp(providerMs),
        staffId: person.id,
        month,
        providerScore,
        providerScoredBy: USER_IDS.manager,
        providerScoredAt: ctx.iso(providerMs),
        locked: false,
      };
      if (clientMs <= ctx.nowMs) {
        const clientScore = weak ? rng.int(60, 79) : rng.int(72, 99);
        Object.assign(review, { clientScore, clientScoredBy: USER_IDS.client, clientScoredAt: ctx.iso(clientMs), ...ctx.stamp(clientMs) });
        if (lockedMs <= ctx.nowMs) {
          Object.assign(review, totalAndPay(providerScore, clientScore, ctx.policy), { locked: true, lockedAt: ctx.iso(lockedMs), lockedBy: USER_IDS.manager, ...ctx.stamp(lockedMs) });
          if (rng.chance(0.7)) review.confirmedAt = ctx.iso(Math.min(lockedMs + rng.int(1, 72) * 3_600_000, ctx.nowMs));
        }
      }
      out.push(review);
    }
  }
  return out;
}

/**
 * A realistic demo organisation, deterministic for a seed: a 市民中心 service
 * hall and a 12345 hotline centre per ~60 staff, with rosters, attendance,
 * leave, training, inspections and performance reviews over `months` months
 * up to `today`. Every document passes `validateDocument`; ids of sites
 * are `site-hall-N` and `site-hotline-N`.
 */
export function generateDemoOrg(options: DemoOptions): DemoOrg {
  const ctx = new DemoContext(options);
  const catalogStamp = ctx.stamp(ctx.at(ctx.periodStart, '09:00'));
  const courses = demoCourses(catalogStamp);
  const banks = demoQuestionBanks(catalogStamp);
  const templates: InspectionTemplate[] = seedTemplates.map((t) => inspectionTemplateSchema.parse(seedTemplateDocument(t, catalogStamp)));
  const pairs = demoSites(ctx);
  const staff = pairs.flatMap((p) => [...p.hallStaff, ...p.hotlineStaff]);
  const leave = demoLeave(ctx, staff);
  const onLeave = approvedLeaveDays(leave);

  const org: DemoOrg = {
    users: demoUsers(pairs),
    sites: pairs.flatMap((p) => [p.hall, p.hotline]),
    catalog: [demoOrganisation(ctx), ...courses, ...banks, ...templates],
    staff,
    rosters: [],
    attendance: [],
    leave,
    training: [],
    results: [],
    inspections: [],
    reviews: demoReviews(ctx, staff),
  };
  for (const pair of pairs) {
    const slots = demoRosters(ctx, pair, onLeave);
    org.rosters.push(...slots, ...demoSwaps(ctx, slots, pair), ...demoHandovers(ctx, slots, pair));
    for (const e of demoAttendance(ctx, slots, pair)) org.attendance.push(e);
    const training = demoTraining(ctx, pair, courses, banks);
    org.training.push(...training.sessions, ...training.exams);
    org.results.push(...training.results, ...training.certificates);
    const quality = demoInspections(ctx, pair, templates, slots);
    org.inspections.push(...quality.inspections, ...quality.actions);
  }
  return org;
}
