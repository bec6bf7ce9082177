/**
 * Exports shared by every report: CSV as UTF-8 with a BOM (so Excel opens
 * Chinese text correctly) and xlsx through exceljs (loaded only when used).
 */
export interface Column<Row> {
  header: string;
  value(row: Row): string | number | null | undefined;
}

export interface Sheet<Row = unknown> {
  name: string;
  columns: Column<Row>[];
  rows: Row[];
}

const BOM = '\uFEFF';

function csvCell(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv<Row>(columns: Column<Row>[], rows: Row[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}

export async function toXlsx(sheets: Sheet<never>[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name.slice(0, 31));
    ws.addRow(sheet.columns.map((c) => c.header)).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(sheet.columns.map((c) => c.value(row) ?? ''));
    ws.columns.forEach((col) => {
      col.width = 16;
    });
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Hands a file to the user (the browser's download). */
export function saveFile(filename: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const CSV_TYPE = 'text/csv;charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
