import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handlers } from '../../../electron/core/handlers';
import { createRouter } from '../../../electron/core/router';
import { openDatabase } from '../../../electron/core/db/connection';
import {
  call,
  callRaw,
  createAndLogin,
  expectErr,
  expectOk,
  openTestCore,
  setupAndLogin,
  type TestCore,
} from '../helpers/core';

let t: TestCore;
let admin: string;
beforeEach(async () => {
  t = openTestCore();
  admin = await setupAndLogin(t.core);
});
afterEach(() => {
  vi.restoreAllMocks();
  t.close();
});

const CJK = /[\u4e00-\u9fff]/;

describe('router: method and input validation', () => {
  it('answers UNKNOWN_METHOD for a method the contract does not declare', async () => {
    for (const m of ['users.drop', 'constructor', '__proto__', 'toString', '', 42, null]) {
      const err = expectErr(await callRaw(t.core, admin, m, {}), 'UNKNOWN_METHOD');
      expect(err.message).toMatch(CJK);
    }
  });

  it('rejects an unknown input key with a Chinese message naming the key, before the handler runs', async () => {
    const err = expectErr(await callRaw(t.core, admin, 'settings.update', { branchName: '新名字网点', isAdmin: true }), 'BAD_INPUT');
    expect(err.message).toContain('isAdmin');
    expect(err.message).toContain('不认识的字段');
    expect(expectOk(await call(t.core, admin, 'settings.get', {})).branchName).toBe('城关烟草营销部');

    const nested = expectErr(
      await callRaw(t.core, admin, 'users.create', { name: 'lisi', displayName: '李四', role: 'manager', password: 'Lisi#2024pw', sql: '1' }),
      'BAD_INPUT',
    );
    expect(nested.message).toContain('sql');
    expect(t.db.prepare("SELECT count(*) AS n FROM users WHERE name = 'lisi'").get()).toEqual({ n: 0 });
  });

  it('names the field in Chinese when a value is wrong (a 1-character password mentions 密码)', async () => {
    const err = expectErr(
      await callRaw(t.core, admin, 'users.create', { name: 'lisi', displayName: '李四', role: 'manager', password: 'x' }),
      'BAD_INPUT',
    );
    expect(err.message).toContain('密码');
    expect(err.message).toContain('8');
    expect(err.field).toBe('password');
    expect(err.fields).toEqual([{ field: 'password', message: err.message }]);
  });

  it('answers a value of the wrong type with a Chinese message carrying the field label', async () => {
    const err = expectErr(await callRaw(t.core, admin, 'settings.update', { idleMinutes: '十五' }), 'BAD_INPUT');
    expect(err.message).toContain('自动锁定时间');
    expect(err.message).toMatch(CJK);
    expect(err.message).not.toMatch(/Invalid|expected/);
    expect(err.field).toBe('idleMinutes');

    const many = expectErr(await callRaw(t.core, admin, 'users.create', { name: 'l', displayName: '', role: 'boss', password: 'x' }), 'BAD_INPUT');
    expect(many.fields?.map((f) => f.field).sort()).toEqual(['displayName', 'name', 'password', 'role']);
    expect(many.message).toContain('角色');
  });

  it('labels a user-name field as 用户名, not as a customer field', async () => {
    // The login form and the user form both call the field `name`.
    const login = expectErr(await callRaw(t.core, null, 'auth.login', { name: '', password: 'x' }), 'BAD_INPUT');
    expect(login.message).toContain('用户名');
    expect(login.message).not.toContain('客户');
    const create = expectErr(
      await callRaw(t.core, admin, 'users.create', { name: 'l', displayName: '李四', role: 'manager', password: 'Lisi#2024pw' }),
      'BAD_INPUT',
    );
    expect(create.message).toContain('用户名');
    expect(create.message).not.toContain('客户');
  });

  it('rejects a non-object input', async () => {
    for (const input of ['x', 42, [1], true]) expectErr(await callRaw(t.core, admin, 'settings.get', input), 'BAD_INPUT');
    // A missing input counts as {} for methods without parameters.
    expectOk(await callRaw(t.core, admin, 'settings.get', undefined));
  });
});

