import { z } from 'zod';
import { method, type MethodDef, type Role } from './define';

import { PASSWORD_MIN_LENGTH } from '../domain/constants';
import { empty, id } from './common';

export const userName = z
  .string()
  .trim()
  .min(2, { message: '用户名至少2个字符' })
  .max(30, { message: '用户名不能超过30个字符' })
  .regex(/^[\p{L}\p{N}_.-]+$/u, { message: '用户名只能包含中文、字母、数字、下划线、点和横线' });

export const password = z.string().min(PASSWORD_MIN_LENGTH, { message: `密码至少${PASSWORD_MIN_LENGTH}位` }).max(128);

export const role = z.enum(['admin', 'supervisor', 'manager'], { message: '角色须为 管理员/负责人/客户经理' });

export interface UserSummary {
  id: number;
  name: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  lockedUntil: string | null;
  failedAttempts: number;
  fullExport: boolean;
  lastLoginAt: string | null;
  customerCount: number;
}

export interface ManagerOption {
  id: number;
  name: string;
  displayName: string;
  role: Role;
  disabled: boolean;
}

export const usersApi = {
  'users.list': method<UserSummary[]>()(empty, ['admin', 'supervisor']),
  'users.options': method<ManagerOption[]>()(empty, 'user'),
  'users.create': method<UserSummary>()(
    z.object({ name: userName, displayName: z.string().trim().min(1, { message: '请填写姓名' }).max(30), role, password }).strict(),
    ['admin'],
  ),
  'users.update': method<UserSummary>()(
    z
      .object({
        id,
        displayName: z.string().trim().min(1).max(30).optional(),
        role: role.optional(),
        disabled: z.boolean().optional(),
        fullExport: z.boolean().optional(),
      })
      .strict(),
    ['admin'],
  ),
  'users.resetPassword': method<null>()(z.object({ id, newPassword: password }).strict(), ['admin']),
  'users.unlock': method<null>()(z.object({ id }).strict(), ['admin']),
} satisfies Record<string, MethodDef>;
