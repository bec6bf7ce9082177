import Papa from 'papaparse';

/** Rows of cell texts read from a CSV file (a UTF-8 BOM, as Excel writes it, is dropped). */
export function readCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  return parsed.data.map((row) => row.map((cell) => String(cell ?? '')));
}

/** Rows of cell texts (as displayed) of the first worksheet of an xlsx file. */
export async function readXlsx(data: ArrayBuffer): Promise<string[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    rows[rowNumber - 1] = Array.from({ length: width }, (_, i) => row.getCell(i + 1).text ?? '');
  });
  return Array.from(rows, (r) => r ?? []);
}

/** A spreadsheet the user picked: xlsx by its name, CSV otherwise. */
export async function readSpreadsheet(file: Pick<File, 'name' | 'text' | 'arrayBuffer'>): Promise<string[][]> {
  return /\.xlsx$/i.test(file.name) ? readXlsx(await file.arrayBuffer()) : readCsv(await file.text());
}