describe('router: login and roles', () => {
  it('answers NOT_LOGGED_IN without a session or with a made-up token', async () => {
    for (const token of [null, '', 'forged-token']) {
      expectErr(await call(t.core, token, 'settings.get', {}), 'NOT_LOGGED_IN');
      expectErr(await call(t.core, token, 'users.options', {}), 'NOT_LOGGED_IN');
      expectErr(await call(t.core, token, 'customers.delete', { id: 1 }), 'NOT_LOGGED_IN');
    }
  });

  it('refuses a logged-out token', async () => {
    const outcome = await t.core.router.invoke(admin, 'auth.logout', {});
    expect(outcome.sessionToken).toBeNull();
    expectErr(await call(t.core, admin, 'settings.get', {}), 'NOT_LOGGED_IN');
  });

  it('a manager gets FORBIDDEN from admin/supervisor methods, and nothing is written', async () => {
    const m = await createAndLogin(t.core, admin, 'zhangsan', 'manager');
    const auditBefore = t.db.prepare('SELECT count(*) AS n FROM audit_log').get();

    const e1 = expectErr(
      await call(t.core, m.token, 'users.create', { name: 'lisi', displayName: '李四', role: 'admin', password: 'Lisi#2024pw' }),
      'FORBIDDEN',
    );
    expect(e1.message).toMatch(CJK);
    expectErr(await call(t.core, m.token, 'audit.list', {}), 'FORBIDDEN');
    expectErr(await call(t.core, m.token, 'customers.delete', { id: 1 }), 'FORBIDDEN');
    expectErr(await call(t.core, m.token, 'users.update', { id: m.id, role: 'admin' }), 'FORBIDDEN');
    expectErr(await call(t.core, m.token, 'users.list', {}), 'FORBIDDEN');
    expectErr(await call(t.core, m.token, 'settings.update', { idleMinutes: 240 }), 'FORBIDDEN');
    expectErr(await call(t.core, m.token, 'dicts.save', { kind: 'tier', name: 'S', visitIntervalDays: 3 }), 'FORBIDDEN');

    expect(t.db.prepare("SELECT count(*) AS n FROM users WHERE name = 'lisi'").get()).toEqual({ n: 0 });
    expect(t.db.prepare('SELECT role FROM users WHERE id = ?').get(m.id)).toEqual({ role: 'manager' });
    expect(t.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(auditBefore);
  });

  it('a supervisor may list users but not create them', async () => {
    const s = await createAndLogin(t.core, admin, 'fuzeren', 'supervisor');
    expectOk(await call(t.core, s.token, 'users.list', {}));
    expectErr(
      await call(t.core, s.token, 'users.create', { name: 'lisi', displayName: '李四', role: 'manager', password: 'Lisi#2024pw' }),
      'FORBIDDEN',
    );
    expectErr(await call(t.core, s.token, 'audit.list', {}), 'FORBIDDEN');
  });

  it('re-reads the role on every call: a demoted admin loses admin methods at once', async () => {
    const other = await createAndLogin(t.core, admin, 'second', 'admin');
    expectOk(await call(t.core, other.token, 'audit.list', {}));
    expectOk(await call(t.core, admin, 'users.update', { id: other.id, role: 'manager' }));
    expectErr(await call(t.core, other.token, 'audit.list', {}), 'FORBIDDEN');
  });
});

describe('router: unexpected failures', () => {
  it('answers INTERNAL with a Chinese message and no stack or internal detail', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const router = createRouter({
      db: t.db,
      sessions: t.core.sessions,
      dataDir: t.dir,
      jobs: t.core.jobs,
      now: t.clock.now,
      handlers: {
        ...handlers,
        'settings.get': () => {
          throw new TypeError("Cannot read properties of undefined (reading 'secret_column') at /work/main/electron/core/x.ts:12");
        },
      },
    });
    const { result } = await router.invoke(admin, 'settings.get', {});
    const err = expectErr(result, 'INTERNAL');
    expect(err.message).toMatch(CJK);
    const wire = JSON.stringify(result);
    for (const leak of ['secret_column', 'TypeError', '.ts', 'at ', 'stack', '/work']) expect(wire).not.toContain(leak);
    expect(Object.keys(err).sort()).toEqual(['code', 'message']);
    expect(errors).toHaveBeenCalled();
  });

  it('answers INTERNAL for a rejected promise too, and the router keeps working afterwards', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const router = createRouter({
      db: t.db,
      sessions: t.core.sessions,
      dataDir: t.dir,
      jobs: t.core.jobs,
      now: t.clock.now,
      handlers: { ...handlers, 'users.options': async () => Promise.reject(new Error('SQLITE_CORRUPT: database disk image is malformed')) },
    });
    const { result } = await router.invoke(admin, 'users.options', {});
    expectErr(result, 'INTERNAL');
    expect(JSON.stringify(result)).not.toContain('SQLITE');
    expectOk((await router.invoke(admin, 'settings.get', {})).result);
  });

  it('answers CONFLICT with a "try again later" message when another connection holds the write lock too long', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    // A job thread's connection in the middle of a big import's transaction.
    const job = openDatabase(t.db.name, { migrate: false });
    t.db.pragma('busy_timeout = 50');
    try {
      job.exec('BEGIN IMMEDIATE');
      const before = t.db.prepare('SELECT count(*) AS n FROM users').get();
      const { result } = await t.core.router.invoke(admin, 'users.create', { name: 'waits', displayName: '等待', role: 'manager', password: 'Passw0rd!2026' });
      const err = expectErr(result, 'CONFLICT');
      expect(err.message).toContain('请稍后再试');
      expect(JSON.stringify(result)).not.toContain('SQLITE');
      expect(errors).not.toHaveBeenCalled();
      job.exec('ROLLBACK');
      expect(t.db.prepare('SELECT count(*) AS n FROM users').get()).toEqual(before);
      // Once the lock is free, the same call goes through.
      expectOk((await t.core.router.invoke(admin, 'users.create', { name: 'waits', displayName: '等待', role: 'manager', password: 'Passw0rd!2026' })).result);
    } finally {
      if (job.inTransaction) job.exec('ROLLBACK');
      job.close();
      t.db.pragma('busy_timeout = 5000');
    }
  });
});

