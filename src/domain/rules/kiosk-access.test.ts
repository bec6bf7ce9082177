import { describe, expect, it } from 'vitest';
import type { Role } from '../roles';
import { kioskPathOf, kioskRedirect, mayLeaveKiosk } from './kiosk-access';

const device = { id: 'device:d1', siteIds: ['site-hall-1'] };
const person = { id: 'u-manager', siteIds: ['site-hall-1'] };

describe('kioskRedirect', () => {
  it.each([
    { user: device, path: '/kiosk/site-hall-1', to: null },
    { user: device, path: '/kiosk/site-hall-1/', to: null },
    { user: device, path: '/', to: '/kiosk/site-hall-1' },
    { user: device, path: '/staff', to: '/kiosk/site-hall-1' },
    { user: device, path: '/staff/staff-00001', to: '/kiosk/site-hall-1' },
    { user: device, path: '/settings', to: '/kiosk/site-hall-1' },
    { user: device, path: '/reports', to: '/kiosk/site-hall-1' },
    { user: device, path: '/roster', to: '/kiosk/site-hall-1' },
    { user: device, path: '/kiosk/site-hotline-1', to: '/kiosk/site-hall-1' },
    { user: device, path: '/kiosk/site-hall-1/extra', to: '/kiosk/site-hall-1' },
    { user: device, path: '/kiosk/site-hall-10', to: '/kiosk/site-hall-1' },
    { user: person, path: '/staff', to: null },
    { user: person, path: '/kiosk/site-hotline-1', to: null },
    // A device with no site has no kiosk to go to: nothing to redirect to (the server gives it nothing either).
    { user: { id: 'device:d2', siteIds: [] }, path: '/staff', to: null },
  ])('$user.id at $path → $to', ({ user, path, to }) => {
    expect(kioskRedirect(user, path)).toBe(to);
  });

  it('encodes the site in the kiosk path', () => {
    expect(kioskPathOf({ siteIds: ['site a'] })).toBe('/kiosk/site%20a');
    expect(kioskRedirect({ id: 'device:x', siteIds: ['site a'] }, '/kiosk/site%20a')).toBeNull();
  });
});

describe('mayLeaveKiosk', () => {
  const user = (role: Role, siteIds: string[], id = `u-${role}`) => ({ id, role, siteIds });
  it.each([
    { who: user('admin', ['*']), site: 'site-hall-1', ok: true },
    { who: user('admin', ['site-hall-1']), site: 'site-hall-1', ok: true },
    { who: user('admin', ['site-hotline-1']), site: 'site-hall-1', ok: false },
    { who: user('manager', ['site-hall-1', 'site-hotline-1']), site: 'site-hall-1', ok: true },
    { who: user('manager', ['site-hotline-1']), site: 'site-hall-1', ok: false },
    { who: user('manager', ['*']), site: 'site-hall-1', ok: true },
    { who: user('team-leader', ['site-hall-1']), site: 'site-hall-1', ok: false },
    { who: user('superior', ['*']), site: 'site-hall-1', ok: false },
    { who: user('guide', ['site-hall-1']), site: 'site-hall-1', ok: false },
    { who: user('admin', ['*'], 'device:d1'), site: 'site-hall-1', ok: false },
    { who: user('admin', ['*']), site: '*', ok: false },
    { who: user('admin', ['*']), site: '', ok: false },
  ])('$who.role $who.siteIds leaving a kiosk of $site → $ok', ({ who, site, ok }) => {
    expect(mayLeaveKiosk(who, site)).toBe(ok);
  });
});
