import { defaultPolicy, type Policy } from '../../src/domain/policy';
import { isDeviceUser } from '../../src/domain/protocol';
import type { Role, SessionUser } from '../../src/domain/roles';
import { compareActionStates } from '../../src/domain/rules/corrective-action';
import { approvalChain } from '../../src/domain/rules/leave';
import { ORG_WIDE, SERVER_STAMPED_FIELDS } from '../../src/domain/schemas/common';
import type { CorrectiveActionStatus } from '../../src/domain/schemas/inspection';
import { rowsLost, SITE_REPORT_WRITERS, statusMayMove } from '../../src/domain/rules/site-report';
import type { SiteReport, SiteReportRow } from '../../src/domain/schemas/site-report';

/**
 * The one place that decides who may read and write which documents
 * (ARCHITECTURE.md "People, devices and permissions"). Every pull, stream
 * event and pushed row goes through `can`; the client asks the same questions
 * only to explain refusals, never to enforce them.
 *
 * Actors are the roles plus `kiosk`: an enrolled tablet (a session user with
 * id `device:<id>`, role guide, one site), which may do even less than a guide.
 */

export type Action = 'read' | 'write';
export type Decision = { allowed: true } | { allowed: false; reason: string };
export type Actor = Role | 'kiosk';
type Doc = Record<string, unknown>;

/** What a write is checked against besides the new document itself. */
export interface WriteContext {
  /** The stored master, when the document exists: field-level rules compare with it. */
  master?: { data: Doc; deleted: boolean };
  /** Whether the new state is a tombstone. */
  deleted?: boolean;
  /** The site of a staff record (attendance by guides and kiosks is only for their sites' staff). */
  staffSite?: (staffId: string) => string | undefined;
  /** The organisation's policy (leave approval thresholds); the default policy otherwise. */
  policy?: Policy;
}

const ALLOW: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

