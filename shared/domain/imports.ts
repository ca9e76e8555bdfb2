import { CUSTOMER_IMPORT_FIELDS, metricField, VISIT_IMPORT_FIELDS, VOLUME_BASE_FIELDS, type ImportField } from './importFields';
import { DEFAULT_VOLUME_METRICS } from './volumes';

export const IMPORT_KINDS = ['customers', 'visits', 'volume'] as const;

export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  customers: '客户档案',
  visits: '走访记录',
  volume: '月度业务量',
};

/**
 * add: only new records; a row that matches an existing one is an error.
 * update: matching records are updated (only the mapped, non-empty columns change); the rest are added.
 * skip: matching records are left alone (counted as skipped); the rest are added.
 */
export const IMPORT_MODES = ['add', 'update', 'skip'] as const;

export type ImportMode = (typeof IMPORT_MODES)[number];

export const IMPORT_MODE_LABELS: Record<ImportMode, string> = {
  add: '仅新增（已存在的记录报错）',
  update: '更新已有记录（未匹配到的新增）',
  skip: '跳过已存在的记录（未匹配到的新增）',
};

/** Upload cap: a branch's largest sheet is far below this, and the web host carries uploads as JSON. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const PRECISION_LOST_MESSAGE = '精度已丢失：Excel 已把该号码转成数字/科学计数法，请把该列设为“文本”后重新填写';

export const XLS_MESSAGE = '不支持 .xls（Excel 97-2003）格式，请在 Excel/WPS 中“另存为” .xlsx 后再导入';

export const ERROR_COLUMN_LABEL = '错误原因';


export interface UploadReceipt {
  uploadId: string;
  fileName: string;
  /** Bytes received so far. */
  size: number;
}

export interface InspectedColumn {
  /** 0-based column position in the sheet. */
  index: number;
  /** Header text as written in the file. */
  header: string;
  /** Suggested (or remembered) field key, null = not imported. */
  field: string | null;
}

export interface ImportInspection {
  uploadId: string;
  kind: ImportKind;
  fileName: string;
  format: 'xlsx' | 'csv';
  /** CSV only: how the bytes were decoded. */
  encoding: 'utf-8' | 'gb18030' | null;
  sheets: string[];
  sheet: string;
  /** 1-based row number of the header in the file. */
  headerRow: number;
  columns: InspectedColumn[];
  /** Every field of this import type (for the column dropdowns), with required flags. */
  fields: ImportField[];
  /** 'remembered': the same header layout was imported before and its mapping is reused. */
  mappingSource: 'remembered' | 'auto';
  /** Required fields no column is mapped to yet (labels). */
  missingRequired: string[];
  /** First data rows as display text, aligned with `columns`. */
  preview: { row: number; cells: string[] }[];
  /**
   * Customers only: the separate contacts sheet of an .xlsx (detected, or the one asked
   * for with `contactsSheet`); null for CSV, other kinds, single-sheet workbooks and
   * when none was found or `contactsSheet: ''` was given.
   */
  contacts: ContactsInspection | null;
}

/** The contacts sheet as inspected: same meaning as the main sheet's fields of ImportInspection. */
export interface ContactsInspection {
  sheet: string;
  /** 1-based row number of the header in that sheet. */
  headerRow: number;
  columns: InspectedColumn[];
  /** CONTACT_SHEET_FIELDS. */
  fields: ImportField[];
  /** Labels; a missing customer key is listed as CONTACT_SHEET_KEY_LABEL. */
  missingRequired: string[];
  preview: { row: number; cells: string[] }[];
  mappingSource: 'remembered' | 'auto';
  /** How the sheet was chosen: asked for, its name (联系人…), or its header row. */
  detectedBy: 'request' | 'name' | 'header';
}

export interface ImportIssue {
  /** Set for rows of the contacts sheet (its name); absent for the main sheet. */
  sheet?: string;
  /** 1-based row number in the file (as Excel shows it). */
  row: number;
  /** Header of the column, as written in the file (or the field's name when no column was mapped). */
  column: string;
  message: string;
}

export type RowAction = 'insert' | 'update' | 'skip' | 'invalid';

/** What happened (or, in a dry run, would happen) to one row. */
export interface RowOutcome {
  /** Set for rows of the contacts sheet (its name); absent for the main sheet. */
  sheet?: string;
  row: number;
  action: RowAction;
  /** The record's key and name: 客户编码/客户名称 or 客户编码+月份. */
  key: string;
  name: string;
  /** Why skipped or invalid; for updates the changed fields (客户分级：B → A). */
  detail: string;
}

export interface ImportReport {
  kind: 'import';
  importKind: ImportKind;
  fileName: string;
  mode: ImportMode;
  dryRun: boolean;
  allOrNothing: boolean;
  /** Whether anything was stored (false for dry runs and refused all-or-nothing imports). */
  committed: boolean;
  batchId: number | null;
  /** Data rows read (empty rows not counted). */
  total: number;
  inserted: number;
  updated: number;
  skipped: number;
  invalid: number;
  /** First errors (row, column, message); `errorCount` tells how many there are in all. */
  errors: ImportIssue[];
  errorCount: number;
  /** Possible duplicates and other notes that do not stop a row. */
  warnings: ImportIssue[];
  warningCount: number;
  /** Per-row outcomes for the preview (first rows only; `rowsTruncated` when cut). */
  rows: RowOutcome[];
  rowsTruncated: boolean;
  /** An error workbook (original columns + 错误原因) can be downloaded with jobs.download({ file: 'errors' }). */
  errorFile: boolean;
  /** Rows of the contacts sheet (customers only); null when no contacts sheet was imported. */
  contacts: ContactsReport | null;
  /** One Chinese sentence for the result banner. */
  summary: string;
}

/**
 * Counts of the contacts sheet; like the main counts, inserted/updated are what was (or in
 * a dry run would be) written, 0 when an all-or-nothing import was refused. The import
 * batch keeps the same object (ImportBatch.contacts, stored as JSON): fields may be added,
 * never renamed.
 * A contact matches an existing one of the same customer by name: add → error, update →
 * its non-empty cells are written, skip → left alone.
 */
export interface ContactsReport {
  sheet: string;
  total: number;
  inserted: number;
  updated: number;
  skipped: number;
  invalid: number;
}

export interface UndoReport {
  kind: 'importUndo';
  batchId: number;
  /** Inserted records removed (deleted for good when nothing else refers to them, else moved to the recycle bin). */
  removed: number;
  softDeleted: number;
  /** Updated records put back to their previous values. */
  restored: number;
  /** Fields left as they are because someone changed them after the import. */
  conflicts: { key: string; message: string }[];
  summary: string;
}

export interface ImportBatch {
  id: number;
  kind: ImportKind;
  kindLabel: string;
  mode: ImportMode;
  fileName: string;
  userName: string;
  at: string;
  total: number;
  inserted: number;
  updated: number;
  skipped: number;
  invalid: number;
  /**
   * Counts of the contacts sheet the import brought (customers only), as its report had
   * them; null when there was none (and for batches made before they were recorded).
   */
  contacts: ContactsReport | null;
  undoneAt: string | null;
  undoneBy: string;
}

/** The fields an import of this kind maps columns to (volumes: the base fields plus one per metric). */
export function importFields(kind: ImportKind, metrics: readonly string[] = DEFAULT_VOLUME_METRICS): readonly ImportField[] {
  if (kind === 'customers') return CUSTOMER_IMPORT_FIELDS;
  if (kind === 'visits') return VISIT_IMPORT_FIELDS;
  return [...VOLUME_BASE_FIELDS, ...metrics.map(metricField)];
}