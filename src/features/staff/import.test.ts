import { describe, expect, it } from 'vitest';
import {
  fieldOfHeader,
  findHeaderRow,
  mapHeaders,
  planImport,
  staffIdFor,
  toAmount,
  toBoolean,
  toDay,
  toGender,
  toIdNumber,
  toStatus,
  type Cell,
  type ImportContext,
} from './import';
import { pinyinInitialsOf } from './pinyin';

const ctx: ImportContext = {
  sites: [
    {
      id: 'site-hall-1',
      name: '市民中心政务服务大厅',
      posts: [{ id: 'post-window-1', name: '综合受理窗口1', kind: 'window', requiredCertificates: [], requiredCourses: [] }],
    },
    { id: 'site-hotline-1', name: '12345热线职场', posts: [] },
  ],
  defaultSiteId: 'site-hall-1',
  existing: [{ id: 'staff-00001', staffNo: 'YG00001', idNumber: '110101199003071234' }],
  stamp: { updatedAt: '2025-06-01T00:00:00.000Z', updatedBy: 'user-admin', deviceId: 'dev-1' },
  initialsOf: pinyinInitialsOf,
};

describe('headers', () => {
  it.each([
    ['工号', 'staffNo'],
    ['*工号', 'staffNo'],
    ['工号（必填）', 'staffNo'],
    ['Staff No.', 'staffNo'],
    ['staff_number', 'staffNo'],
    ['姓名', 'name'],
    ['Name', 'name'],
    ['身份证号码', 'idNumber'],
    ['ID Number', 'idNumber'],
    ['手机号', 'phone'],
    ['Mobile', 'phone'],
    ['用工形式', 'employmentForm'],
    ['合同结束日期', 'contractEnd'],
    ['Contract End Date', 'contractEnd'],
    ['社保状态', 'socialInsurance'],
    ['备注', null],
    ['', null],
    [null, null],
  ] as const)('%s → %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  it('maps a field only once and accepts extra spellings', () => {
    expect(mapHeaders(['工号', '姓名', 'Staff No', 'Geschlecht'], new Map([['geschlecht', 'gender' as const]]))).toEqual([
      'staffNo',
      'name',
      null,
      'gender',
    ]);
  });

  it('skips title rows above the header', () => {
    expect(findHeaderRow([['人员花名册'], [], ['工号', '姓名', '性别'], ['YG1', '张伟', '男']])).toBe(2);
    expect(findHeaderRow([['a', 'b'], ['c', 'd']])).toBe(-1);
  });
});

describe('cells', () => {
  it.each<[Cell, string | undefined]>([
    [new Date(Date.UTC(2025, 2, 5)), '2025-03-05'],
    [45721, '2025-03-05'],
    ['2025-03-05', '2025-03-05'],
    ['2025/3/5', '2025-03-05'],
    ['2025.3.5', '2025-03-05'],
    ['2025年3月5日', '2025-03-05'],
    ['20250305', '2025-03-05'],
    ['', undefined],
    [null, undefined],
  ])('day %s → %s', (cell, day) => {
    expect(toDay(cell)).toEqual({ ok: true, value: day });
  });

  it.each<Cell>(['2025-02-30', '5 March', 'tomorrow', 1.5, -3])('rejects day %s', (cell) => {
    expect(toDay(cell)).toMatchObject({ ok: false, error: { key: 'badDate' } });
  });

  it.each<[Cell, string | undefined]>([
    ['男', 'male'],
    ['女', 'female'],
    ['Female', 'female'],
    ['M', 'male'],
    ['', undefined],
  ])('gender %s → %s', (cell, v) => {
    expect(toGender(cell)).toEqual({ ok: true, value: v });
  });

  it.each<[Cell, string]>([
    ['在岗', 'on-post'],
    ['待岗', 'standby'],
    ['离职', 'left'],
    ['On post', 'on-post'],
    ['standby', 'standby'],
  ])('status %s → %s', (cell, v) => {
    expect(toStatus(cell)).toEqual({ ok: true, value: v });
  });

  it('rejects an unknown choice with the value', () => {
    expect(toGender('未知')).toEqual({ ok: false, error: { key: 'badChoice', params: { value: '未知' } } });
  });

  it.each<[Cell, number | undefined]>([
    [5200, 5200],
    ['5,200', 5200],
    ['¥5200', 5200],
    ['5200元', 5200],
    ['', undefined],
  ])('amount %s → %s', (cell, v) => {
    expect(toAmount(cell)).toEqual({ ok: true, value: v });
  });

  it.each<[Cell, boolean | undefined]>([
    ['是', true],
    ['否', false],
    [true, true],
    ['No', false],
    ['', undefined],
  ])('boolean %s → %s', (cell, v) => {
    expect(toBoolean(cell)).toEqual({ ok: true, value: v });
  });

  it('takes ID numbers as text, upper-cases X, and refuses an 18-digit number cell (its digits are already lost)', () => {
    expect(toIdNumber('31010419851212002x')).toEqual({ ok: true, value: '31010419851212002X' });
    expect(toIdNumber(' 1101 0119 9003 071234 ')).toEqual({ ok: true, value: '110101199003071234' });
    expect(toIdNumber(1.1010119900307123e17)).toMatchObject({ ok: false, error: { key: 'numberPrecision' } });
  });
});

