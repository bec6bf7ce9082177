import { describe, expect, it } from 'vitest';
import { canWriteSite } from './write-scope';

describe('canWriteSite', () => {
  it.each([
    { scope: ['site-hall-1'], site: 'site-hall-1', ok: true },
    { scope: ['site-hall-1'], site: 'site-hotline-1', ok: false },
    { scope: ['site-hall-1', 'site-hotline-1'], site: 'site-hotline-1', ok: true },
    { scope: ['site-hall-1'], site: '*', ok: false },
    { scope: ['*'], site: '*', ok: true },
    { scope: ['*'], site: 'site-hotline-9', ok: true },
    { scope: [], site: 'site-hall-1', ok: false },
  ])('scope $scope writing $site → $ok', ({ scope, site, ok }) => {
    expect(canWriteSite(scope, site)).toBe(ok);
  });
});