export function actorOf(user: Pick<SessionUser, 'id' | 'role'>): Actor {
  return isDeviceUser(user) ? 'kiosk' : user.role;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Whether the user's scope covers the site; organisation-wide documents ('*') are readable by everyone. */
export function inScope(user: Pick<SessionUser, 'siteIds'>, siteId: string, action: Action): boolean {
  if (user.siteIds.includes(ORG_WIDE)) return true;
  // Organisation-wide documents are readable by all but writable only by org-wide users.
  if (siteId === ORG_WIDE) return action === 'read';
  return user.siteIds.includes(siteId);
}

/** The sites a pull or stream may return for this user (org-wide documents are always included). */
export function readableSites(user: Pick<SessionUser, 'siteIds'>): 'all' | string[] {
  return user.siteIds.includes(ORG_WIDE) ? 'all' : [...user.siteIds];
}

/** The person's own document: their staff record is the one the document is about. */
function isOwn(user: SessionUser, doc: Doc): boolean {
  return user.staffId !== undefined && doc.staffId === user.staffId;
}

// ------------------------------------------------------------------ reading

/** Collections a role reads only where the document is about the person themself. */
const OWN_ONLY: Readonly<Record<Actor, readonly string[]>> = {
  admin: [],
  manager: [],
  superior: [],
  'client-reviewer': [],
  'team-leader': ['reviews'],
  trainer: ['leave', 'reviews'],
  inspector: ['leave', 'reviews'],
  guide: ['leave', 'results', 'reviews', 'inspections'],
  kiosk: [],
};

/**
 * What a kiosk tablet needs, and nothing more: its site, the organisation (its
 * policy and calendar), who works there (only the fields to find them and check
 * their PIN or badge: auth/visibility.ts), the roster slots and the punches.
 * Swap and cover requests, handovers, courses and templates are not a kiosk's.
 */
const KIOSK_READS: Readonly<Record<string, ((doc: Doc) => boolean) | undefined>> = {
  sites: () => true,
  catalog: (doc) => doc.kind === 'organisation',
  staff: () => true,
  rosters: (doc) => doc.kind === 'slot',
  attendance: () => true,
};
const KIOSK_FILTERED = new Set(['catalog', 'rosters']);

function canRead(user: SessionUser, actor: Actor, collection: string, doc: Doc): Decision {
  if (actor === 'kiosk') {
    const reads = KIOSK_READS[collection];
    if (!reads) return deny(`A kiosk device does not read ${collection}.`);
    return reads(doc) ? ALLOW : deny(`A kiosk device does not read ${collection} of kind ${String(doc.kind)}.`);
  }
  if (!OWN_ONLY[actor].includes(collection)) return ALLOW;
  // A corrective action is also its owner's to see.
  const owner = collection === 'inspections' && doc.kind === 'action' && (doc.ownerId === user.id || (user.staffId && doc.ownerId === user.staffId));
  return isOwn(user, doc) || owner ? ALLOW : deny(`The role ${actor} sees only its own ${collection}.`);
}

/** How a user reads a collection: every document in scope, only some (checked per document), or none at all. */
export function readMode(user: SessionUser, collection: string): 'all' | 'filtered' | 'none' {
  const actor = actorOf(user);
  if (actor === 'kiosk') return !KIOSK_READS[collection] ? 'none' : KIOSK_FILTERED.has(collection) ? 'filtered' : 'all';
  return OWN_ONLY[actor].includes(collection) ? 'filtered' : 'all';
}

// ------------------------------------------------------------------ writing

/** Fields every writer may change: the server stamps them or they name the author. */
const BOOKKEEPING = new Set<string>([...SERVER_STAMPED_FIELDS, 'updatedBy', 'deviceId']);

function canonical(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Doc;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * Top-level fields a write changes compared with the master (every present
 * field for a new document), bookkeeping left out; `_deleted` when a
 * document is deleted or revived.
 */
export function changedFields(doc: Doc, ctx: WriteContext): string[] {
  const before = ctx.master?.data;
  const keys = new Set([...Object.keys(doc), ...Object.keys(before ?? {})]);
  const out = [...keys].filter((k) => !BOOKKEEPING.has(k) && (before ? !same(before[k], doc[k]) : doc[k] !== undefined));
  if ((ctx.deleted ?? false) !== (ctx.master?.deleted ?? false)) out.push('_deleted');
  return out.sort();
}

/** Allows the write only if it changes nothing but `allowed` fields. */
function onlyChanges(doc: Doc, ctx: WriteContext, allowed: readonly string[], who: string): Decision {
  const extra = changedFields(doc, ctx).filter((f) => !allowed.includes(f));
  return extra.length === 0 ? ALLOW : deny(`${who} may not change ${extra.join(', ')}.`);
}

interface RuleInput {
  user: SessionUser;
  actor: Actor;
  doc: Doc;
  ctx: WriteContext;
}

/** Who may write a kind of document at all, and the finer checks for some of them. */
interface WriteRule {
  writers: readonly Actor[];
  check?: (r: RuleInput) => Decision;
  /** Org-wide documents ('*') these actors may write even when their scope is a few sites. */
  orgWideWriters?: readonly Actor[];
}

const FULL = ['admin'] as const;

// --- attendance

/** Punches anyone at a kiosk may record; corrections and verified missing punches need a team leader. */
const PUNCH_KINDS = ['check-in', 'check-out', 'left-post', 'returned'];

function attendanceCheck({ user, actor, doc, ctx }: RuleInput): Decision {
  if (actor !== 'guide' && actor !== 'kiosk') return ALLOW;
  if (!PUNCH_KINDS.includes(String(doc.kind))) return deny(`The role ${actor} may not record ${String(doc.kind)} events.`);
  const staffId = str(doc.staffId) ?? '';
  const home = ctx.staffSite?.(staffId);
  if (home === undefined) return deny(`Staff ${staffId} is not a staff member of your sites.`);
  const ok = actor === 'kiosk' ? user.siteIds.includes(home) : inScope(user, home, 'write') && home !== ORG_WIDE;
  return ok ? ALLOW : deny(`Staff ${staffId} is not a staff member of your sites.`);
}

// --- leave

type Step = { level?: unknown; decision?: unknown; approverId?: unknown; decidedAt?: unknown };
const stepsOf = (d: Doc | undefined): Step[] => (Array.isArray(d?.steps) ? (d.steps as Step[]) : []);
const stepsAt = (d: Doc | undefined, keep: (level: unknown) => boolean) => stepsOf(d).filter((s) => keep(s.level));
const undecided = (steps: Step[]) => steps.every((s) => s.decision === 'pending' && s.approverId === undefined && s.decidedAt === undefined);

/** Fields a person may set on their own request; the approval steps and the evidence verdict are the approvers'. */
const REQUESTER_FIELDS = ['id', 'siteId', 'staffId', 'type', 'startDay', 'endDay', 'startsAtNoon', 'endsAtNoon', 'days', 'reason', 'pregnancyMonth', 'evidence', 'requestedAt', 'status'];

function leaveCheck({ user, actor, doc, ctx }: RuleInput): Decision {
  const master = ctx.master?.data;
  if (actor === 'admin') return ALLOW;
  if (actor === 'manager') {
    // The project manager decides up to the policy's days; the superior step is the superior's.
    const superiorSteps = (d: Doc | undefined) => stepsAt(d, (l) => l === 'superior');
    if (master ? !same(superiorSteps(doc), superiorSteps(master)) : !undecided(superiorSteps(doc))) {
      return deny('Only the superior decides the superior step of a leave request.');
    }
    const span = { from: String(doc.startDay), to: String(doc.endDay) };
    if (approvalChain(span, ctx.policy ?? defaultPolicy).includes('superior') && superiorSteps(doc).length === 0) {
      return deny(`A leave of more than ${(ctx.policy ?? defaultPolicy).leave.managerApprovalMaxDays} days needs the superior's approval step.`);
    }
    return ALLOW;
  }
  if (actor === 'superior') {
    if (!master) return deny('A superior decides leave requests; they do not create them.');
    const allowed = onlyChanges(doc, ctx, ['steps', 'status'], 'A superior');
    if (!allowed.allowed) return allowed;
    const notSuperior = (l: unknown) => l !== 'superior';
    return same(stepsAt(doc, notSuperior), stepsAt(master, notSuperior)) ? ALLOW : deny('A superior decides only the superior step.');
  }
  // Everyone else: their own requests, without touching the approval.
  if (!isOwn(user, doc) || (master && !isOwn(user, master))) return deny(`The role ${actor} may only write its own leave requests.`);
  if (master && master.status !== 'pending') return deny('A decided or cancelled leave request can no longer be changed by the requester.');
  if (!['pending', 'cancelled'].includes(String(doc.status))) return deny('A requester may only keep a leave request pending or cancel it.');
  if (master ? !same(doc.steps, master.steps) : !undecided(stepsOf(doc))) return deny('A requester may not change the approval steps.');
  const limited = onlyChanges(doc, ctx, master ? REQUESTER_FIELDS : [...REQUESTER_FIELDS, 'steps', 'evidenceVerdict'], 'A requester');
  if (!limited.allowed) return limited;
  if (!master && !['pending', 'not-required'].includes(String(doc.evidenceVerdict ?? 'pending'))) return deny('A requester may not judge the evidence.');
  return ALLOW;
}

// --- rosters: swap requests

function swapCheck({ user, actor, doc, ctx }: RuleInput): Decision {
  if (actor !== 'guide') return ALLOW;
  const master = ctx.master?.data;
  const requester = isOwn(user, doc) && (!master || isOwn(user, master));
  const counterpart = user.staffId !== undefined && doc.counterpartId === user.staffId && master?.counterpartId === user.staffId;
  if (!requester && !counterpart) return deny('A guide may only write its own swap requests.');
  if (master && ['approved', 'rejected'].includes(String(master.status))) return deny('A decided swap request can no longer be changed.');
  if (requester) {
    if (!['requested', 'cancelled'].includes(String(doc.status))) return deny('The team leader decides swap requests.');
    return onlyChanges(doc, ctx, ['id', 'siteId', 'kind', 'staffId', 'day', 'slotId', 'requestType', 'counterpartId', 'counterpartSlotId', 'reason', 'requestedAt', 'status'], 'A requester');
  }
  if (doc.status !== 'accepted') return deny('The colleague may only accept a swap request.');
  return onlyChanges(doc, ctx, ['status'], 'The colleague');
}

// --- inspections

const INSPECTION_ORDER = ['draft', 'submitted', 'locked'];

function inspectionCheck({ actor, doc, ctx }: RuleInput): Decision {
  const master = ctx.master?.data;
  const from = INSPECTION_ORDER.indexOf(String(master?.status ?? 'draft'));
  const to = INSPECTION_ORDER.indexOf(String(doc.status));
  if (to < from) return deny(`An inspection's status only moves forward (${String(master?.status)} → ${String(doc.status)}).`);
  if (actor === 'admin') return ALLOW;
  if (master && master.status !== 'draft') {
    // Submitted inspections are locked; a manager may archive one (lock it), nothing else.
    if (actor === 'manager' && master.status === 'submitted' && doc.status === 'locked') {
      return onlyChanges(doc, ctx, ['status', 'lockedAt'], 'Locking');
    }
    return deny(`The inspection is ${String(master.status)}: only an administrator may change it.`);
  }
  return doc.status === 'locked' ? deny('Only a manager or an administrator locks a submitted inspection.') : ALLOW;
}

/** What the owner of a corrective action may do: work on it and hand in evidence. */
const OWNER_STEPS: readonly CorrectiveActionStatus[] = ['in-progress', 'evidence-submitted'];

function actionCheck({ user, actor, doc, ctx }: RuleInput): Decision {
  const master = ctx.master?.data;
  if (master) {
    const order = compareActionStates(
      { status: doc.status as CorrectiveActionStatus, round: Number(doc.round ?? 0) },
      { status: master.status as CorrectiveActionStatus, round: Number(master.round ?? 0) },
    );
    if (order < 0) return deny(`A corrective action's status only moves forward (${String(master.status)} → ${String(doc.status)}).`);
  }
  if (['inspector', 'manager', 'admin'].includes(actor)) return ALLOW;
  const owns = (d: Doc | undefined) => d !== undefined && (d.ownerId === user.id || (user.staffId !== undefined && d.ownerId === user.staffId));
  if (!master || !owns(master) || !owns(doc)) return deny('Only the owner of a corrective action may work on it.');
  if (doc.status !== master.status && !OWNER_STEPS.includes(doc.status as CorrectiveActionStatus)) {
    return deny('The owner may start work and hand in evidence; verifying is for an inspector or manager.');
  }
  return onlyChanges(doc, ctx, ['status', 'evidence', 'comments'], 'The owner');
}

// --- weekly and monthly site reports

const rowsOf = (d: Doc | undefined): SiteReportRow[] => (Array.isArray(d?.rows) ? (d.rows as SiteReportRow[]) : []);

/**
 * The site's writers keep a report while it is a draft; once submitted it is
 * the administrator's. The status only moves forward, rows are never dropped
 * or revived (a removal must survive every merge), and a report is not
 * deleted (its rows are removed instead).
 */
function siteReportCheck({ actor, doc, ctx }: RuleInput): Decision {
  const master = ctx.master?.data;
  if (actor === 'admin') return ALLOW;
  if (ctx.deleted) return deny('A site report is not deleted; remove its rows instead.');
  if (!master) return doc.status === 'draft' ? ALLOW : deny('A site report starts as a draft.');
  const from = master.status as SiteReport['status'];
  if (!statusMayMove(from, doc.status as SiteReport['status'])) return deny(`A site report's status only moves forward (${String(from)} → ${String(doc.status)}).`);
  if (from !== 'draft') return deny('The report is submitted: only an administrator may change it.');
  const lost = rowsLost(rowsOf(master), rowsOf(doc));
  return lost.length === 0 ? ALLOW : deny(`A write may not drop or revive report rows (${lost.slice(0, 5).join(', ')}).`);
}

// --- reviews

const CLIENT_FIELDS = ['clientScore', 'clientScoredBy', 'clientScoredAt'];
/** What identifies a review; a client reviewer may create a review with these and its own part. */
const REVIEW_IDENTITY = ['id', 'siteId', 'staffId', 'month', 'locked'];

function reviewCheck({ user, actor, doc, ctx }: RuleInput): Decision {
  const master = ctx.master?.data;
  if (actor === 'admin') return ALLOW;
  if (master?.locked === true) return deny('The review is locked: only an administrator may change it.');
  if (actor === 'manager') {
    const client = changedFields(doc, ctx).filter((f) => CLIENT_FIELDS.includes(f));
    return client.length === 0 ? ALLOW : deny(`The client's part of a review (${client.join(', ')}) is the client reviewer's.`);
  }
  if (actor === 'client-reviewer') {
    if (doc.locked === true) return deny('A client reviewer may not lock a review.');
    return onlyChanges(doc, ctx, master ? CLIENT_FIELDS : [...CLIENT_FIELDS, ...REVIEW_IDENTITY], 'A client reviewer');
  }
  // The person reviewed confirms having seen it.
  if (!master || !isOwn(user, master) || !isOwn(user, doc)) return deny(`The role ${actor} may only confirm its own review.`);
  return onlyChanges(doc, ctx, ['confirmedAt'], 'The person reviewed');
}

/** Everyone who works on the floor may request leave and confirm their review (own documents only). */
const PEOPLE: readonly Actor[] = ['guide', 'team-leader', 'trainer', 'inspector'];

/**
 * The write matrix: per collection, or per kind of a multi-kind collection.
 * Actors not listed may not write; `check` holds the field-level rules.
 */
const WRITE_RULES: Readonly<Record<string, WriteRule | Readonly<Record<string, WriteRule>>>> = {
  sites: { writers: ['manager', ...FULL] },
  catalog: {
    organisation: { writers: FULL },
    course: { writers: ['trainer', ...FULL], orgWideWriters: ['trainer'] },
    'question-bank': { writers: ['trainer', ...FULL], orgWideWriters: ['trainer'] },
    'inspection-template': { writers: ['inspector', ...FULL], orgWideWriters: ['inspector'] },
    'inspection-plan': { writers: ['inspector', 'manager', ...FULL] },
  },
  staff: { writers: ['manager', ...FULL] },
  rosters: {
    slot: { writers: ['team-leader', 'manager', ...FULL] },
    swap: { writers: ['guide', 'team-leader', 'manager', ...FULL], check: swapCheck },
    handover: { writers: ['team-leader', 'manager', ...FULL] },
  },
  attendance: { writers: ['guide', 'kiosk', 'team-leader', 'manager', ...FULL], check: attendanceCheck },
  leave: { writers: [...PEOPLE, 'manager', 'superior', ...FULL], check: leaveCheck },
  training: {
    session: { writers: ['trainer', 'manager', ...FULL] },
    exam: { writers: ['trainer', 'manager', ...FULL] },
  },
  results: {
    'exam-result': { writers: ['trainer', 'manager', ...FULL] },
    certificate: { writers: ['trainer', 'manager', ...FULL] },
  },
  inspections: {
    inspection: { writers: ['inspector', 'manager', ...FULL], check: inspectionCheck },
    action: { writers: [...PEOPLE, 'inspector', 'manager', ...FULL], check: actionCheck },
    // Written by the site's team leader, manager or the manager's superior; read by everyone who reads inspections, the client reviewer included.
    'site-report': { writers: SITE_REPORT_WRITERS, check: siteReportCheck },
  },
  reviews: { writers: [...PEOPLE, 'manager', 'client-reviewer', ...FULL], check: reviewCheck },
};

function ruleFor(collection: string, doc: Doc): WriteRule | undefined {
  const entry = WRITE_RULES[collection];
  if (!entry) return undefined;
  if ('writers' in entry && Array.isArray(entry.writers)) return entry as WriteRule;
  const kind = str(doc.kind);
  return kind !== undefined && Object.prototype.hasOwnProperty.call(entry, kind) ? (entry as Record<string, WriteRule>)[kind] : undefined;
}

function writeScope(user: SessionUser, actor: Actor, siteId: string, rule: WriteRule): boolean {
  if (siteId === ORG_WIDE && rule.orgWideWriters?.includes(actor)) return true;
  return inScope(user, siteId, 'write');
}

/** Role and scope, without field-level rules: may this actor write this document where it is? */
function mayWriteHere(user: SessionUser, actor: Actor, collection: string, doc: Doc): Decision {
  const siteId = str(doc.siteId) ?? '';
  const rule = ruleFor(collection, doc);
  const multiKind = WRITE_RULES[collection] !== undefined && !('writers' in WRITE_RULES[collection]);
  const what = multiKind ? `${collection} of kind "${String(doc.kind)}"` : collection;
  if (!rule || !rule.writers.includes(actor)) {
    return deny(actor === 'kiosk' ? `A kiosk device may not change ${what}.` : `The role ${actor} may not change ${what}.`);
  }
  if (!writeScope(user, actor, siteId, rule)) return deny(`Site ${siteId} is outside your scope.`);
  return ALLOW;
}

/**
 * Whether the user may read, or write, a document of a collection. For a
 * write, `ctx` gives the stored master (field-level rules, and moving a
 * document needs the right to write it where it is now) and lookups.
 */
export function can(user: SessionUser, action: Action, collection: string, doc: Doc, ctx: WriteContext = {}): Decision {
  const siteId = str(doc.siteId) ?? '';
  const actor = actorOf(user);
  if (action === 'read') {
    if (!inScope(user, siteId, 'read')) return deny(`Site ${siteId} is outside your scope.`);
    return canRead(user, actor, collection, doc);
  }
  if (!siteId) return deny('The document has no site.');
  if (ctx.master) {
    const where = mayWriteHere(user, actor, collection, ctx.master.data);
    if (!where.allowed) return where;
  }
  const here = mayWriteHere(user, actor, collection, doc);
  if (!here.allowed) return here;
  return ruleFor(collection, doc)?.check?.({ user, actor, doc, ctx }) ?? ALLOW;
}
