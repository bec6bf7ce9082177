import { questionSchema, type Question } from '../schemas/course';

/**
 * Questions imported from a spreadsheet (xlsx or CSV read into rows of cells).
 * The first row names the columns, in Chinese or English:
 *
 * | 类型 type | 题目 question | 选项A … 选项F (A … F) | 答案 answer | 分值 points | 解析 explanation |
 *
 * Types: 单选/single, 多选/multiple, 判断/true-false, 简答/short-answer.
 * Answers: option letters ("B", "ACD", "A,C"), 对/错 (正确/错误, √/×, T/F, true/false) for true/false,
 * nothing for short answers. Every row is checked before anything is written.
 */

export type ImportErrorCode =
  | 'missing-columns'
  | 'unknown-type'
  | 'missing-prompt'
  | 'bad-points'
  | 'too-few-options'
  | 'bad-answer'
  | 'answer-not-an-option'
  | 'unexpected-options'
  | 'invalid';

export interface ImportError {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  code: ImportErrorCode;
  /** The schema's message for 'invalid'; the offending value otherwise. */
  detail?: string;
}

export interface ImportedQuestion {
  row: number;
  question: Question;
}

export interface ImportResult {
  questions: ImportedQuestion[];
  errors: ImportError[];
  /** Rows with content (the header and blank rows excluded). */
  rowCount: number;
}

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

const HEADER_ALIASES: Record<string, string[]> = {
  type: ['类型', '题型', 'type'],
  prompt: ['题目', '题干', '问题', 'question', 'prompt'],
  answer: ['答案', '正确答案', 'answer'],
  points: ['分值', '分数', 'points', 'score'],
  explanation: ['解析', '参考答案', '评分要点', 'explanation'],
  ...Object.fromEntries(LETTERS.map((l) => [`option${l}`, [`选项${l}`, `option ${l}`, `option${l}`, l]])),
};

const TYPE_ALIASES: Record<string, Question['type']> = {
  单选: 'single',
  单选题: 'single',
  single: 'single',
  多选: 'multiple',
  多选题: 'multiple',
  multiple: 'multiple',
  判断: 'true-false',
  判断题: 'true-false',
  'true-false': 'true-false',
  truefalse: 'true-false',
  简答: 'short-answer',
  简答题: 'short-answer',
  'short-answer': 'short-answer',
  short: 'short-answer',
};

const TRUE_WORDS = ['对', '正确', '是', '√', '✓', 't', 'true', 'y', 'yes'];
const FALSE_WORDS = ['错', '错误', '否', '×', '✗', 'x', 'f', 'false', 'n', 'no'];

const norm = (s: string | undefined) => (s ?? '').trim();
const key = (s: string) => norm(s).toLowerCase().replace(/\s+/g, ' ');

/** Column index of each known field from the header row. */
function columnsOf(header: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  header.forEach((cell, i) => {
    const k = key(cell);
    for (const [field, aliases] of Object.entries(HEADER_ALIASES)) {
      if (!out.has(field) && aliases.some((a) => a.toLowerCase() === k)) out.set(field, i);
    }
  });
  return out;
}

function parseAnswer(type: Question['type'], raw: string): string[] | null {
  const t = raw.trim();
  if (type === 'short-answer') return t === '' ? [] : null;
  if (type === 'true-false') {
    const k = t.toLowerCase();
    if (TRUE_WORDS.includes(k)) return ['true'];
    if (FALSE_WORDS.includes(k)) return ['false'];
    return null;
  }
  const letters = t.toUpperCase().replace(/[\s,，、;；/]/g, '');
  if (letters === '' || !/^[A-F]+$/.test(letters)) return null;
  return [...new Set(letters.split(''))].map((l) => l.toLowerCase());
}

/**
 * Reads questions from spreadsheet rows. Question ids continue from `q1`,
 * skipping `takenIds` (the bank's existing questions), so an import can be
 * appended to a bank.
 */
export function importQuestions(rows: readonly (readonly string[])[], takenIds: readonly string[] = []): ImportResult {
  const [header = [], ...body] = rows;
  const cols = columnsOf(header);
  const missing = ['type', 'prompt'].filter((f) => !cols.has(f));
  if (missing.length > 0) return { questions: [], errors: [{ row: 1, code: 'missing-columns', detail: missing.join(', ') }], rowCount: 0 };

  const taken = new Set(takenIds);
  let next = 1;
  const nextId = () => {
    while (taken.has(`q${next}`)) next++;
    taken.add(`q${next}`);
    return `q${next}`;
  };
  const cell = (row: readonly string[], field: string) => {
    const i = cols.get(field);
    return i === undefined ? '' : norm(row[i]);
  };

  const questions: ImportedQuestion[] = [];
  const errors: ImportError[] = [];
  let rowCount = 0;
  body.forEach((row, index) => {
    const rowNo = index + 2;
    if (row.every((c) => norm(c) === '')) return;
    rowCount++;
    const fail = (code: ImportErrorCode, detail?: string) => errors.push({ row: rowNo, code, ...(detail ? { detail } : {}) });

    const rawType = cell(row, 'type');
    const type = TYPE_ALIASES[key(rawType).replace(/\s/g, '')];
    if (!type) return fail('unknown-type', rawType);
    const prompt = cell(row, 'prompt');
    if (!prompt) return fail('missing-prompt');
    const rawPoints = cell(row, 'points');
    const points = rawPoints === '' ? 1 : Number(rawPoints);
    if (!Number.isFinite(points) || points < 0 || points > 100) return fail('bad-points', rawPoints);

    const options = LETTERS.map((l) => ({ id: l.toLowerCase(), text: cell(row, `option${l}`) })).filter((o) => o.text !== '');
    const choice = type === 'single' || type === 'multiple';
    if (choice && options.length < 2) return fail('too-few-options');
    if (!choice && options.length > 0) return fail('unexpected-options');
    const rawAnswer = cell(row, 'answer');
    const answer = parseAnswer(type, rawAnswer);
    if (!answer || (type === 'single' && answer.length !== 1)) return fail('bad-answer', rawAnswer);
    if (choice && answer.some((a) => !options.some((o) => o.id === a))) return fail('answer-not-an-option', rawAnswer);

    const explanation = cell(row, 'explanation');
    const parsed = questionSchema.safeParse({ id: nextId(), type, prompt, options, answer, points, ...(explanation ? { explanation } : {}) });
    if (!parsed.success) return fail('invalid', parsed.error.issues.map((i) => i.message).join('; '));
    questions.push({ row: rowNo, question: parsed.data });
  });
  return { questions, errors, rowCount };
}
