import { z } from 'zod';
import { id } from './common';
import type { CustomerVolume } from '../domain/volumes';
import { method, type MethodDef } from './define';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份须为 YYYY-MM' });

export const volumesApi = {
  /** A customer's monthly business volume (imported), newest month first. */
  'volumes.list': method<CustomerVolume[]>()(z.object({ customerId: id, from: month.optional(), to: month.optional() }).strict(), 'user'),
} satisfies Record<string, MethodDef>;
