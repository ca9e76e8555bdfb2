import { createReadStream, readFileSync, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import { AppError } from '../errors';
import { decodeText, parseCsv, type TextEncoding } from './csv';
import { corruptFile, detectFormat, listSheets, type SheetInfo, type TableFormat } from './detect';
import { fastSheetRows, UnsupportedSheet } from './fastSheet';

import type { CellValue, SheetRow } from './types';

/** exceljs, loaded when first needed: the dedicated reader (fastSheet.ts) reads most sheets without it. */
async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export interface TableSource {
  format: TableFormat;
  encoding: TextEncoding | null;
  sheets: SheetInfo[];
  /** The sheet read (first visible one unless asked). */
  sheet: string;
  size: number;
  rows(onBytes?: (bytesRead: number) => void): AsyncGenerator<SheetRow>;
}

export interface OpenOptions {
  sheet?: string;
  /** Read with exceljs only: the reference the dedicated reader (fastSheet.ts) is tested against. */
  exceljs?: boolean;
}

/** Rich text, formulas, hyperlinks and errors reduced to the value a person sees. */
export function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('formula' in o || 'sharedFormula' in o) return plainValue(o.result);
    if ('text' in o) return plainValue(o.text);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

/**
 * exceljs's streaming reader now and then loses xl/workbook.xml when it comes after
 * several worksheets (exceljs itself writes it last: our templates and error files) and
 * then fails with "Cannot read properties of undefined (reading 'sheets')" before any
 * row. The same bytes read fine the next time, so such a read is simply repeated.
 */
const READ_ATTEMPTS = 4;
function isWorkbookModelRace(e: unknown): boolean {
  // Already wrapped by readerError (its message keeps exceljs's) or still the TypeError.
  return e instanceof Error && /reading 'sheets'/.test(e.message);
}

function readerError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return corruptFile(`读取时出错（${msg.slice(0, 120)}）`);
}

function xlsxSource(file: string, size: number, options: OpenOptions): TableSource {
  const sheets = listSheets(file);
  if (!sheets.length) throw corruptFile('工作簿中没有工作表');
  let sheet = sheets.find((s) => !s.hidden)?.name ?? sheets[0].name;
  if (options.sheet !== undefined) {
    if (!sheets.some((s) => s.name === options.sheet)) throw new AppError('BAD_INPUT', `工作簿中没有名为「${options.sheet}」的工作表`, { field: 'sheet' });
    sheet = options.sheet;
  }
  const index = sheets.findIndex((s) => s.name === sheet);
  const names = new Set(sheets.map((s) => s.name));
  const wantedPart = sheets[index].part;

  async function* rows(onBytes?: (n: number) => void): AsyncGenerator<SheetRow> {
    // The dedicated reader first (see fastSheet.ts); what it does not understand goes to exceljs,
    // which then passes over the rows already given (both yield the same rows in the same order).
    let given = 0;
    if (wantedPart !== null && !options.exceljs) {
      try {
        for await (const r of fastSheetRows(file, wantedPart, onBytes)) {
          given++;
          yield r;
        }
        return;
      } catch (e) {
        if (!(e instanceof UnsupportedSheet)) throw readerError(e);
      }
    }
    let skip = given;
    for await (const r of exceljsRows(onBytes)) {
      if (skip > 0) {
        skip--;
        continue;
      }
      yield r;
    }
  }

  async function* exceljsRows(onBytes?: (n: number) => void): AsyncGenerator<SheetRow> {
    for (let attempt = 1; ; attempt++) {
      let yielded = false;
      try {
        for await (const r of readOnce(onBytes)) {
          yielded = true;
          yield r;
        }
        return;
      } catch (e) {
        if (yielded || attempt >= READ_ATTEMPTS || !isWorkbookModelRace(e)) throw e;
      }
    }
  }

  async function* readOnce(onBytes?: (n: number) => void): AsyncGenerator<SheetRow> {
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        onBytes?.(bytes);
        done(null, chunk);
      },
    });
    const input = createReadStream(file);
    input.on('error', (e) => counter.destroy(e));
    input.pipe(counter);
    // styles: 'cache' is what turns date-formatted serial numbers into Dates.
    const { stream } = await loadExcelJS();
    const reader = new stream.xlsx.WorkbookReader(counter, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    let found = false;
    let position = 0;
    try {
      for await (const ws of reader) {
        const part = ws as unknown as { name?: string; id?: string | number } & AsyncIterable<ExcelJS.Row>;
        // exceljs names a part only when it has read the workbook's relationships first; otherwise
        // the part is "Sheet<N>" with N its file number, which listSheets knows for every sheet.
        const resolved = part.name !== undefined && names.has(part.name);
        const match = resolved
          ? part.name === sheet
          : wantedPart !== null
            ? String(part.id) === String(wantedPart)
            : position === index;
        position++;
        if (!match || found) {
          for await (const _row of part) {
            // Parts are read in file order: a sheet that is not wanted still has to be passed over.
          }
          continue;
        }
        found = true;
        for await (const row of part) {
          const values = row.values as unknown[];
          const cells: CellValue[] = new Array(Math.max(0, values.length - 1));
          for (let i = 1; i < values.length; i++) cells[i - 1] = plainValue(values[i]);
          yield { row: row.number, cells };
        }
      }
    } catch (e) {
      throw readerError(e);
    } finally {
      input.destroy();
      counter.destroy();
    }
  }

  return { format: 'xlsx', encoding: null, sheets, sheet, size, rows };
}

