import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/domain/roles';
import { apiClient } from '../test-support/api';
import { attendanceDoc, DEMO_SITE_ID, pushRows, staffDoc } from '../test-support/docs';
import { startTestServer, type TestServer } from '../test-support/server';
import { openSse } from '../test-support/sse';
import { actorOf, can, type Actor, type WriteContext } from './policy';
import { mergeHiddenFields, visibleTo } from './visibility';

/**
 * The permission matrix (ARCHITECTURE.md "People, devices and permissions"):
 * every actor × collection (× kind) × read/write × in/out of scope through
 * `can()`, every field-level rule, and a representative subset through HTTP.
 */

type Doc = Record<string, unknown>;
const A = 'site-a';
const B = 'site-b';

const USERS: Record<Actor, SessionUser> = {
  guide: { id: 'u-guide', username: 'guide', displayName: 'G', role: 'guide', siteIds: [A], staffId: 'st-guide' },
  kiosk: { id: 'device:k1', username: 'device:k1', displayName: 'Kiosk', role: 'guide', siteIds: [A] },
  'team-leader': { id: 'u-tl', username: 'tl', displayName: 'TL', role: 'team-leader', siteIds: [A], staffId: 'st-tl' },
  trainer: { id: 'u-trainer', username: 'trainer', displayName: 'T', role: 'trainer', siteIds: [A], staffId: 'st-trainer' },
  inspector: { id: 'u-inspector', username: 'inspector', displayName: 'I', role: 'inspector', siteIds: [A], staffId: 'st-inspector' },
  manager: { id: 'u-manager', username: 'manager', displayName: 'M', role: 'manager', siteIds: [A] },
  superior: { id: 'u-superior', username: 'superior', displayName: 'S', role: 'superior', siteIds: [A] },
  'client-reviewer': { id: 'u-client', username: 'client', displayName: 'C', role: 'client-reviewer', siteIds: [A] },
  admin: { id: 'u-admin', username: 'admin', displayName: 'Ad', role: 'admin', siteIds: [A] },
};
const ACTORS = Object.keys(USERS) as Actor[];
const staffIdOf = (actor: Actor) => USERS[actor].staffId;

/** A fresh document of each collection / kind, about `staffId`, at `siteId`. */
const NEW_DOCS: Record<string, (siteId: string, staffId: string) => Doc> = {
  sites: (siteId) => ({ id: siteId, siteId, name: 'x' }),
  'catalog/organisation': (siteId) => ({ id: 'org', siteId, kind: 'organisation' }),
  'catalog/course': (siteId) => ({ id: 'c1', siteId, kind: 'course' }),
  'catalog/question-bank': (siteId) => ({ id: 'qb', siteId, kind: 'question-bank' }),
  'catalog/inspection-template': (siteId) => ({ id: 't1', siteId, kind: 'inspection-template' }),
  'catalog/inspection-plan': (siteId) => ({ id: 'p1', siteId, kind: 'inspection-plan' }),
  staff: (siteId, staffId) => ({ id: staffId, siteId, name: 'x' }),
  'rosters/slot': (siteId, staffId) => ({ id: 'slot', siteId, kind: 'slot', staffId }),
  'rosters/swap': (siteId, staffId) => ({ id: 'swap', siteId, kind: 'swap', staffId, counterpartId: 'st-other', status: 'requested' }),
  'rosters/handover': (siteId, staffId) => ({ id: 'h', siteId, kind: 'handover', staffId }),
  attendance: (siteId, staffId) => ({ id: 'e', siteId, kind: 'check-in', staffId }),
  leave: (siteId, staffId) => ({
    id: 'l',
    siteId,
    staffId,
    startDay: '2026-03-02',
    endDay: '2026-03-03',
    status: 'pending',
    steps: [{ level: 'manager', decision: 'pending' }],
    evidenceVerdict: 'pending',
    evidence: [],
  }),
  'training/session': (siteId) => ({ id: 'ts', siteId, kind: 'session' }),
  'training/exam': (siteId) => ({ id: 'ex', siteId, kind: 'exam' }),
  'results/exam-result': (siteId, staffId) => ({ id: 'r', siteId, kind: 'exam-result', staffId }),
  'results/certificate': (siteId, staffId) => ({ id: 'ce', siteId, kind: 'certificate', staffId }),
  'inspections/inspection': (siteId, staffId) => ({ id: 'in', siteId, kind: 'inspection', staffId, status: 'draft' }),
  'inspections/action': (siteId, staffId) => ({ id: 'ac', siteId, kind: 'action', staffId, ownerId: 'st-other', status: 'open', round: 0 }),
  reviews: (siteId, staffId) => ({ id: 'rv', siteId, staffId, month: '2026-02', locked: false }),
};
const collectionOf = (key: string) => key.split('/')[0];

