import { CUSTOMER_EXPORT_COLUMNS } from '../../../shared/domain/exports';
import type { InputOf } from '../../../shared/api/contract';

type ExportInput = InputOf<'exports.start'>;
type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * What a list screen hands the export dialog: the kind and the filter exactly as the list
 * asks for it (paging left out), the filter in words for the dialog, and for customers the
 * columns to start the chooser with.
 */
export type ExportTarget = Without<ExportInput, 'format' | 'columns'> & {
  summary: string;
  columns?: readonly string[];
};

/** “分级：A；状态：正式” — empty parts dropped; `all` when nothing narrows the list. */
export function joinParts(parts: readonly (string | false | null | undefined)[], all: string): string {
  const kept = parts.filter((p): p is string => !!p);
  return kept.length ? kept.join('；') : all;
}

const EXPORT_KEYS = new Set(CUSTOMER_EXPORT_COLUMNS.map((c) => c.key));

/**
 * Grid column → export columns. The grid's 手机 cell shows the mobile or else the landline,
 * so both numbers go out; every other grid column has an export column of the same key.
 */
const GRID_TO_EXPORT: Record<string, readonly string[]> = {};

/** The export columns for the grid's visible columns, in the grid's order (unknown ids skipped). */
export function exportColumnsForGrid(visibleGridColumns: readonly string[]): string[] {
  const out: string[] = [];
  for (const id of visibleGridColumns) {
    for (const key of GRID_TO_EXPORT[id] ?? [id]) {
      if (EXPORT_KEYS.has(key) && !out.includes(key)) out.push(key);
    }
  }
  return out;
}
