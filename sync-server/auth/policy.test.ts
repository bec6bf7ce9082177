import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/domain/roles';
import { can, readableSites } from './policy';

const user = (role: SessionUser['role'], siteIds: string[]): SessionUser => ({ id: 'u', username: 'u', displayName: 'U', role, siteIds });

describe('can', () => {
  it('limits reading to the sites in scope plus organisation-wide documents', () => {
    const guide = user('guide', ['a']);
    expect(can(guide, 'read', 'staff', { siteId: 'a' }).allowed).toBe(true);
    expect(can(guide, 'read', 'staff', { siteId: '*' }).allowed).toBe(true);
    expect(can(guide, 'read', 'staff', { siteId: 'b' })).toEqual({ allowed: false, reason: 'Site b is outside your scope.' });
    expect(can(user('admin', ['*']), 'read', 'staff', { siteId: 'b' }).allowed).toBe(true);
  });

  it('lets only managers and admins write sites and staff; client reviewers, trainers and inspectors record no attendance', () => {
    for (const role of ['guide', 'team-leader', 'trainer', 'inspector', 'client-reviewer'] as const) {
      expect(can(user(role, ['a']), 'write', 'staff', { siteId: 'a' }).allowed).toBe(false);
      expect(can(user(role, ['a']), 'write', 'sites', { siteId: 'a' }).allowed).toBe(false);
    }
    for (const role of ['trainer', 'inspector', 'client-reviewer', 'superior'] as const) {
      expect(can(user(role, ['a']), 'write', 'attendance', { siteId: 'a', kind: 'check-in', staffId: 's' })).toEqual({
        allowed: false,
        reason: `The role ${role} may not change attendance.`,
      });
    }
    expect(can(user('team-leader', ['a']), 'write', 'attendance', { siteId: 'a', kind: 'correction', staffId: 's' }).allowed).toBe(true);
    expect(can(user('manager', ['a']), 'write', 'staff', { siteId: 'a' }).allowed).toBe(true);
  });

  it('keeps organisation-wide documents read-only for users scoped to sites', () => {
    expect(can(user('manager', ['a']), 'write', 'staff', { siteId: '*' }).allowed).toBe(false);
    expect(can(user('admin', ['*']), 'write', 'staff', { siteId: '*' }).allowed).toBe(true);
  });

  it('refuses a document without a site', () => {
    expect(can(user('admin', ['a']), 'write', 'attendance', {}).allowed).toBe(false);
  });

  it('tells pulls which sites to return', () => {
    expect(readableSites(user('admin', ['*']))).toBe('all');
    expect(readableSites(user('guide', ['a', 'b']))).toEqual(['a', 'b']);
  });
});
