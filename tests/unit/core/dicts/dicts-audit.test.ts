import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DictItem } from '../../../../shared/api/dicts';
import {
  ADMIN_NAME,
  ADMIN_PASSWORD,
  call,
  callRaw,
  createAndLogin,
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
beforeEach(async () => {
  t = openTestCore();
  admin = await setupAndLogin(t.core, 'tobacco');
});
afterEach(() => t.close());

async function item(kind: DictItem['kind'], name: string): Promise<DictItem> {
  const found = expectOk(await call(t.core, admin, 'dicts.list', { kind })).find((d) => d.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}
const tiersOf = () => t.db.prepare('SELECT id, tier FROM customers ORDER BY id').all() as { id: number; tier: string | null }[];

describe('dicts.save', () => {
  it('adds an item at the end of its kind, active and unused', async () => {
    const added = expectOk(await call(t.core, admin, 'dicts.save', { kind: 'region', name: '城北片' }));
    expect(added).toMatchObject({ kind: 'region', name: '城北片', active: true, usage: 0, visitIntervalDays: null, sort: 4 });
    const regions = expectOk(await call(t.core, admin, 'dicts.list', { kind: 'region' })).map((d) => d.name);
    expect(regions[regions.length - 1]).toBe('城北片');

    const tier = expectOk(await call(t.core, admin, 'dicts.save', { kind: 'tier', name: 'S', visitIntervalDays: 3 }));
    expect(tier).toMatchObject({ name: 'S', visitIntervalDays: 3 });
    expect(t.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'dict_change' AND target LIKE '%城北片%'").get()).toEqual({ n: 1 });
  });

  it('a tier needs a visit interval', async () => {
    const err = expectErr(await call(t.core, admin, 'dicts.save', { kind: 'tier', name: 'S', visitIntervalDays: null }), 'BAD_INPUT');
    expect(err.field).toBe('visitIntervalDays');
    expect(err.message).toContain('走访间隔');
    expect(expectOk(await call(t.core, admin, 'dicts.list', { kind: 'tier' })).map((d) => d.name)).toEqual(['A', 'B', 'C', 'D']);

    const a = await item('tier', 'A');
    expectErr(await call(t.core, admin, 'dicts.save', { id: a.id, kind: 'tier', name: 'A', visitIntervalDays: null }), 'BAD_INPUT');
    expect((await item('tier', 'A')).visitIntervalDays).toBe(7);

    const zero = expectErr(await call(t.core, admin, 'dicts.save', { kind: 'tier', name: 'S', visitIntervalDays: 0 }), 'BAD_INPUT');
    expect(zero.message).toContain('走访间隔');
  });

  it('changes a tier’s interval', async () => {
    const c = await item('tier', 'C');
    expectOk(await call(t.core, admin, 'dicts.save', { id: c.id, kind: 'tier', name: 'C', visitIntervalDays: 21 }));
    expect((await item('tier', 'C')).visitIntervalDays).toBe(21);
  });

  it('a rename carries over to every customer that used the old name, and to nothing else', async () => {
    const a1 = insertCustomer(t.db, { tier: 'A', region: '城区一片' });
    const a2 = insertCustomer(t.db, { tier: 'A', region: '城郊片' });
    const gone = insertCustomer(t.db, { tier: 'A', deletedAt: '2024-06-01 10:00:00' });
    const b = insertCustomer(t.db, { tier: 'B', region: '城区一片' });

    const a = await item('tier', 'A');
    const renamed = expectOk(await call(t.core, admin, 'dicts.save', { id: a.id, kind: 'tier', name: 'A类', visitIntervalDays: 7 }));
    expect(renamed).toMatchObject({ id: a.id, name: 'A类', visitIntervalDays: 7, usage: 2 });
    expect(tiersOf()).toEqual([
      { id: a1, tier: 'A类' },
      { id: a2, tier: 'A类' },
      { id: gone, tier: 'A类' }, // the recycle bin too: a restored archive must not point to a vanished tier
      { id: b, tier: 'B' },
    ]);

    const r = await item('region', '城区一片');
    expectOk(await call(t.core, admin, 'dicts.save', { id: r.id, kind: 'region', name: '中心城区' }));
    expect(t.db.prepare('SELECT region FROM customers WHERE id IN (?, ?) ORDER BY id').all(a1, b)).toEqual([
      { region: '中心城区' },
      { region: '中心城区' },
    ]);
    expect(t.db.prepare('SELECT region FROM customers WHERE id = ?').get(a2)).toEqual({ region: '城郊片' });

    t.db.prepare("INSERT INTO customer_tags (customer_id, tag) VALUES (?, '高潜力'), (?, '新开户')").run(a1, a1);
    const tag = await item('tag', '高潜力');
    expectOk(await call(t.core, admin, 'dicts.save', { id: tag.id, kind: 'tag', name: '潜力大' }));
    expect(t.db.prepare('SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag').all(a1)).toEqual([
      { tag: '新开户' },
      { tag: '潜力大' },
    ]);

    const audit = t.db.prepare("SELECT user_name, target, detail FROM audit_log WHERE action = 'dict_change' ORDER BY id").all() as {
      user_name: string;
      target: string;
      detail: string;
    }[];
    expect(audit[0].user_name).toBe(ADMIN_NAME);
    expect(audit[0].target).toContain('A类');
    expect(audit[0].detail).toContain('"before":"A"');
  });

  it('refuses a name that already exists in the same kind, on add and on rename', async () => {
    const e1 = expectErr(await call(t.core, admin, 'dicts.save', { kind: 'tier', name: 'B', visitIntervalDays: 5 }), 'CONFLICT');
    expect(e1.message).toContain('已存在');
    expect(e1.message).toContain('客户分级');
    expectErr(await call(t.core, admin, 'dicts.save', { kind: 'tier', name: ' B ', visitIntervalDays: 5 }), 'CONFLICT');
    const c = await item('tier', 'C');
    insertCustomer(t.db, { tier: 'C' });
    expectErr(await call(t.core, admin, 'dicts.save', { id: c.id, kind: 'tier', name: 'B', visitIntervalDays: 30 }), 'CONFLICT');
    expect(tiersOf().map((x) => x.tier)).toEqual(['C']);
    expect(expectOk(await call(t.core, admin, 'dicts.list', { kind: 'tier' })).map((d) => d.name)).toEqual(['A', 'B', 'C', 'D']);

    // The same name in another kind is fine.
    expectOk(await call(t.core, admin, 'dicts.save', { kind: 'tag', name: 'B' }));
  });

  it('cannot move an item to another kind', async () => {
    const a = await item('tier', 'A');
    expectErr(await call(t.core, admin, 'dicts.save', { id: a.id, kind: 'region', name: 'A' }), 'BAD_INPUT');
    expect((await item('tier', 'A')).kind).toBe('tier');
  });

  it('can deactivate an item in use, which keeps it on the archives', async () => {
    insertCustomer(t.db, { tier: 'D' });
    const d = await item('tier', 'D');
    expectOk(await call(t.core, admin, 'dicts.save', { id: d.id, kind: 'tier', name: 'D', active: false }));
    expect(await item('tier', 'D')).toMatchObject({ active: false, usage: 1, visitIntervalDays: 30 });
  });
});

describe('dicts.delete', () => {
  it('refuses to delete an item in use, naming how many live customers use it', async () => {
    insertCustomer(t.db, { tier: 'B' });
    insertCustomer(t.db, { tier: 'B' });
    insertCustomer(t.db, { tier: 'B' });
    insertCustomer(t.db, { tier: 'B', deletedAt: '2024-06-01 10:00:00' });
    const b = await item('tier', 'B');
    expect(b.usage).toBe(3);
    const err = expectErr(await call(t.core, admin, 'dicts.delete', { id: b.id }), 'CONFLICT');
    expect(err.message).toContain('3个客户');
    expect(err.message).toContain('「B」');
    expect((await item('tier', 'B')).name).toBe('B');

    const tagged = insertCustomer(t.db, {});
    t.db.prepare("INSERT INTO customer_tags (customer_id, tag) VALUES (?, '新开户')").run(tagged);
    const tag = await item('tag', '新开户');
    expect(expectErr(await call(t.core, admin, 'dicts.delete', { id: tag.id }), 'CONFLICT').message).toContain('1个客户');
  });

  it('deletes an unused item and audits it', async () => {
    const d = await item('tier', 'D');
    expectOk(await call(t.core, admin, 'dicts.delete', { id: d.id }));
    expect(expectOk(await call(t.core, admin, 'dicts.list', { kind: 'tier' })).map((x) => x.name)).toEqual(['A', 'B', 'C']);
    expectErr(await call(t.core, admin, 'dicts.delete', { id: d.id }), 'NOT_FOUND');
    expect(t.db.prepare("SELECT detail FROM audit_log WHERE action = 'dict_change'").all()).toEqual([{ detail: '删除' }]);
  });

  it('a manager reads the dictionaries but cannot change them', async () => {
    insertCustomer(t.db, { tier: 'A' });
    const m = await createAndLogin(t.core, admin, 'zhangsan', 'manager');
    const list = expectOk(await call(t.core, m.token, 'dicts.list', { kind: 'tier' }));
    expect(list.map((d) => d.name)).toEqual(['A', 'B', 'C', 'D']);
    const a = list[0];
    expectErr(await call(t.core, m.token, 'dicts.save', { id: a.id, kind: 'tier', name: 'X', visitIntervalDays: 1 }), 'FORBIDDEN');
    expectErr(await call(t.core, m.token, 'dicts.delete', { id: a.id }), 'FORBIDDEN');
    expect((await item('tier', 'A')).name).toBe('A');
  });
});

describe('audit.list', () => {
  /** Three days of activity: 06-03 (setup day), 06-04, 06-05. */
  async function threeDays(): Promise<string> {
    const m = await createAndLogin(t.core, admin, 'zhangsan', 'manager'); // 06-03: user_create, login
    expectOk(await call(t.core, m.token, 'auth.logout', {}));
    t.clock.advanceMinutes(24 * 60);
    await login(t.core, ADMIN_NAME, ADMIN_PASSWORD); // 06-04
    expectErr(await call(t.core, null, 'auth.login', { name: 'zhangsan', password: 'wrong-pass' }), 'BAD_CREDENTIALS');
    t.clock.advanceMinutes(24 * 60);
    return login(t.core, ADMIN_NAME, ADMIN_PASSWORD); // 06-05
  }

  it('filters by action, user and date range, newest first', async () => {
    const tok = await threeDays();

    const logins = expectOk(await call(t.core, tok, 'audit.list', { action: 'login' }));
    expect(logins.total).toBe(4);
    expect(logins.rows.map((r) => [r.userName, r.at.slice(0, 10)])).toEqual([
      [ADMIN_NAME, '2024-06-05'],
      [ADMIN_NAME, '2024-06-04'],
      ['zhangsan', '2024-06-03'],
      [ADMIN_NAME, '2024-06-03'],
    ]);
    expect(logins.rows.every((r) => r.action === 'login' && r.actionLabel === '登录')).toBe(true);

    const byUser = expectOk(await call(t.core, tok, 'audit.list', { userName: 'zhangsan' }));
    expect(byUser.rows.map((r) => r.action)).toEqual(['login_failed', 'logout', 'login']);
    expect(byUser.rows[0]).toMatchObject({ ok: false, actionLabel: '登录失败' });

    const day = expectOk(await call(t.core, tok, 'audit.list', { from: '2024-06-04', to: '2024-06-04' }));
    expect(day.rows.map((r) => [r.action, r.userName])).toEqual([
      ['login_failed', 'zhangsan'],
      ['login', ADMIN_NAME],
    ]);
    expect(day.rows.every((r) => r.at.startsWith('2024-06-04'))).toBe(true);

    const from = expectOk(await call(t.core, tok, 'audit.list', { from: '2024-06-04' }));
    expect(from.total).toBe(3);
    const to = expectOk(await call(t.core, tok, 'audit.list', { to: '2024-06-03' }));
    expect(to.rows.every((r) => r.at.startsWith('2024-06-03'))).toBe(true);
    expect(to.rows.map((r) => r.action)).toContain('setup');

    const combined = expectOk(await call(t.core, tok, 'audit.list', { action: 'login', userName: ADMIN_NAME, from: '2024-06-04' }));
    expect(combined.total).toBe(2);

    expectErr(await callRaw(t.core, tok, 'audit.list', { from: '2024/06/04' }), 'BAD_INPUT');
    expectErr(await callRaw(t.core, tok, 'audit.list', { action: 'drop_table' }), 'BAD_INPUT');
  });

  it('pages: limit/offset give disjoint slices of the same total', async () => {
    const tok = await threeDays();
    const all = expectOk(await call(t.core, tok, 'audit.list', { limit: 500 }));
    expect(all.total).toBe(all.rows.length);
    expect(all.total).toBeGreaterThanOrEqual(7);
    const ids = all.rows.map((r) => r.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);

    const p1 = expectOk(await call(t.core, tok, 'audit.list', { limit: 3, offset: 0 }));
    const p2 = expectOk(await call(t.core, tok, 'audit.list', { limit: 3, offset: 3 }));
    const last = expectOk(await call(t.core, tok, 'audit.list', { limit: 3, offset: all.total - 1 }));
    expect(p1.total).toBe(all.total);
    expect(p2.total).toBe(all.total);
    expect(p1.rows.map((r) => r.id)).toEqual(ids.slice(0, 3));
    expect(p2.rows.map((r) => r.id)).toEqual(ids.slice(3, 6));
    expect(last.rows.map((r) => r.id)).toEqual(ids.slice(-1));
    expect(expectOk(await call(t.core, tok, 'audit.list', { limit: 3, offset: all.total })).rows).toEqual([]);
    expectErr(await callRaw(t.core, tok, 'audit.list', { limit: 501 }), 'BAD_INPUT');
  });

  it('free-text search treats % and _ literally', async () => {
    expectOk(await call(t.core, admin, 'dicts.save', { kind: 'tag', name: '折扣50%' }));
    expectOk(await call(t.core, admin, 'dicts.save', { kind: 'tag', name: 'a_b' }));
    const pct = expectOk(await call(t.core, admin, 'audit.list', { q: '%' }));
    expect(pct.rows.map((r) => r.target)).toEqual(['标签「折扣50%」']);
    const under = expectOk(await call(t.core, admin, 'audit.list', { q: '_' }));
    expect(under.rows.map((r) => r.target)).toEqual(['标签「a_b」']);
  });

  it('a manager or supervisor cannot read the audit log', async () => {
    const m = await createAndLogin(t.core, admin, 'zhangsan', 'manager');
    const s = await createAndLogin(t.core, admin, 'fuzeren', 'supervisor');
    expectErr(await call(t.core, m.token, 'audit.list', {}), 'FORBIDDEN');
    expectErr(await call(t.core, s.token, 'audit.list', { userName: ADMIN_NAME }), 'FORBIDDEN');
    expectErr(await call(t.core, null, 'audit.list', {}), 'NOT_LOGGED_IN');
  });
});
