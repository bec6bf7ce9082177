import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { toCsv, toXlsx, type Column } from './export';

type Row = { name: string; score: number | null };
const columns: Column<Row>[] = [
  { header: '姓名', value: (r) => r.name },
  { header: '分数', value: (r) => r.score },
];
const rows: Row[] = [
  { name: '张伟', score: 92 },
  { name: '李, "娜"', score: null },
];

describe('exports', () => {
  it('CSV starts with a UTF-8 BOM and quotes commas and quotes', () => {
    const csv = toCsv(columns, rows);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual(['姓名,分数', '张伟,92', '"李, ""娜""",', '']);
  });

  it('xlsx reads back with the same sheet, headers and rows', async () => {
    const bytes = await toXlsx([{ name: '考勤汇总', columns, rows } as never]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const ws = wb.getWorksheet('考勤汇总')!;
    expect(ws.getRow(1).values).toEqual([undefined, '姓名', '分数']);
    expect(ws.getRow(2).values).toEqual([undefined, '张伟', 92]);
    expect(ws.getRow(3).getCell(1).value).toBe('李, "娜"');
  });
});
