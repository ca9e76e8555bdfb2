import type { ImportKind, ImportMode } from '../../../../shared/domain/imports';

/** Everything an import job needs; plain data, so it crosses to the worker thread as is. */
export interface ImportParams {
  kind: ImportKind;
  /** The uploaded copy in the data folder. */
  filePath: string;
  /** The name the user knows the file by (shown in the batch list). */
  fileName: string;
  sheet?: string;
  /** 1-based row of the header. */
  headerRow: number;
  /** Column i → field key, or null for a column that is not imported. */
  mapping: (string | null)[];
  mode: ImportMode;
  allOrNothing: boolean;
  dryRun: boolean;
  /** Names of the monthly volume amounts (volume imports). */
  metrics: string[];
  /** Customers: the separate contacts sheet of the same workbook (see contactSheet.ts). */
  contacts?: ContactsSheetParams;
}

export interface ContactsSheetParams {
  sheet: string;
  headerRow: number;
  /** Column i of the contacts sheet → CONTACT_SHEET_FIELDS key, or null. */
  mapping: (string | null)[];
}
