import { deterministicId } from '../../domain/ids';
import type { Site } from '../../domain/schemas/site';
import { staffSchema, type Staff } from '../../domain/schemas/staff';
import { isMaskedValue } from '../../domain/rules/sensitive';
import { issueToError, type FieldError } from './field-errors';

/**
 * Staff import from a spreadsheet, pure: find the header row, map Chinese or
 * English headers to fields, convert each cell, validate every row with the
 * shared staff schema and flag duplicate staff numbers, all before anything
 * is written. Reading the file (xlsx, CSV) is in spreadsheet.ts.
 */

/** A cell as read from xlsx or CSV. */
export type Cell = string | number | boolean | Date | null | undefined;

export const importFields = [
  'staffNo',
  'name',
  'pinyinInitials',
  'gender',
  'site',
  'post',
  'status',
  'idNumber',
  'phone',
  'monthlyWage',
  'employmentForm',
  'agreementType',
  'intern',
  'hiredOn',
  'contractStart',
  'contractEnd',
  'probationEnd',
  'socialInsurance',
  'leftOn',
  'badgeCode',
] as const;
export type ImportField = (typeof importFields)[number];
/** Columns an import cannot do without (site and status have defaults). */
export const requiredImportFields: readonly ImportField[] = ['staffNo', 'name', 'gender'];

/** Header spellings, compared after `normalizeLabel` (so case, spaces, brackets and "*" do not matter). */
const HEADER_ALIASES: Record<ImportField, readonly string[]> = {
  staffNo: ['工号', '员工工号', '员工编号', '员工号', '人员编号', 'staffno', 'staff number', 'staff no', 'employee no', 'employee number', 'employee id'],
  name: ['姓名', '员工姓名', '名字', 'name', 'full name'],
  pinyinInitials: ['拼音首字母', '拼音', 'pinyin', 'pinyin initials', 'initials'],
  gender: ['性别', 'gender', 'sex'],
  site: ['场所', '驻场场所', '所属场所', '服务场所', 'site', 'site name'],
  post: ['岗位', '窗口', '坐席', '岗位窗口', 'post', 'position', 'desk'],
  status: ['状态', '人员状态', '在岗状态', 'status'],
  idNumber: ['身份证号', '身份证号码', '身份证', '证件号码', 'id number', 'id no', 'id card number', 'national id'],
  phone: ['手机号', '手机', '手机号码', '联系电话', '电话', 'phone', 'mobile', 'phone number', 'telephone'],
  monthlyWage: ['月工资', '工资', '月薪', '基本工资', '薪资', 'monthly wage', 'wage', 'salary', 'monthly salary', 'pay'],
  employmentForm: ['用工形式', '用工方式', 'employment form', 'employment type'],
  agreementType: ['协议类型', '合同类型', '签约类型', 'agreement type', 'agreement', 'contract type'],
  intern: ['实习生', '是否实习生', '是否实习', 'intern'],
  hiredOn: ['入职日期', '入职时间', '到岗日期', 'hired on', 'hire date', 'date hired', 'start date'],
  contractStart: ['合同开始日期', '合同开始', '合同起始日期', '合同起始日', 'contract start', 'contract start date'],
  contractEnd: ['合同结束日期', '合同结束', '合同到期日期', '合同到期日', '合同终止日期', 'contract end', 'contract end date'],
  probationEnd: ['试用期结束日期', '试用期结束', '试用期到期日', 'probation end', 'probation end date'],
  socialInsurance: ['社保', '社保状态', '社保类型', '社会保险', 'social insurance'],
  leftOn: ['离职日期', '离职时间', 'left on', 'leaving date', 'date left'],
  badgeCode: ['工牌码', '工牌号', '胸卡码', 'badge', 'badge code'],
};

/** Full-width to ASCII, lower case, no spaces, brackets, "*" or "必填" marks. */
export function normalizeLabel(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（[]?(必填|选填|required|optional)[)）\]]?/g, '')
    .replace(/[\s_\-—:：()[\]*.·/]/g, '');
}

