import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../../electron/core/app';
import { ADMIN_NAME, ADMIN_PASSWORD, call, createUser, expectErr, expectOk, login, openTestCore, type TestCore, setupBranch } from '../../helpers/core';

// Issue 15, item 3: sessions live in each process's memory, so a password change or reset
// left the account's sessions in the other processes on the same database (the desktop app,
// the web host) valid. Here `t.core` plays the desktop app and `web` the web host.

let t: TestCore;
let web: Core;
let admin: string;
let userId: number;
const NAME = 'zhangsan';
const PASSWORD = 'Staff#2024pw';
const NEW_PASSWORD = 'Mine#2024new';

beforeEach(async () => {
  t = openTestCore();
  await setupBranch(t.core);
  web = openCore({ dataDir: t.dir, now: t.clock.now });
  admin = await login(t.core, ADMIN_NAME, ADMIN_PASSWORD);
  userId = await createUser(t.core, admin, NAME, 'manager', PASSWORD);
  // An account that has already chosen its own password (not one an administrator set).
  t.db.prepare('UPDATE users SET must_change_password = 0 WHERE id = ?').run(userId);
});
afterEach(() => {
  web.close();
  t.close();
});

/** A call that needs a live session: ok, or the code it was refused with. */
async function probe(core: Core, token: string): Promise<string> {
  const r = await call(core, token, 'dicts.list', {});
  return r.ok ? 'ok' : r.error.code;
}

describe('a password change or reset ends the account’s other sessions, in every process', () => {
  it('auth.changePassword: the changing session carries on, every other one ends (desktop and web)', async () => {
    const desk = await login(t.core, NAME, PASSWORD);
    const desk2 = await login(t.core, NAME, PASSWORD);
    const browser = await login(web, NAME, PASSWORD);
    expect([await probe(t.core, desk), await probe(t.core, desk2), await probe(web, browser)]).toEqual(['ok', 'ok', 'ok']);

    expectOk(await call(t.core, desk, 'auth.changePassword', { oldPassword: PASSWORD, newPassword: NEW_PASSWORD }));
    expect([await probe(t.core, desk), await probe(t.core, desk2), await probe(web, browser)]).toEqual(['ok', 'NOT_LOGGED_IN', 'NOT_LOGGED_IN']);
    expect(expectOk(await call(web, browser, 'auth.me', {}))).toBeNull();

    // The change made in the web host ends the desktop's session the same way.
    const fresh = await login(web, NAME, NEW_PASSWORD);
    expectOk(await call(web, fresh, 'auth.changePassword', { oldPassword: NEW_PASSWORD, newPassword: 'Again#2024new' }));
    expect([await probe(web, fresh), await probe(t.core, desk)]).toEqual(['ok', 'NOT_LOGGED_IN']);
  });

  it('users.resetPassword ends every session of the target in every process; the administrator carries on', async () => {
    const desk = await login(t.core, NAME, PASSWORD);
    const browser = await login(web, NAME, PASSWORD);
    expectOk(await call(web, await login(web, ADMIN_NAME, ADMIN_PASSWORD), 'users.resetPassword', { id: userId, newPassword: 'Reset#2024pw' }));
    expect([await probe(t.core, desk), await probe(web, browser), await probe(t.core, admin)]).toEqual(['NOT_LOGGED_IN', 'NOT_LOGGED_IN', 'ok']);
  });

  it('an administrator resetting their own password keeps that session and ends their others', async () => {
    const browserAdmin = await login(web, ADMIN_NAME, ADMIN_PASSWORD);
    const adminId = expectOk(await call(t.core, admin, 'auth.me', {}))!.user.id;
    expectOk(await call(t.core, admin, 'users.resetPassword', { id: adminId, newPassword: 'Reset#2024pw' }));
    expect(expectOk(await call(t.core, admin, 'auth.me', {}))?.user.name).toBe(ADMIN_NAME);
    expectErr(await call(web, browserAdmin, 'dicts.list', {}), 'NOT_LOGGED_IN');
  });

  it('a session on the idle lock screen cannot be unlocked after the password changed elsewhere', async () => {
    const browser = await login(web, NAME, PASSWORD);
    expectOk(await call(web, browser, 'auth.lock', {}));
    const desk = await login(t.core, NAME, PASSWORD);
    expectOk(await call(t.core, desk, 'auth.changePassword', { oldPassword: PASSWORD, newPassword: NEW_PASSWORD }));
    expectErr(await call(web, browser, 'auth.unlock', { password: NEW_PASSWORD }), 'NOT_LOGGED_IN');
  });

  it('disabling ends the sessions in every process, and enabling the account again revives none', async () => {
    const browser = await login(web, NAME, PASSWORD);
    expectOk(await call(t.core, admin, 'users.update', { id: userId, disabled: true }));
    expectOk(await call(t.core, admin, 'users.update', { id: userId, disabled: false }));
    // The web host's session made no call while the account was disabled.
    expect(await probe(web, browser)).toBe('NOT_LOGGED_IN');
    expect(await probe(web, await login(web, NAME, PASSWORD))).toBe('ok');
  });

  it('other changes to the account (name, role) end no session', async () => {
    const browser = await login(web, NAME, PASSWORD);
    expectOk(await call(t.core, admin, 'users.update', { id: userId, displayName: '张三丰', role: 'supervisor' }));
    expect(await probe(web, browser)).toBe('ok');
    expect(expectOk(await call(web, browser, 'auth.me', {}))?.user).toMatchObject({ displayName: '张三丰', role: 'supervisor' });
  });
});
