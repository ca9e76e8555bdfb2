import type { SessionInfo } from '../../../shared/api/auth';
import { MAX_FAILED_LOGINS } from '../../../shared/domain/constants';
import { localTimestamp } from '../clock';
import type { Ctx, HandlerMap } from '../context';
import { AppError, badInput } from '../errors';
import { readSettings } from '../settings/store';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { clearFailedLogins, findLoginById, findLoginByName, lockedUntil, recordLogin, reserveLoginAttempt, setOwnPassword, type LoginRecord } from './repo';

function sessionInfo(ctx: Ctx, row: Pick<LoginRecord, 'id' | 'name' | 'display_name' | 'role' | 'must_change_password'>): SessionInfo {
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

/**
 * Checks a password against a user row, locking the account on the fifth wrong one. The
 * attempt is counted in the database before the hash is checked (reserveLoginAttempt): the
 * check takes tens of milliseconds, and attempts sent meanwhile, by this process or another
 * on the same file, must see it.
 */
async function checkPassword(ctx: Ctx, row: LoginRecord, password: string): Promise<void> {
  const minutes = readSettings(ctx.db).lockoutMinutes;
  const lockUntil = localTimestamp(new Date(ctx.now().getTime() + minutes * 60_000));
  const attempt = reserveLoginAttempt(ctx.db, row.id, localTimestamp(ctx.now()), MAX_FAILED_LOGINS, lockUntil);
  if (!attempt) {
    const until = lockedUntil(ctx.db, row.id) ?? lockUntil;
    throw new AppError('ACCOUNT_LOCKED', `账号已锁定，请在 ${until.slice(11, 16)} 后重试，或请管理员解锁`);
  }
  if (await verifyPassword(password, row.password_hash)) {
    clearFailedLogins(ctx.db, row.id);
    return;
  }
  const failed = attempt.failed_attempts;
  if (attempt.locked_until) {
    const until = attempt.locked_until;
    ctx.audit({ userId: row.id, userName: row.name, action: 'lockout', target: row.name, detail: `连续${failed}次密码错误，锁定至 ${until}`, ok: false });
    throw new AppError('ACCOUNT_LOCKED', `密码连续错误${MAX_FAILED_LOGINS}次，账号已锁定${minutes}分钟（至 ${until.slice(11, 16)}），也可请管理员解锁`);
  }
  ctx.audit({ userId: row.id, userName: row.name, action: 'login_failed', target: row.name, detail: `第${failed}次密码错误`, ok: false });
  throw new AppError('BAD_CREDENTIALS', `用户名或密码错误（再错${MAX_FAILED_LOGINS - failed}次将锁定账号）`);
}

export const authHandlers: HandlerMap<'auth.login' | 'auth.me' | 'auth.logout' | 'auth.lock' | 'auth.unlock' | 'auth.changePassword'> = {
  'auth.login': async (ctx, input) => {
    const row = findLoginByName(ctx.db, input.name);
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
    const session = ctx.sessions.create(row.id, ctx.now().getTime(), row.session_epoch);
    ctx.setSessionToken(session.token);
    recordLogin(ctx.db, row.id, localTimestamp(ctx.now()));
    ctx.audit({ userId: row.id, userName: row.name, action: 'login', target: row.name });
    return sessionInfo(ctx, row);
  },

  'auth.me': (ctx) => {
    if (!ctx.session) return null;
    if (ctx.session.locked) throw new AppError('SESSION_LOCKED', '已自动锁定，请输入密码解锁');
    const row = findLoginById(ctx.db, ctx.session.userId);
    return row ? sessionInfo(ctx, row) : null;
  },

  'auth.logout': (ctx) => {
    if (ctx.session) {
      const row = findLoginById(ctx.db, ctx.session.userId);
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
    const row = findLoginById(ctx.db, ctx.session.userId);
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
    const row = findLoginById(ctx.db, me.id)!;
    if (!(await verifyPassword(input.oldPassword, row.password_hash))) throw badInput('原密码不正确', 'oldPassword');
    if (input.oldPassword === input.newPassword) throw badInput('新密码不能与原密码相同', 'newPassword');
    const hash = await hashPassword(input.newPassword, ctx.passwordCost);
    const epoch = setOwnPassword(ctx.db, me.id, hash, localTimestamp(ctx.now()));
    // The account's other sessions end (here at once, in the other processes at their next
    // call, by the epoch); the one that made the change carries on.
    ctx.session!.epoch = epoch;
    ctx.sessions.deleteForUser(me.id, ctx.session!.token);
    ctx.audit({ action: 'password_change', target: me.name });
    return null;
  },
};
