import type { ManagerOption, UserSummary } from '../../../shared/api/contract';
import type { Role } from '../../../shared/api/define';
import { ROLE_LABELS } from '../../../shared/domain/constants';
import { hashPassword } from '../auth/password';
import { localTimestamp } from '../clock';
import type { Ctx, HandlerMap } from '../context';
import { AppError, badInput, conflict, notFound } from '../errors';

interface Row {
  id: number;
  name: string;
  display_name: string;
  role: Role;
  disabled: number;
  locked_until: string | null;
  failed_attempts: number;
  full_export: number;
  last_login_at: string | null;
  customer_count: number;
}

const SELECT = `
  SELECT u.id, u.name, u.display_name, u.role, u.disabled, u.locked_until, u.failed_attempts, u.full_export, u.last_login_at,
         (SELECT count(*) FROM customers c WHERE c.manager_id = u.id AND c.deleted_at IS NULL) AS customer_count
  FROM users u`;

function toSummary(r: Row, nowStr: string): UserSummary {
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
  const row = ctx.db.prepare(`${SELECT} WHERE u.id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound(`用户不存在（ID ${id}）`);
  return toSummary(row, localTimestamp(ctx.now()));
}

function activeAdminCount(ctx: Ctx, exceptId: number): number {
  return (
    ctx.db.prepare(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?`).get(exceptId) as {
      n: number;
    }
  ).n;
}

export const userHandlers: HandlerMap<
  'users.list' | 'users.options' | 'users.create' | 'users.update' | 'users.resetPassword' | 'users.unlock'
> = {
  'users.list': (ctx) => {
    const nowStr = localTimestamp(ctx.now());
    return (ctx.db.prepare(`${SELECT} ORDER BY u.disabled, u.role, u.name`).all() as Row[]).map((r) => toSummary(r, nowStr));
  },

  'users.options': (ctx) =>
    (
      ctx.db.prepare('SELECT id, name, display_name, role, disabled FROM users ORDER BY disabled, display_name').all() as {
        id: number;
        name: string;
        display_name: string;
        role: Role;
        disabled: number;
      }[]
    ).map((r): ManagerOption => ({ id: r.id, name: r.name, displayName: r.display_name, role: r.role, disabled: r.disabled === 1 })),

  'users.create': async (ctx, input) => {
    const exists = ctx.db.prepare('SELECT id FROM users WHERE name = ?').get(input.name);
    if (exists) throw conflict(`用户名「${input.name}」已存在`);
    const hash = await hashPassword(input.password, ctx.passwordCost);
    const at = localTimestamp(ctx.now());
    const r = ctx.db
      .prepare(
        `INSERT INTO users (name, display_name, role, password_hash, must_change_password, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)`,
      )
      .run(input.name, input.displayName, input.role, hash, at, at);
    ctx.audit({ action: 'user_create', target: input.name, detail: { role: ROLE_LABELS[input.role], displayName: input.displayName } });
    return getSummary(ctx, Number(r.lastInsertRowid));
  },

  'users.update': (ctx, input) => {
    const before = getSummary(ctx, input.id);
    const me = ctx.user!;
    const demotesAdmin = before.role === 'admin' && ((input.role && input.role !== 'admin') || input.disabled === true);
    if (demotesAdmin && activeAdminCount(ctx, input.id) === 0) {
      throw badInput('至少要保留一个启用的管理员账号', input.disabled ? 'disabled' : 'role');
    }
    if (input.id === me.id && input.disabled) throw badInput('不能停用自己的账号', 'disabled');
    const changes: Record<string, string> = {};
    ctx.db.transaction(() => {
      if (input.displayName !== undefined && input.displayName !== before.displayName) {
        changes['姓名'] = `${before.displayName} → ${input.displayName}`;
        ctx.db.prepare('UPDATE users SET display_name = ? WHERE id = ?').run(input.displayName, input.id);
      }
      if (input.role !== undefined && input.role !== before.role) {
        changes['角色'] = `${ROLE_LABELS[before.role]} → ${ROLE_LABELS[input.role]}`;
        ctx.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(input.role, input.id);
      }
      if (input.disabled !== undefined && input.disabled !== before.disabled) {
        changes['状态'] = input.disabled ? '停用' : '启用';
        ctx.db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(input.disabled ? 1 : 0, input.id);
      }
      if (input.fullExport !== undefined && input.fullExport !== before.fullExport) {
        changes['完整导出'] = input.fullExport ? '允许' : '不允许';
        ctx.db.prepare('UPDATE users SET full_export = ? WHERE id = ?').run(input.fullExport ? 1 : 0, input.id);
      }
      ctx.db.prepare('UPDATE users SET updated_at = ? WHERE id = ?').run(localTimestamp(ctx.now()), input.id);
    })();
    if (input.disabled) ctx.sessions.deleteForUser(input.id);
    if (Object.keys(changes).length) ctx.audit({ action: 'user_update', target: before.name, detail: changes });
    return getSummary(ctx, input.id);
  },

  'users.resetPassword': async (ctx, input) => {
    const before = getSummary(ctx, input.id);
    const hash = await hashPassword(input.newPassword, ctx.passwordCost);
    ctx.db
      .prepare(
        'UPDATE users SET password_hash = ?, must_change_password = 1, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?',
      )
      .run(hash, localTimestamp(ctx.now()), input.id);
    if (input.id !== ctx.user!.id) ctx.sessions.deleteForUser(input.id);
    ctx.audit({ action: 'user_reset_password', target: before.name });
    return null;
  },

  'users.unlock': (ctx, input) => {
    const before = getSummary(ctx, input.id);
    if (!before.lockedUntil && before.failedAttempts === 0) throw new AppError('BAD_INPUT', `用户「${before.displayName}」未被锁定`);
    ctx.db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(input.id);
    ctx.audit({ action: 'user_unlock', target: before.name });
    return null;
  },
};