const HEADER_INDEX: ReadonlyMap<string, ImportField> = new Map(
  importFields.flatMap((field) => HEADER_ALIASES[field].map((alias) => [normalizeLabel(alias), field] as const)),
);

/** The field a header names, if any; `extra` adds spellings (e.g. the app's own column labels in both languages). */
export function fieldOfHeader(header: Cell, extra?: ReadonlyMap<string, ImportField>): ImportField | null {
  const key = normalizeLabel(cellText(header) ?? '');
  if (!key) return null;
  return HEADER_INDEX.get(key) ?? extra?.get(key) ?? null;
}

/** Each column's field; a field named twice maps only its first column. */
export function mapHeaders(headers: readonly Cell[], extra?: ReadonlyMap<string, ImportField>): (ImportField | null)[] {
  const seen = new Set<ImportField>();
  return headers.map((h) => {
    const field = fieldOfHeader(h, extra);
    if (!field || seen.has(field)) return null;
    seen.add(field);
    return field;
  });
}

const HEADER_SEARCH_ROWS = 10;

/**
 * The header row: the first of the first rows naming at least two fields
 * (spreadsheets often start with a title row such as "人员花名册"), or -1.
 */
export function findHeaderRow(rows: readonly (readonly Cell[])[], extra?: ReadonlyMap<string, ImportField>): number {
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    if (mapHeaders(rows[i]!, extra).filter(Boolean).length >= 2) return i;
  }
  return -1;
}

export function missingRequired(mapping: readonly (ImportField | null)[]): ImportField[] {
  return requiredImportFields.filter((f) => !mapping.includes(f));
}

// ---- cells ----

/** A cell as trimmed text, or undefined when blank. */
export function cellText(cell: Cell): string | undefined {
  if (cell === null || cell === undefined) return undefined;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : cell.toISOString().slice(0, 10);
  const s = String(cell).trim();
  return s === '' ? undefined : s;
}

type Converted<T> = { ok: true; value: T | undefined } | { ok: false; error: FieldError };
const ok = <T>(value: T | undefined): Converted<T> => ({ ok: true, value });
const bad = <T>(key: string, params?: FieldError['params']): Converted<T> => ({ ok: false, error: { key, params } });

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

function isoDay(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * A day from a date cell (exceljs gives dates at UTC midnight), an Excel
 * serial number, or text such as 2025-03-05, 2025/3/5, 2025.3.5, 2025年3月5日
 * or 20250305.
 */
export function toDay(cell: Cell): Converted<string> {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return bad('badDate');
    return ok(cell.toISOString().slice(0, 10));
  }
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 2_958_465) return bad('badDate', { value: String(cell) });
    return ok(new Date(EXCEL_EPOCH_MS + cell * MS_PER_DAY).toISOString().slice(0, 10));
  }
  const s = cellText(cell);
  if (s === undefined) return ok(undefined);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  const day = m ? isoDay(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  return day ? ok(day) : bad('badDate', { value: s });
}

const choiceKey = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s_-]/g, '');

function choice<T extends string>(table: Record<string, T>): (cell: Cell) => Converted<T> {
  const index = new Map(Object.entries(table).map(([k, v]) => [choiceKey(k), v]));
  return (cell) => {
    const s = cellText(cell);
    if (s === undefined) return ok(undefined);
    const v = index.get(choiceKey(s));
    return v ? ok(v) : bad('badChoice', { value: s });
  };
}

