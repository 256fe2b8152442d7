/**
 * Sheets in and out as rows of text. What a file is comes from its bytes, not its name: an XLSX is
 * a ZIP (`PK\x03\x04`), a CSV is UTF-8 text. Excel in China saves CSV as GBK by default; such a
 * file is refused with a hint rather than read as mojibake.
 */
import { Readable, type Writable } from 'node:stream';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { logger } from '../../core/logger.js';
import { AppError, ValidationError } from '../../core/errors.js';

export type SheetFormat = 'xlsx' | 'csv';
export const SHEET_MIME: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** A non-blank row: its 1-based number in the sheet and its cells as trimmed text. */
export interface SheetRow {
  row: number;
  cells: string[];
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

const unsupported = (message: string) => new AppError(415, 'unsupported_media_type', message, [{ field: 'file', message: 'not an .xlsx or UTF-8 .csv file' }]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const BOM = '\uFEFF';

export function detectSheetFormat(bytes: Buffer): SheetFormat {
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) return 'xlsx';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unsupported('Upload an .xlsx file or a CSV saved as UTF-8 (Excel: "CSV UTF-8")');
  }
  if (text.includes('\u0000')) throw unsupported('Upload an .xlsx file or a UTF-8 .csv file');
  return 'csv';
}

/** Whatever exceljs hands back for a cell (rich text, formula, hyperlink, date) as plain text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('').trim();
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return v.error;
  }
  return String(value).trim();
}

async function rowsOfXlsx(bytes: Buffer, onRow: (row: SheetRow) => void): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bytes), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) onRow({ row: row.number, cells: Array.from((row.values as unknown[]).slice(1), cellText) });
      return; // the first sheet only: others hold notes or lookups
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unsupported('The ZIP file is not a readable XLSX workbook');
  }
}

async function rowsOfCsv(bytes: Buffer, onRow: (row: SheetRow) => void): Promise<void> {
  let text = bytes.toString('utf8');
  if (text.startsWith(BOM)) text = text.slice(1);
  const workbook = new ExcelJS.Workbook();
  // identity map: exceljs would otherwise turn "00123" into 123 and "2024-01-01" into a Date
  const sheet = await workbook.csv.read(Readable.from(Buffer.from(text, 'utf8')), { map: (v: unknown) => v }).catch(() => {
    throw ValidationError.field('file', 'the CSV could not be parsed (check the quotes)');
  });
  sheet.eachRow({ includeEmpty: false }, (row, number) => onRow({ row: number, cells: Array.from((row.values as unknown[]).slice(1), cellText) }));
}

/**
 * Reads the first sheet: the first non-blank row is the header, blank rows are skipped (their
 * numbers are kept, so errors point at the row a spreadsheet shows). More than maxRows data rows
 * is refused before any work is done.
 */
export async function readSheet(bytes: Buffer, maxRows: number): Promise<Sheet & { format: SheetFormat }> {
  const format = detectSheetFormat(bytes);
  let headers: string[] | undefined;
  const rows: SheetRow[] = [];
  const take = (r: SheetRow) => {
    if (r.cells.every((c) => c === '')) return;
    r.cells = r.cells.map(restoreFormulaText);
    if (!headers) headers = r.cells;
    else if (rows.push(r) > maxRows) throw ValidationError.field('file', `at most ${maxRows} SKU rows per file; split it into several files`);
  };
  await (format === 'xlsx' ? rowsOfXlsx(bytes, take) : rowsOfCsv(bytes, take));
  if (!headers) throw ValidationError.field('file', 'the sheet is empty');
  return { format, headers, rows };
}

export type Cell = string | number | null;

/**
 * A text cell a spreadsheet would read as a formula (=, +, -, @, or a tab or carriage return
 * before one) gets a leading single quote: a product title like `=HYPERLINK(...)` or
 * `-2+3+cmd|' /C calc'!A0` must open as text in whoever downloads the sheet. Numbers stay numbers.
 */
export function neutralizeFormula(cell: Cell): Cell {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** An imported cell loses the quote an export put before formula-like text, so a sheet round-trips. */
const restoreFormulaText = (text: string) => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

export interface SheetWriter {
  addRows(rows: Cell[][]): Promise<void>;
  finish(): Promise<void>;
}

/** Waits out backpressure, and gives up when the client has gone away. */
async function drained(out: Writable): Promise<void> {
  if (out.destroyed) throw new Error('the client closed the download');
  if (!out.writableNeedDrain) return;
  await new Promise<void>((resolve, reject) => {
    const settle = (err?: Error) => {
      out.off('drain', drain);
      out.off('close', closed);
      if (err) reject(err);
      else resolve();
    };
    const drain = () => settle();
    const closed = () => settle(new Error('the client closed the download'));
    out.on('drain', drain);
    out.on('close', closed);
  });
}

async function push(out: Writable, chunk: string): Promise<void> {
  out.write(chunk);
  await drained(out);
}

const csvCell = (c: Cell) => {
  const neutral = neutralizeFormula(c);
  const s = neutral === null ? '' : String(neutral);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function csvWriter(out: Writable): SheetWriter {
  // the BOM is how Excel knows the file is UTF-8; without it Chinese text opens garbled
  let started = false;
  return {
    async addRows(rows) {
      const text = rows.map((r) => r.map(csvCell).join(',')).join('\r\n');
      if (rows.length) await push(out, `${started ? '\r\n' : BOM}${text}`);
      started ||= rows.length > 0;
    },
    async finish() {
      await push(out, '\r\n');
      out.end();
    },
  };
}

function xlsxWriter(out: Writable, moneyColumns: number[], sheetName: string): SheetWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  return {
    async addRows(rows) {
      for (const cells of rows) {
        const row = sheet.addRow(cells.map(neutralizeFormula));
        for (const i of moneyColumns) if (typeof cells[i] === 'number') row.getCell(i + 1).numFmt = '0.00';
        row.commit();
      }
      // exceljs pushes rows into its zip stream without waiting: wait here, once per page
      await drained(out);
    },
    async finish() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

/** Streams rows to `out`; money columns (0-based) show two decimals in a spreadsheet. */
export function sheetWriter(format: SheetFormat, out: Writable, moneyColumns: number[] = [], sheetName = '商品'): SheetWriter {
  return format === 'xlsx' ? xlsxWriter(out, moneyColumns, sheetName) : csvWriter(out);
}

/** Headers of a download; taken back if the download fails before its first byte. */
export async function sendSheet(res: Response, fmt: SheetFormat, name: string, write: () => Promise<void>): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', SHEET_MIME[fmt]);
  res.setHeader('Content-Disposition', `attachment; filename="${name}.${fmt}"`);
  res.setHeader('Cache-Control', 'no-store');
  try {
    await write();
  } catch (err) {
    if (!res.headersSent) {
      res.removeHeader('Content-Type');
      res.removeHeader('Content-Disposition');
      throw err;
    }
    // half a file must not look like a whole one: cut the connection instead of ending cleanly
    logger().warn({ err, requestId: res.locals.requestId }, 'sheet download failed midway');
    res.destroy(err as Error);
  }
}
