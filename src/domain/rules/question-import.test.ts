import { describe, expect, it } from 'vitest';
import { questionBankSchema } from '../schemas/course';
import { importQuestions, type ImportErrorCode } from './question-import';

const zhHeader = ['类型', '题目', '选项A', '选项B', '选项C', '选项D', '答案', '分值', '解析'];

describe('importQuestions: questions from a spreadsheet, checked row by row', () => {
  it('reads every question type with Chinese headers', () => {
    const { questions, errors, rowCount } = importQuestions([
      zhHeader,
      ['单选', '提前几分钟到岗？', '5 分钟', '10 分钟', '', '', 'B', '5', ''],
      ['多选', '禁止行为有：', '串岗', '脱岗', '吃东西', '微笑', 'A、B、C', '10', ''],
      ['判断', '可以随意着装。', '', '', '', '', '错', '5', ''],
      ['简答', '简述首问负责制。', '', '', '', '', '', '10', '首位接待人员负责到底'],
      ['', '', '', '', '', '', '', '', ''],
    ]);
    expect(errors).toEqual([]);
    expect(rowCount).toBe(4);
    expect(questions.map((q) => [q.row, q.question.id, q.question.type, q.question.answer, q.question.points])).toEqual([
      [2, 'q1', 'single', ['b'], 5],
      [3, 'q2', 'multiple', ['a', 'b', 'c'], 10],
      [4, 'q3', 'true-false', ['false'], 5],
      [5, 'q4', 'short-answer', [], 10],
    ]);
    expect(questions[0]!.question.options).toEqual([
      { id: 'a', text: '5 分钟' },
      { id: 'b', text: '10 分钟' },
    ]);
    expect(questions[3]!.question.explanation).toBe('首位接待人员负责到底');
  });

  it('reads English headers, defaults points to 1 and continues ids after a bank’s existing ones', () => {
    const { questions, errors } = importQuestions(
      [
        ['Type', 'Question', 'A', 'B', 'Answer'],
        ['single', 'Pick B', 'x', 'y', 'b'],
        ['true-false', 'Sky is blue', '', '', 'T'],
      ],
      ['q1', 'q2', 'q4'],
    );
    expect(errors).toEqual([]);
    expect(questions.map((q) => [q.question.id, q.question.points, q.question.answer])).toEqual([
      ['q3', 1, ['b']],
      ['q5', 1, ['true']],
    ]);
  });

  it.each([
    [['填空', '题', '', '', '', '', '', '1', ''], 'unknown-type'],
    [['单选', '', 'a', 'b', '', '', 'A', '1', ''], 'missing-prompt'],
    [['单选', '题', 'a', 'b', '', '', 'A', '两分', ''], 'bad-points'],
    [['单选', '题', 'a', 'b', '', '', 'A', '101', ''], 'bad-points'],
    [['单选', '题', 'a', '', '', '', 'A', '1', ''], 'too-few-options'],
    [['单选', '题', 'a', 'b', '', '', 'AB', '1', ''], 'bad-answer'],
    [['单选', '题', 'a', 'b', '', '', '', '1', ''], 'bad-answer'],
    [['多选', '题', 'a', 'b', '', '', 'AD', '1', ''], 'answer-not-an-option'],
    [['判断', '题', '', '', '', '', '也许', '1', ''], 'bad-answer'],
    [['判断', '题', 'a', 'b', '', '', '对', '1', ''], 'unexpected-options'],
    [['简答', '题', '', '', '', '', '标准答案', '1', ''], 'bad-answer'],
  ] as [string[], ImportErrorCode][])('row %j is refused as %s, with its row number, and nothing else is lost', (row, code) => {
    const good = ['判断', '好题', '', '', '', '', '对', '1', ''];
    const { questions, errors } = importQuestions([zhHeader, good, row, good]);
    expect(errors).toEqual([expect.objectContaining({ row: 3, code })]);
    expect(questions.map((q) => q.row)).toEqual([2, 4]);
  });

  it('refuses a sheet without the type and question columns', () => {
    expect(importQuestions([['名称', '答案'], ['x', 'A']]).errors).toEqual([{ row: 1, code: 'missing-columns', detail: 'type, prompt' }]);
    expect(importQuestions([]).errors[0]!.code).toBe('missing-columns');
  });

  it('imported questions make a valid question bank', () => {
    const rows = [zhHeader, ...Array.from({ length: 20 }, (_, i) => ['单选', `第${i + 1}题`, '甲', '乙', '丙', '', 'C', '5', ''])];
    const { questions } = importQuestions(rows);
    const bank = questionBankSchema.safeParse({
      id: 'bank-x',
      siteId: '*',
      updatedAt: '2026-03-02T00:00:00.000Z',
      updatedBy: 'u',
      deviceId: 'd',
      kind: 'question-bank',
      name: '导入题库',
      questions: questions.map((q) => q.question),
    });
    expect(bank.success).toBe(true);
  });
});