export const toGender = choice<Staff['gender']>({ 男: 'male', 女: 'female', male: 'male', female: 'female', m: 'male', f: 'female' });
export const toStatus = choice<Staff['status']>({
  在岗: 'on-post',
  在职: 'on-post',
  'on-post': 'on-post',
  active: 'on-post',
  待岗: 'standby',
  standby: 'standby',
  离职: 'left',
  已离职: 'left',
  left: 'left',
});
export const toEmploymentForm = choice<NonNullable<Staff['employmentForm']>>({
  全日制: 'full-time',
  'full-time': 'full-time',
  非全日制: 'part-time',
  'part-time': 'part-time',
  短期临时: 'short-term',
  短期: 'short-term',
  临时: 'short-term',
  'short-term': 'short-term',
});
export const toAgreementType = choice<NonNullable<Staff['agreementType']>>({
  劳动合同: 'labour-contract',
  'labour-contract': 'labour-contract',
  'labor-contract': 'labour-contract',
  劳务协议: 'service-agreement',
  'service-agreement': 'service-agreement',
});
export const toSocialInsurance = choice<NonNullable<Staff['socialInsurance']>>({
  d: 'D',
  g: 'G',
  w: 'W',
  t: 'T',
  单位缴纳: 'D',
  个人缴纳: 'G',
  无: 'W',
  未缴纳: 'W',
  停缴: 'T',
});
const toBooleanChoice = choice<'yes' | 'no'>({ 是: 'yes', 否: 'no', yes: 'yes', no: 'no', y: 'yes', n: 'no', true: 'yes', false: 'no', '1': 'yes', '0': 'no' });
export function toBoolean(cell: Cell): Converted<boolean> {
  if (typeof cell === 'boolean') return ok(cell);
  const r = toBooleanChoice(cell);
  return r.ok ? ok(r.value === undefined ? undefined : r.value === 'yes') : r;
}

/** Money as a number or text such as "5,200", "¥5200" or "5200元". */
export function toAmount(cell: Cell): Converted<number> {
  if (typeof cell === 'number') return ok(cell);
  const s = cellText(cell);
  if (s === undefined) return ok(undefined);
  const n = Number(s.replace(/[,，¥￥元\s]/g, ''));
  return Number.isFinite(n) ? ok(n) : bad('badNumber', { value: s });
}

/** Text that may have been typed as a number (staff numbers, phones). */
function toCode(cell: Cell): Converted<string> {
  if (typeof cell === 'number') return Number.isSafeInteger(cell) ? ok(String(cell)) : bad('numberPrecision');
  return ok(cellText(cell));
}

/**
 * An ID number: upper-case X, no spaces. An 18-digit number typed into a
 * number cell has already lost its last digits in the spreadsheet.
 */
export function toIdNumber(cell: Cell): Converted<string> {
  if (typeof cell === 'number') return Number.isSafeInteger(cell) ? ok(String(cell)) : bad('numberPrecision');
  const s = cellText(cell)?.replace(/\s/g, '').toUpperCase();
  return ok(s === '' ? undefined : s);
}

// ---- rows ----

export interface ImportContext {
  /** Sites the user may import into, with their posts. */
  sites: readonly Pick<Site, 'id' | 'name' | 'posts'>[];
  /** The site of rows that name none. */
  defaultSiteId?: string;
  /** Staff already in the database: their ids, staff numbers and (when visible) ID numbers. */
  existing: readonly Pick<Staff, 'id' | 'staffNo' | 'idNumber'>[];
  /** Stamps the schema needs; insertDoc stamps the real ones. */
  stamp: { updatedAt: string; updatedBy: string; deviceId: string };
  /** Pinyin initials of a name, for rows without them. */
  initialsOf(name: string): string;
}

/** A staff document as the import writes it (before insertDoc stamps the author). */
export type ImportedStaff = Omit<Staff, 'updatedAt' | 'updatedBy' | 'deviceId'>;

export interface RowError {
  /** The column at fault; null for the row as a whole. */
  field: ImportField | null;
  error: FieldError;
}

export interface ImportRow {
  /** Line number in the spreadsheet (1-based, as the user sees it). */
  line: number;
  /** The row's cells by field, as text, for the preview. */
  values: Partial<Record<ImportField, string>>;
  doc?: ImportedStaff;
  errors: RowError[];
}

export interface ImportPlan {
  /** Line of the header row (1-based), or 0 when none was found. */
  headerLine: number;
  headers: string[];
  mapping: (ImportField | null)[];
  missing: ImportField[];
  rows: ImportRow[];
  valid: ImportedStaff[];
  invalidCount: number;
}

/** The id of a staff record made from a staff number: two devices importing the same list make one record each, not two. */
export function staffIdFor(staffNo: string): string {
  return deterministicId('staff', [staffNo.trim()]);
}

