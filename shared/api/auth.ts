import { z } from 'zod';
import { method, type MethodDef, type Role } from './define';

import { type BranchType } from '../domain/constants';
import { empty } from './common';
import { password } from './users';

export interface SessionUser {
  id: number;
  name: string;
  displayName: string;
  role: Role;
  mustChangePassword: boolean;
}

export interface SessionInfo {
  user: SessionUser;
  branchName: string;
  branchType: BranchType;
  idleMinutes: number;
}

export const authApi = {
  'auth.login': method<SessionInfo>()(
    z.object({ name: z.string().trim().min(1, { message: '请输入用户名' }).max(30), password: z.string().min(1, { message: '请输入密码' }).max(128) }).strict(),
    'public',
  ),
  'auth.me': method<SessionInfo | null>()(empty, 'public'),
  'auth.logout': method<null>()(empty, 'public'),
  'auth.lock': method<null>()(empty, 'user'),
  /** Allowed on a locked session: the idle lock screen calls it. */
  'auth.unlock': method<SessionInfo>()(z.object({ password: z.string().min(1, { message: '请输入密码' }).max(128) }).strict(), 'public'),
  'auth.changePassword': method<null>()(z.object({ oldPassword: z.string().min(1).max(128), newPassword: password }).strict(), 'user'),
} satisfies Record<string, MethodDef>;
