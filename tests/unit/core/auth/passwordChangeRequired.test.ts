import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, type MethodName } from '../../../../shared/api/contract';
import type { Role } from '../../../../shared/api/define';
import { ADMIN_NAME, ADMIN_PASSWORD, call, callRaw, expectErr, expectOk, login, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';

// Issue 15, item 2: an account created or reset by an administrator (must_change_password = 1)
// could call the whole API; only the UI sent it to 修改密码. The core now refuses it.

let t: TestCore;
let admin: string;
const INITIAL = 'Init#2024pw';
const OWN = 'Own#2024pass';

beforeEach(async () => {
  t = openTestCore();
  admin = await setupAndLogin(t.core);
});
afterEach(() => t.close());

/** An account as an administrator creates it (users.create, not the helpers that clear the flag), logged in. */
async function newAccount(name: string, role: Role): Promise<{ id: number; token: string }> {
  const { id } = expectOk(await call(t.core, admin, 'users.create', { name, displayName: `${name}姓名`, role, password: INITIAL }));
  return { id, token: await login(t.core, name, INITIAL) };
}

const ALLOWED = new Set<MethodName>(['auth.changePassword', 'auth.lock']);
const GATED = (Object.keys(api) as MethodName[]).filter((m) => api[m].access !== 'public' && !ALLOWED.has(m));
const customerCount = () => (t.db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;

describe('an account that must change its password can do nothing else', () => {
  it('every method but changing the password, locking and the public ones answers PASSWORD_CHANGE_REQUIRED, whatever the role', async () => {
    expect(GATED.length).toBeGreaterThan(40);
    for (const role of ['manager', 'admin'] as const) {
      const { token } = await newAccount(`new_${role}`, role);
      for (const m of GATED) {
        const r = await callRaw(t.core, token, m, {});
        expect(r.ok ? 'ok' : r.error.code, m).toBe('PASSWORD_CHANGE_REQUIRED');
        if (!r.ok) expect(r.error.message).toMatch(/^请先修改密码：/);
      }
    }
  });

  it('cannot list or create customers, and a refused create stores nothing', async () => {
    const { token } = await newAccount('zhangsan', 'manager');
    expectErr(await call(t.core, token, 'customers.list', {}), 'PASSWORD_CHANGE_REQUIRED');
    expectErr(await call(t.core, token, 'customers.create', { data: { name: '李四', kind: '个人', mobile: '13800001234' } }), 'PASSWORD_CHANGE_REQUIRED');
    expect(customerCount()).toBe(0);
  });

  it('may still ask who it is, lock and unlock the screen, log out and change the password; then everything opens', async () => {
    const { token } = await newAccount('zhangsan', 'manager');
    expect(expectOk(await call(t.core, token, 'auth.me', {}))?.user).toMatchObject({ name: 'zhangsan', mustChangePassword: true });
    expectOk(await call(t.core, null, 'setup.status', {}));
    expectOk(await call(t.core, token, 'auth.lock', {}));
    expectOk(await call(t.core, token, 'auth.unlock', { password: INITIAL }));

    expectOk(await call(t.core, token, 'auth.changePassword', { oldPassword: INITIAL, newPassword: OWN }));
    expect(expectOk(await call(t.core, token, 'auth.me', {}))?.user.mustChangePassword).toBe(false);
    expectOk(await call(t.core, token, 'customers.list', {}));
    expectOk(await call(t.core, token, 'customers.create', { data: { name: '李四', kind: '个人', mobile: '13800001234' } }));
    expect(customerCount()).toBe(1);

    const other = await login(t.core, 'zhangsan', OWN);
    expectOk(await call(t.core, other, 'auth.logout', {}));
  });

  it('an administrator’s reset closes the API to the account again until it changes the password', async () => {
    const { id, token } = await newAccount('zhangsan', 'manager');
    expectOk(await call(t.core, token, 'auth.changePassword', { oldPassword: INITIAL, newPassword: OWN }));
    expectOk(await call(t.core, admin, 'users.resetPassword', { id, newPassword: 'Reset#2024pw' }));
    const again = await login(t.core, 'zhangsan', 'Reset#2024pw');
    expectErr(await call(t.core, again, 'customers.list', {}), 'PASSWORD_CHANGE_REQUIRED');
  });

  it('an administrator who reset their own password must change it before anything else', async () => {
    const me = expectOk(await call(t.core, admin, 'auth.me', {}))!.user;
    expectOk(await call(t.core, admin, 'users.resetPassword', { id: me.id, newPassword: 'Reset#2024pw' }));
    expectErr(await call(t.core, admin, 'users.list', {}), 'PASSWORD_CHANGE_REQUIRED');
    expectOk(await call(t.core, admin, 'auth.changePassword', { oldPassword: 'Reset#2024pw', newPassword: ADMIN_PASSWORD + 'x' }));
    expectOk(await call(t.core, admin, 'users.list', {}));
    await login(t.core, ADMIN_NAME, ADMIN_PASSWORD + 'x');
  });
});
