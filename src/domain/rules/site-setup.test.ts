import { describe, expect, it } from 'vitest';
import { postIssues, shiftIssues, shiftLength } from './site-setup';

const SITE = 'site-1';
const staff = [
  { id: 'a', siteId: SITE, status: 'on-post' as const },
  { id: 'b', siteId: SITE, status: 'standby' as const },
  { id: 'gone', siteId: SITE, status: 'left' as const },
  { id: 'other', siteId: 'site-2', status: 'on-post' as const },
];
const post = (id: string, holderA?: string, holderB?: string, name = id) => ({ id, name, holderA, holderB });

describe('postIssues (AB岗位制)', () => {
  it('accepts a post with two different holders of the site', () => {
    expect(postIssues([post('w1', 'a', 'b')], staff, SITE)).toEqual([]);
  });

  it.each([
    ['A and B the same person', post('w1', 'a', 'a'), 'same-holder', 'holderB', 'error'],
    ['a holder from another site', post('w1', 'other', 'b'), 'holder-not-at-site', 'holderA', 'error'],
    ['an unknown holder', post('w1', 'a', 'nobody'), 'holder-not-at-site', 'holderB', 'error'],
    ['a holder who left', post('w1', 'a', 'gone'), 'holder-left', 'holderB', 'error'],
    ['no backup', post('w1', 'a'), 'no-backup', 'holderB', 'warning'],
    ['no holder at all', post('w1'), 'no-holder', 'holderA', 'warning'],
  ] as const)('%s', (_label, p, code, field, severity) => {
    expect(postIssues([p], staff, SITE)).toEqual([{ postId: 'w1', code, field, severity }]);
  });

  it('warns when one person is the A holder of two posts, and rejects duplicate names', () => {
    const issues = postIssues([post('w1', 'a', 'b', '窗口1'), post('w2', 'a', 'b', '窗口1 ')], staff, SITE);
    expect(issues.filter((i) => i.code === 'a-holder-of-several').map((i) => i.postId)).toEqual(['w1', 'w2']);
    expect(issues.filter((i) => i.code === 'duplicate-name')).toHaveLength(2);
  });

  it('lets one person be the B backup of several posts', () => {
    expect(postIssues([post('w1', 'a', 'b'), post('w2', 'other', 'b')], [...staff, { id: 'other', siteId: SITE, status: 'on-post' }], SITE)).toEqual([]);
  });
});

describe('shiftLength', () => {
  it.each([
    ['08:30', '16:30', 30, false, 480, 450],
    ['14:30', '22:30', 30, false, 480, 450],
    ['08:30', '17:30', 60, false, 540, 480],
    ['22:00', '06:00', 30, true, 480, 450],
    ['08:00', '08:00', 0, true, 1440, 1440],
    ['00:00', '23:59', 0, false, 1439, 1439],
  ])('%s–%s with %i min break', (start, end, breakMinutes, overnight, spanMinutes, workMinutes) => {
    expect(shiftLength({ start, end, breakMinutes })).toEqual({ overnight, spanMinutes, workMinutes });
  });
});

describe('shiftIssues', () => {
  it('flags a break as long as the shift and duplicate names', () => {
    expect(
      shiftIssues([
        { id: 's1', name: '早班', start: '08:00', end: '09:00', breakMinutes: 60 },
        { id: 's2', name: '早班', start: '08:30', end: '16:30', breakMinutes: 30 },
        { id: 's3', name: '夜班', start: '22:00', end: '06:00', breakMinutes: 30 },
      ]),
    ).toEqual([
      { shiftId: 's1', code: 'duplicate-name', field: 'name' },
      { shiftId: 's1', code: 'break-too-long', field: 'breakMinutes' },
      { shiftId: 's2', code: 'duplicate-name', field: 'name' },
    ]);
  });
});