const HEADER = ['工号', '姓名', '性别', '岗位', '状态', '身份证号', '手机号', '月工资', '入职日期', '合同开始日期', '合同结束日期'];
const good = (no: string, name = '王丽', extra: Partial<Record<number, Cell>> = {}): Cell[] => {
  const row: Cell[] = [no, name, '女', '综合受理窗口1', '在岗', '', '13812345678', 5200, '2024-03-01', '2024-03-01', '2027-02-28'];
  for (const [i, v] of Object.entries(extra)) row[Number(i)] = v;
  return row;
};

describe('planImport', () => {
  it('turns valid rows into staff documents of the default site with pinyin initials and a deterministic id', () => {
    const plan = planImport([HEADER, good('IMP001', '张伟'), good('IMP002', '曾丽')], ctx);
    expect(plan).toMatchObject({ headerLine: 1, missing: [], invalidCount: 0 });
    expect(plan.valid).toHaveLength(2);
    expect(plan.valid[0]).toMatchObject({
      id: staffIdFor('IMP001'),
      siteId: 'site-hall-1',
      staffNo: 'IMP001',
      name: '张伟',
      pinyinInitials: 'zw',
      gender: 'female',
      postId: 'post-window-1',
      status: 'on-post',
      phone: '13812345678',
      monthlyWage: 5200,
      hiredOn: '2024-03-01',
      contractEnd: '2027-02-28',
      certificates: [],
    });
    expect(plan.valid[1]!.pinyinInitials).toBe('zl');
    expect(plan.valid[0]).not.toHaveProperty('updatedAt');
    expect(plan.rows[0]!.values.name).toBe('张伟');
  });

  it('reports every bad row with its line and column, and keeps the good ones', () => {
    const plan = planImport(
      [
        ['人员花名册'],
        HEADER,
        good('IMP001'),
        good('IMP002', ''),
        good('IMP003', '李娜', { 8: '2024-02-30' }),
        good('YG00001'),
        good('IMP005', '周杰', { 2: '未知' }),
        good('IMP006', '吴敏', { 9: '2025-01-01', 10: '2024-01-01' }),
        good('IMP007', '孙燕', { 3: '不存在的窗口' }),
        [],
        good('IMP009'),
      ],
      ctx,
    );
    expect(plan.headerLine).toBe(2);
    expect(plan.valid.map((d) => d.staffNo)).toEqual(['IMP001', 'IMP009']);
    expect(plan.invalidCount).toBe(6);
    const errorsOf = (line: number) => plan.rows.find((r) => r.line === line)!.errors.map((e) => [e.field, e.error.key]);
    expect(errorsOf(4)).toEqual([['name', 'required']]);
    expect(errorsOf(5)).toEqual([['hiredOn', 'badDate']]);
    expect(errorsOf(6)).toEqual([['staffNo', 'duplicateExisting']]);
    expect(errorsOf(7)).toEqual([['gender', 'badChoice']]);
    expect(errorsOf(8)).toEqual([['contractEnd', 'contractEndBeforeStart']]);
    expect(errorsOf(9)).toEqual([['post', 'unknownPost']]);
    expect(plan.rows.map((r) => r.line)).not.toContain(10);
  });

  it('flags every occurrence of a staff number or ID number repeated in the file', () => {
    const plan = planImport(
      [HEADER, good('IMP001'), good('imp001 '), good('IMP003', '王丽', { 5: '31010419851212002X' }), good('IMP004', '王丽', { 5: '31010419851212002x' })],
      ctx,
    );
    expect(plan.valid).toEqual([]);
    expect(plan.rows[0]!.errors).toEqual([{ field: 'staffNo', error: { key: 'duplicateInFile', params: { lines: '3' } } }]);
    expect(plan.rows[1]!.errors).toEqual([{ field: 'staffNo', error: { key: 'duplicateInFile', params: { lines: '2' } } }]);
    expect(plan.rows[2]!.errors).toEqual([{ field: 'idNumber', error: { key: 'duplicateInFile', params: { lines: '5' } } }]);
  });

  it('flags an ID number already on record and a masked copy from an export', () => {
    const plan = planImport([HEADER, good('IMP001', '王丽', { 5: '110101199003071234' }), good('IMP002', '王丽', { 5: '1101**********1234' })], ctx);
    expect(plan.rows.map((r) => r.errors.map((e) => e.error.key))).toEqual([['duplicateExisting'], ['maskedValue']]);
  });

  it('uses the site a row names (by name or id), and rejects a site out of scope', () => {
    const header = ['工号', '姓名', '性别', '场所'];
    const plan = planImport(
      [header, ['H1', '王丽', '女', '12345热线职场'], ['H2', '王丽', '女', 'site-hotline-1'], ['H3', '王丽', '女', '别的大厅']],
      { ...ctx, defaultSiteId: undefined },
    );
    expect(plan.valid.map((d) => d.siteId)).toEqual(['site-hotline-1', 'site-hotline-1']);
    expect(plan.rows[2]!.errors).toEqual([{ field: 'site', error: { key: 'unknownSite', params: { value: '别的大厅' } } }]);
  });

  it('requires a site when the rows name none and none was chosen', () => {
    const plan = planImport([['工号', '姓名', '性别'], ['H1', '王丽', '女']], { ...ctx, defaultSiteId: undefined });
    expect(plan.rows[0]!.errors).toEqual([{ field: 'site', error: { key: 'required' } }]);
  });

  it('reports a schema limit on the column (a name over 100 characters)', () => {
    const plan = planImport([HEADER, good('IMP001', '王'.repeat(101))], ctx);
    expect(plan.rows[0]!.errors).toEqual([{ field: 'name', error: { key: 'tooLong', params: { max: 100 } } }]);
  });

  it('reads nothing when required columns are missing, and names them', () => {
    const plan = planImport([['工号', '手机号'], ['IMP001', '138']], ctx);
    expect(plan).toMatchObject({ missing: ['name', 'gender'], rows: [], valid: [] });
    expect(planImport([['x'], ['y']], ctx)).toMatchObject({ headerLine: 0, missing: ['staffNo', 'name', 'gender'] });
  });

  it('follows a corrected mapping', () => {
    const plan = planImport([['编码', '姓名', '性别'], ['IMP001', '王丽', '女']], ctx, { mapping: ['staffNo', 'name', 'gender'] });
    expect(plan.missing).toEqual([]);
    expect(plan.valid[0]!.staffNo).toBe('IMP001');
  });

  it('handles 500 rows with 3 bad ones', () => {
    const table: Cell[][] = [HEADER];
    for (let i = 1; i <= 500; i++) table.push(good(`IMP${String(i).padStart(4, '0')}`, '测试员'));
    table[10]![1] = '';
    table[200]![2] = 'x';
    table[400]![0] = 'YG00001';
    const plan = planImport(table, ctx);
    expect(plan.valid).toHaveLength(497);
    expect(plan.rows.filter((r) => r.errors.length).map((r) => r.line)).toEqual([11, 201, 401]);
  });
});
