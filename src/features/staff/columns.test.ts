import { describe, expect, it } from 'vitest';
import { toCsv } from '../../app/export';
import type { Staff } from '../../domain/schemas/staff';
import { staffExportColumns, ownHeaderLabels, type Label } from './columns';
import { planImport, staffIdFor } from './import';
import { messages } from './messages';
import { pinyinInitialsOf } from './pinyin';
import { parseCsv } from './spreadsheet';

function labelIn(lng: 'zh-CN' | 'en'): Label {
  return (key) => {
    const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages[lng]);
    if (typeof value !== 'string') throw new Error(`missing message ${key}`);
    return value;
  };
}

const site = { id: 'site-hall-1', name: '市民中心政务服务大厅', posts: [{ id: 'post-window-1', name: '综合受理窗口1', kind: 'window' as const, requiredCertificates: [], requiredCourses: [] }] };
const lookups = {
  siteName: (id: string) => (id === site.id ? site.name : id),
  postName: (_s: string, p: string | undefined) => site.posts.find((x) => x.id === p)?.name ?? '',
};
const stamp = { updatedAt: '2025-06-01T00:00:00.000Z', updatedBy: 'user-admin', deviceId: 'dev-1' };
const people: Staff[] = [
  {
    id: staffIdFor('YG1'),
    siteId: site.id,
    ...stamp,
    staffNo: 'YG1',
    name: '张伟',
    pinyinInitials: 'zw',
    gender: 'male',
    postId: 'post-window-1',
    status: 'on-post',
    idNumber: '31010419851212002X',
    phone: '13812345678',
    monthlyWage: 5200,
    certificates: [],
    employmentForm: 'part-time',
    agreementType: 'service-agreement',
    intern: true,
    hiredOn: '2024-03-01',
    contractStart: '2024-03-01',
    contractEnd: '2027-02-28',
    probationEnd: '2024-05-31',
    socialInsurance: 'G',
  },
  { id: staffIdFor('YG2'), siteId: site.id, ...stamp, staffNo: 'YG2', name: '李娜', pinyinInitials: 'ln', gender: 'female', status: 'left', leftOn: '2025-01-31', certificates: [] },
];

describe('staff export', () => {
  it.each(['zh-CN', 'en'] as const)('imports back to the same records (%s, as an administrator)', (lng) => {
    const csv = toCsv(staffExportColumns(labelIn(lng), 'admin', lookups), people);
    const plan = planImport(
      parseCsv(csv),
      { sites: [site], existing: [], stamp, initialsOf: pinyinInitialsOf },
      { extraHeaders: ownHeaderLabels },
    );
    expect(plan.missing).toEqual([]);
    expect(plan.rows.flatMap((r) => r.errors)).toEqual([]);
    expect(plan.valid).toEqual(people.map(({ updatedAt: _a, updatedBy: _b, deviceId: _c, ...rest }) => rest));
  });

  it('masks ID and phone and leaves pay out for a manager', () => {
    const columns = staffExportColumns(labelIn('zh-CN'), 'manager', lookups);
    expect(columns.map((c) => c.header)).not.toContain('月工资');
    const row = Object.fromEntries(columns.map((c) => [c.header, c.value(people[0]!)]));
    expect(row).toMatchObject({ 身份证号: '3101**********002X', 手机号: '138****5678', 性别: '男', 状态: '在岗', 场所: site.name, 岗位: '综合受理窗口1' });
  });

  it('a masked export cannot be imported as real data', () => {
    const csv = toCsv(staffExportColumns(labelIn('zh-CN'), 'manager', lookups), people.slice(0, 1));
    const plan = planImport(parseCsv(csv), { sites: [site], existing: [], stamp, initialsOf: pinyinInitialsOf }, { extraHeaders: ownHeaderLabels });
    expect(plan.rows[0]!.errors.map((e) => [e.field, e.error.key])).toEqual([
      ['idNumber', 'maskedValue'],
      ['phone', 'maskedValue'],
    ]);
  });
});
