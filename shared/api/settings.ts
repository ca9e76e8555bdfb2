import { z } from 'zod';
import { method, type MethodDef } from './define';

import { type BranchType } from '../domain/constants';
import { empty } from './common';

export interface Settings {
  branchName: string;
  branchType: BranchType;
  idleMinutes: number;
  lockoutMinutes: number;
}

export const settingsApi = {
  'settings.get': method<Settings>()(empty, 'user'),
  'settings.update': method<Settings>()(
    z
      .object({
        branchName: z.string().trim().min(2).max(50).optional(),
        idleMinutes: z.number().int().min(1, { message: '自动锁定时间至少1分钟' }).max(240, { message: '自动锁定时间不能超过240分钟' }).optional(),
        lockoutMinutes: z.number().int().min(1).max(1440).optional(),
      })
      .strict(),
    ['admin'],
  ),
} satisfies Record<string, MethodDef>;
