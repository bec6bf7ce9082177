/**
 * Benchmark: classify one month of attendance for 2,000 staff (every day of
 * every person, monthly figures per person and per site) with the domain
 * rules. Input comes from the seeded demo generator; only classification is
 * timed. Run: npx tsx bench/domain-classify.ts
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shiftInstants } from '../src/domain/calendar/time-zone';
import { WorkingCalendar } from '../src/domain/calendar/working-days';
import { generateDemoOrg } from '../src/domain/demo';
import { defaultPolicy } from '../src/domain/policy';
import {
  classifyMonth,
  siteMonthlyFigures,
  type AttendanceEventLike,
  type MonthlyFigures,
  type RateBasis,
  type RosteredShift,
} from '../src/domain/rules/attendance';
import type { LeaveSpan } from '../src/domain/rules/leave';

const STAFF = 2000;
const RUNS = 7;
const MONTH = '2025-03';
const TODAY = '2025-04-15';
const TARGET_MS = 1000;

interface PersonInput {
  staffId: string;
  siteId: string;
  shifts: RosteredShift[];
  events: AttendanceEventLike[];
  leave: LeaveSpan[];
  trainingDays: string[];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function prepare() {
  const t0 = performance.now();
  const org = generateDemoOrg({ seed: 20250415, today: TODAY, staffCount: STAFF, months: 2 });
  const generateMs = performance.now() - t0;

  const sites = new Map(org.sites.map((s) => [s.id, s]));
  const calendars = new Map(org.sites.map((s) => [s.id, new WorkingCalendar(s.calendarOverrides ?? [], s.timeZone)]));
  const shifts = new Map<string, RosteredShift[]>();
  for (const doc of org.rosters) {
    if (doc.kind !== 'slot' || doc.status !== 'published' || !doc.day.startsWith(MONTH)) continue;
    const site = sites.get(doc.siteId)!;
    const template = site.shiftTemplates.find((t) => t.id === doc.shiftId)!;
    push(shifts, doc.staffId, { id: doc.id, day: doc.day, postId: doc.postId, ...shiftInstants(doc.day, template.start, template.end, site.timeZone) });
  }
  const events = new Map<string, AttendanceEventLike[]>();
  for (const e of org.attendance) push(events, e.staffId, e);
  const leave = new Map<string, LeaveSpan[]>();
  for (const l of org.leave) {
    push(leave, l.staffId, { id: l.id, type: l.effectiveType ?? l.type, from: l.startDay, to: l.endDay, approved: l.status === 'approved' });
  }
  const training = new Map<string, string[]>();
  for (const doc of org.training) {
    if (doc.kind !== 'session' || doc.status !== 'held' || !doc.day.startsWith(MONTH)) continue;
    for (const a of doc.attendees) if (a.status === 'present' || a.status === 'late') push(training, a.staffId, doc.day);
  }
  const people: PersonInput[] = org.staff.map((s) => ({
    staffId: s.id,
    siteId: s.siteId,
    shifts: shifts.get(s.id) ?? [],
    events: events.get(s.id) ?? [],
    leave: leave.get(s.id) ?? [],
    trainingDays: training.get(s.id) ?? [],
  }));
  return { people, calendars, generateMs, eventCount: org.attendance.length };
}

function classifyAll(people: readonly PersonInput[], calendars: Map<string, WorkingCalendar>, basis: RateBasis = 'working-days') {
  const bySite = new Map<string, MonthlyFigures[]>();
  let days = 0;
  for (const p of people) {
    const cal = calendars.get(p.siteId)!;
    const r = classifyMonth(MONTH, p.shifts, p.events, { leave: p.leave, trainingDays: p.trainingDays }, (d) => cal.isWorkingDay(d), defaultPolicy, basis);
    days += r.days.length;
    push(bySite, p.siteId, r.figures);
  }
  const sites = [...bySite].map(([siteId, figures]) => ({ siteId, ...siteMonthlyFigures(figures) }));
  return { days, sites };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const { people, calendars, generateMs, eventCount } = prepare();
const shiftCount = people.reduce((n, p) => n + p.shifts.length, 0);
classifyAll(people, calendars); // warm-up (JIT)
const times: number[] = [];
let last: ReturnType<typeof classifyAll> | undefined;
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  last = classifyAll(people, calendars);
  times.push(performance.now() - t);
}
const med = median(times);
const firstSite = last!.sites[0]!;
const rosteredBasis = classifyAll(people, calendars, 'rostered-days').sites[0]!;
const pct = (r: number | null) => (r === null ? 'n/a' : `${(r * 100).toFixed(1)} %`);
const cpu = os.cpus()[0]?.model ?? 'unknown';
const summary = [
  `staff ${people.length}, shifts ${shiftCount}, events ${eventCount} (all months generated), days classified ${last!.days}, sites ${last!.sites.length}`,
  `median of ${RUNS} runs: ${med.toFixed(1)} ms (runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms); target < ${TARGET_MS} ms: ${med < TARGET_MS ? 'met' : 'MISSED'}`,
  `example site ${firstSite.siteId}: 出勤率 ${pct(firstSite.attendanceRate)}, 准时出勤率 ${pct(firstSite.onTimeRate)} (per working day; per rostered day ${pct(rosteredBasis.attendanceRate)} and ${pct(rosteredBasis.onTimeRate)}), late ${firstSite.lateCount}, early ${firstSite.earlyCount}, 旷工 ${firstSite.absenceHalfDays} half-days`,
  `load average while running: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (other work on the machine shows up as spread between runs)`,
];
console.log(summary.join('\n'));

const here = dirname(fileURLToPath(import.meta.url));
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results', 'domain-classify.md'),
  `# Bench: classify a month of attendance for ${STAFF} staff

Command: \`npx tsx bench/domain-classify.ts\`

What is timed: \`classifyMonth\` (every day of ${MONTH} for every person: punches resolved and attached to
shifts, days classified, monthly figures) plus \`siteMonthlyFigures\` per site, with the default policy and
each site's working calendar. Input is prepared once, untimed, from \`generateDemoOrg({ seed: 20250415,
today: '${TODAY}', staffCount: ${STAFF}, months: 2 })\` (generation took ${(generateMs / 1000).toFixed(1)} s). One warm-up run, then ${RUNS} timed runs.

Machine: Node ${process.version}, ${cpu}, ${os.cpus().length} cores, ${os.platform()} ${os.arch()}.
Date: ${new Date().toISOString().slice(0, 10)}.

Result:

\`\`\`
${summary.join('\n')}
\`\`\`
`,
);
