import './zodLocale';
import { z } from 'zod';
import { method, type MethodDef, type Role } from './define';
import { visitsApi } from './visits';
import { excelApi } from './excel';
import { BRANCH_TYPES, DICT_KINDS, PASSWORD_MIN_LENGTH, type BranchType, type DictKind } from '../domain/constants';
import {
  customerFieldsSchema,
  customerListQuerySchema,
  type Customer,
  type CustomerChange,
  type CustomerRow,
  type CustomerTransfer,
  type DuplicateHit,
} from '../domain/customer';

const empty = z.object({}).strict();
const id = z.number().int().positive();
const userName = z
  .string()
  .trim()
  .min(2, { message: '用户名至少2个字符' })
  .max(30, { message: '用户名不能超过30个字符' })
  .regex(/^[\p{L}\p{N}_.-]+$/u, { message: '用户名只能包含中文、字母、数字、下划线、点和横线' });
const password = z.string().min(PASSWORD_MIN_LENGTH, { message: `密码至少${PASSWORD_MIN_LENGTH}位` }).max(128);
const role = z.enum(['admin', 'supervisor', 'manager'], { message: '角色须为 管理员/负责人/客户经理' });

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
export interface Settings {
  branchName: string;
  branchType: BranchType;
  idleMinutes: number;
  lockoutMinutes: number;
}
export interface DictItem {
  id: number;
  kind: DictKind;
  name: string;
  sort: number;
  visitIntervalDays: number | null;
  active: boolean;
  usage: number;
}
export interface AuditRow {
  id: number;
  at: string;
  userName: string;
  action: string;
  actionLabel: string;
  target: string;
  detail: string;
  ok: boolean;
}
export interface Page<T> {
  rows: T[];
  total: number;
}

export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'lockout',
  'logout',
  'unlock',
  'password_change',
  'user_create',
  'user_update',
  'user_reset_password',
  'user_unlock',
  'settings_update',
  'dict_change',
  'customer_create',
  'customer_update',
  'customer_delete',
  'customer_restore',
  'customer_transfer',
  'setup',
  // visits (issue 3)
  'visit_create',
  'visit_update',
  'visit_delete',
  'plan_generate',
  'plan_change',
  'followup_change',
  'complaint_change',
  'receipt_change',
  'attachment_add',
  // Excel (issue 4)
  'import',
  'import_undo',
  'export',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * The whole API, declared once. Both hosts (Electron IPC, local HTTP) route through
 * the same core router, which validates `input` with these schemas (unknown keys are
 * rejected) and checks `access` before a handler runs.
 */
const coreApi = {
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

  'prefs.get': method<unknown>()(z.object({ key: z.string().regex(/^[a-z][a-zA-Z0-9.]{0,60}$/) }).strict(), 'user'),
  'prefs.set': method<null>()(
    z.object({ key: z.string().regex(/^[a-z][a-zA-Z0-9.]{0,60}$/), value: z.unknown() }).strict(),
    'user',
  ),

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

  'audit.list': method<Page<AuditRow>>()(
    z
      .object({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        action: z.enum(AUDIT_ACTIONS).optional(),
        userName: z.string().trim().max(30).optional(),
        from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
        to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
        q: z.string().trim().max(50).optional(),
      })
      .strict(),
    ['admin'],
  ),
} satisfies Record<string, MethodDef>;

export const api = { ...coreApi, ...visitsApi, ...excelApi } satisfies Record<string, MethodDef>;

export type Api = typeof api;
export type MethodName = keyof Api;
export type InputOf<K extends MethodName> = z.input<Api[K]['input']>;
export type ParsedInputOf<K extends MethodName> = z.output<Api[K]['input']>;
export type OutputOf<K extends MethodName> = Exclude<Api[K]['output'], undefined>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);
}