const normNo = (s: string) => s.trim().toLowerCase();
const siteKey = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** Maps a shared-schema path to the import column it came from. */
function fieldOfPath(path: readonly PropertyKey[]): ImportField | null {
  const head = String(path[0] ?? '');
  if (head === 'siteId') return 'site';
  if (head === 'postId') return 'post';
  if (head === 'id') return 'staffNo';
  return (importFields as readonly string[]).includes(head) ? (head as ImportField) : null;
}

function convertRow(
  cells: readonly Cell[],
  mapping: readonly (ImportField | null)[],
  ctx: ImportContext,
): { values: ImportRow['values']; doc: Record<string, unknown>; errors: RowError[] } {
  const raw: Partial<Record<ImportField, Cell>> = {};
  const values: ImportRow['values'] = {};
  mapping.forEach((field, i) => {
    if (!field) return;
    raw[field] = cells[i];
    const text = cellText(cells[i]);
    if (text !== undefined) values[field] = text;
  });
  const errors: RowError[] = [];
  const doc: Record<string, unknown> = {};
  const take = <T>(field: ImportField, converted: Converted<T>, target: string = field) => {
    if (!converted.ok) errors.push({ field, error: converted.error });
    else if (converted.value !== undefined) doc[target] = converted.value;
  };

  take('staffNo', toCode(raw.staffNo));
  take('name', ok(cellText(raw.name)));
  take('gender', toGender(raw.gender));
  take('status', toStatus(raw.status));
  take('idNumber', toIdNumber(raw.idNumber));
  take('phone', toCode(raw.phone));
  take('monthlyWage', toAmount(raw.monthlyWage));
  take('employmentForm', toEmploymentForm(raw.employmentForm));
  take('agreementType', toAgreementType(raw.agreementType));
  take('intern', toBoolean(raw.intern));
  for (const f of ['hiredOn', 'contractStart', 'contractEnd', 'probationEnd', 'leftOn'] as const) take(f, toDay(raw[f]));
  take('socialInsurance', toSocialInsurance(raw.socialInsurance));
  take('badgeCode', ok(cellText(raw.badgeCode)));
  take('pinyinInitials', ok(cellText(raw.pinyinInitials)?.toLowerCase()));

  for (const f of ['idNumber', 'phone'] as const) {
    if (isMaskedValue(doc[f])) errors.push({ field: f, error: { key: 'maskedValue' } });
  }

  // Site: named in the row (by name or id) or the one chosen for the import.
  const siteText = cellText(raw.site);
  const site = siteText
    ? ctx.sites.find((s) => s.id === siteText || siteKey(s.name) === siteKey(siteText))
    : ctx.sites.find((s) => s.id === ctx.defaultSiteId);
  if (siteText && !site) errors.push({ field: 'site', error: { key: 'unknownSite', params: { value: siteText } } });
  if (site) doc.siteId = site.id;

  const postText = cellText(raw.post);
  if (postText && site) {
    const post = site.posts.find((p) => p.id === postText || siteKey(p.name) === siteKey(postText));
    if (post) doc.postId = post.id;
    else errors.push({ field: 'post', error: { key: 'unknownPost', params: { value: postText } } });
  }

  doc.status ??= 'on-post';
  doc.pinyinInitials ??= typeof doc.name === 'string' ? ctx.initialsOf(doc.name) : '';
  if (typeof doc.staffNo === 'string') doc.id = staffIdFor(doc.staffNo);
  doc.certificates = [];
  return { values, doc, errors };
}

function isBlank(cells: readonly Cell[]): boolean {
  return cells.every((c) => cellText(c) === undefined);
}

/** Rows (1-based lines) sharing a key, for each key that occurs more than once. */
function repeated(rows: readonly { line: number; key: string | undefined }[]): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  for (const r of rows) if (r.key) lines.set(r.key, [...(lines.get(r.key) ?? []), r.line]);
  return new Map([...lines].filter(([, l]) => l.length > 1));
}

