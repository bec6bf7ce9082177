import { addDays, addMonths, daysBetween } from '../calendar/days';
import type { Role } from '../roles';
import { ORG_WIDE } from '../schemas/common';
import type { Organisation } from '../schemas/organisation';
import type { Post, ShiftTemplate, Site } from '../schemas/site';
import type { Staff } from '../schemas/staff';
import { COURSE_IDS } from './catalog';
import type { DemoContext } from './context';
import { fakeIdNumber, fakeMobile, pinyinInitials, randomName, type Gender } from './people';
import type { Rng } from './prng';

/** A demo sign-in; the server creates the user with this id (documents refer to it). */
export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  siteIds: string[];
  /** The staff record of users who also work on the floor. */
  staffId?: string;
}

export const USER_IDS = {
  admin: 'user-admin',
  manager: 'user-manager',
  superior: 'user-superior',
  teamLeader: 'user-teamleader',
  guide: 'user-guide',
  trainer: 'user-trainer',
  inspector: 'user-inspector',
  client: 'user-client',
} as const;

export const SHIFTS = {
  early: { id: 'early', name: '早班', start: '08:30', end: '16:30', breakMinutes: 30 },
  late: { id: 'late', name: '晚班', start: '14:30', end: '22:30', breakMinutes: 30 },
  full: { id: 'full', name: '全天', start: '08:30', end: '17:30', breakMinutes: 60 },
} as const satisfies Record<string, ShiftTemplate>;

const DISTRICTS = ['市民中心', '浦东新区', '徐汇区', '静安区', '黄浦区', '闵行区', '杨浦区', '宝山区', '嘉定区', '松江区', '长宁区', '普陀区', '虹口区', '青浦区', '奉贤区', '金山区', '崇明区'];
const HOTLINE_SEATS = 30;
/** Hall posts: A holders plus relief staff who are the B backups. */
const HALL_STAFF_MAX = 16;
/** Two agents per seat (early and late shift). */
const HOTLINE_ACTIVE_MAX = HOTLINE_SEATS * 2;

/** One hall and one hotline centre, with the staff working there. */
export interface SitePair {
  index: number;
  hall: Site;
  hotline: Site;
  hallStaff: Staff[];
  hotlineStaff: Staff[];
  hallTeamLeader?: Staff;
  hotlineTeamLeader?: Staff;
}

export const hallSiteId = (n: number) => `site-hall-${n}`;
export const hotlineSiteId = (n: number) => `site-hotline-${n}`;

function hallPosts(): Post[] {
  const post = (id: string, name: string, kind: Post['kind']): Post => ({ id, name, kind, requiredCertificates: [], requiredCourses: [COURSE_IDS.onboarding] });
  return [
    ...Array.from({ length: 8 }, (_, i) => post(`post-window-${i + 1}`, `综合受理窗口${i + 1}`, 'window')),
    post('post-guide', '咨询引导台', 'desk'),
    post('post-assist', '帮办代办窗口', 'window'),
    post('post-complaint', '投诉受理窗口', 'window'),
  ];
}

function hotlinePosts(): Post[] {
  return Array.from({ length: HOTLINE_SEATS }, (_, i) => {
    const seat = `A${String(i + 1).padStart(2, '0')}`;
    return { id: `seat-${seat}`, name: `坐席 ${seat}`, kind: 'seat' as const, requiredCertificates: [], requiredCourses: [COURSE_IDS.onboarding] };
  });
}

export function demoOrganisation(ctx: DemoContext): Organisation {
  return {
    id: 'org',
    siteId: ORG_WIDE,
    ...ctx.stamp(),
    kind: 'organisation',
    name: '华服人力',
    fullName: '上海华服人力资源服务有限公司',
    policy: ctx.policy,
    calendarOverrides: [],
  };
}

interface StaffDraft {
  gender: Gender;
  wage: [number, number];
  postId?: string;
}

