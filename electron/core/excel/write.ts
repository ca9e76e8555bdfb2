import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { textWidth } from '../../../shared/format';

/**
 * How a column is written. 'id' columns (ID numbers, phones, codes) are text-formatted
 * so Excel never turns them into 1.1E+17; dates and numbers are real cell types.
 */
export type ColumnKind = 'text' | 'id' | 'number' | 'date' | 'datetime';

export interface OutColumn {
  header: string;
  kind: ColumnKind;
}

/** A value for a cell: dates are passed as stored text (YYYY-MM-DD or YYYY-MM-DD HH:mm[:ss]). */
export type OutValue = string | number | boolean | null | undefined;

export interface TableWriter {
  write(values: readonly OutValue[]): Promise<void>;
  /** Finishes the file and moves it into place (temp file + rename: no half-written file is ever left). */
  close(): Promise<void>;
  /** Drops the temp file (cancel, failure). */
  abort(): Promise<void>;
  readonly rows: number;
}

export interface TableWriterOptions {
  sheetName: string;
  columns: readonly OutColumn[];
  /** Line above the header: branch, what, filter, time. Omitted for CSV. */
  title?: string;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Cell text that a spreadsheet would run as a formula (=, +, -, @, and tab/CR which
 * some programs strip before looking) gets a leading apostrophe, the way Excel marks
 * "this is text". The importer removes it again, so exports re-import unchanged.
 */
export function neutralise(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

const WIDTH_SAMPLE_ROWS = 200;
/** Every this many rows the writer lets the zip and the disk catch up (see `relieve`). */
const FLUSH_EVERY_ROWS = 1000;
/** Uncompressed sheet XML allowed to wait for the deflater before the writer pauses. */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;
const MIN_WIDTH = 6;
const MAX_WIDTH = 50;

const dateCache = new Map<string, Date | null>();

/** Exports are mostly sorted by time, so the same day or minute repeats: parse each once. */
function toDate(s: string): Date | null {
  let d = dateCache.get(s);
  if (d === undefined) {
    d = parseStoredDate(s);
    if (dateCache.size > 50_000) dateCache.clear();
    dateCache.set(s, d);
  }
  return d;
}

function parseStoredDate(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
  if (!m) return null;
  // UTC fields: exceljs turns a Date into a serial from its UTC time, so local wall-clock text stays as written.
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)));
}

function displayOf(v: OutValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

/** Column widths that fit the header and the first rows; CJK characters count twice. */
function widths(columns: readonly OutColumn[], sample: readonly (readonly OutValue[])[]): number[] {
  return columns.map((c, i) => {
    let w = textWidth(c.header) + 2;
    if (c.kind === 'date') w = Math.max(w, 12);
    if (c.kind === 'datetime') w = Math.max(w, 18);
    for (const row of sample) {
      const text = displayOf(row[i]);
      const longest = text.split('\n').reduce((m, l) => Math.max(m, textWidth(l)), 0);
      w = Math.max(w, longest + 2);
    }
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w));
  });
}

const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  id: '@',
  number: 'General',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

/** An .xlsx writer that can go on in another sheet once the current one is done. */
export interface XlsxTableWriter extends TableWriter {
  /** Finishes the current sheet and starts a new one; `write` then fills that. `rows` counts all sheets. */
  nextSheet(options: TableWriterOptions): Promise<void>;
}

/**
 * A streaming .xlsx writer (exceljs WorkbookWriter): rows are committed as they come,
 * so a million rows never sit in memory. Title row, bold frozen header, autofilter,
 * widths from the first rows, real dates and numbers, neutralised text.
 */
