import type { z } from 'zod';
import { api, isMethodName, type MethodName } from '../../shared/api/contract';
import type { AuditHost } from '../../shared/api/audit';
import type { SessionUser } from '../../shared/api/auth';
import type { ApiError, Result } from '../../shared/api/result';
import { labelForPath } from '../../shared/domain/labels';
import { writeAudit } from './audit/log';
import type { Session, SessionStore } from './auth/sessions';
import type { Ctx, HandlerMap } from './context';
import type { Db } from './db/connection';
import { TempArea } from './dataDir';
import { describeForLog, storageError } from './db/sqliteErrors';
import { AppError } from './errors';
import { PASSWORD_COST } from './auth/password';
import { MAX_INPUT_DEPTH, nestedDeeperThan, TOO_DEEP_MESSAGE } from './inputLimits';
import { isInitialized, readSettings } from './settings/store';
import type { CoreJobRunner } from './tasks';
import type { PdfRenderer } from './pdf/renderer';
import { loadSessionUser } from './users/repo';

export interface RouterDeps {
  db: Db;
  sessions: SessionStore;
  handlers: HandlerMap;
  dataDir: string;
  /** The core's temp folders (uploads); a router made without one gets its own. */
  temp?: TempArea;
  /** Long jobs (imports, undo, exports): handlers start them and answer their status. */
  jobs: CoreJobRunner;
  /** Printed forms: the host's HTML-to-PDF service. */
  pdf?: PdfRenderer | null;
  now?: () => Date;
  /** scrypt cost for new password hashes (CoreOptions.passwordCost); PASSWORD_COST when absent. */
  passwordCost?: number;
  /** The app serving this router (桌面 / 网页 / 命令行), recorded with every audit entry. */
  host?: AuditHost;
}

export interface InvokeOutcome {
  result: Result<unknown>;
  /** undefined: keep the caller's session; string: new token; null: session ended. */
  sessionToken?: string | null;
}

/** Methods that work before setup (everything else answers NOT_INITIALIZED). */
const PRE_SETUP: ReadonlySet<MethodName> = new Set(['setup.status', 'setup.init', 'auth.me']);

/**
 * All a session may call while its account still has a password an administrator set (a new
 * account, or a reset): the change itself, and locking the screen. The public methods (auth.me,
 * auth.logout, auth.login, setup.status) stay open too. A code of its own, not FORBIDDEN, because
 * the remedy differs: the UI opens 修改密码 and the CLI points to `passwd`.
 */
const BEFORE_PASSWORD_CHANGE: ReadonlySet<MethodName> = new Set(['auth.changePassword', 'auth.lock']);
const PASSWORD_CHANGE_MESSAGE = '请先修改密码：您正在使用管理员设置的初始密码（或重置后的密码），改为只有自己知道的密码后才能使用其他功能';

export function zodToApiError(error: z.ZodError, method?: string): ApiError {
  const fields = error.issues.map((issue) => {
    // The whole input of the wrong type (a script sent a string, a list, null) is named too.
    const label = issue.path.length ? labelForPath(issue.path as (string | number)[], method) : issue.code === 'invalid_type' ? '请求内容' : '';
    if (issue.code === 'unrecognized_keys') {
      return { field: issue.path.join('.'), message: `不认识的字段：${issue.keys.join('、')}` };
    }
    return { field: issue.path.join('.'), message: label ? `${label}：${issue.message}` : issue.message };
  });
  return { code: 'BAD_INPUT', message: fields.map((f) => f.message).join('；'), field: fields[0]?.field, fields };
}

const INTERNAL_MESSAGE = '内部错误，操作未完成，数据未改动。请重试或联系管理员。';

/**
 * What a failed call answers. The database or the disk failing (another connection held the
 * write lock longer than busy_timeout, a damaged or read-only file, a full disk) is said in
 * words the user can act on; anything else is a bug, logged with its stack.
 */
function failure(err: unknown, method: string): ApiError {
  if (err instanceof AppError) return err.toApiError();
  const storage = storageError(err);
  if (storage) {
    // A busy database is expected under a big import; a damaged or full one is worth a line in the log.
    if (storage.code !== 'CONFLICT') console.error(`[core] ${method} failed: ${describeForLog(err)}`);
    return storage;
  }
  console.error(`[core] ${method} failed`, err);
  return { code: 'INTERNAL', message: INTERNAL_MESSAGE };
}