describe('router: input errors in plain Chinese (issue 15)', () => {
  const ENGLISH = /[A-Za-z]{4,}/;

  it('names a wrong type, a missing field and a bad range without zod’s English (期望 object, offset：)', async () => {
    const root = expectErr(await callRaw(t.core, admin, 'customers.list', 'everything'), 'BAD_INPUT');
    expect(root.message).toBe('请求内容：应为对象（{…}），收到的是文字');
    const list = expectErr(await callRaw(t.core, admin, 'visits.list', { offset: -1, limit: 0, managerId: 'x', from: 7 }), 'BAD_INPUT');
    expect(list.message).toContain('起始位置：不能小于0');
    expect(list.message).toContain('每页条数：不能小于1');
    expect(list.message).toContain('客户经理：应为列表（[…]），收到的是文字');
    expect(list.message).not.toMatch(ENGLISH);
    const missing = expectErr(await callRaw(t.core, admin, 'jobs.download', {}), 'BAD_INPUT');
    expect(missing.message).toContain('任务编号：必填');
    expect(missing.message).not.toMatch(ENGLISH);
  });

  it('refuses input nested 5,000 deep (or a cycle) with BAD_INPUT, not a stack overflow', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    const err = expectErr(await callRaw(t.core, admin, 'prefs.set', { key: 'customers.columns', value: deep }), 'BAD_INPUT');
    expect(err.message).toContain('嵌套层数过多');
    const cycle: Record<string, unknown> = { key: 'x' };
    cycle.value = cycle;
    expectErr(await callRaw(t.core, admin, 'prefs.set', cycle), 'BAD_INPUT');
    expect(errors).not.toHaveBeenCalled();
  });
});
