import { z } from 'zod';
import { id, mondaySchema } from './common';

/** Inputs of the printed forms other than the sign-in book (that one is in sheets.ts). */

/** Archive cards one request renders at most: a bigger batch is split by the caller. */
export const MAX_ARCHIVE_CARDS = 200;

/** html: the preview (the same document); pdf: made on the host, fetched with print.download. */
const output = z.enum(['html', 'pdf']).default('pdf');

const managerChoice = {
  managerId: id.optional(),
  /** User name, as the CLI's --manager gives it. */
  manager: z.string().trim().max(30).optional(),
};

export const printArchiveCardsSchema = z
  .object({
    /** Customer ids or codes, printed in this order. */
    customers: z
      .array(z.union([id, z.string().trim().min(1, { message: '客户编码不能为空' }).max(40)]))
      .min(1, { message: '请选择要打印档案卡的客户' })
      .max(MAX_ARCHIVE_CARDS, { message: `一次最多打印 ${MAX_ARCHIVE_CARDS} 位客户的档案卡，请分批打印` }),
    output,
  })
  .strict();

export const printWeekPlanSchema = z.object({ week: mondaySchema, ...managerChoice, output }).strict();

export const printComplaintSchema = z.object({ id, output }).strict();

export const printReceiptSchema = z.object({ id, output }).strict();

export const monthSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式须为 YYYY-MM' });

export const printMonthlyReportSchema = z.object({ month: monthSchema, ...managerChoice, output }).strict();