/**
 * The single entry point of both hosts. Order matters: unknown method → session
 * (idle lock) → role → input validation → handler (a caller without the role learns
 * nothing about the method's input). Nothing the caller sends
 * reaches SQL without passing the contract's schema first.
 */
export function createRouter(deps: RouterDeps) {
  const now = deps.now ?? (() => new Date());
  const temp = deps.temp ?? new TempArea(deps.dataDir);

  async function invoke(token: string | null | undefined, method: unknown, rawInput: unknown): Promise<InvokeOutcome> {
    try {
      return await route(token, method, rawInput);
    } catch (err) {
      // Before the handler: the session and settings reads meet a damaged or vanished file first.
      return { result: { ok: false, error: failure(err, String(method).slice(0, 60)) } };
    }
  }

  async function route(token: string | null | undefined, method: unknown, rawInput: unknown): Promise<InvokeOutcome> {
    if (!isMethodName(method)) {
      return { result: { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的接口：${String(method).slice(0, 60)}` } } };
    }
    const def = api[method];

    if (!PRE_SETUP.has(method) && !isInitialized(deps.db)) {
      return { result: { ok: false, error: { code: 'NOT_INITIALIZED', message: '尚未完成初始设置，请先创建网点和管理员账号' } } };
    }

    const t = now();
    let session: Session | null = deps.sessions.get(token);
    let user: SessionUser | null = null;
    if (session) {
      const loaded = loadSessionUser(deps.db, session.userId);
      // A stale epoch: the password was changed or reset, or the account disabled, maybe by another process.
      if (!loaded || loaded.disabled || loaded.sessionEpoch !== session.epoch) {
        deps.sessions.delete(session.token);
        session = null;
      } else {
        const { disabled: _disabled, sessionEpoch: _epoch, ...u } = loaded;
        user = u;
        const idleMs = readSettings(deps.db).idleMinutes * 60_000;
        if (!session.locked && t.getTime() - session.lastSeen > idleMs) session.locked = true;
      }
    }

    if (def.access !== 'public') {
      if (!session || !user) return { result: { ok: false, error: { code: 'NOT_LOGGED_IN', message: '请先登录' } } };
      if (session.locked) return { result: { ok: false, error: { code: 'SESSION_LOCKED', message: '已自动锁定，请输入密码解锁' } } };
      if (user.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(method)) {
        return { result: { ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED', message: PASSWORD_CHANGE_MESSAGE } } };
      }
      if (Array.isArray(def.access) && !def.access.includes(user.role)) {
        return { result: { ok: false, error: { code: 'FORBIDDEN', message: '没有权限执行此操作' } } };
      }
      session.lastSeen = t.getTime();
    }

    if (nestedDeeperThan(rawInput, MAX_INPUT_DEPTH)) return { result: { ok: false, error: { code: 'BAD_INPUT', message: TOO_DEEP_MESSAGE } } };
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) return { result: { ok: false, error: zodToApiError(parsed.error, method) } };

    let sessionToken: string | null | undefined;
    const ctx: Ctx = {
      db: deps.db,
      now: () => t,
      user: session?.locked ? null : user,
      session,
      sessions: deps.sessions,
      dataDir: deps.dataDir,
      temp,
      jobs: deps.jobs,
      passwordCost: deps.passwordCost ?? PASSWORD_COST,
      pdf: deps.pdf ?? null,
      setSessionToken: (v) => {
        sessionToken = v;
      },
      audit: (e) =>
        writeAudit(deps.db, t, { userId: e.userId ?? user?.id ?? null, userName: e.userName ?? user?.name ?? null, ...e, host: deps.host }),
    };

    try {
      const handler = deps.handlers[method] as (ctx: Ctx, input: unknown) => unknown;
      const value = await handler(ctx, parsed.data);
      return { result: { ok: true, value: value ?? null }, sessionToken };
    } catch (err) {
      return { result: { ok: false, error: failure(err, method) }, sessionToken };
    }
  }

  return { invoke };
}

export type Router = ReturnType<typeof createRouter>;
