import { readFileSync, existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD_COST } from '../../../../electron/core/auth/password';
import { api, type InputOf, type MethodName } from '../../../../shared/api/contract';
import { BRANCH_PRESETS } from '../../../../shared/domain/presets';
import {
  ADMIN_NAME,
  ADMIN_PASSWORD,
  call,
  callRaw,
  createAndLogin,
  createUser,
  expectErr,
  expectOk,
  login,
  makeClock,
  openTestCore,
  setupAndLogin,
  setupBranch,
  type TestCore,
} from '../../helpers/core';

let t: TestCore;
beforeEach(() => {
  t = openTestCore();
});
afterEach(() => t.close());

const STAFF_PASSWORD = 'Staff#2024pw';

/** A valid input for every method that needs one (the rest accept `{}`). */
const SAMPLE_INPUTS: { [K in MethodName]?: InputOf<K> } = {
  'auth.login': { name: 'admin', password: 'whatever1' },
  'auth.unlock': { password: 'whatever1' },
  'auth.changePassword': { oldPassword: 'whatever1', newPassword: 'whatever2' },
  'users.create': { name: 'lisi', displayName: '李四', role: 'manager', password: 'whatever1' },
  'users.update': { id: 1, displayName: '张三' },
  'users.resetPassword': { id: 1, newPassword: 'whatever1' },
  'users.unlock': { id: 1 },
  'prefs.get': { key: 'grid' },
  'prefs.set': { key: 'grid', value: 1 },
  'dicts.save': { kind: 'region', name: '新片区' },
  'dicts.delete': { id: 1 },
  'customers.get': { id: 1 },
  'customers.create': { data: { name: '张三', kind: '个人' } },
  'customers.update': { id: 1, version: 0, data: { name: '张三', kind: '个人' } },
  'customers.delete': { id: 1 },
  'customers.restore': { id: 1 },
  'customers.transfer': { ids: [1], toManagerId: 1 },
  'customers.history': { id: 1 },
  'customers.checkDuplicates': { data: { name: '张三' } },
};

const PRE_SETUP = new Set<string>(['setup.status', 'setup.init', 'auth.me']);

