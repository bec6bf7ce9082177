import type { CellValue, Workbook } from 'exceljs';
import Papa from 'papaparse';
import type { Cell } from './import';

/**
 * Reads a spreadsheet into rows of plain cells: xlsx through exceljs (loaded
 * only when needed), CSV through papaparse in UTF-8 with or without a BOM, or
 * GB18030 (what Excel on Chinese Windows saves as "CSV").
 */

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** An exceljs cell value as a plain cell: formulas give their result, rich text and links their text. */
export function plainCell(v: CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('error' in v) return null;
  if ('result' in v) return plainCell((v.result ?? null) as CellValue);
  if ('formula' in v || 'sharedFormula' in v) return null;
  if ('text' in v) return typeof v.text === 'string' ? v.text : plainCell(v.text as CellValue);
  return null;
}

/** The first worksheet's rows (row 1 at index 0; empty rows kept so line numbers match the sheet). */
export function worksheetRows(workbook: Workbook): Cell[][] {
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = Array.isArray(row.values) ? row.values : [];
    // exceljs row values are 1-based: index 0 is always empty.
    const cells: Cell[] = [];
    for (let c = 1; c < values.length; c++) cells.push(plainCell(values[c]));
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

export async function readXlsx(data: ArrayBuffer): Promise<Cell[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data);
  return worksheetRows(workbook);
}

/** UTF-8 (a BOM is dropped) or, when the bytes are not valid UTF-8, GB18030. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export function parseCsv(text: string): Cell[][] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const result = Papa.parse<string[]>(body, { skipEmptyLines: false, delimiter: '' });
  const rows = result.data.map((row) => row.map((c): Cell => c));
  // A trailing newline leaves one empty row.
  while (rows.length && rows[rows.length - 1]!.every((c) => c === '' || c === null)) rows.pop();
  return rows;
}

export type SpreadsheetKind = 'xlsx' | 'csv';

export function spreadsheetKind(fileName: string): SpreadsheetKind | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  return null;
}

export async function readSpreadsheet(fileName: string, data: ArrayBuffer): Promise<Cell[][]> {
  const kind = spreadsheetKind(fileName);
  if (kind === 'xlsx') return readXlsx(data);
  if (kind === 'csv') return parseCsv(decodeText(new Uint8Array(data)));
  throw new Error(`Unsupported file type: ${fileName}`);
}
