import type { SessionInfo, SessionUser } from '../../../shared/api/contract';
import { MAX_FAILED_LOGINS } from '../../../shared/domain/constants';
import { BRANCH_PRESETS, DEFAULT_REGIONS, DEFAULT_TAGS } from '../../../shared/domain/presets';
import { localTimestamp } from '../clock';
import type { Ctx, HandlerMap } from '../context';
import { AppError, badInput } from '../errors';
import { isInitialized, readSettings, writeSetting } from '../settings/store';
import { dummyHash, hashPassword, verifyPassword } from './password';

interface UserRow {
  id: number;
  name: string;
  display_name: string;
  role: SessionUser['role'];
  password_hash: string;
  disabled: number;
  failed_attempts: number;
  locked_until: string | null;
  must_change_password: number;
}

function sessionInfo(ctx: Ctx, row: Pick<UserRow, 'id' | 'name' | 'display_name' | 'role' | 'must_change_password'>): SessionInfo {
  const s = readSettings(ctx.db);
  return {
    user: {
      id: row.id,
      name: row.name,
      displayName: row.display_name,
      role: row.role,
      mustChangePassword: row.must_change_password === 1,
    },
    branchName: s.branchName,
    branchType: s.branchType,
    idleMinutes: s.idleMinutes,
  };
}

function findUserByName(ctx: Ctx, name: string): UserRow | undefined {
  return ctx.db.prepare('SELECT * FROM users WHERE name = ?').get(name) as UserRow | undefined;
}