/**
 * The first `maxRow` rows of several sheets of an .xlsx in one pass (the contacts-sheet
 * detection looks at every other sheet's head). The streaming reader has to parse the
 * sheets in file order anyway; it stops as soon as every wanted head is complete.
 */
export async function readSheetHeads(file: string, wanted: readonly string[], maxRow: number): Promise<Map<string, SheetRow[]>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readHeadsOnce(file, wanted, maxRow);
    } catch (e) {
      if (attempt >= READ_ATTEMPTS || !isWorkbookModelRace(e)) throw e;
    }
  }
}

async function readHeadsOnce(file: string, wanted: readonly string[], maxRow: number): Promise<Map<string, SheetRow[]>> {
  const sheets = listSheets(file);
  const heads = new Map<string, SheetRow[]>();
  const pending = new Set(wanted.filter((n) => sheets.some((s) => s.name === n)));
  if (!pending.size) return heads;
  const names = new Set(sheets.map((s) => s.name));
  const byPart = new Map(sheets.filter((s) => s.part !== null).map((s) => [String(s.part), s.name]));
  const { stream } = await loadExcelJS();
  const input = createReadStream(file);
  const reader = new stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let position = 0;
  try {
    sheets: for await (const ws of reader) {
      const part = ws as unknown as { name?: string; id?: string | number } & AsyncIterable<ExcelJS.Row>;
      const name = part.name !== undefined && names.has(part.name) ? part.name : (byPart.get(String(part.id)) ?? sheets[position]?.name);
      position++;
      const take = name !== undefined && pending.has(name);
      const rows: SheetRow[] = [];
      if (take) heads.set(name, rows);
      for await (const row of part) {
        if (!take) continue;
        if (row.number > maxRow) {
          pending.delete(name);
          // The last wanted head is complete: the rest of the file need not be parsed.
          if (!pending.size) break sheets;
          continue;
        }
        const values = row.values as unknown[];
        const cells: CellValue[] = new Array(Math.max(0, values.length - 1));
        for (let i = 1; i < values.length; i++) cells[i - 1] = plainValue(values[i]);
        rows.push({ row: row.number, cells });
      }
      if (take) {
        pending.delete(name);
        if (!pending.size) break;
      }
    }
  } catch (e) {
    throw readerError(e);
  } finally {
    input.destroy();
  }
  return heads;
}

function csvSource(file: string, size: number): TableSource {
  // CSV files are decoded whole: the encoding is decided on all bytes, and a branch's CSV is a few MB.
  const { text, encoding } = decodeText(readFileSync(file));
  const table = parseCsv(text.replace(/^\uFEFF/, ''));
  async function* rows(onBytes?: (n: number) => void): AsyncGenerator<SheetRow> {
    for (let i = 0; i < table.length; i++) {
      if (onBytes && i % 1000 === 0) onBytes(Math.round((i / table.length) * size));
      yield { row: i + 1, cells: table[i] };
    }
    onBytes?.(size);
  }
  return { format: 'csv', encoding, sheets: [{ name: 'CSV', hidden: false, part: null }], sheet: 'CSV', size, rows };
}

/**
 * Opens an uploaded table. The format comes from the bytes (see detect.ts); .xls,
 * truncated or foreign files are refused here with a message saying what to do.
 */
export function openTable(file: string, fileName: string, options: OpenOptions = {}): TableSource {
  const size = statSync(file).size;
  const format = detectFormat(file, fileName);
  return format === 'xlsx' ? xlsxSource(file, size, options) : csvSource(file, size);
}
