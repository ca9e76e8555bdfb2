import { z } from 'zod';
import { method, type MethodDef } from './define';

import { BRANCH_TYPES } from '../domain/constants';
import { empty } from './common';
import { password, userName } from './users';

export const setupApi = {
  'setup.status': method<{ initialized: boolean; branchName: string | null }>()(empty, 'public'),
  'setup.init': method<null>()(
    z
      .object({
        branchName: z.string().trim().min(2, { message: '网点名称至少2个字' }).max(50),
        branchType: z.enum(BRANCH_TYPES, { message: '网点类型须为 银行/电信/烟草/其他' }),
        adminName: userName,
        adminDisplayName: z.string().trim().max(30).optional(),
        password,
      })
      .strict(),
    'public',
  ),
} satisfies Record<string, MethodDef>;
