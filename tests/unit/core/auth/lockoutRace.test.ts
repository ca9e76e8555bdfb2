import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../../electron/core/app';
import type { InvokeOutcome } from '../../../../electron/core/router';
import { ADMIN_NAME, ADMIN_PASSWORD, call, createUser, expectErr, expectOk, login, openTestCore, setupBranch, type TestCore } from '../../helpers/core';

// Issue 15, item 1: the count of wrong passwords was read before the asynchronous hash check
// and written after it, so attempts sent at once all saw the same count and none locked.

let t: TestCore;
let userId: number;
const NAME = 'zhangsan';
const PASSWORD = 'Staff#2024pw';

beforeEach(async () => {
  t = openTestCore();
  await setupBranch(t.core);
  const admin = await login(t.core, ADMIN_NAME, ADMIN_PASSWORD);
  userId = await createUser(t.core, admin, NAME, 'manager', PASSWORD);
});
afterEach(() => t.close());

const counters = () => t.db.prepare('SELECT failed_attempts, locked_until FROM users WHERE id = ?').get(userId);
const audits = (action: string) =>
  (t.db.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ? AND target = ?').get(action, NAME) as { n: number }).n;
/** 15 minutes (the default lockoutMinutes) after the test clock's 2024-06-03 09:00. */
const LOCKED_UNTIL = '2024-06-03 09:15:00';

/** Every router.invoke starts at once: each one runs up to its first await before the next begins. */
function burst(core: Core, passwords: string[], method: 'auth.login' | 'auth.unlock' = 'auth.login', token: string | null = null) {
  return Promise.all(
    passwords.map((password) => core.router.invoke(token, method, method === 'auth.login' ? { name: NAME, password } : { password })),
  );
}

const codes = (outcomes: InvokeOutcome[]) => outcomes.map((o) => (o.result.ok ? 'ok' : o.result.error.code));
const messages = (outcomes: InvokeOutcome[]) => outcomes.map((o) => (o.result.ok ? '' : o.result.error.message));

describe('parallel password attempts count one by one', () => {
  it('30 wrong passwords at once: four tries left then none, the account locks after five and the right password is refused', async () => {
    const outcomes = await burst(t.core, Array(30).fill('wrong-pass'));
    expect(codes(outcomes)).toEqual([...Array(4).fill('BAD_CREDENTIALS'), ...Array(26).fill('ACCOUNT_LOCKED')]);
    expect(messages(outcomes).slice(0, 4).map((m) => m.match(/再错(\d)次/)?.[1])).toEqual(['4', '3', '2', '1']);
    expect(outcomes[4].result.ok ? '' : outcomes[4].result.error.message).toContain('密码连续错误5次');
    expect(outcomes.every((o) => o.sessionToken === undefined)).toBe(true);
    expect(counters()).toEqual({ failed_attempts: 5, locked_until: LOCKED_UNTIL });
    expect([audits('login_failed'), audits('lockout')]).toEqual([4, 1]);

    const right = await t.core.router.invoke(null, 'auth.login', { name: NAME, password: PASSWORD });
    expect(expectErr(right.result, 'ACCOUNT_LOCKED').message).toContain('09:15');
    expect(right.sessionToken).toBeUndefined();
    // Refused attempts on a locked account are not counted again.
    expect(counters()).toEqual({ failed_attempts: 5, locked_until: LOCKED_UNTIL });
  });

  it('the right password sent after five wrong ones in the same burst is refused unchecked', async () => {
    const outcomes = await burst(t.core, [...Array(5).fill('wrong-pass'), PASSWORD, ...Array(4).fill('wrong-pass')]);
    expect(codes(outcomes)).toEqual([...Array(4).fill('BAD_CREDENTIALS'), ...Array(6).fill('ACCOUNT_LOCKED')]);
    expect(outcomes[5].sessionToken).toBeUndefined();
    expect(counters()).toEqual({ failed_attempts: 5, locked_until: LOCKED_UNTIL });
    expectErr(await call(t.core, null, 'auth.login', { name: NAME, password: PASSWORD }), 'ACCOUNT_LOCKED');
  });

  it('the right password among the first five of a burst logs in, as it would typed in turn', async () => {
    const outcomes = await burst(t.core, ['wrong-pass', 'wrong-pass', PASSWORD, 'wrong-pass']);
    expect(codes(outcomes)).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'ok', 'BAD_CREDENTIALS']);
    expect(typeof outcomes[2].sessionToken).toBe('string');
    expect(counters()).toMatchObject({ locked_until: null });
  });

  it('two processes on one database file count together: the desktop app and the web host', async () => {
    const other = openCore({ dataDir: t.dir, now: t.clock.now });
    try {
      const outcomes = await Promise.all([burst(t.core, Array(4).fill('wrong-pass')), burst(other, Array(4).fill('wrong-pass'))]);
      expect(codes(outcomes.flat()).filter((c) => c === 'BAD_CREDENTIALS')).toHaveLength(4);
      expect(codes(outcomes.flat()).filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(4);
      expect(counters()).toEqual({ failed_attempts: 5, locked_until: LOCKED_UNTIL });
      expectErr(await call(other, null, 'auth.login', { name: NAME, password: PASSWORD }), 'ACCOUNT_LOCKED');
    } finally {
      other.close();
    }
  });

  it('30 wrong passwords at once on the lock screen lock the account and end the session', async () => {
    const token = await login(t.core, NAME, PASSWORD);
    expectOk(await call(t.core, token, 'auth.lock', {}));
    const outcomes = await burst(t.core, Array(30).fill('wrong-pass'), 'auth.unlock', token);
    expect(codes(outcomes)).toEqual([...Array(4).fill('BAD_CREDENTIALS'), ...Array(26).fill('ACCOUNT_LOCKED')]);
    expect(outcomes.slice(4).every((o) => o.sessionToken === null)).toBe(true);
    expect(counters()).toEqual({ failed_attempts: 5, locked_until: LOCKED_UNTIL });

    expectErr(await call(t.core, token, 'auth.unlock', { password: PASSWORD }), 'NOT_LOGGED_IN');
    expectErr(await call(t.core, null, 'auth.login', { name: NAME, password: PASSWORD }), 'ACCOUNT_LOCKED');
  });

  it('a right password clears the count, and an expired lock-out starts it again', async () => {
    await burst(t.core, Array(3).fill('wrong-pass'));
    expect(counters()).toEqual({ failed_attempts: 3, locked_until: null });
    await login(t.core, NAME, PASSWORD);
    expect(counters()).toEqual({ failed_attempts: 0, locked_until: null });

    await burst(t.core, Array(5).fill('wrong-pass'));
    t.clock.advanceMinutes(16);
    const after = await call(t.core, null, 'auth.login', { name: NAME, password: 'wrong-pass' });
    expect(expectErr(after, 'BAD_CREDENTIALS').message).toContain('再错4次');
    expect(counters()).toEqual({ failed_attempts: 1, locked_until: null });
  });
});