export function openXlsxWriter(file: string, options: TableWriterOptions): XlsxTableWriter {
  const tmp = `${file}.part`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: false });
  workbook.creator = 'BranchDesk';
  const headerStyle: Partial<ExcelJS.Style> = {
    font: { bold: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } },
    alignment: { vertical: 'middle' },
    border: { bottom: { style: 'thin', color: { argb: 'FF9AA9BF' } } },
  };
  const titleStyle: Partial<ExcelJS.Style> = { font: { bold: true, size: 13 }, alignment: { vertical: 'middle' } };

  let count = 0;
  let closed = false;

  /** One sheet: rows wait in `buffer` until the widths are known from the first ones. */
  const openSheet = (o: TableWriterOptions) => {
    const { columns } = o;
    const headerRow = o.title ? 2 : 1;
    const sheet = workbook.addWorksheet(o.sheetName.slice(0, 31), {
      views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
    });
    sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: Math.max(1, columns.length) } };
    // One style object per column: exceljs caches styles by object identity, which keeps a million rows fast.
    const styles: Partial<ExcelJS.Style>[] = columns.map((c) => (NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {}));
    let buffer: OutValue[][] | null = [];
    let rows = 0;

    const commit = (values: readonly OutValue[]) => {
      const row = sheet.addRow([]);
      for (let i = 0; i < columns.length; i++) {
        const v = values[i];
        if (v === null || v === undefined || v === '') continue;
        const cell = row.getCell(i + 1);
        const kind = columns[i].kind;
        if ((kind === 'date' || kind === 'datetime') && typeof v === 'string') {
          const d = toDate(v);
          cell.value = d ?? neutralise(v);
        } else if (typeof v === 'string') {
          cell.value = neutralise(v);
        } else if (typeof v === 'boolean') {
          cell.value = v ? '是' : '否';
        } else {
          cell.value = v;
        }
        cell.style = styles[i];
      }
      row.commit();
    };

    const start = () => {
      const sample = buffer ?? [];
      sheet.columns = widths(columns, sample).map((width, i) => ({ width, style: styles[i] }));
      if (o.title) {
        const t = sheet.addRow([o.title]);
        t.height = 22;
        t.getCell(1).style = titleStyle;
        if (columns.length > 1) sheet.mergeCells(1, 1, 1, columns.length);
        t.commit();
      }
      const h = sheet.addRow(columns.map((c) => c.header));
      h.height = 20;
      for (let i = 1; i <= columns.length; i++) h.getCell(i).style = headerStyle;
      h.commit();
      buffer = null;
      for (const r of sample) commit(r);
    };

    /**
     * exceljs pushes committed rows into the zip without backpressure, and a loop that
     * never yields to the event loop lets neither the deflater nor the disk run: a
     * million rows would pile up in memory and be compressed only at the end. So the
     * writer yields regularly and waits while too much is queued; compression (on
     * libuv's threads) then overlaps with producing rows.
     */
    const relieve = async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      // The sheet's first consumer is archiver's PassThrough (readable-stream 2: no writableLength, so its state is read).
      const dest = (sheet as unknown as { stream?: { pipes?: (Writable & { _writableState?: { length: number; needDrain: boolean } })[] } }).stream?.pipes?.[0];
      if (!dest) return;
      const pending = dest.writableLength ?? dest._writableState?.length ?? 0;
      const needDrain = dest.writableNeedDrain ?? dest._writableState?.needDrain ?? false;
      if (needDrain && pending > MAX_PENDING_BYTES) await once(dest, 'drain');
    };

    return {
      async write(values: readonly OutValue[]) {
        rows++;
        if (buffer) {
          buffer.push([...values]);
          if (buffer.length >= WIDTH_SAMPLE_ROWS) start();
          return;
        }
        commit(values);
        if (rows % FLUSH_EVERY_ROWS === 0) await relieve();
      },
      finish() {
        if (buffer) start();
        sheet.commit();
      },
      /** After a failure: only the sheet's XML must be closed for the zip to finish. */
      drop() {
        sheet.commit();
      },
    };
  };

  let current = openSheet(options);

  return {
    get rows() {
      return count;
    },
    async write(values) {
      count++;
      await current.write(values);
    },
    async nextSheet(o) {
      current.finish();
      current = openSheet(o);
    },
    async close() {
      if (closed) return;
      closed = true;
      current.finish();
      await workbook.commit();
      renameSync(tmp, file);
    },
    async abort() {
      if (closed) return;
      closed = true;
      try {
        current.drop();
        await workbook.commit();
      } catch {
        // The partial file is deleted below whatever state the writer was in.
      }
      rmSync(tmp, { force: true });
    },
  };
}

function csvField(v: OutValue, kind: ColumnKind): string {
  let s = displayOf(v);
  if (s === '') return '';
  s = neutralise(s);
  // A long digit string would open in Excel as 1.1E+17; a leading tab keeps it text and is trimmed on import.
  if (kind === 'id' && /^\d{12,}$/.test(s)) s = `\t${s}`;
  return /[",\r\n]/.test(s) || s.startsWith('\t') ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV in UTF-8 with BOM and CRLF: what Chinese Excel opens correctly by double-click. */
export function openCsvWriter(file: string, options: TableWriterOptions): TableWriter {
  const tmp = `${file}.part`;
  const out: WriteStream = createWriteStream(tmp);
  let failed: Error | null = null;
  out.on('error', (e) => (failed = e));
  let count = 0;
  let closed = false;
  const kinds = options.columns.map((c) => c.kind);
  const put = async (line: string) => {
    if (failed) throw failed;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', resolve));
  };
  const ready = put(`\uFEFF${options.columns.map((c) => csvField(c.header, 'text')).join(',')}\r\n`);
  const finish = () => new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return {
    get rows() {
      return count;
    },
    async write(values) {
      await ready;
      count++;
      await put(`${kinds.map((k, i) => csvField(values[i], k)).join(',')}\r\n`);
    },
    async close() {
      if (closed) return;
      closed = true;
      await ready;
      await finish();
      if (failed) throw failed;
      renameSync(tmp, file);
    },
    async abort() {
      if (closed) return;
      closed = true;
      await finish().catch(() => undefined);
      rmSync(tmp, { force: true });
    },
  };
}

export function openTableWriter(file: string, format: 'xlsx' | 'csv', options: TableWriterOptions): TableWriter {
  return format === 'xlsx' ? openXlsxWriter(file, options) : openCsvWriter(file, options);
}