type Access = 'Y' | 'own' | '-';
/** Columns in the order of ACTORS: guide, kiosk, team-leader, trainer, inspector, manager, superior, client-reviewer, admin. */
const row = (...cells: Access[]): Record<Actor, Access> => Object.fromEntries(ACTORS.map((a, i) => [a, cells[i]])) as Record<Actor, Access>;

/** Reading a document in scope. */
const READ: Record<string, Record<Actor, Access>> = {
  sites: row('Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'),
  catalog: row('Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'),
  staff: row('Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'),
  rosters: row('Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'),
  attendance: row('Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'),
  leave: row('own', '-', 'Y', 'own', 'own', 'Y', 'Y', 'Y', 'Y'),
  training: row('Y', '-', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'),
  results: row('own', '-', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'),
  inspections: row('own', '-', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'),
  reviews: row('own', '-', 'own', 'own', 'own', 'Y', 'Y', 'Y', 'Y'),
};

/** Kinds a collection's row above does not cover: a kiosk reads only the organisation of the catalog and the roster slots. */
const READ_KIND: Record<string, Record<Actor, Access>> = {
  'catalog/course': row('Y', '-', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'),
  'catalog/question-bank': row('Y', '-', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'),
  'catalog/inspection-template': row('Y', '-', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'),
  'catalog/inspection-plan': row('Y', '-', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'),
  'rosters/swap': row('Y', '-', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'),
  'rosters/handover': row('Y', '-', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'),
};

/** Creating a new document in scope (field-level rules for changes are tested below). */
const CREATE: Record<string, Record<Actor, Access>> = {
  sites: row('-', '-', '-', '-', '-', 'Y', '-', '-', 'Y'),
  'catalog/organisation': row('-', '-', '-', '-', '-', '-', '-', '-', 'Y'),
  'catalog/course': row('-', '-', '-', 'Y', '-', '-', '-', '-', 'Y'),
  'catalog/question-bank': row('-', '-', '-', 'Y', '-', '-', '-', '-', 'Y'),
  'catalog/inspection-template': row('-', '-', '-', '-', 'Y', '-', '-', '-', 'Y'),
  'catalog/inspection-plan': row('-', '-', '-', '-', 'Y', 'Y', '-', '-', 'Y'),
  staff: row('-', '-', '-', '-', '-', 'Y', '-', '-', 'Y'),
  'rosters/slot': row('-', '-', 'Y', '-', '-', 'Y', '-', '-', 'Y'),
  'rosters/swap': row('own', '-', 'Y', '-', '-', 'Y', '-', '-', 'Y'),
  'rosters/handover': row('-', '-', 'Y', '-', '-', 'Y', '-', '-', 'Y'),
  attendance: row('Y', 'Y', 'Y', '-', '-', 'Y', '-', '-', 'Y'),
  leave: row('own', '-', 'own', 'own', 'own', 'Y', '-', '-', 'Y'),
  'training/session': row('-', '-', '-', 'Y', '-', 'Y', '-', '-', 'Y'),
  'training/exam': row('-', '-', '-', 'Y', '-', 'Y', '-', '-', 'Y'),
  'results/exam-result': row('-', '-', '-', 'Y', '-', 'Y', '-', '-', 'Y'),
  'results/certificate': row('-', '-', '-', 'Y', '-', 'Y', '-', '-', 'Y'),
  'inspections/inspection': row('-', '-', '-', '-', 'Y', 'Y', '-', '-', 'Y'),
  'inspections/action': row('-', '-', '-', '-', 'Y', 'Y', '-', '-', 'Y'),
  reviews: row('-', '-', '-', '-', '-', 'Y', '-', 'Y', 'Y'),
};

/** Staff records live at site A (attendance by guides and kiosks is for them only). */
const staffAtA: WriteContext = { staffSite: (id) => (id.startsWith('st-') ? A : undefined) };

describe('the permission matrix through can()', () => {
  it('covers every collection and kind', () => {
    expect(Object.keys(CREATE).sort()).toEqual(Object.keys(NEW_DOCS).sort());
    expect(Object.keys(READ).sort()).toEqual([...new Set(Object.keys(NEW_DOCS).map(collectionOf))].sort());
  });

  for (const actor of ACTORS) {
    const user = USERS[actor];
    const own = staffIdOf(actor) ?? 'st-none';
    describe(actor, () => {
      it('reads in scope as the table says, never out of scope', () => {
        for (const [key, make] of Object.entries(NEW_DOCS)) {
          const collection = collectionOf(key);
          const access = (READ_KIND[key] ?? READ[collection])[actor];
          const mine = can(user, 'read', collection, make(A, own)).allowed;
          const others = can(user, 'read', collection, make(A, 'st-other')).allowed;
          expect({ key, mine, others }).toEqual({ key, mine: access !== '-', others: access === 'Y' });
          expect({ key, outside: can(user, 'read', collection, make(B, own)).allowed }).toEqual({ key, outside: false });
        }
      });

      it('creates in scope as the table says, never out of scope', () => {
        for (const [key, make] of Object.entries(NEW_DOCS)) {
          const collection = collectionOf(key);
          const access = CREATE[key][actor];
          const mine = can(user, 'write', collection, make(A, own), staffAtA).allowed;
          const others = can(user, 'write', collection, make(A, 'st-other'), staffAtA).allowed;
          expect({ key, mine, others }).toEqual({ key, mine: access !== '-', others: access === 'Y' });
          const outside = can(user, 'write', collection, make(B, own), { staffSite: () => B }).allowed;
          expect({ key, outside }).toEqual({ key, outside: false });
        }
      });
    });
  }

  it('treats enrolled devices as kiosks, whatever their role says', () => {
    expect(actorOf(USERS.kiosk)).toBe('kiosk');
    expect(actorOf(USERS.guide)).toBe('guide');
  });

  it('shows organisation-wide documents to everyone but lets only organisation-wide users write them', () => {
    for (const actor of ACTORS) expect(can(USERS[actor], 'read', 'catalog', { siteId: '*', kind: 'organisation' }).allowed).toBe(true);
    // A kiosk takes only the organisation (its policy and calendar) of the catalog.
    for (const actor of ACTORS) expect(can(USERS[actor], 'read', 'catalog', { siteId: '*', kind: 'course' }).allowed).toBe(actor !== 'kiosk');
    expect(can(USERS.admin, 'write', 'catalog', { siteId: '*', kind: 'organisation' }).allowed).toBe(false);
    expect(can({ ...USERS.admin, siteIds: ['*'] }, 'write', 'catalog', { siteId: '*', kind: 'organisation' }).allowed).toBe(true);
    // Trainers keep the course catalog and inspectors the templates, organisation-wide, from any scope.
    expect(can(USERS.trainer, 'write', 'catalog', { siteId: '*', kind: 'course' }).allowed).toBe(true);
    expect(can(USERS.trainer, 'write', 'catalog', { siteId: '*', kind: 'question-bank' }).allowed).toBe(true);
    expect(can(USERS.inspector, 'write', 'catalog', { siteId: '*', kind: 'inspection-template' }).allowed).toBe(true);
    expect(can(USERS.inspector, 'write', 'catalog', { siteId: '*', kind: 'course' }).allowed).toBe(false);
    expect(can(USERS.manager, 'write', 'staff', { siteId: '*' }).allowed).toBe(false);
  });

  it('needs the right to write a document where it is now to move it', () => {
    const master = { data: { id: 's', siteId: B }, deleted: false };
    expect(can({ ...USERS.manager, siteIds: [A] }, 'write', 'staff', { id: 's', siteId: A }, { master })).toEqual({
      allowed: false,
      reason: `Site ${B} is outside your scope.`,
    });
  });
});

/** A write of `doc` over `master` (both at site A). */
const change = (actor: Actor, collection: string, master: Doc | undefined, doc: Doc, extra: WriteContext = {}) =>
  can(USERS[actor], 'write', collection, { siteId: A, ...doc }, { ...staffAtA, ...extra, master: master ? { data: { siteId: A, ...master }, deleted: false } : undefined });

describe('field-level rules', () => {
  const review = { id: 'rv', staffId: 'st-guide', month: '2026-02', locked: false, providerScore: 80, providerScoredBy: 'u-manager' };

  it('reviews: the client reviewer changes only the client part; the manager never changes it', () => {
    const scored = { ...review, clientScore: 90, clientScoredBy: 'u-client', clientScoredAt: '2026-03-01T00:00:00.000Z' };
    expect(change('client-reviewer', 'reviews', review, scored).allowed).toBe(true);
    expect(change('client-reviewer', 'reviews', review, { ...scored, providerScore: 99 })).toEqual({
      allowed: false,
      reason: 'A client reviewer may not change providerScore.',
    });
    expect(change('client-reviewer', 'reviews', review, { ...review, comment: 'x' }).allowed).toBe(false);
    expect(change('client-reviewer', 'reviews', undefined, { ...review, providerScore: undefined, providerScoredBy: undefined, clientScore: 90, clientScoredBy: 'u-client' }).allowed).toBe(true);
    expect(change('client-reviewer', 'reviews', review, { ...review, locked: true }).allowed).toBe(false);
    expect(change('manager', 'reviews', review, { ...review, providerScore: 85 }).allowed).toBe(true);
    expect(change('manager', 'reviews', review, { ...review, clientScore: 99, clientScoredBy: 'u-manager' }).allowed).toBe(false);
    expect(change('manager', 'reviews', undefined, { ...review, clientScore: 99, clientScoredBy: 'u-manager' }).allowed).toBe(false);
  });

  it('reviews: the person reviewed only confirms; a locked review is the administrator’s', () => {
    expect(change('guide', 'reviews', review, { ...review, confirmedAt: '2026-03-02T00:00:00.000Z' }).allowed).toBe(true);
    expect(change('guide', 'reviews', review, { ...review, providerScore: 100 }).allowed).toBe(false);
    expect(change('team-leader', 'reviews', review, { ...review, confirmedAt: '2026-03-02T00:00:00.000Z' }).allowed).toBe(false);
    const locked = { ...review, locked: true, clientScore: 90, clientScoredBy: 'u-client', total: 87 };
    expect(change('manager', 'reviews', locked, { ...locked, comment: 'x' }).allowed).toBe(false);
    expect(change('client-reviewer', 'reviews', locked, { ...locked, clientScore: 91 }).allowed).toBe(false);
    expect(change('admin', 'reviews', locked, { ...locked, comment: 'x' }).allowed).toBe(true);
  });

  const leave = NEW_DOCS.leave(A, 'st-guide');
  const approvedStep = { level: 'manager', decision: 'approved', approverId: 'u-manager', decidedAt: '2026-03-01T00:00:00.000Z' };

  it('leave: a guide requests and cancels its own, but never touches the approval', () => {
    expect(change('guide', 'leave', undefined, leave).allowed).toBe(true);
    expect(change('guide', 'leave', leave, { ...leave, status: 'cancelled' }).allowed).toBe(true);
    expect(change('guide', 'leave', leave, { ...leave, reason: '家中有事' }).allowed).toBe(true);
    expect(change('guide', 'leave', leave, { ...leave, steps: [approvedStep], status: 'approved' })).toEqual({
      allowed: false,
      reason: 'A requester may only keep a leave request pending or cancel it.',
    });
    expect(change('guide', 'leave', leave, { ...leave, steps: [approvedStep] })).toEqual({ allowed: false, reason: 'A requester may not change the approval steps.' });
    expect(change('guide', 'leave', undefined, { ...leave, steps: [approvedStep] }).allowed).toBe(false);
    expect(change('guide', 'leave', leave, { ...leave, evidenceVerdict: 'accepted' }).allowed).toBe(false);
    expect(change('guide', 'leave', undefined, { ...leave, evidenceVerdict: 'accepted' }).allowed).toBe(false);
    expect(change('guide', 'leave', { ...leave, status: 'approved', steps: [approvedStep] }, { ...leave, status: 'cancelled', steps: [approvedStep] }).allowed).toBe(false);
    expect(change('guide', 'leave', undefined, NEW_DOCS.leave(A, 'st-other')).allowed).toBe(false);
    expect(change('guide', 'leave', leave, leave, { deleted: true })).toEqual({ allowed: false, reason: 'A requester may not change _deleted.' });
  });

  const long = { ...leave, endDay: '2026-03-10', steps: [{ level: 'manager', decision: 'pending' }, { level: 'superior', decision: 'pending' }] };
  const superiorApproved = { level: 'superior', decision: 'approved', approverId: 'u-superior', decidedAt: '2026-03-01T01:00:00.000Z' };

  it('leave: the manager decides up to 3 days and never the superior step', () => {
    expect(change('manager', 'leave', leave, { ...leave, steps: [approvedStep], status: 'approved' }).allowed).toBe(true);
    expect(change('manager', 'leave', long, { ...long, steps: [approvedStep, long.steps[1]] }).allowed).toBe(true);
    expect(change('manager', 'leave', long, { ...long, steps: [approvedStep, superiorApproved], status: 'approved' })).toEqual({
      allowed: false,
      reason: 'Only the superior decides the superior step of a leave request.',
    });
    expect(change('manager', 'leave', long, { ...long, steps: [approvedStep], status: 'approved' }).allowed).toBe(false);
    expect(change('manager', 'leave', undefined, { ...long, steps: [approvedStep], status: 'approved' })).toEqual({
      allowed: false,
      reason: "A leave of more than 3 days needs the superior's approval step.",
    });
  });

  it('leave: the superior decides only the superior step of existing requests', () => {
    const managerDone = { ...long, steps: [approvedStep, long.steps[1]] };
    expect(change('superior', 'leave', managerDone, { ...managerDone, steps: [approvedStep, superiorApproved], status: 'approved' }).allowed).toBe(true);
    expect(change('superior', 'leave', long, { ...long, steps: [approvedStep, long.steps[1]] })).toEqual({ allowed: false, reason: 'A superior decides only the superior step.' });
    expect(change('superior', 'leave', managerDone, { ...managerDone, reason: 'x' })).toEqual({ allowed: false, reason: 'A superior may not change reason.' });
    expect(change('superior', 'leave', undefined, long).allowed).toBe(false);
  });

  const inspection = NEW_DOCS['inspections/inspection'](A, 'st-guide');
  const submitted = { ...inspection, status: 'submitted', submittedAt: '2026-03-01T00:00:00.000Z' };

  it('inspections lock once submitted (the administrator excepted), and status only moves forward', () => {
    expect(change('inspector', 'inspections', inspection, { ...inspection, answers: [1] }).allowed).toBe(true);
    expect(change('inspector', 'inspections', inspection, submitted).allowed).toBe(true);
    expect(change('inspector', 'inspections', submitted, { ...submitted, answers: [1] })).toEqual({
      allowed: false,
      reason: 'The inspection is submitted: only an administrator may change it.',
    });
    expect(change('admin', 'inspections', submitted, { ...submitted, answers: [1] }).allowed).toBe(true);
    expect(change('manager', 'inspections', submitted, { ...submitted, status: 'locked', lockedAt: '2026-03-02T00:00:00.000Z' }).allowed).toBe(true);
    expect(change('manager', 'inspections', submitted, { ...submitted, status: 'locked', score: 1 }).allowed).toBe(false);
    expect(change('inspector', 'inspections', inspection, { ...inspection, status: 'locked' }).allowed).toBe(false);
    expect(change('admin', 'inspections', submitted, { ...submitted, status: 'draft' })).toEqual({
      allowed: false,
      reason: "An inspection's status only moves forward (submitted → draft).",
    });
  });

  const action = { ...NEW_DOCS['inspections/action'](A, 'st-guide'), ownerId: 'st-guide', title: '整改' };

  it('corrective actions: the owner works and hands in evidence; verifiers close; status only forward', () => {
    expect(change('guide', 'inspections', action, { ...action, status: 'in-progress' }).allowed).toBe(true);
    expect(change('guide', 'inspections', action, { ...action, status: 'evidence-submitted', evidence: ['e'.repeat(64)] }).allowed).toBe(true);
    expect(change('guide', 'inspections', action, { ...action, status: 'closed' }).allowed).toBe(false);
    expect(change('guide', 'inspections', action, { ...action, title: '改' })).toEqual({ allowed: false, reason: 'The owner may not change title.' });
    expect(change('team-leader', 'inspections', action, { ...action, status: 'in-progress' }).allowed).toBe(false);
    const sent = { ...action, status: 'evidence-submitted' };
    expect(change('inspector', 'inspections', sent, { ...sent, status: 'closed', closedBy: 'u-inspector' }).allowed).toBe(true);
    expect(change('manager', 'inspections', sent, { ...sent, status: 'open' }).allowed).toBe(false);
    expect(change('manager', 'inspections', sent, { ...sent, status: 'reopened', round: 1 }).allowed).toBe(true);
  });

  const swap = NEW_DOCS['rosters/swap'](A, 'st-guide');

  it('swap requests: the requester asks and cancels, the colleague accepts, the team leader decides', () => {
    expect(change('guide', 'rosters', swap, { ...swap, status: 'cancelled' }).allowed).toBe(true);
    expect(change('guide', 'rosters', swap, { ...swap, status: 'approved', decidedBy: 'u-guide' }).allowed).toBe(false);
    const colleague = { ...USERS.guide, staffId: 'st-other' };
    const asColleague = (doc: Doc) => can(colleague, 'write', 'rosters', { siteId: A, ...doc }, { master: { data: { siteId: A, ...swap }, deleted: false } });
    expect(asColleague({ ...swap, status: 'accepted' }).allowed).toBe(true);
    expect(asColleague({ ...swap, status: 'accepted', reason: 'x' }).allowed).toBe(false);
    expect(asColleague({ ...swap, status: 'cancelled' }).allowed).toBe(false);
    expect(change('team-leader', 'rosters', swap, { ...swap, status: 'approved', decidedBy: 'u-tl' }).allowed).toBe(true);
  });

  it('attendance: guides and kiosks punch for their sites’ staff only; corrections need a team leader', () => {
    const punch = NEW_DOCS.attendance(A, 'st-1');
    expect(change('guide', 'attendance', undefined, punch).allowed).toBe(true);
    expect(change('kiosk', 'attendance', undefined, punch).allowed).toBe(true);
    expect(change('guide', 'attendance', undefined, { ...punch, kind: 'correction' }).allowed).toBe(false);
    expect(change('kiosk', 'attendance', undefined, { ...punch, kind: 'verified-missing-punch' }).allowed).toBe(false);
    expect(change('team-leader', 'attendance', undefined, { ...punch, kind: 'correction' }).allowed).toBe(true);
    expect(change('guide', 'attendance', undefined, punch, { staffSite: () => B })).toEqual({ allowed: false, reason: 'Staff st-1 is not a staff member of your sites.' });
    expect(change('kiosk', 'attendance', undefined, { ...punch, staffId: 'ghost' }).allowed).toBe(false);
    expect(change('client-reviewer', 'attendance', undefined, punch)).toEqual({ allowed: false, reason: 'The role client-reviewer may not change attendance.' });
  });
});

describe('sensitive staff fields', () => {
  const stored = { id: 'st-1', siteId: A, name: '张三', idNumber: '110101199001011234', phone: '13812345678', monthlyWage: 5200, pin: { algorithm: 'PBKDF2-SHA256', iterations: 1000, salt: 'saltsalt', hash: 'h'.repeat(16) } };

  it('are masked or left out for roles that may not see them; the PIN goes only to kiosks of the site and admins', () => {
    const forManager = visibleTo(USERS.manager, 'staff', stored);
    expect(forManager).toMatchObject({ idNumber: '1101**********1234', phone: '138****5678' });
    expect(forManager).not.toHaveProperty('monthlyWage');
    expect(forManager).not.toHaveProperty('pin');
    const forKiosk = visibleTo(USERS.kiosk, 'staff', stored);
    expect(forKiosk.pin).toEqual(stored.pin);
    expect(forKiosk).not.toHaveProperty('monthlyWage');
    expect(visibleTo({ ...USERS.kiosk, siteIds: [B] }, 'staff', stored)).not.toHaveProperty('pin');
    expect(visibleTo(USERS.admin, 'staff', stored)).toEqual(stored);
    expect(visibleTo(USERS.manager, 'attendance', stored)).toBe(stored);
  });

  it('are put back from the master when a role that cannot see them pushes, so nothing is wiped', () => {
    const sent = { ...visibleTo(USERS.manager, 'staff', stored), name: '张三丰' };
    expect(mergeHiddenFields(USERS.manager, 'staff', sent, stored)).toEqual({ doc: { ...stored, name: '张三丰' } });
    const newPin = { ...stored.pin, hash: 'n'.repeat(16) };
    expect(mergeHiddenFields(USERS.manager, 'staff', { ...sent, pin: newPin }, stored)).toEqual({ doc: { ...stored, name: '张三丰', pin: newPin } });
    expect(mergeHiddenFields(USERS.manager, 'staff', { id: 'st-2', siteId: A, idNumber: '1101**********1234' }, undefined)).toEqual({
      reason: 'The field "idNumber" holds a masked value; only a role that sees it may set it.',
    });
    const withoutWage = { ...stored, monthlyWage: undefined };
    expect(mergeHiddenFields(USERS.admin, 'staff', withoutWage, stored)).toEqual({ doc: withoutWage });
  });
});

describe('the permission matrix through HTTP (representative)', () => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  const client = (who: string) => apiClient(s.url, tokens[who]);

  beforeAll(async () => {
    s = await startTestServer();
    for (const who of ['admin', 'manager', 'guide', 'client', 'superior', 'trainer']) tokens[who] = await s.login(who);
  });
  afterAll(() => s.close());

  /** A new, unlocked monthly review at the demo hall. */
  const reviewDoc = (staffId: string, month: string, extra: Doc = {}): Doc => ({
    id: `review:${staffId}:${month}`,
    siteId: DEMO_SITE_ID,
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'user-manager',
    deviceId: 'device-test',
    staffId,
    month,
    locked: false,
    ...extra,
  });

  it('redacts staff for a manager and keeps the hidden fields when the manager pushes the record back', async () => {
    const [adminCopy] = (await client('admin').pullAll('staff')).filter((d) => d.id === 'staff-00001');
    expect(adminCopy).toMatchObject({ idNumber: expect.stringMatching(/^\d{17}[\dX]$/), monthlyWage: expect.any(Number) });
    const [mine] = (await client('manager').pullAll('staff')).filter((d) => d.id === 'staff-00001');
    expect(mine.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(mine).not.toHaveProperty('monthlyWage');
    const answer = await client('manager').pushOk('staff', [{ newDocumentState: { ...mine, name: '改名' }, assumedMasterState: mine }]);
    expect(answer).toEqual([expect.objectContaining({ name: '改名', idNumber: mine.idNumber })]);
    expect(answer[0]).not.toHaveProperty('monthlyWage');
    const [after] = (await client('admin').pullAll('staff')).filter((d) => d.id === 'staff-00001');
    expect(after).toMatchObject({ name: '改名', idNumber: adminCopy.idNumber, phone: adminCopy.phone, monthlyWage: adminCopy.monthlyWage });
  });

  it('lets a client reviewer score the client part only, and record no attendance', async () => {
    const [review] = await client('manager').pushOk('reviews', pushRows([reviewDoc('staff-00002', '2026-02', { providerScore: 80, providerScoredBy: 'user-manager' })]));
    expect(review).toMatchObject({ locked: false, providerScore: 80 });
    const scored = { ...review, clientScore: 88, clientScoredBy: 'user-client', clientScoredAt: '2026-03-02T01:00:00.000Z' };
    expect(await client('client').pushOk('reviews', [{ newDocumentState: scored, assumedMasterState: review }])).toEqual([expect.objectContaining({ clientScore: 88 })]);
    const [current] = (await client('client').pullAll('reviews')).filter((d) => d.id === review.id);
    const res = await client('client').push('reviews', [{ newDocumentState: { ...current, providerScore: 10, providerScoredBy: 'user-client' }, assumedMasterState: current }]);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { rejected: { reason: string }[] }).rejected[0].reason).toMatch(/may not change providerScore/);
    const punch = await client('client').push('attendance', pushRows([attendanceDoc()]));
    expect(punch.status).toBe(422);
    expect(((await punch.json()) as { rejected: { reason: string }[] }).rejected[0].reason).toBe('The role client-reviewer may not change attendance.');
  });

  it('gives a guide only its own reviews and leave, and other people’s on no stream', async () => {
    const reviews = await client('guide').pullAll('reviews');
    expect(reviews.length).toBeGreaterThan(0);
    expect(new Set(reviews.map((r) => r.staffId))).toEqual(new Set(['staff-00001']));
    expect((await client('guide').pullAll('leave')).every((l) => l.staffId === 'staff-00001')).toBe(true);
    expect((await client('manager').pullAll('leave')).some((l) => l.staffId !== 'staff-00001')).toBe(true);

    const stream = await openSse(`${s.url}/api/v1/replication/stream`, { headers: { authorization: `Bearer ${tokens.guide}` } });
    await stream.next('hello');
    await client('manager').pushOk('reviews', pushRows([reviewDoc('staff-00002', '2026-03', { comment: '别人的' })]));
    await client('manager').pushOk('reviews', pushRows([reviewDoc('staff-00001', '2026-03', { comment: '自己的' })]));
    const change = (await stream.next('change')).data as { collection: string; documents: Doc[] };
    expect(change.documents.map((d) => d.comment)).toEqual(['自己的']);
    stream.close();
  });

  it('keeps superiors and trainers away from staff and attendance', async () => {
    const staff = await client('superior').push('staff', pushRows([staffDoc()]));
    expect(((await staff.json()) as { rejected: { reason: string }[] }).rejected[0].reason).toBe('The role superior may not change staff.');
    const res = await client('trainer').push('attendance', pushRows([attendanceDoc()]));
    expect(((await res.json()) as { rejected: { reason: string }[] }).rejected[0].reason).toBe('The role trainer may not change attendance.');
  });

  it('gives an enrolled kiosk the PINs of its site, takes its punches and refuses anything else', async () => {
    const admin = client('admin');
    const [staff] = (await admin.pullAll('staff')).filter((d) => d.id === 'staff-00002');
    const pin = { algorithm: 'PBKDF2-SHA256', iterations: 1000, salt: 'saltsalt', hash: 'abcdefabcdefabcdef' };
    await admin.pushOk('staff', [{ newDocumentState: { ...staff, pin }, assumedMasterState: staff }]);
    const enrol = await s.fetch('/api/v1/devices', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ siteId: DEMO_SITE_ID, name: '一号平板' }),
    });
    const { credential } = (await enrol.json()) as { credential: string };
    const signIn = await s.fetch('/api/v1/auth/device', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential }) });
    const kiosk = apiClient(s.url, ((await signIn.json()) as { token: string }).token);
    const kioskStaff = await kiosk.pullAll('staff');
    expect(kioskStaff.find((d) => d.id === 'staff-00002')?.pin).toEqual(pin);
    expect(kioskStaff.every((d) => d.monthlyWage === undefined)).toBe(true);
    expect((await client('manager').pullAll('staff')).find((d) => d.id === 'staff-00002')).not.toHaveProperty('pin');
    expect(await kiosk.pullAll('reviews')).toEqual([]);
    expect((await kiosk.pushOk('attendance', pushRows([attendanceDoc({ staffId: 'staff-00002' })])))).toHaveLength(1);
    const other = await kiosk.push('attendance', pushRows([attendanceDoc({ staffId: 'staff-00004' })]));
    expect(((await other.json()) as { rejected: { reason: string }[] }).rejected[0].reason).toBe('Staff staff-00004 is not a staff member of your sites.');
    expect((await kiosk.push('leave', pushRows([{ id: 'x', siteId: DEMO_SITE_ID }]))).status).toBe(422);
  });
});
