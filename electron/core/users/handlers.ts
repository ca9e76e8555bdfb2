import type { ManagerOption, UserSummary } from '../../../shared/api/users';
import { ROLE_LABELS } from '../../../shared/domain/constants';
import { hashPassword } from '../auth/password';
import { clearFailedLogins } from '../auth/repo';
import { localTimestamp } from '../clock';
import type { Ctx, HandlerMap } from '../context';
import { AppError, badInput, conflict, notFound } from '../errors';
import {
  activeAdminCount,
  insertUser,
  listUserOptions,
  listUserRecords,
  loadUserRecord,
  resetUserPassword,
  updateUser,
  userNameTaken,
  type UserPatch,
  type UserRecord,
} from './repo';

function toSummary(r: UserRecord, nowStr: string): UserSummary {
  return {
    id: r.id,
    name: r.name,
    displayName: r.display_name,
    role: r.role,
    disabled: r.disabled === 1,
    lockedUntil: r.locked_until && r.locked_until > nowStr ? r.locked_until : null,
    failedAttempts: r.failed_attempts,
    fullExport: r.full_export === 1,
    lastLoginAt: r.last_login_at,
    customerCount: r.customer_count,
  };
}

function getSummary(ctx: Ctx, id: number): UserSummary {
  const row = loadUserRecord(ctx.db, id);
  if (!row) throw notFound(`用户不存在（ID ${id}）`);
  return toSummary(row, localTimestamp(ctx.now()));
}

export const userHandlers: HandlerMap<
  'users.list' | 'users.options' | 'users.create' | 'users.update' | 'users.resetPassword' | 'users.unlock'
> = {
  'users.list': (ctx) => {
    const nowStr = localTimestamp(ctx.now());
    return listUserRecords(ctx.db).map((r) => toSummary(r, nowStr));
  },

  'users.options': (ctx) =>
    listUserOptions(ctx.db).map((r): ManagerOption => ({ id: r.id, name: r.name, displayName: r.display_name, role: r.role, disabled: r.disabled === 1 })),

  'users.create': async (ctx, input) => {
    if (userNameTaken(ctx.db, input.name)) throw conflict(`用户名「${input.name}」已存在`);
    const hash = await hashPassword(input.password, ctx.passwordCost);
    const id = insertUser(
      ctx.db,
      { name: input.name, displayName: input.displayName, role: input.role, passwordHash: hash, mustChangePassword: true },
      localTimestamp(ctx.now()),
    );
    ctx.audit({ action: 'user_create', target: input.name, detail: { role: ROLE_LABELS[input.role], displayName: input.displayName } });
    return getSummary(ctx, id);
  },

  'users.update': (ctx, input) => {
    const before = getSummary(ctx, input.id);
    const me = ctx.user!;
    const demotesAdmin = before.role === 'admin' && ((input.role && input.role !== 'admin') || input.disabled === true);
    if (demotesAdmin && activeAdminCount(ctx.db, input.id) === 0) {
      throw badInput('至少要保留一个启用的管理员账号', input.disabled ? 'disabled' : 'role');
    }
    if (input.id === me.id && input.disabled) throw badInput('不能停用自己的账号', 'disabled');
    const changes: Record<string, string> = {};
    const patch: UserPatch = {};
    if (input.displayName !== undefined && input.displayName !== before.displayName) {
      changes['姓名'] = `${before.displayName} → ${input.displayName}`;
      patch.displayName = input.displayName;
    }
    if (input.role !== undefined && input.role !== before.role) {
      changes['角色'] = `${ROLE_LABELS[before.role]} → ${ROLE_LABELS[input.role]}`;
      patch.role = input.role;
    }
    if (input.disabled !== undefined && input.disabled !== before.disabled) {
      changes['状态'] = input.disabled ? '停用' : '启用';
      patch.disabled = input.disabled;
    }
    if (input.fullExport !== undefined && input.fullExport !== before.fullExport) {
      changes['完整导出'] = input.fullExport ? '允许' : '不允许';
      patch.fullExport = input.fullExport;
    }
    ctx.db.transaction(() => updateUser(ctx.db, input.id, patch, localTimestamp(ctx.now())))();
    if (input.disabled) ctx.sessions.deleteForUser(input.id);
    if (Object.keys(changes).length) ctx.audit({ action: 'user_update', target: before.name, detail: changes });
    return getSummary(ctx, input.id);
  },

  'users.resetPassword': async (ctx, input) => {
    const before = getSummary(ctx, input.id);
    const hash = await hashPassword(input.newPassword, ctx.passwordCost);
    const epoch = resetUserPassword(ctx.db, input.id, hash, localTimestamp(ctx.now()));
    // An administrator resetting their own password keeps the session that did it.
    if (input.id === ctx.user!.id) ctx.session!.epoch = epoch;
    ctx.sessions.deleteForUser(input.id, ctx.session!.token);
    ctx.audit({ action: 'user_reset_password', target: before.name });
    return null;
  },

  'users.unlock': (ctx, input) => {
    const before = getSummary(ctx, input.id);
    if (!before.lockedUntil && before.failedAttempts === 0) throw new AppError('BAD_INPUT', `用户「${before.displayName}」未被锁定`);
    clearFailedLogins(ctx.db, input.id);
    ctx.audit({ action: 'user_unlock', target: before.name });
    return null;
  },
};
