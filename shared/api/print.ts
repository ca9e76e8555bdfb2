import { z } from 'zod';
import type { FileChunk } from '../domain/jobs';
import { printArchiveCardsSchema, printComplaintSchema, printMonthlyReportSchema, printReceiptSchema, printWeekPlanSchema } from '../domain/printForms';
import { printSignInSchema, type PrintResult } from '../domain/sheets';
import { method, type MethodDef } from './define';

const fileId = z.string().regex(/^[0-9a-f-]{36}$/, { message: '文件编号无效' });

/** Printed forms: the document for the preview, or a PDF made on the host and fetched in pieces. */
export const printApi = {
  'print.signIn': method<PrintResult>()(printSignInSchema, 'user'),
  /** 客户档案卡, one customer per page, in the order given. */
  'print.archiveCards': method<PrintResult>()(printArchiveCardsSchema, 'user'),
  /** 客户访问日程表 of a manager's week. */
  'print.weekPlan': method<PrintResult>()(printWeekPlanSchema, 'user'),
  /** 商品及服务质量信息反馈单 of one complaint. */
  'print.complaint': method<PrintResult>()(printComplaintSchema, 'user'),
  /** 宣传促销品签收单 of one receipt. */
  'print.receipt': method<PrintResult>()(printReceiptSchema, 'user'),
  /** 客户月度销售情况分析报告 (layout and visits; the figures come later). */
  'print.monthlyReport': method<PrintResult>()(printMonthlyReportSchema, 'user'),
  /** A piece (≤ 8 MB, base64) of a PDF made by a print method; read on from `nextOffset` until it is null. */
  'print.download': method<FileChunk>()(z.object({ fileId, offset: z.number().int().min(0).default(0) }).strict(), 'user'),
} satisfies Record<string, MethodDef>;
