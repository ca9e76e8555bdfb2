import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES, type AttachmentInfo } from './attachments';
import { id, mondaySchema, text } from './common';
import { SIGNATURE_STATUSES, type SignatureStatus } from './visits';

/** QD-20261207-0007: print day and that day's running number. */
export const SHEET_NO_PATTERN = /^QD-(\d{8})-(\d{4})$/;

export function formatSheetNo(day: string, seq: number): string {
  return `QD-${day.replace(/-/g, '')}-${String(seq).padStart(4, '0')}`;
}

/** What a user typed or a scanner sent: spaces, lower case and full-width characters forgiven. */
export function normaliseSheetNo(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** Blank rows a sign-in page holds (landscape A4, 14.5 mm rows): a blank book of n pages has n × this many rows. */
export const SIGN_IN_ROWS_PER_PAGE = 10;

/** Days after printing a sheet not yet returned counts as outstanding, unless the admin set `outstandingSheetDays`. */
export const DEFAULT_SHEET_OUTSTANDING_DAYS = 7;

export const MAX_BLANK_PAGES = 50;

/** Signature statuses a returned row may carry (待签 is what a row is before it comes back). */
export const RETURN_SIGNATURES = SIGNATURE_STATUSES.filter((s) => s !== '待签') as Exclude<SignatureStatus, '待签'>[];

export interface SheetRow {
  /** 1-based row number as printed. */
  row: number;
  date: string | null;
  planEntryId: number | null;
  customerId: number | null;
  /** Customer code. */
  customer: string | null;
  customerName: string | null;
  customerAddress: string | null;
  visitId: number | null;
  /** What the row was registered as (the visit it became): `YYYY-MM-DD HH:mm`, status and reason. */
  visit: { signIn: string; signOut: string | null; signature: string; signatureNote: string } | null;
}

export interface SheetSummary {
  sheetNo: string;
  /** `YYYY-MM-DD HH:mm:ss` */
  printedAt: string;
  printedBy: string;
  managerId: number;
  /** User name of the manager the sheet is for. */
  manager: string;
  managerDisplayName: string;
  /** Monday of the plan week; null for a blank book. */
  week: string | null;
  blank: boolean;
  rows: number;
  returnedAt: string | null;
  returnedBy: string | null;
  /** Visits the returned rows became. */
  visits: number;
  /** Not returned after the outstanding period. */
  outstanding: boolean;
}

export interface Sheet extends SheetSummary {
  rowsDetail: SheetRow[];
  /** Scans of the returned paper (kept on the visits its rows became), each file once. */
  scans: AttachmentInfo[];
}

/**
 * A scan or photo of the returned paper. It is attached to every visit the sheet's rows
 * became: the visit is where a signature is looked for, and the file is stored once.
 */
export const sheetAttachScanSchema = z
  .object({
    sheetNo: z.string().trim().min(1, { message: '请填写签到簿编号' }).max(40),
    name: text(200, '文件名').min(1, { message: '文件名不能为空' }),
    mime: z.string().trim().max(100).optional(),
    dataBase64: z.string().max(Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 16, { message: '扫描件不能超过10MB' }),
  })
  .strict();

export interface SheetScanResult {
  sheetNo: string;
  scan: AttachmentInfo;
  /** Visits the scan is now attached to. */
  visits: number;
}

/** The same bound as 系统设置's field for this setting (shared/api/settings.ts). */
export const MAX_SHEET_OUTSTANDING_DAYS = 90;

export const sheetOutstandingDaysSchema = z
  .object({
    days: z
      .number({ message: '未回收提醒天数须为数字' })
      .int({ message: '未回收提醒天数须为整数' })
      .min(1, { message: '未回收提醒天数至少为 1 天' })
      .max(MAX_SHEET_OUTSTANDING_DAYS, { message: `未回收提醒天数不能超过 ${MAX_SHEET_OUTSTANDING_DAYS} 天` }),
  })
  .strict();

export const sheetListSchema = z
  .object({
    outstanding: z.boolean().optional(),
    managerId: id.optional(),
  })
  .strict();

const sheetNoInput = z.string().trim().min(1, { message: '请填写签到簿编号' }).max(40);

export const sheetShowSchema = z.object({ sheetNo: sheetNoInput }).strict();

/** One returned row as the user enters it; checked row by row in the core so a bad row is named by its number. */
export interface SheetReturnRow {
  row: number;
  /** Customer code or id; a pre-filled row may leave it out. */
  customer?: string | number;
  signIn: string;
  signOut?: string | null;
  signature: SignatureStatus;
  reason?: string;
  content?: string;
}

export const sheetReturnSchema = z
  .object({
    sheetNo: sheetNoInput,
    rows: z
      .array(z.custom<SheetReturnRow>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { message: '每一行须为一个对象' }))
      .min(1, { message: '没有要登记的行' })
      .max(2000),
  })
  .strict();

export const sheetReturnRowSchema = z
  .object({
    row: z.number({ message: '行号须为数字' }).int().min(1, { message: '行号须从 1 开始' }),
    customer: z.union([z.string().trim().max(40), z.number().int().positive()]).optional(),
    signIn: z.string().trim().min(1, { message: '请填写签到时间' }).max(20),
    signOut: z.string().trim().max(20).nullable().optional(),
    signature: z.enum(SIGNATURE_STATUSES, { message: `客户签字须为：${SIGNATURE_STATUSES.join('、')}` }),
    reason: z.string().trim().max(200).optional(),
    content: z.string().trim().max(2000).optional(),
  })
  .strict();

export interface SheetReturnResult {
  sheetNo: string;
  saved: number;
  visitIds: number[];
}

export const printSignInSchema = z
  .object({
    week: mondaySchema.optional(),
    managerId: id.optional(),
    manager: z.string().trim().max(30).optional(),
    blankPages: z.number().int().min(1, { message: '空白页数至少为 1' }).max(MAX_BLANK_PAGES, { message: `空白页数不能超过 ${MAX_BLANK_PAGES}` }).optional(),
    /** html: the preview (nothing recorded); pdf: the printed book, numbered and recorded. */
    output: z.enum(['html', 'pdf']).default('pdf'),
  })
  .strict();

export interface PrintResult {
  /** The document (preview) or null when a PDF was made. */
  html: string | null;
  /** Handle for `print.download` when a PDF was made. */
  fileId: string | null;
  fileName: string;
  pages: number | null;
  sheets: { sheetNo: string; rows: number }[];
}