/** A staff record with a realistic life cycle: contract, probation, insurance, documents, health certificate. */
function staffRecord(ctx: DemoContext, rng: Rng, n: number, siteId: string, draft: StaffDraft): Staff {
  const name = randomName(rng, draft.gender);
  const age = rng.int(20, 48);
  const birthDay = addDays(`${Number(ctx.today.slice(0, 4)) - age}-01-01`, rng.int(0, 364));
  const newHireWindow = daysBetween(ctx.periodStart, addDays(ctx.today, -15));
  const isNewHire = newHireWindow > 0 && rng.chance(0.03 * ctx.months);
  const hiredOn = isNewHire
    ? addDays(ctx.periodStart, rng.int(0, newHireWindow))
    : addDays(ctx.periodStart, -rng.int(30, 3 * 365));
  const employmentForm = rng.weighted([['full-time', 88], ['part-time', 7], ['short-term', 5]] as const);
  const retiree = age >= 45 && rng.chance(0.3);
  const intern = !retiree && age <= 22 && rng.chance(0.5);
  const agreementType = retiree || intern ? 'service-agreement' : 'labour-contract';
  const contractEnd = addDays(addMonths(hiredOn, employmentForm === 'short-term' ? 6 : 36), -1);
  const left = !isNewHire && rng.chance(0.02);
  const leftOn = left ? addDays(ctx.periodStart, rng.int(10, Math.max(10, daysBetween(ctx.periodStart, ctx.today) - 1))) : undefined;
  const healthIssued = addDays(ctx.today, -rng.int(1, 360));
  const staffNo = `YG${String(n).padStart(5, '0')}`;
  const complete = rng.chance(0.93);
  const record: Staff = {
    id: `staff-${String(n).padStart(5, '0')}`,
    siteId,
    ...ctx.stamp(ctx.at(hiredOn < ctx.periodStart ? ctx.periodStart : hiredOn, '09:00')),
    staffNo,
    name,
    pinyinInitials: pinyinInitials(name),
    gender: draft.gender,
    status: left && leftOn! < ctx.today ? 'left' : 'on-post',
    idNumber: fakeIdNumber(rng, birthDay, draft.gender),
    phone: fakeMobile(rng),
    monthlyWage: rng.int(draft.wage[0] / 100, draft.wage[1] / 100) * 100,
    certificates: [{ kind: '健康证', number: `JKZ${healthIssued.replaceAll('-', '')}${String(n).padStart(5, '0')}`, issuedOn: healthIssued, expiresOn: addMonths(healthIssued, 12) }],
    badgeCode: `QR-${staffNo}`,
    employmentForm,
    agreementType,
    intern,
    hiredOn,
    contractStart: hiredOn,
    contractEnd,
    socialInsurance: left ? 'T' : agreementType === 'service-agreement' ? 'W' : employmentForm === 'part-time' ? 'G' : 'D',
    onboardingDocuments: {
      idCopies: complete ? 2 : 1,
      photos: true,
      householdRegisterCopy: complete || rng.chance(0.5),
      diplomaCopy: true,
      bankCardCopy: complete || rng.chance(0.5),
      medicalReportOn: addDays(hiredOn, -rng.int(3, 60)),
    },
  };
  if (draft.postId) record.postId = draft.postId;
  // Part-time work has no probation under the Labour Contract Law.
  if (employmentForm !== 'part-time') record.probationEnd = addDays(addMonths(hiredOn, employmentForm === 'short-term' ? 1 : 3), -1);
  if (record.status === 'left' && leftOn) record.leftOn = leftOn;
  return record;
}

