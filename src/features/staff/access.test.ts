import { describe, expect, it } from 'vitest';
import type { Role } from '../../domain/roles';
import { canEditSite, canEditStaff } from './access';

describe('staff and site editing rights', () => {
  it.each<[Role, string[], string, boolean]>([
    ['admin', ['*'], 'site-hall-1', true],
    ['manager', ['site-hall-1'], 'site-hall-1', true],
    ['manager', ['site-hall-1'], 'site-hall-2', false],
    ['superior', ['*'], 'site-hall-1', false],
    ['team-leader', ['site-hall-1'], 'site-hall-1', false],
    ['guide', ['site-hall-1'], 'site-hall-1', false],
  ])('%s with %j on %s: %s', (role, siteIds, siteId, allowed) => {
    expect(canEditStaff({ role, siteIds }, siteId)).toBe(allowed);
    expect(canEditSite({ role, siteIds }, siteId)).toBe(allowed);
  });

  it('refuses without a session', () => {
    expect(canEditStaff(undefined, 'site-hall-1')).toBe(false);
  });
});
