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
        ids: z.array(id).min(1, { message: '请选择客户' }).max(5000, { message: '一次最多移交5000个客户' }),
        toManagerId: id,
        reason: z.string().trim().max(200).optional(),
      })
      .strict(),
    ['admin', 'supervisor'],
  ),
  'customers.history': method<{ changes: CustomerChange[]; transfers: CustomerTransfer[] }>()(z.object({ id }).strict(), 'user'),
  'customers.checkDuplicates': method<DuplicateHit[]>()(
    z.object({ data: customerFieldsSchema.partial(), excludeId: id.optional() }).strict(),
    'user',
  ),
  'customers.nextCode': method<string>()(empty, 'user'),
} satisfies Record<string, MethodDef>;