/** Sites and their staff: one hall and one hotline centre per ~60 staff. */
export function demoSites(ctx: DemoContext): SitePair[] {
  const rng = ctx.rng('sites-and-staff');
  const pairCount = Math.max(1, Math.round(ctx.staffCount / 60));
  const pairs: SitePair[] = [];
  let next = 1;
  for (let p = 1; p <= pairCount; p++) {
    const share = Math.floor(ctx.staffCount / pairCount) + (p <= ctx.staffCount % pairCount ? 1 : 0);
    const hallCount = Math.min(HALL_STAFF_MAX, Math.max(1, Math.round(share * 0.27)));
    const hotlineCount = share - hallCount;
    const district = DISTRICTS[p - 1] ?? `第${p}分中心`;
    const posts = hallPosts();

    const hallStaff: Staff[] = [];
    for (let i = 0; i < hallCount; i++) {
      const postId = posts[i]?.id;
      hallStaff.push(staffRecord(ctx, rng, next++, hallSiteId(p), { gender: rng.chance(0.8) ? 'female' : 'male', wage: [4500, 6500], ...(postId ? { postId } : {}) }));
    }
    // AB岗位制: the first staff are A holders; relief staff (beyond the posts) are the B backups, else the next post's holder.
    const relief = hallStaff.slice(posts.length);
    posts.forEach((post, i) => {
      const a = hallStaff[i];
      if (a) post.holderA = a.id;
      const b = relief.length ? relief[i % relief.length] : hallStaff[(i + 1) % Math.max(1, Math.min(hallStaff.length, posts.length))];
      if (b && b.id !== a?.id) post.holderB = b.id;
    });

    const seats = hotlinePosts();
    const hotlineStaff: Staff[] = [];
    for (let i = 0; i < hotlineCount; i++) {
      const staff = staffRecord(ctx, rng, next++, hotlineSiteId(p), { gender: rng.chance(0.7) ? 'female' : 'male', wage: [4200, 6000], postId: seats[i % HOTLINE_SEATS]!.id });
      if (i >= HOTLINE_ACTIVE_MAX && staff.status !== 'left') {
        staff.status = 'standby';
        delete staff.postId;
      }
      hotlineStaff.push(staff);
    }
    // The seat's other-shift agent backs it up; with fewer than two agents a seat, an agent half the room away.
    const seated = Math.min(HOTLINE_SEATS, hotlineStaff.length);
    seats.forEach((seat, i) => {
      const a = hotlineStaff[i];
      const b = hotlineStaff[i + HOTLINE_SEATS] ?? hotlineStaff[(i + Math.ceil(seated / 2)) % Math.max(1, seated)];
      if (a) seat.holderA = a.id;
      if (b && b.id !== a?.id) seat.holderB = b.id;
    });

    const site = (id: string, name: string, kind: Site['kind'], sitePosts: Post[], shiftTemplates: ShiftTemplate[], address: string): Site => ({
      id,
      ...ctx.stamp(ctx.at(ctx.periodStart, '09:00')),
      siteId: id,
      name,
      kind,
      timeZone: ctx.timeZone,
      address,
      posts: sitePosts,
      shiftTemplates,
    });
    const hallTeamLeader = relief[0] ?? hallStaff.find((s) => s.postId === 'post-guide') ?? hallStaff[0];
    pairs.push({
      index: p,
      hall: site(hallSiteId(p), p === 1 ? '市民中心政务服务大厅' : `${district}政务服务大厅`, 'hall', posts, [SHIFTS.full, SHIFTS.early, SHIFTS.late], `${district}行政服务中心一楼`),
      hotline: site(hotlineSiteId(p), `12345 市民服务热线第${p}职场`, 'hotline', seats, [SHIFTS.early, SHIFTS.late], `${district}服务热线中心三楼`),
      hallStaff,
      hotlineStaff,
      ...(hallTeamLeader ? { hallTeamLeader } : {}),
      ...(hotlineStaff[0] ? { hotlineTeamLeader: hotlineStaff[0] } : {}),
    });
  }
  return pairs;
}

/** Demo sign-ins, one per role (Chinese display names); scoped to the first hall and hotline centre where a role is site-bound. */
export function demoUsers(pairs: readonly SitePair[]): DemoUser[] {
  const first = pairs[0]!;
  const local = [first.hall.id, first.hotline.id];
  const guide = first.hallStaff.find((s) => s.postId === 'post-guide') ?? first.hallStaff[0];
  const leader = first.hallTeamLeader;
  return [
    { id: USER_IDS.admin, username: 'admin', displayName: '系统管理员', role: 'admin', siteIds: [ORG_WIDE] },
    { id: USER_IDS.manager, username: 'manager', displayName: '项目经理 陈立新', role: 'manager', siteIds: local },
    { id: USER_IDS.superior, username: 'superior', displayName: '运营总监 周慧敏', role: 'superior', siteIds: [ORG_WIDE] },
    { id: USER_IDS.teamLeader, username: 'teamleader', displayName: leader ? `组长 ${leader.name}` : '组长', role: 'team-leader', siteIds: [first.hall.id], ...(leader ? { staffId: leader.id } : {}) },
    { id: USER_IDS.guide, username: 'guide', displayName: guide ? `引导员 ${guide.name}` : '引导员', role: 'guide', siteIds: [first.hall.id], ...(guide ? { staffId: guide.id } : {}) },
    { id: USER_IDS.trainer, username: 'trainer', displayName: '培训师 郭婷', role: 'trainer', siteIds: [ORG_WIDE] },
    { id: USER_IDS.inspector, username: 'inspector', displayName: '督导 何建华', role: 'inspector', siteIds: [ORG_WIDE] },
    { id: USER_IDS.client, username: 'client', displayName: '用工单位 政务办 林主任', role: 'client-reviewer', siteIds: local },
  ];
}