function findUserById(ctx: Ctx, id: number): UserRow | undefined {
  return ctx.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function seedDictionaries(ctx: Ctx, branchType: keyof typeof BRANCH_PRESETS): void {
  const preset = BRANCH_PRESETS[branchType];
  const insert = ctx.db.prepare(
    'INSERT OR IGNORE INTO dict_items (kind, name, sort, visit_interval_days) VALUES (?, ?, ?, ?)',
  );
  preset.tiers.forEach((t, i) => insert.run('tier', t.name, i, t.visitIntervalDays));
  DEFAULT_REGIONS.forEach((r, i) => insert.run('region', r, i, null));
  preset.industries.forEach((r, i) => insert.run('industry', r, i, null));
  DEFAULT_TAGS.forEach((r, i) => insert.run('tag', r, i, null));
  writeSetting(ctx.db, 'visitChecklist', JSON.stringify(preset.checklist));
}

/** Checks a password against a user row, counting failures and locking the account on the fifth. */
async function checkPassword(ctx: Ctx, row: UserRow, password: string): Promise<void> {
  const nowStr = localTimestamp(ctx.now());
  if (row.locked_until && row.locked_until > nowStr) {
    throw new AppError('ACCOUNT_LOCKED', `账号已锁定，请在 ${row.locked_until.slice(11, 16)} 后重试，或请管理员解锁`);
  }
  if (await verifyPassword(password, row.password_hash)) {
    ctx.db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(row.id);
    return;
  }
  const failed = (row.locked_until && row.locked_until <= nowStr ? 0 : row.failed_attempts) + 1;
  if (failed >= MAX_FAILED_LOGINS) {
    const minutes = readSettings(ctx.db).lockoutMinutes;
    const until = localTimestamp(new Date(ctx.now().getTime() + minutes * 60_000));
    ctx.db.prepare('UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(failed, until, row.id);
    ctx.audit({ userId: row.id, userName: row.name, action: 'lockout', target: row.name, detail: `连续${failed}次密码错误，锁定至 ${until}`, ok: false });
    throw new AppError('ACCOUNT_LOCKED', `密码连续错误${MAX_FAILED_LOGINS}次，账号已锁定${minutes}分钟（至 ${until.slice(11, 16)}），也可请管理员解锁`);
  }
  ctx.db.prepare('UPDATE users SET failed_attempts = ?, locked_until = NULL WHERE id = ?').run(failed, row.id);
  ctx.audit({ userId: row.id, userName: row.name, action: 'login_failed', target: row.name, detail: `第${failed}次密码错误`, ok: false });
  throw new AppError('BAD_CREDENTIALS', `用户名或密码错误（再错${MAX_FAILED_LOGINS - failed}次将锁定账号）`);
}

export const authHandlers: HandlerMap<
  'setup.status' | 'setup.init' | 'auth.login' | 'auth.me' | 'auth.logout' | 'auth.lock' | 'auth.unlock' | 'auth.changePassword'
> = {
  'setup.status': (ctx) => {
    const initialized = isInitialized(ctx.db);
    return { initialized, branchName: initialized ? readSettings(ctx.db).branchName : null };
  },

  'setup.init': async (ctx, input) => {
    if (isInitialized(ctx.db)) throw new AppError('ALREADY_INITIALIZED', '已经完成初始设置，不能重复创建');
    const hash = await hashPassword(input.password, ctx.passwordCost);
    const at = localTimestamp(ctx.now());
    ctx.db.transaction(() => {
      if (isInitialized(ctx.db)) throw new AppError('ALREADY_INITIALIZED', '已经完成初始设置，不能重复创建');
      writeSetting(ctx.db, 'branchName', input.branchName);
      writeSetting(ctx.db, 'branchType', input.branchType);
      writeSetting(ctx.db, 'idleMinutes', 15);
      writeSetting(ctx.db, 'lockoutMinutes', 15);
      const r = ctx.db
        .prepare(
          `INSERT INTO users (name, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, 'admin', ?, ?, ?)`,
        )
        .run(input.adminName, input.adminDisplayName || input.adminName, hash, at, at);
      seedDictionaries(ctx, input.branchType);
      ctx.audit({ userId: Number(r.lastInsertRowid), userName: input.adminName, action: 'setup', target: input.branchName, detail: { branchType: input.branchType } });
    })();
    return null;
  },

  'auth.login': async (ctx, input) => {
    const row = findUserByName(ctx, input.name);
    if (!row) {
      // Verified against a hash at the core's cost, so a wrong name costs as long as a wrong password.
      await verifyPassword(input.password, dummyHash(ctx.passwordCost));
      // Only a hint of the typed name: people sometimes type their password into the name field.
      const hint = `${[...input.name].slice(0, 2).join('')}***`;
      ctx.audit({ userId: null, userName: hint, action: 'login_failed', target: hint, detail: '用户名不存在', ok: false });
      throw new AppError('BAD_CREDENTIALS', '用户名或密码错误');
    }
    if (row.disabled) {
      ctx.audit({ userId: row.id, userName: row.name, action: 'login_failed', target: row.name, detail: '账号已停用', ok: false });
      throw new AppError('ACCOUNT_LOCKED', '账号已停用，请联系管理员');
    }
    await checkPassword(ctx, row, input.password);
    if (ctx.session) ctx.sessions.delete(ctx.session.token);
    const session = ctx.sessions.create(row.id, ctx.now().getTime());
    ctx.setSessionToken(session.token);
    ctx.db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(localTimestamp(ctx.now()), row.id);
    ctx.audit({ userId: row.id, userName: row.name, action: 'login', target: row.name });
    return sessionInfo(ctx, row);
  },

  'auth.me': (ctx) => {
    if (!ctx.session) return null;
    if (ctx.session.locked) throw new AppError('SESSION_LOCKED', '已自动锁定，请输入密码解锁');
    const row = findUserById(ctx, ctx.session.userId);
    return row ? sessionInfo(ctx, row) : null;
  },

  'auth.logout': (ctx) => {
    if (ctx.session) {
      const row = findUserById(ctx, ctx.session.userId);
      ctx.sessions.delete(ctx.session.token);
      ctx.audit({ userId: row?.id ?? null, userName: row?.name ?? null, action: 'logout', target: row?.name });
    }
    ctx.setSessionToken(null);
    return null;
  },

  'auth.lock': (ctx) => {
    if (ctx.session) ctx.session.locked = true;
    return null;
  },

  'auth.unlock': async (ctx, input) => {
    if (!ctx.session) throw new AppError('NOT_LOGGED_IN', '登录已失效，请重新登录');
    const row = findUserById(ctx, ctx.session.userId);
    if (!row || row.disabled) {
      ctx.sessions.delete(ctx.session.token);
      ctx.setSessionToken(null);
      throw new AppError('NOT_LOGGED_IN', '账号已停用，请重新登录');
    }
    try {
      await checkPassword(ctx, row, input.password);
    } catch (e) {
      // A lock-out while the screen is locked ends the session: the next person must log in.
      if (e instanceof AppError && e.code === 'ACCOUNT_LOCKED') {
        ctx.sessions.delete(ctx.session.token);
        ctx.setSessionToken(null);
      }
      throw e;
    }
    ctx.session.locked = false;
    ctx.session.lastSeen = ctx.now().getTime();
    ctx.audit({ userId: row.id, userName: row.name, action: 'unlock', target: row.name });
    return sessionInfo(ctx, row);
  },

  'auth.changePassword': async (ctx, input) => {
    const me = ctx.user!;
    const row = findUserById(ctx, me.id)!;
    if (!(await verifyPassword(input.oldPassword, row.password_hash))) throw badInput('原密码不正确', 'oldPassword');
    if (input.oldPassword === input.newPassword) throw badInput('新密码不能与原密码相同', 'newPassword');
    const hash = await hashPassword(input.newPassword, ctx.passwordCost);
    ctx.db
      .prepare('UPDATE users SET password_hash = ?, must_change_password = 0, updated_at = ? WHERE id = ?')
      .run(hash, localTimestamp(ctx.now()), me.id);
    ctx.audit({ action: 'password_change', target: me.name });
    return null;
  },
};
