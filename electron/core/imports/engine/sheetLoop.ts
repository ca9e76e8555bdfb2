import type { ImportField } from '../../../../shared/domain/importFields';
import { badInput } from '../../errors';
import type { TableSource } from '../../excel/read';
import type { SheetRow } from '../../excel/types';
import { cellText, isBlank } from '../../excel/values';
import { Columns } from './collector';

/** Rows between two progress reports (and cancel checks). */
export const PROGRESS_EVERY_ROWS = 250;

export interface SheetLoop {
  table: TableSource;
  headerRow: number;
  mapping: readonly (string | null)[];
  fields: readonly ImportField[];
  /** At the header row: answers what checks each data row. */
  onHeader(headers: string[], columns: Columns): (row: SheetRow) => void;
  /**
   * Every PROGRESS_EVERY_ROWS checked rows: where reading has got to (the place to check
   * for a cancel). Reading waits for a promise it returns (a check helper ahead of its writer).
   */
  onProgress(read: number, lastRow: number, bytes: number): void | Promise<void>;
}

/**
 * The main sheet's rows from the header row on, blank rows skipped, each handed to the
 * checks made at the header: the same loop on the job thread (sequential import) and
 * on the check helper (pipelined import), so both see the same rows.
 */
export async function loopSheet(o: SheetLoop): Promise<{ headers: string[]; read: number; lastRow: number }> {
  let headers: string[] = [];
  let check: ((row: SheetRow) => void) | null = null;
  let mapped: number[] = [];
  let read = 0;
  let lastRow = 0;
  let bytes = 0;
  for await (const r of o.table.rows((n) => (bytes = n))) {
    if (r.row < o.headerRow) continue;
    if (r.row === o.headerRow) {
      headers = r.cells.map((c) => cellText(c));
      const columns = new Columns(headers, o.mapping, o.fields);
      mapped = columns.entries().map(([, i]) => i);
      check = o.onHeader(headers, columns);
      continue;
    }
    if (!check) continue;
    if (mapped.every((i) => isBlank(r.cells[i] ?? null))) continue;
    check(r);
    lastRow = r.row;
    if (++read % PROGRESS_EVERY_ROWS === 0) await o.onProgress(read, lastRow, bytes);
  }
  if (!check) throw badInput(`文件只有 ${headers.length ? '表头' : '不到' + o.headerRow + ' 行'}，没有找到第 ${o.headerRow} 行的表头`, 'headerRow');
  return { headers, read, lastRow };
}
