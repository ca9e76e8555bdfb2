import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_NAME,
  call,
  createAndLogin,
  createUser,
  expectErr,
  expectOk,
  insertCustomer,
  login,
  openTestCore,
  setupAndLogin,
  type TestCore,
} from '../../helpers/core';

let t: TestCore;
let admin: string;
let adminId: number;
beforeEach(async () => {
  t = openTestCore();
  admin = await setupAndLogin(t.core);
  adminId = (t.db.prepare('SELECT id FROM users WHERE name = ?').get(ADMIN_NAME) as { id: number }).id;
});
afterEach(() => t.close());

const userCount = () => (t.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;

describe('users.create', () => {
  it('creates a user who must change the password at first login', async () => {
    const u = expectOk(await call(t.core, admin, 'users.create', { name: 'zhangsan', displayName: '张三', role: 'manager', password: 'Staff#2024pw' }));
    expect(u).toMatchObject({ name: 'zhangsan', displayName: '张三', role: 'manager', disabled: false, customerCount: 0, lockedUntil: null });
    expect(u).not.toHaveProperty('passwordHash');
    const token = await login(t.core, 'zhangsan', 'Staff#2024pw');
    expect(expectOk(await call(t.core, token, 'auth.me', {}))?.user.mustChangePassword).toBe(true);
  });

  it('refuses a duplicate user name with CONFLICT, also when only the letter case differs', async () => {
    await createUser(t.core, admin, 'zhangsan', 'manager');
    const n = userCount();
    const err = expectErr(
      await call(t.core, admin, 'users.create', { name: 'zhangsan', displayName: '另一个张三', role: 'manager', password: 'Other#2024pw' }),
      'CONFLICT',
    );
    expect(err.message).toContain('zhangsan');
    expect(err.message).toContain('已存在');
    expectErr(
      await call(t.core, admin, 'users.create', { name: 'ZhangSan', displayName: '另一个张三', role: 'manager', password: 'Other#2024pw' }),
      'CONFLICT',
    );
    expectErr(
      await call(t.core, admin, 'users.create', { name: ' zhangsan ', displayName: '另一个张三', role: 'manager', password: 'Other#2024pw' }),
      'CONFLICT',
    );
    expect(userCount()).toBe(n);
    // The original account keeps its password.
    await login(t.core, 'zhangsan', 'Staff#2024pw');
  });

  it('refuses a name that clashes with the admin', async () => {
    expectErr(
      await call(t.core, admin, 'users.create', { name: 'ADMIN', displayName: '冒名', role: 'admin', password: 'Other#2024pw' }),
      'CONFLICT',
    );
  });
});

describe('users.update: admins', () => {
  it('an admin cannot disable their own account', async () => {
    await createUser(t.core, admin, 'second', 'admin');
    const err = expectErr(await call(t.core, admin, 'users.update', { id: adminId, disabled: true }), 'BAD_INPUT');
    expect(err.message).toMatch(/自己/);
    expect(t.db.prepare('SELECT disabled FROM users WHERE id = ?').get(adminId)).toEqual({ disabled: 0 });
    expectOk(await call(t.core, admin, 'settings.get', {}));
  });

  it('the last active admin can be neither demoted nor disabled', async () => {
    const e1 = expectErr(await call(t.core, admin, 'users.update', { id: adminId, role: 'supervisor' }), 'BAD_INPUT');
    expect(e1.message).toContain('管理员');
    expect(e1.field).toBe('role');
    expectErr(await call(t.core, admin, 'users.update', { id: adminId, role: 'manager' }), 'BAD_INPUT');
    expectErr(await call(t.core, admin, 'users.update', { id: adminId, disabled: true }), 'BAD_INPUT');
    expect(t.db.prepare('SELECT role, disabled FROM users WHERE id = ?').get(adminId)).toEqual({ role: 'admin', disabled: 0 });

    // A disabled second admin does not count.
    const second = await createUser(t.core, admin, 'second', 'admin');
    expectOk(await call(t.core, admin, 'users.update', { id: second, disabled: true }));
    expectErr(await call(t.core, admin, 'users.update', { id: adminId, role: 'supervisor' }), 'BAD_INPUT');
    expect(t.db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get()).toEqual({ n: 1 });
  });

  it('with two active admins one may be demoted, then the remaining one is protected', async () => {
    const second = await createAndLogin(t.core, admin, 'second', 'admin');
    expectOk(await call(t.core, second.token, 'users.update', { id: adminId, role: 'supervisor' }));
    expectErr(await call(t.core, second.token, 'users.update', { id: second.id, role: 'manager' }), 'BAD_INPUT');
    expectErr(await call(t.core, second.token, 'users.update', { id: second.id, disabled: true }), 'BAD_INPUT');
    expect(t.db.prepare("SELECT name FROM users WHERE role = 'admin' AND disabled = 0").all()).toEqual([{ name: 'second' }]);
  });

  it('an admin can disable another admin while one active admin remains', async () => {
    const second = await createAndLogin(t.core, admin, 'second', 'admin');
    const u = expectOk(await call(t.core, admin, 'users.update', { id: second.id, disabled: true }));
    expect(u.disabled).toBe(true);
    expectErr(await call(t.core, second.token, 'settings.get', {}), 'NOT_LOGGED_IN');
  });

  it('answers NOT_FOUND for an unknown user', async () => {
    expectErr(await call(t.core, admin, 'users.update', { id: 9999, displayName: '无此人' }), 'NOT_FOUND');
    expectErr(await call(t.core, admin, 'users.resetPassword', { id: 9999, newPassword: 'Whatever#2024' }), 'NOT_FOUND');
  });

  it('changes display name, role and export right, and users.list shows them', async () => {
    const id = await createUser(t.core, admin, 'zhangsan', 'manager');
    const u = expectOk(await call(t.core, admin, 'users.update', { id, displayName: '张三丰', role: 'supervisor', fullExport: true }));
    expect(u).toMatchObject({ displayName: '张三丰', role: 'supervisor', fullExport: true });
    const listed = expectOk(await call(t.core, admin, 'users.list', {})).find((x) => x.id === id);
    expect(listed).toMatchObject({ displayName: '张三丰', role: 'supervisor', fullExport: true });
  });
});

describe('users.list and users.options', () => {
  it('users.list counts each user’s live customers', async () => {
    const a = await createUser(t.core, admin, 'zhangsan', 'manager');
    const b = await createUser(t.core, admin, 'lisi', 'manager');
    insertCustomer(t.db, { managerId: a });
    insertCustomer(t.db, { managerId: a });
    insertCustomer(t.db, { managerId: a, deletedAt: '2024-06-02 10:00:00' });
    insertCustomer(t.db, { managerId: b });
    insertCustomer(t.db, { managerId: null });

    const list = expectOk(await call(t.core, admin, 'users.list', {}));
    const count = (id: number) => list.find((u) => u.id === id)?.customerCount;
    expect(count(a)).toBe(2);
    expect(count(b)).toBe(1);
    expect(count(adminId)).toBe(0);
    expect(list).toHaveLength(3);
    for (const u of list) {
      expect(Object.keys(u).sort()).toEqual(
        ['customerCount', 'disabled', 'displayName', 'failedAttempts', 'fullExport', 'id', 'lastLoginAt', 'lockedUntil', 'name', 'role'],
      );
    }
    expect(list.find((u) => u.id === adminId)?.lastLoginAt).toBe('2024-06-03 09:00:00');
  });

  it('users.list shows a running lock-out and the failed attempts', async () => {
    expectOk(await call(t.core, admin, 'settings.update', { idleMinutes: 60 }));
    const id = await createUser(t.core, admin, 'zhangsan', 'manager');
    for (let i = 0; i < 5; i++) await call(t.core, null, 'auth.login', { name: 'zhangsan', password: 'wrong-pass' });
    const u = expectOk(await call(t.core, admin, 'users.list', {})).find((x) => x.id === id)!;
    expect(u.lockedUntil).toBe('2024-06-03 09:15:00');
    expect(u.failedAttempts).toBe(5);
    t.clock.advanceMinutes(16);
    expect(expectOk(await call(t.core, admin, 'users.list', {})).find((x) => x.id === id)!.lockedUntil).toBeNull();
  });

  it('users.options is open to a manager and shows only names, roles and status', async () => {
    const m = await createAndLogin(t.core, admin, 'zhangsan', 'manager');
    const other = await createUser(t.core, admin, 'lisi', 'manager');
    expectOk(await call(t.core, admin, 'users.update', { id: other, disabled: true }));

    const options = expectOk(await call(t.core, m.token, 'users.options', {}));
    expect(options).toHaveLength(3);
    expect(options.find((o) => o.id === m.id)).toEqual({ id: m.id, name: 'zhangsan', displayName: 'zhangsan姓名', role: 'manager', disabled: false });
    expect(options.find((o) => o.id === other)?.disabled).toBe(true);
    // Active users first, so a picker can show them on top.
    expect(options[options.length - 1].id).toBe(other);
    expect(JSON.stringify(options)).not.toMatch(/scrypt|password|failed|locked/i);

    expectErr(await call(t.core, m.token, 'users.list', {}), 'FORBIDDEN');
  });
});