/**
 * Everything the preview shows and the write needs: each row converted and
 * validated with the shared schema, staff numbers (and ID numbers) repeated
 * in the file or already in the database flagged. `mapping` overrides the
 * detected header mapping (the user can correct it).
 */
export function planImport(
  table: readonly (readonly Cell[])[],
  ctx: ImportContext,
  opts: { mapping?: (ImportField | null)[]; extraHeaders?: ReadonlyMap<string, ImportField> } = {},
): ImportPlan {
  const headerIndex = findHeaderRow(table, opts.extraHeaders);
  const headerRow = headerIndex >= 0 ? table[headerIndex]! : [];
  const headers = headerRow.map((h) => cellText(h) ?? '');
  const mapping = opts.mapping ?? mapHeaders(headerRow, opts.extraHeaders);
  const missing = headerIndex >= 0 ? missingRequired(mapping) : [...requiredImportFields];
  if (headerIndex < 0 || missing.length > 0) {
    return { headerLine: headerIndex + 1, headers, mapping, missing, rows: [], valid: [], invalidCount: 0 };
  }

  const rows: (ImportRow & { candidate: Record<string, unknown> })[] = [];
  for (let i = headerIndex + 1; i < table.length; i++) {
    const cells = table[i]!;
    if (isBlank(cells)) continue;
    const { values, doc, errors } = convertRow(cells, mapping, ctx);
    rows.push({ line: i + 1, values, errors, candidate: doc });
  }

  // Duplicates: in the file (every occurrence, so the user decides which is right) and against the database.
  const existingNos = new Set(ctx.existing.map((s) => normNo(s.staffNo)));
  const existingIds = new Set(ctx.existing.map((s) => s.id));
  const existingIdNumbers = new Set(ctx.existing.map((s) => s.idNumber).filter((v): v is string => !!v && !isMaskedValue(v)));
  const noKey = (r: (typeof rows)[number]) => (typeof r.candidate.staffNo === 'string' ? normNo(r.candidate.staffNo) : undefined);
  const idKey = (r: (typeof rows)[number]) => (typeof r.candidate.idNumber === 'string' ? r.candidate.idNumber : undefined);
  const sameNo = repeated(rows.map((r) => ({ line: r.line, key: noKey(r) })));
  const sameId = repeated(rows.map((r) => ({ line: r.line, key: idKey(r) })));
  const others = (lines: number[], line: number) => lines.filter((l) => l !== line).join(', ');
  for (const r of rows) {
    const no = noKey(r);
    const inFile = no ? sameNo.get(no) : undefined;
    if (inFile) r.errors.push({ field: 'staffNo', error: { key: 'duplicateInFile', params: { lines: others(inFile, r.line) } } });
    else if (no && (existingNos.has(no) || existingIds.has(String(r.candidate.id)))) {
      r.errors.push({ field: 'staffNo', error: { key: 'duplicateExisting' } });
    }
    const idNumber = idKey(r);
    const idInFile = idNumber ? sameId.get(idNumber) : undefined;
    if (idInFile) r.errors.push({ field: 'idNumber', error: { key: 'duplicateInFile', params: { lines: others(idInFile, r.line) } } });
    else if (idNumber && existingIdNumbers.has(idNumber)) r.errors.push({ field: 'idNumber', error: { key: 'duplicateExisting' } });
  }

  // The shared schema, as the sync server will check it; one error per column.
  const valid: ImportedStaff[] = [];
  for (const r of rows) {
    const parsed = staffSchema.safeParse({ ...r.candidate, ...ctx.stamp });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = fieldOfPath(issue.path);
        if (!r.errors.some((e) => e.field === field)) r.errors.push({ field, error: issueToError(issue) });
      }
    } else if (r.errors.length === 0) {
      const { updatedAt: _a, updatedBy: _b, deviceId: _c, ...doc } = parsed.data;
      r.doc = doc;
      valid.push(doc);
    }
  }
  const out: ImportRow[] = rows.map(({ candidate: _candidate, ...row }) => row);
  return { headerLine: headerIndex + 1, headers, mapping, missing, rows: out, valid, invalidCount: out.filter((r) => r.errors.length > 0).length };
}