describe('first-run setup', () => {
  it('creates the admin and the tobacco presets: tiers A/B/C/D every 7/14/30/30 days and the tobacco checklist', async () => {
    expect(expectOk(await call(t.core, null, 'setup.status', {}))).toEqual({ initialized: false, branchName: null });
    await setupBranch(t.core, 'tobacco');
    expect(expectOk(await call(t.core, null, 'setup.status', {}))).toEqual({ initialized: true, branchName: '城关烟草营销部' });

    const admin = t.db.prepare('SELECT name, display_name, role, disabled FROM users').all();
    expect(admin).toEqual([{ name: ADMIN_NAME, display_name: '王管理', role: 'admin', disabled: 0 }]);

    const token = await login(t.core, ADMIN_NAME, ADMIN_PASSWORD);
    const tiers = expectOk(await call(t.core, token, 'dicts.list', { kind: 'tier' }));
    expect(tiers.map((d) => [d.name, d.visitIntervalDays])).toEqual([
      ['A', 7],
      ['B', 14],
      ['C', 30],
      ['D', 30],
    ]);
    expect(tiers.every((d) => d.active)).toBe(true);
    const industries = expectOk(await call(t.core, token, 'dicts.list', { kind: 'industry' })).map((d) => d.name);
    expect(industries).toEqual(BRANCH_PRESETS.tobacco.industries);
    expect(industries).toContain('烟酒店');

    const checklist = t.db.prepare("SELECT value FROM settings WHERE key = 'visitChecklist'").get() as { value: string };
    expect(JSON.parse(checklist.value)).toEqual(['传递公司信息', '收集信息', '核对库存并建议订货', '协助陈列', '检查明码标价']);

    const settings = expectOk(await call(t.core, token, 'settings.get', {}));
    expect(settings).toMatchObject({ branchType: 'tobacco', idleMinutes: 15, lockoutMinutes: 15 });
    const setupAudit = t.db.prepare("SELECT user_name, target FROM audit_log WHERE action = 'setup'").all();
    expect(setupAudit).toEqual([{ user_name: ADMIN_NAME, target: '城关烟草营销部' }]);
  });

  it('seeds the preset of the chosen branch type (a bank gets 白金/金/银/普通, not the tobacco tiers)', async () => {
    const token = await setupAndLogin(t.core, 'bank');
    const tiers = expectOk(await call(t.core, token, 'dicts.list', { kind: 'tier' }));
    expect(tiers.map((d) => [d.name, d.visitIntervalDays])).toEqual([
      ['白金', 7],
      ['金', 14],
      ['银', 30],
      ['普通', 90],
    ]);
    const checklist = t.db.prepare("SELECT value FROM settings WHERE key = 'visitChecklist'").get() as { value: string };
    expect(JSON.parse(checklist.value)).toEqual(BRANCH_PRESETS.bank.checklist);
  });

  it('refuses a second setup.init and keeps the first admin and branch', async () => {
    await setupBranch(t.core);
    const err = expectErr(
      await call(t.core, null, 'setup.init', {
        branchName: '另一个网点',
        branchType: 'bank',
        adminName: 'intruder',
        password: 'Intruder#2024',
      }),
      'ALREADY_INITIALIZED',
    );
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    expect(t.db.prepare('SELECT name FROM users').all()).toEqual([{ name: ADMIN_NAME }]);
    expect(expectOk(await call(t.core, null, 'setup.status', {})).branchName).toBe('城关烟草营销部');
    // The intruder's account was not created, so it cannot log in.
    expectErr(await call(t.core, null, 'auth.login', { name: 'intruder', password: 'Intruder#2024' }), 'BAD_CREDENTIALS');
  });

  it('answers NOT_INITIALIZED to every method except setup.status, setup.init and auth.me before setup', async () => {
    const methods = Object.keys(api) as MethodName[];
    expect(methods.length).toBeGreaterThan(20);
    for (const m of methods) {
      if (PRE_SETUP.has(m)) continue;
      const r = await callRaw(t.core, 'some-token', m, SAMPLE_INPUTS[m] ?? {});
      expect(r.ok ? 'ok' : r.error.code, `${m} (add a valid sample input to SAMPLE_INPUTS if this is BAD_INPUT)`).toBe(
        'NOT_INITIALIZED',
      );
    }
    expect(expectOk(await call(t.core, null, 'auth.me', {}))).toBeNull();
    expect(t.db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
  });
});

describe('passwords are never stored in clear', () => {
  // At the production cost, as the app stores them (the other tests hash at the helpers' low test cost).
  beforeEach(() => {
    t.close();
    t = openTestCore(makeClock(), undefined, { passwordCost: PASSWORD_COST });
  });

  it('stores an scrypt hash and keeps every password used out of the users row, the audit log and the database file', async () => {
    const token = await setupAndLogin(t.core);
    const managerId = await createUser(t.core, token, 'zhangsan', 'manager', 'Zs#Secret2024');
    expectErr(await call(t.core, null, 'auth.login', { name: 'zhangsan', password: 'Wrong#Guess99' }), 'BAD_CREDENTIALS');
    const m = await login(t.core, 'zhangsan', 'Zs#Secret2024');
    expectOk(await call(t.core, m, 'auth.changePassword', { oldPassword: 'Zs#Secret2024', newPassword: 'Zs#Changed2024' }));
    expectOk(await call(t.core, token, 'users.resetPassword', { id: managerId, newPassword: 'Zs#Reset2024' }));

    const secrets = [ADMIN_PASSWORD, 'Zs#Secret2024', 'Wrong#Guess99', 'Zs#Changed2024', 'Zs#Reset2024'];
    const users = t.db.prepare('SELECT * FROM users').all() as { name: string; password_hash: string }[];
    for (const u of users) {
      expect(u.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    }
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(users.length);

    const usersDump = JSON.stringify(users);
    const auditDump = JSON.stringify(t.db.prepare('SELECT * FROM audit_log').all());
    expect(auditDump).toContain('login_failed');
    for (const s of secrets) {
      expect(usersDump).not.toContain(s);
      expect(auditDump).not.toContain(s);
    }

    t.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of [t.core.dbPath, `${t.core.dbPath}-wal`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      for (const s of secrets) expect(bytes.includes(Buffer.from(s, 'utf8')), `${s} in ${file}`).toBe(false);
    }
  });
});

describe('login and lock-out', () => {
  beforeEach(async () => {
    await setupBranch(t.core);
  });

  it('logs in with the right password and refuses a wrong one, telling how many tries are left', async () => {
    const outcome = await t.core.router.invoke(null, 'auth.login', { name: ADMIN_NAME, password: ADMIN_PASSWORD });
    expect(outcome.result.ok).toBe(true);
    expect(outcome.sessionToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const info = expectOk(await call(t.core, outcome.sessionToken!, 'auth.me', {}));
    expect(info?.user).toMatchObject({ name: ADMIN_NAME, role: 'admin', mustChangePassword: false });

    const bad = await t.core.router.invoke(null, 'auth.login', { name: ADMIN_NAME, password: 'not-the-password' });
    expect(bad.sessionToken).toBeUndefined();
    const err = expectErr(bad.result, 'BAD_CREDENTIALS');
    expect(err.message).toContain('用户名或密码错误');
    expect(err.message).toContain('再错4次');
    const err2 = expectErr(await call(t.core, null, 'auth.login', { name: ADMIN_NAME, password: 'not-the-password' }), 'BAD_CREDENTIALS');
    expect(err2.message).toContain('再错3次');

    // Unknown user: same code, no session.
    const unknown = await t.core.router.invoke(null, 'auth.login', { name: 'nobody', password: ADMIN_PASSWORD });
    expectErr(unknown.result, 'BAD_CREDENTIALS');
    expect(unknown.sessionToken).toBeUndefined();
  });

  it('a successful login resets the failure count', async () => {
    for (let i = 0; i < 4; i++) expectErr(await call(t.core, null, 'auth.login', { name: ADMIN_NAME, password: 'wrong-pass' }), 'BAD_CREDENTIALS');
    await login(t.core, ADMIN_NAME, ADMIN_PASSWORD);
    const err = expectErr(await call(t.core, null, 'auth.login', { name: ADMIN_NAME, password: 'wrong-pass' }), 'BAD_CREDENTIALS');
    expect(err.message).toContain('再错4次');
  });

  it('locks the account after 5 wrong passwords, refuses the right one until lockoutMinutes have passed', async () => {
    for (let i = 0; i < 4; i++) expectErr(await call(t.core, null, 'auth.login', { name: ADMIN_NAME, password: 'wrong-pass' }), 'BAD_CREDENTIALS');
    const fifth = expectErr(await call(t.core, null, 'auth.login', { name: ADMIN_NAME, password: 'wrong-pass' }), 'ACCOUNT_LOCKED');
    expect(fifth.message).toContain('锁定');
    expect(fifth.message).toContain('15分钟');

    const refused = await t.core.router.invoke(null, 'auth.login', { name: ADMIN_NAME, password: ADMIN_PASSWORD });
    expectErr(refused.result, 'ACCOUNT_LOCKED');
    expect(refused.sessionToken).toBeUndefined();

    t.clock.advanceMinutes(14);
    expectErr(await call(t.core, null, 'auth.login', { name: ADMIN_NAME, password: ADMIN_PASSWORD }), 'ACCOUNT_LOCKED');

    t.clock.advanceMinutes(2);
    await login(t.core, ADMIN_NAME, ADMIN_PASSWORD);
    // The count starts afresh after the lock expired.
    const err = expectErr(await call(t.core, null, 'auth.login', { name: ADMIN_NAME, password: 'wrong-pass' }), 'BAD_CREDENTIALS');
    expect(err.message).toContain('再错4次');
  });

  it('follows the lockoutMinutes setting', async () => {
    const token = await login(t.core, ADMIN_NAME, ADMIN_PASSWORD);
    expectOk(await call(t.core, token, 'settings.update', { lockoutMinutes: 60 }));
    for (let i = 0; i < 5; i++) await call(t.core, null, 'auth.login', { name: ADMIN_NAME, password: 'wrong-pass' });
    t.clock.advanceMinutes(30);
    expectErr(await call(t.core, null, 'auth.login', { name: ADMIN_NAME, password: ADMIN_PASSWORD }), 'ACCOUNT_LOCKED');
    t.clock.advanceMinutes(31);
    await login(t.core, ADMIN_NAME, ADMIN_PASSWORD);
  });

  it('an admin can unlock a locked account at once', async () => {
    const admin = await login(t.core, ADMIN_NAME, ADMIN_PASSWORD);
    const id = await createUser(t.core, admin, 'zhangsan', 'manager');
    for (let i = 0; i < 5; i++) await call(t.core, null, 'auth.login', { name: 'zhangsan', password: 'wrong-pass' });
    expectErr(await call(t.core, null, 'auth.login', { name: 'zhangsan', password: STAFF_PASSWORD }), 'ACCOUNT_LOCKED');
    const listed = expectOk(await call(t.core, admin, 'users.list', {})).find((u) => u.id === id)!;
    expect(listed.lockedUntil).not.toBeNull();

    expectOk(await call(t.core, admin, 'users.unlock', { id }));
    expect(expectOk(await call(t.core, admin, 'users.list', {})).find((u) => u.id === id)!.lockedUntil).toBeNull();
    await login(t.core, 'zhangsan', STAFF_PASSWORD);
    expect(t.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'user_unlock' AND target = 'zhangsan'").get()).toEqual({ n: 1 });
  });

  it('a disabled user cannot log in and their open session ends', async () => {
    const admin = await login(t.core, ADMIN_NAME, ADMIN_PASSWORD);
    const m = await createAndLogin(t.core, admin, 'zhangsan', 'manager');
    expectOk(await call(t.core, m.token, 'dicts.list', {}));

    expectOk(await call(t.core, admin, 'users.update', { id: m.id, disabled: true }));
    expectErr(await call(t.core, m.token, 'dicts.list', {}), 'NOT_LOGGED_IN');
    expect(expectOk(await call(t.core, m.token, 'auth.me', {}))).toBeNull();

    const refused = await t.core.router.invoke(null, 'auth.login', { name: 'zhangsan', password: STAFF_PASSWORD });
    expect(refused.result.ok).toBe(false);
    expect(refused.sessionToken).toBeUndefined();
    if (!refused.result.ok) expect(refused.result.error.message).toContain('停用');

    expectOk(await call(t.core, admin, 'users.update', { id: m.id, disabled: false }));
    await login(t.core, 'zhangsan', STAFF_PASSWORD);
  });

  it('a user disabled by direct database change loses the session on the next call', async () => {
    const admin = await login(t.core, ADMIN_NAME, ADMIN_PASSWORD);
    const m = await createAndLogin(t.core, admin, 'zhangsan', 'manager');
    t.db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(m.id);
    expectErr(await call(t.core, m.token, 'settings.get', {}), 'NOT_LOGGED_IN');
  });
});

describe('session lock (idle timeout and auth.lock)', () => {
  let token: string;
  beforeEach(async () => {
    token = await setupAndLogin(t.core);
  });

  const lockedProbe = async (tok: string) => {
    const probes: [MethodName, unknown][] = [
      ['settings.get', {}],
      ['users.list', {}],
      ['users.options', {}],
      ['dicts.list', {}],
      ['audit.list', {}],
      ['prefs.get', { key: 'grid' }],
      ['auth.lock', {}],
      ['auth.changePassword', { oldPassword: ADMIN_PASSWORD, newPassword: 'Another#2024' }],
      ['auth.me', {}],
    ];
    for (const [m, input] of probes) {
      const r = await callRaw(t.core, tok, m, input);
      expect(r.ok ? 'ok' : r.error.code, m).toBe('SESSION_LOCKED');
    }
  };

  it('stays open while the user keeps working', async () => {
    for (let i = 0; i < 4; i++) {
      t.clock.advanceMinutes(10);
      expectOk(await call(t.core, token, 'settings.get', {}));
    }
  });

  it('locks after idleMinutes without calls; only the right password unlocks it', async () => {
    t.clock.advanceMinutes(14);
    expectOk(await call(t.core, token, 'settings.get', {}));
    t.clock.advanceMinutes(16);
    await lockedProbe(token);
    // Probing a locked session does not count as activity, nor unlock it.
    t.clock.advanceMinutes(1);
    await lockedProbe(token);

    expectErr(await call(t.core, token, 'auth.unlock', { password: 'wrong-pass' }), 'BAD_CREDENTIALS');
    await lockedProbe(token);

    const info = expectOk(await call(t.core, token, 'auth.unlock', { password: ADMIN_PASSWORD }));
    expect(info.user.name).toBe(ADMIN_NAME);
    expectOk(await call(t.core, token, 'users.list', {}));
    expect(t.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'unlock'").get()).toEqual({ n: 1 });
  });

  it('follows the idleMinutes setting', async () => {
    expectOk(await call(t.core, token, 'settings.update', { idleMinutes: 5 }));
    t.clock.advanceMinutes(6);
    expectErr(await call(t.core, token, 'settings.get', {}), 'SESSION_LOCKED');
  });

  it('auth.lock locks at once', async () => {
    expectOk(await call(t.core, token, 'auth.lock', {}));
    await lockedProbe(token);
    expectOk(await call(t.core, token, 'auth.unlock', { password: ADMIN_PASSWORD }));
    expectOk(await call(t.core, token, 'settings.get', {}));
  });

  it('five wrong unlock passwords lock the account and end the session', async () => {
    expectOk(await call(t.core, token, 'auth.lock', {}));
    for (let i = 0; i < 4; i++) expectErr(await call(t.core, token, 'auth.unlock', { password: 'wrong-pass' }), 'BAD_CREDENTIALS');
    const last = await t.core.router.invoke(token, 'auth.unlock', { password: 'wrong-pass' });
    expectErr(last.result, 'ACCOUNT_LOCKED');
    expect(last.sessionToken).toBeNull();
    expectErr(await call(t.core, token, 'auth.unlock', { password: ADMIN_PASSWORD }), 'NOT_LOGGED_IN');
  });

  it('another user can log in on a locked screen, and the old token stays locked', async () => {
    const m = await createAndLogin(t.core, token, 'zhangsan', 'manager');
    expectOk(await call(t.core, token, 'auth.lock', {}));
    expectOk(await call(t.core, m.token, 'settings.get', {}));
    expectErr(await call(t.core, token, 'settings.get', {}), 'SESSION_LOCKED');
  });
});

describe('passwords: change and reset', () => {
  let admin: string;
  beforeEach(async () => {
    admin = await setupAndLogin(t.core);
  });

  it('a new user must change the password; the change requires the old password and clears the flag', async () => {
    // users.create itself: the helpers clear the flag.
    expectOk(await call(t.core, admin, 'users.create', { name: 'zhangsan', displayName: '张三', role: 'manager', password: STAFF_PASSWORD }));
    const m = { token: await login(t.core, 'zhangsan', STAFF_PASSWORD) };
    expect(expectOk(await call(t.core, m.token, 'auth.me', {}))?.user.mustChangePassword).toBe(true);

    const err = expectErr(
      await call(t.core, m.token, 'auth.changePassword', { oldPassword: 'wrong-old-pass', newPassword: 'NewPass#2024' }),
      'BAD_INPUT',
    );
    expect(err.message).toContain('原密码');
    expect(err.field).toBe('oldPassword');
    await login(t.core, 'zhangsan', STAFF_PASSWORD); // unchanged

    expectErr(
      await call(t.core, m.token, 'auth.changePassword', { oldPassword: STAFF_PASSWORD, newPassword: STAFF_PASSWORD }),
      'BAD_INPUT',
    );
    expectOk(await call(t.core, m.token, 'auth.changePassword', { oldPassword: STAFF_PASSWORD, newPassword: 'NewPass#2024' }));
    expect(expectOk(await call(t.core, m.token, 'auth.me', {}))?.user.mustChangePassword).toBe(false);

    expectErr(await call(t.core, null, 'auth.login', { name: 'zhangsan', password: STAFF_PASSWORD }), 'BAD_CREDENTIALS');
    const fresh = await login(t.core, 'zhangsan', 'NewPass#2024');
    expect(expectOk(await call(t.core, fresh, 'auth.me', {}))?.user.mustChangePassword).toBe(false);
  });

  it('changePassword needs an unlocked session', async () => {
    expectErr(
      await call(t.core, null, 'auth.changePassword', { oldPassword: ADMIN_PASSWORD, newPassword: 'NewPass#2024' }),
      'NOT_LOGGED_IN',
    );
  });

  it('users.resetPassword ends every session of the target and forces a change', async () => {
    const m = await createAndLogin(t.core, admin, 'zhangsan', 'manager');
    const second = await login(t.core, 'zhangsan', STAFF_PASSWORD);
    expectOk(await call(t.core, m.token, 'auth.changePassword', { oldPassword: STAFF_PASSWORD, newPassword: 'Mine#2024pw' }));

    expectOk(await call(t.core, admin, 'users.resetPassword', { id: m.id, newPassword: 'Reset#2024pw' }));
    expectErr(await call(t.core, m.token, 'settings.get', {}), 'NOT_LOGGED_IN');
    expectErr(await call(t.core, second, 'settings.get', {}), 'NOT_LOGGED_IN');
    expectOk(await call(t.core, admin, 'settings.get', {}));

    expectErr(await call(t.core, null, 'auth.login', { name: 'zhangsan', password: 'Mine#2024pw' }), 'BAD_CREDENTIALS');
    const fresh = await login(t.core, 'zhangsan', 'Reset#2024pw');
    expect(expectOk(await call(t.core, fresh, 'auth.me', {}))?.user.mustChangePassword).toBe(true);
  });

  it('users.resetPassword also clears a lock-out', async () => {
    const id = await createUser(t.core, admin, 'zhangsan', 'manager');
    for (let i = 0; i < 5; i++) await call(t.core, null, 'auth.login', { name: 'zhangsan', password: 'wrong-pass' });
    expectOk(await call(t.core, admin, 'users.resetPassword', { id, newPassword: 'Reset#2024pw' }));
    await login(t.core, 'zhangsan', 'Reset#2024pw');
  });
});

describe('audit of authentication and user administration', () => {
  it('writes who/what rows for login, login_failed, lockout, user_create, user_update and password_change', async () => {
    const admin = await setupAndLogin(t.core);
    const m = await createAndLogin(t.core, admin, 'zhangsan', 'manager');
    expectOk(await call(t.core, admin, 'users.update', { id: m.id, displayName: '张三丰' }));
    expectOk(await call(t.core, m.token, 'auth.changePassword', { oldPassword: STAFF_PASSWORD, newPassword: 'NewPass#2024' }));
    expectErr(await call(t.core, null, 'auth.login', { name: 'zhangsan', password: 'wrong-pass' }), 'BAD_CREDENTIALS');
    for (let i = 0; i < 4; i++) await call(t.core, null, 'auth.login', { name: 'zhangsan', password: 'wrong-pass' });

    const rows = t.db.prepare('SELECT action, user_name, target, detail, ok FROM audit_log ORDER BY id').all() as {
      action: string;
      user_name: string | null;
      target: string | null;
      detail: string | null;
      ok: number;
    }[];
    const of = (action: string) => rows.filter((r) => r.action === action);

    expect(of('login').map((r) => [r.user_name, r.ok])).toEqual([
      [ADMIN_NAME, 1],
      ['zhangsan', 1],
    ]);
    expect(of('user_create')).toEqual([
      expect.objectContaining({ user_name: ADMIN_NAME, target: 'zhangsan', ok: 1 }),
    ]);
    expect(of('user_create')[0].detail).toContain('客户经理');
    expect(of('user_update')).toEqual([expect.objectContaining({ user_name: ADMIN_NAME, target: 'zhangsan' })]);
    expect(of('user_update')[0].detail).toContain('张三丰');
    expect(of('password_change')).toEqual([expect.objectContaining({ user_name: 'zhangsan', target: 'zhangsan', ok: 1 })]);
    expect(of('login_failed')).toHaveLength(4);
    expect(of('login_failed').every((r) => r.user_name === 'zhangsan' && r.ok === 0)).toBe(true);
    expect(of('lockout')).toEqual([expect.objectContaining({ user_name: 'zhangsan', target: 'zhangsan', ok: 0 })]);

    // The same rows are visible to the admin through audit.list, with Chinese labels.
    const page = expectOk(await call(t.core, admin, 'audit.list', { action: 'lockout' }));
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ action: 'lockout', actionLabel: '账号锁定', userName: 'zhangsan', ok: false });
  });
});
