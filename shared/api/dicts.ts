import { z } from 'zod';
import { method, type MethodDef } from './define';

import { DICT_KINDS, type DictKind } from '../domain/constants';
import { id } from './common';

export interface DictItem {
  id: number;
  kind: DictKind;
  name: string;
  sort: number;
  visitIntervalDays: number | null;
  active: boolean;
  usage: number;
}

export const dictsApi = {
  'dicts.list': method<DictItem[]>()(z.object({ kind: z.enum(DICT_KINDS).optional() }).strict(), 'user'),
  'dicts.save': method<DictItem>()(
    z
      .object({
        id: id.optional(),
        kind: z.enum(DICT_KINDS),
        name: z.string().trim().min(1, { message: '名称不能为空' }).max(20, { message: '名称不能超过20个字' }),
        sort: z.number().int().min(0).max(9999).optional(),
        visitIntervalDays: z.number().int().min(1, { message: '走访间隔至少1天' }).max(365, { message: '走访间隔不能超过365天' }).nullable().optional(),
        active: z.boolean().optional(),
      })
      .strict(),
    ['admin'],
  ),
  'dicts.delete': method<null>()(z.object({ id }).strict(), ['admin']),
} satisfies Record<string, MethodDef>;
