import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/domain/roles';
import { newSiteReport, periodOf, prefilledReport } from '../../src/domain/rules/site-report';
import { apiClient } from '../test-support/api';
import { DEMO_SITE_ID, pushRows } from '../test-support/docs';
import { startTestServer, type TestServer } from '../test-support/server';
import { can, type Actor } from './policy';

/**
 * Who reads and writes the weekly and monthly site reports (kind
 * `site-report` of `inspections`): the site's team leader, manager and the
 * manager's superior write drafts; the client reviewer reads (DOMAIN.md:
 * "read-only reports"); a submitted report is the administrator's.
 */

type Doc = Record<string, unknown>;
const A = 'site-a';
const B = 'site-b';
const USERS: Record<Actor, SessionUser> = {
  guide: { id: 'u-guide', username: 'guide', displayName: 'G', role: 'guide', siteIds: [A], staffId: 'st-guide' },
  kiosk: { id: 'device:k1', username: 'device:k1', displayName: 'Kiosk', role: 'guide', siteIds: [A] },
  'team-leader': { id: 'u-tl', username: 'tl', displayName: 'TL', role: 'team-leader', siteIds: [A], staffId: 'st-tl' },
  trainer: { id: 'u-trainer', username: 'trainer', displayName: 'T', role: 'trainer', siteIds: [A] },
  inspector: { id: 'u-inspector', username: 'inspector', displayName: 'I', role: 'inspector', siteIds: [A] },
  manager: { id: 'u-manager', username: 'manager', displayName: 'M', role: 'manager', siteIds: [A] },
  superior: { id: 'u-superior', username: 'superior', displayName: 'S', role: 'superior', siteIds: [A] },
  'client-reviewer': { id: 'u-client', username: 'client', displayName: 'C', role: 'client-reviewer', siteIds: [A] },
  admin: { id: 'u-admin', username: 'admin', displayName: 'Ad', role: 'admin', siteIds: [A] },
};

const draft = (siteId = A, extra: Doc = {}): Doc => ({ ...newSiteReport(siteId, periodOf('week', '2026-06-17')), ...extra });
const submitted = draft(A, { status: 'submitted', submittedAt: '2026-06-19T09:00:00.000Z', submittedBy: 'u-manager' });
const rows = (...ids: [string, boolean][]) => ids.map(([id, removed], position) => ({ id, position, removed }));

describe('site reports through can()', () => {
  it.each<[Actor, boolean, boolean]>([
    // actor, reads in scope, creates in scope
    ['guide', false, false],
    ['kiosk', false, false],
    ['team-leader', true, true],
    ['trainer', true, false],
    ['inspector', true, false],
    ['manager', true, true],
    ['superior', true, true],
    ['client-reviewer', true, false],
    ['admin', true, true],
  ])('%s: reads %s, creates %s; nothing outside its sites', (actor, reads, creates) => {
    const user = USERS[actor];
    expect(can(user, 'read', 'inspections', draft()).allowed).toBe(reads);
    expect(can(user, 'write', 'inspections', draft()).allowed).toBe(creates);
    expect(can(user, 'read', 'inspections', draft(B)).allowed).toBe(false);
    expect(can(user, 'write', 'inspections', draft(B)).allowed).toBe(false);
  });

  const change = (actor: Actor, master: Doc, doc: Doc, deleted = false) => can(USERS[actor], 'write', 'inspections', doc, { master: { data: master, deleted: false }, deleted });

  it.each<[string, Actor, Doc | undefined, Doc, boolean | RegExp]>([
    ['a draft edited by the team leader', 'team-leader', draft(A, { rows: rows(['a', false]) }), draft(A, { rows: rows(['a', false], ['b', false]), cells: 'AAA=' }), true],
    ['a draft submitted by the manager', 'manager', draft(), submitted, true],
    ['a new report that starts submitted', 'manager', undefined, submitted, /starts as a draft/],
    ['a submitted report edited by the manager', 'manager', submitted, { ...submitted, cells: 'AAA=' }, /submitted: only an administrator/],
    ['a submitted report set back to draft', 'superior', submitted, draft(), /only moves forward \(submitted → draft\)/],
    ['a submitted report corrected by the administrator', 'admin', submitted, { ...submitted, cells: 'AAA=' }, true],
    ['a row dropped from the list', 'manager', draft(A, { rows: rows(['a', false]) }), draft(A, { rows: [] }), /may not drop or revive report rows \(a\)/],
    ['a removed row revived', 'manager', draft(A, { rows: rows(['a', true]) }), draft(A, { rows: rows(['a', false]) }), /drop or revive/],
    ['a row removed', 'manager', draft(A, { rows: rows(['a', false]) }), draft(A, { rows: rows(['a', true]) }), true],
  ])('%s', (_title, actor, master, doc, expected) => {
    const decision = master ? change(actor, master, doc) : can(USERS[actor], 'write', 'inspections', doc);
    if (expected === true) expect(decision).toEqual({ allowed: true });
    else expect(decision.allowed ? 'allowed' : decision.reason).toMatch(expected as RegExp);
  });

  it('a report is not deleted, only its rows', () => {
    expect(change('manager', draft(), draft(), true)).toEqual({ allowed: false, reason: 'A site report is not deleted; remove its rows instead.' });
  });
});

describe('site reports through HTTP', () => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  const client = (who: string) => apiClient(s.url, tokens[who]!);

  beforeAll(async () => {
    s = await startTestServer();
    for (const who of ['manager', 'guide', 'client', 'superior', 'teamleader']) tokens[who] = await s.login(who);
  });
  afterAll(() => s.close());

  const report = (): Doc => {
    const base = newSiteReport(DEMO_SITE_ID, periodOf('week', '2026-06-17'));
    return { ...base, ...prefilledReport(base.id, [{ rowId: 'r1', project: '综合受理' }]), updatedAt: '2026-06-17T01:00:00.000Z', updatedBy: 'user-manager', deviceId: 'device-test' };
  };

  it('a manager writes a draft, the superior and the client reviewer read it, a guide never sees it', async () => {
    const [stored] = await client('manager').pushOk('inspections', pushRows([report()]));
    expect(stored).toMatchObject({ kind: 'site-report', status: 'draft', rows: [{ id: 'r1', position: 0, removed: false }] });
    for (const who of ['superior', 'client', 'teamleader']) {
      expect((await client(who).pullAll('inspections')).some((d) => d.id === stored!.id), who).toBe(true);
    }
    expect((await client('guide').pullAll('inspections')).some((d) => d.kind === 'site-report')).toBe(false);

    const res = await client('client').push('inspections', [{ newDocumentState: { ...stored, cells: 'AAA=' }, assumedMasterState: stored }]);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { rejected: { reason: string }[] }).rejected[0]!.reason).toBe('The role client-reviewer may not change inspections of kind "site-report".');
  });

  it('refuses a report whose period or id is wrong, with the field named', async () => {
    const res = await client('manager').push('inspections', pushRows([{ ...report(), day: '2026-06-16' }]));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { rejected: { reason: string }[] }).rejected[0]!.reason).toMatch(/field "day": A weekly report starts on 2026-06-15/);
  });
});
