import type { Page } from '../domain/common';
import { receiptCreateSchema, receiptListSchema, receiptUpdateSchema, type Receipt } from '../domain/receipts';
import { byId } from './common';
import { method, type MethodDef } from './define';

export const receiptsApi = {
  'receipts.create': method<Receipt>()(receiptCreateSchema, 'user'),
  'receipts.update': method<Receipt>()(receiptUpdateSchema, 'user'),
  'receipts.get': method<Receipt>()(byId, 'user'),
  'receipts.list': method<Page<Receipt>>()(receiptListSchema, 'user'),
} satisfies Record<string, MethodDef>;
