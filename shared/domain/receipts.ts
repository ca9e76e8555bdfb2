import { z } from 'zod';
import { dateSchema, id, optText, page, text } from './common';
import { signature, SignatureStatus } from './visits';

export const receiptItemSchema = z
  .object({
    name: text(50, '物品名称').min(1, { message: '物品名称不能为空' }),
    quantity: z.number({ message: '数量须为数字' }).int({ message: '数量须为整数' }).min(1, { message: '数量至少为1' }).max(100000, { message: '数量不能超过100000' }),
    unit: optText(10, '单位'),
  })
  .strict();

export const receiptCreateSchema = z
  .object({
    customerId: id,
    visitId: id.nullable().optional(),
    /** Day handed out; default: the visit's day, else today. */
    date: dateSchema('签收日期').optional(),
    items: z.array(receiptItemSchema).min(1, { message: '请至少填写一种物品' }).max(50, { message: '一张签收单最多50种物品' }),
    note: optText(500, '备注'),
    signature: signature.optional(),
    signatureNote: optText(200, '签字说明'),
  })
  .strict();

export const receiptUpdateSchema = z
  .object({
    id,
    items: receiptCreateSchema.shape.items.optional(),
    note: optText(500, '备注'),
    signature: signature.optional(),
    signatureNote: optText(200, '签字说明'),
  })
  .strict();

export const receiptListSchema = z.object({ ...page, customerId: id.optional(), visitId: id.optional() }).strict();

export interface ReceiptItem {
  name: string;
  quantity: number;
  unit: string;
}

export interface Receipt {
  id: number;
  customerId: number;
  customer: string;
  customerName: string;
  managerId: number;
  manager: string;
  managerDisplayName: string;
  visitId: number | null;
  date: string;
  items: ReceiptItem[];
  note: string;
  signature: SignatureStatus;
  signatureNote: string;
  createdAt: string;
}