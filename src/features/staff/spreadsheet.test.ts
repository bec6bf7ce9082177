import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { decodeText, parseCsv, plainCell, readSpreadsheet, spreadsheetKind, worksheetRows } from './spreadsheet';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('CSV', () => {
  const csv = '工号,姓名,备注\r\nYG1,张伟,"含,逗号"\r\nYG2,李娜,"多""引号"""\r\n';

  it('reads UTF-8 with and without a BOM alike', () => {
    const expected = [
      ['工号', '姓名', '备注'],
      ['YG1', '张伟', '含,逗号'],
      ['YG2', '李娜', '多"引号"'],
    ];
    expect(parseCsv(decodeText(utf8(csv)))).toEqual(expected);
    expect(parseCsv(decodeText(utf8(`\uFEFF${csv}`)))).toEqual(expected);
    expect(parseCsv(`\uFEFF${csv}`)).toEqual(expected);
  });

  it('falls back to GB18030 when the bytes are not UTF-8 (Excel on Chinese Windows)', () => {
    // "工号,姓名" in GBK.
    const gbk = new Uint8Array([0xb9, 0xa4, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb]);
    expect(decodeText(gbk)).toBe('工号,姓名');
  });

  it('keeps empty lines in the middle (line numbers match the file) but not at the end', () => {
    expect(parseCsv('a,b\n\nc,d\n\n')).toEqual([['a', 'b'], [''], ['c', 'd']]);
  });
});

describe('xlsx', () => {
  async function workbookBytes(): Promise<ArrayBuffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['人员花名册']);
    ws.addRow(['工号', '姓名', '入职日期', '月工资']);
    ws.addRow(['YG1', { richText: [{ text: '张' }, { text: '伟' }] }, new Date(Date.UTC(2025, 2, 5)), { formula: '5000+200', result: 5200 }]);
    ws.addRow([]);
    ws.addRow(['YG2', { text: '李娜', hyperlink: 'mailto:x@example.com' }, '2025/3/6', 5000]);
    const buffer = await wb.xlsx.writeBuffer();
    return buffer as ArrayBuffer;
  }

  it('reads the first sheet: rich text, links and formula results as plain values, blank rows kept', async () => {
    const rows = await readSpreadsheet('roster.XLSX', await workbookBytes());
    expect(rows[0]).toEqual(['人员花名册']);
    expect(rows[1]).toEqual(['工号', '姓名', '入职日期', '月工资']);
    expect(rows[2]).toEqual(['YG1', '张伟', new Date(Date.UTC(2025, 2, 5)), 5200]);
    expect(rows[3]).toEqual([]);
    expect(rows[4]).toEqual(['YG2', '李娜', '2025/3/6', 5000]);
  });

  it('reads an empty workbook as no rows', () => {
    expect(worksheetRows(new ExcelJS.Workbook())).toEqual([]);
  });

  it.each([
    [null, null],
    [{ error: '#N/A' }, null],
    [{ formula: 'A1', result: 'x' }, 'x'],
    [true, true],
  ] as const)('plain cell of %j', (v, cell) => {
    expect(plainCell(v as never)).toEqual(cell);
  });
});

describe('file kinds', () => {
  it.each([
    ['a.xlsx', 'xlsx'],
    ['A.CSV', 'csv'],
    ['a.txt', 'csv'],
    ['a.xls', null],
  ])('%s → %s', (name, kind) => {
    expect(spreadsheetKind(name)).toBe(kind);
  });

  it('refuses other files', async () => {
    await expect(readSpreadsheet('a.pdf', new ArrayBuffer(0))).rejects.toThrow(/Unsupported/);
  });
});
