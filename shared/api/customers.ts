import { z } from 'zod';
import { method, type MethodDef } from './define';

import type { Page } from '../domain/common';
import {
    customerFieldsSchema,
    customerListQuerySchema,
    type Customer,
    type CustomerChange,
    type CustomerRow,
    type CustomerTransfer,
    type DuplicateHit,
} from '../domain/customers';
import { empty, id } from './common';

/** Customers moved in one transfer (one transaction, three rows written per customer). */
export const TRANSFER_MAX = 5000;

export const customersApi = {
  'customers.list': method<Page<CustomerRow>>()(customerListQuerySchema, 'user'),
  'customers.get': method<Customer>()(z.object({ id }).strict(), 'user'),
  'customers.create': method<Customer>()(
    z.object({ data: customerFieldsSchema, ignoreDuplicates: z.boolean().optional() }).strict(),
    'user',
  ),
  'customers.update': method<Customer>()(z.object({ id, version: z.number().int().min(0), data: customerFieldsSchema }).strict(), 'user'),
  'customers.delete': method<null>()(z.object({ id, reason: z.string().trim().max(200).optional() }).strict(), ['admin', 'supervisor']),
  'customers.restore': method<null>()(z.object({ id }).strict(), ['admin', 'supervisor']),
  'customers.transfer': method<{ count: number }>()(
    z
      .object({
        ids: z.array(id).min(1, { message: '请选择客户' }).max(TRANSFER_MAX, { message: `一次最多移交${TRANSFER_MAX}个客户` }).optional(),
        /** Instead of ids: every customer the list shows under this filter (全选), … */
        filter: customerListQuerySchema.omit({ offset: true, limit: true, sort: true, dir: true, deleted: true }).strict().optional(),
        /** … as many as the user confirmed: a list that changed since is refused, not half-guessed. */
        expectedCount: z.number().int().min(1).optional(),
        toManagerId: id,
        reason: z.string().trim().max(200).optional(),
      })
      .strict()
      .superRefine((v, ctx) => {
        if ((v.ids === undefined) === (v.filter === undefined)) ctx.addIssue({ code: 'custom', path: [], message: '移交：请选择客户（ids）或给出筛选条件（filter）之一' });
        if (v.filter !== undefined && v.expectedCount === undefined) ctx.addIssue({ code: 'custom', path: [], message: '移交：按筛选条件移交时须给出确认的客户数（expectedCount）' });
      }),
    ['admin', 'supervisor'],
  ),
  'customers.history': method<{ changes: CustomerChange[]; transfers: CustomerTransfer[] }>()(z.object({ id }).strict(), 'user'),
  'customers.checkDuplicates': method<DuplicateHit[]>()(
    z.object({ data: customerFieldsSchema.partial(), excludeId: id.optional() }).strict(),
    'user',
  ),
  'customers.nextCode': method<string>()(empty, 'user'),
} satisfies Record<string, MethodDef>;
