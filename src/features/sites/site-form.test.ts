import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../domain/policy';
import { policyFormOf, policyOverridesOf, postRowsOf, shiftRowsOf, SITE_POLICY_FIELDS, validatePosts, validateShifts } from './site-form';

const SITE = 'site-hall-1';
const staff = [
  { id: 'a', siteId: SITE, status: 'on-post' as const },
  { id: 'b', siteId: SITE, status: 'on-post' as const },
];
const post = { id: 'w1', name: '综合受理窗口1', kind: 'window' as const, holderA: 'a', holderB: 'b', requiredCertificates: ['健康证'], requiredCourses: ['course-onboarding'] };

describe('posts', () => {
  it('round-trips posts, certificates as a list', () => {
    const rows = postRowsOf([post]);
    expect(rows[0]!.requiredCertificates).toBe('健康证');
    expect(validatePosts(rows, staff, SITE)).toEqual({ ok: true, posts: [post], warnings: [] });
    const edited = [{ ...rows[0]!, requiredCertificates: '健康证， 从业资格证', holderB: '' }];
    expect(validatePosts(edited, staff, SITE)).toMatchObject({
      ok: true,
      posts: [{ requiredCertificates: ['健康证', '从业资格证'], holderA: 'a' }],
      warnings: [{ postId: 'w1', code: 'no-backup' }],
    });
    const result = validatePosts(edited, staff, SITE);
    expect(result.ok && result.posts[0]).not.toHaveProperty('holderB');
  });

  it('reports schema and A/B errors by row and field', () => {
    const rows = postRowsOf([post, { ...post, id: 'w2', name: '', holderA: 'b', holderB: 'b' }]);
    expect(validatePosts(rows, staff, SITE)).toMatchObject({
      ok: false,
      errors: { 'posts.1.name': { key: 'required' }, 'posts.1.holderB': { key: 'post.same-holder' } },
    });
  });
});

describe('shift templates', () => {
  const early = { id: 'early', name: '早班', start: '08:30', end: '16:30', breakMinutes: 30 };
  it('round-trips, with an overnight shift allowed', () => {
    const night = { id: 'night', name: '夜班', start: '22:00', end: '06:00', breakMinutes: 0 };
    expect(validateShifts(shiftRowsOf([early, night]))).toEqual({ ok: true, templates: [early, night] });
  });

  it.each([
    ['a bad time', { start: '8:30' }, 'shifts.0.start', 'clockTime'],
    ['a break as long as the shift', { start: '08:00', end: '09:00', breakMinutes: '60' }, 'shifts.0.breakMinutes', 'shift.break-too-long'],
    ['a break that is no number', { breakMinutes: 'x' }, 'shifts.0.breakMinutes', 'number'],
    ['a negative break', { breakMinutes: '-5' }, 'shifts.0.breakMinutes', 'min'],
    ['no name', { name: ' ' }, 'shifts.0.name', 'required'],
  ])('%s', (_label, change, path, key) => {
    const result = validateShifts([{ ...shiftRowsOf([early])[0]!, ...change }]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[path]?.key).toBe(key);
  });
});

describe('policy overrides', () => {
  it('shows blanks where the site follows the organisation', () => {
    const form = policyFormOf({ attendance: { graceMinutes: 5 } });
    expect(form['attendance.graceMinutes']).toBe('5');
    expect(form['roster.minimumRestHours']).toBe('');
    expect(Object.keys(form)).toHaveLength(SITE_POLICY_FIELDS.length);
  });

  it('sets, clears and keeps overrides', () => {
    const previous = { attendance: { graceMinutes: 5 }, performance: { providerWeight: 0.4 } };
    const form = { ...policyFormOf(previous), 'attendance.graceMinutes': '', 'roster.minimumRestHours': '12' };
    expect(policyOverridesOf(form, previous, defaultPolicy)).toEqual({
      ok: true,
      overrides: { performance: { providerWeight: 0.4 }, roster: { minimumRestHours: 12 } },
    });
    expect(policyOverridesOf(policyFormOf(undefined), undefined, defaultPolicy)).toEqual({ ok: true, overrides: undefined });
  });

  it('rejects values the shared schema refuses', () => {
    const form = { ...policyFormOf(undefined), 'attendance.graceMinutes': '-1', 'training.maxAttempts': '1.5', 'roster.minimumRestHours': 'x' };
    expect(policyOverridesOf(form, undefined, defaultPolicy)).toEqual({
      ok: false,
      errors: {
        'attendance.graceMinutes': { key: 'min', params: { min: 0 } },
        'training.maxAttempts': { key: 'integer' },
        'roster.minimumRestHours': { key: 'number' },
      },
    });
  });

  it('rejects settings that contradict each other once applied to the organisation policy', () => {
    const form = { ...policyFormOf(undefined), 'attendance.leftPostLateBelowMinutes': '300' };
    expect(policyOverridesOf(form, undefined, defaultPolicy)).toEqual({
      ok: false,
      errors: { 'attendance.leftPostHalfDayUpToMinutes': { key: 'policy.leftPostOrder' } },
    });
  });
});
