import { CONTACT_FIELDS, CUSTOMER_FIELDS } from './customers';
import { contactColumn, MAX_IMPORT_CONTACTS } from './importFields';

export const EXPORT_KINDS = ['customers', 'visits', 'followups', 'complaints'] as const;

export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_KIND_LABELS: Record<ExportKind, string> = {
  customers: '客户档案',
  visits: '走访记录',
  followups: '跟进任务',
  complaints: '投诉反馈',
};

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Customer export columns (the column chooser lists them). Labels are import headers too, so an export re-imports as is. */
export interface ExportColumnDef {
  key: string;
  label: string;
}

export const CUSTOMER_EXPORT_COLUMNS: readonly ExportColumnDef[] = [
  ...CUSTOMER_FIELDS.map(({ key, label }) => ({ key, label })),
  ...Array.from({ length: MAX_IMPORT_CONTACTS }, (_, i) => CONTACT_FIELDS.map((k) => contactColumn(i + 1, k))).flat(),
  { key: 'createdAt', label: '建档时间' },
  { key: 'updatedAt', label: '最后修改时间' },
];

/** Columns a customer export has when the caller does not choose. */
export const DEFAULT_CUSTOMER_EXPORT_COLUMNS: readonly string[] = CUSTOMER_EXPORT_COLUMNS.map((c) => c.key).filter(
  (k) => !/^contact[23]\./.test(k) && !/\.(birthday|notes|isDecisionMaker)$/.test(k),
);

export interface ExportReport {
  kind: 'export';
  exportKind: ExportKind;
  format: ExportFormat;
  fileName: string;
  rows: number;
  masked: boolean;
  summary: string;
}