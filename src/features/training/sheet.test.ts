import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importQuestions } from '../../domain/rules/question-import';
import { readCsv, readSpreadsheet, readXlsx } from './sheet';

describe('reading a question spreadsheet', () => {
  it('reads CSV with a BOM, quoted commas and line breaks', () => {
    const rows = readCsv('\uFEFF类型,题目,答案\r\n单选,"甲,乙","B"\r\n简答,"第一行\n第二行",\r\n');
    expect(rows.slice(0, 3)).toEqual([
      ['类型', '题目', '答案'],
      ['单选', '甲,乙', 'B'],
      ['简答', '第一行\n第二行', ''],
    ]);
  });

  it('reads the first worksheet of an xlsx file, numbers as displayed, empty rows kept in place', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('题库');
    ws.addRow(['类型', '题目', '选项A', '选项B', '答案', '分值']);
    ws.addRow(['单选', '提前几分钟到岗？', '5 分钟', '10 分钟', 'B', 5]);
    ws.addRow([]);
    ws.addRow(['判断', '可以随意着装。', '', '', '错', 5]);
    const buffer = await wb.xlsx.writeBuffer();
    const rows = await readXlsx(buffer as ArrayBuffer);
    expect(rows[0]).toEqual(['类型', '题目', '选项A', '选项B', '答案', '分值']);
    expect(rows[1]).toEqual(['单选', '提前几分钟到岗？', '5 分钟', '10 分钟', 'B', '5']);
    const { questions, errors } = importQuestions(rows);
    expect(errors).toEqual([]);
    expect(questions.map((q) => [q.row, q.question.type])).toEqual([
      [2, 'single'],
      [4, 'true-false'],
    ]);
  });

  it('chooses the reader by the file name', async () => {
    const file = { name: 'questions.csv', text: async () => 'a,b\n1,2', arrayBuffer: async () => new ArrayBuffer(0) };
    expect(await readSpreadsheet(file)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});
