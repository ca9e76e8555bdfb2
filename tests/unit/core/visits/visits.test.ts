import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../../../shared/api/contract';
import { ATTACHMENT_MAX_BYTES } from '../../../../shared/domain/attachments';
import type { VisitInput } from '../../../../shared/domain/visits';
import { buildVisitQuery, visitListSql } from '../../../../electron/core/visits/list';
import {
  call,
  callRaw,
  createAndLogin,
  expectErr,
  expectOk,
  insertCustomer,
  login,
  makeClock,
  openTestCore,
  setupAndLogin,
  ADMIN_NAME,
  ADMIN_PASSWORD,
  type TestCore,
} from '../../helpers/core';

// Wednesday 2024-06-05, 18:00 local time.
const NOW = new Date(2024, 5, 5, 18, 0);

let t: TestCore;
let admin: string;
let mgr: { id: number; token: string };
let other: { id: number; token: string };
let sup: { id: number; token: string };
let c1: number;
let c2: number;
let c3: number;

beforeEach(async () => {
  t = openTestCore(makeClock(NOW));
  admin = await setupAndLogin(t.core, 'tobacco');
  mgr = await createAndLogin(t.core, admin, 'zhang', 'manager');
  other = await createAndLogin(t.core, admin, 'li', 'manager');
  sup = await createAndLogin(t.core, admin, 'boss', 'supervisor');
  c1 = insertCustomer(t.db, { code: 'YC001', name: '张三烟酒店', tier: 'A', managerId: mgr.id });
  c2 = insertCustomer(t.db, { code: 'YC002', name: '王五便利店', tier: 'C', managerId: mgr.id });
  c3 = insertCustomer(t.db, { code: 'YC003', name: '李四超市', tier: 'B', managerId: other.id });
});
afterEach(() => t.close());

const visitInput = (data: Partial<VisitInput> = {}): InputOf<'visits.create'> => ({
  customer: 'YC001',
  signIn: '2024-06-05T09:30',
  signOut: '2024-06-05T10:15',
  ...data,
});

const count = (sql: string, ...params: unknown[]) => (t.db.prepare(sql).get(...params) as { n: number }).n;
const lastVisitAt = (id: number) => (t.db.prepare('SELECT last_visit_at AS v FROM customers WHERE id = ?').get(id) as { v: string | null }).v;

describe('visits.create: the JSON contract', () => {
  it('stores a visit given in the CLI/JSON shape and answers with exactly those names', async () => {
    const v = expectOk(
      await call(t.core, mgr.token, 'visits.create', {
        customer: 'yc001',
        type: '回访',
        signIn: '2024-06-05T09:30',
        signOut: '2024-06-05T10:15',
        location: '城关镇解放路12号',
        content: '了解销售情况',
        checklist: ['传递公司信息', '协助陈列'],
        opinions: '希望增加货源',
        nextFollowUp: { due: '2024-06-12', content: '送新品海报' },
        signature: '已签',
      }),
    );
    expect(v).toMatchObject({
      customer: 'YC001',
      manager: 'zhang',
      type: '回访',
      planned: false,
      signIn: '2024-06-05T09:30',
      signOut: '2024-06-05T10:15',
      durationMinutes: 45,
      location: '城关镇解放路12号',
      content: '了解销售情况',
      checklist: ['传递公司信息', '协助陈列'],
      opinions: '希望增加货源',
      nextFollowUp: { due: '2024-06-12', content: '送新品海报' },
      signature: '已签',
      signatureNote: '',
      customerName: '张三烟酒店',
      customerId: c1,
    });
    expect(typeof v.id).toBe('number');
    expect(v.followUpId).not.toBeNull();
    expect(lastVisitAt(c1)).toBe('2024-06-05 09:30');
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'visit_create'")).toBe(1);

    // What visits.get prints can be fed back to visits.create (output-only fields are ignored).
    const again = expectOk(await call(t.core, mgr.token, 'visits.create', { ...v, signIn: '2024-06-04T09:30', signOut: '2024-06-04T09:50', nextFollowUp: null }));
    expect(again.id).not.toBe(v.id);
    expect(again.durationMinutes).toBe(20);
  });

  it('accepts bare times with a date and a duration instead of a sign-out', async () => {
    const v = expectOk(await call(t.core, mgr.token, 'visits.create', { customer: 'YC001', date: '2024-06-04', signIn: '0930', durationMinutes: 25 }));
    expect(v.signIn).toBe('2024-06-04T09:30');
    expect(v.signOut).toBe('2024-06-04T09:55');
  });

  it('refuses wrong times with a Chinese message naming the field, and stores nothing', async () => {
    const before = expectErr(await call(t.core, mgr.token, 'visits.create', visitInput({ signOut: '2024-06-05T09:00' })), 'BAD_INPUT');
    expect(before.field).toBe('signOut');
    expect(before.message).toContain('签退时间');
    expect(before.message).toContain('须晚于签到时间');

    const future = expectErr(await call(t.core, mgr.token, 'visits.create', visitInput({ signIn: '2024-06-06T09:00', signOut: '2024-06-06T10:00' })), 'BAD_INPUT');
    expect(future.field).toBe('signIn');
    expect(future.message).toContain('签到时间');
    expect(future.message).toContain('将来');

    const unreadable = expectErr(await call(t.core, mgr.token, 'visits.create', visitInput({ signIn: '昨天上午' })), 'BAD_INPUT');
    expect(unreadable.message).toContain('签到时间');
    expect(count('SELECT count(*) AS n FROM visits')).toBe(0);
  });

  it('asks to confirm a visit over 8 hours and stores it once confirmed', async () => {
    const long = visitInput({ signIn: '2024-06-05T08:00', signOut: '2024-06-05T16:30' });
    const err = expectErr(await call(t.core, mgr.token, 'visits.create', long), 'BAD_INPUT');
    expect(err.message).toContain('超过8小时');
    expect(err.message).toContain('confirmLong');
    const v = expectOk(await call(t.core, mgr.token, 'visits.create', { ...long, confirmLong: true }));
    expect(v.durationMinutes).toBe(510);
    // Editing an unrelated field of a confirmed long visit needs no new confirmation.
    expectOk(await call(t.core, mgr.token, 'visits.update', { id: v.id, content: '全天协助盘点' }));
  });

  it('refuses a visit overlapping another visit of the same manager, but not of another manager', async () => {
    expectOk(await call(t.core, mgr.token, 'visits.create', visitInput()));
    const err = expectErr(
      await call(t.core, mgr.token, 'visits.create', visitInput({ customer: 'YC002', signIn: '2024-06-05T10:00', signOut: '2024-06-05T10:30' })),
      'BAD_INPUT',
    );
    expect(err.field).toBe('signIn');
    expect(err.message).toContain('重叠');
    expect(err.message).toContain('张三烟酒店');
    // Back to back is fine.
    expectOk(await call(t.core, mgr.token, 'visits.create', visitInput({ customer: 'YC002', signIn: '2024-06-05T10:15', signOut: '2024-06-05T10:30' })));
    // Another manager at the same time is fine.
    expectOk(await call(t.core, other.token, 'visits.create', visitInput({ customer: 'YC003' })));
    // A visit running over midnight blocks the next morning.
    expectOk(await call(t.core, mgr.token, 'visits.create', visitInput({ signIn: '2024-06-03T22:00', signOut: '2024-06-04T01:00' })));
    expectErr(await call(t.core, mgr.token, 'visits.create', visitInput({ customer: 'YC002', signIn: '2024-06-04T00:30', signOut: '2024-06-04T00:45' })), 'BAD_INPUT');
  });

  it('validates checklist items against the branch checklist, which the admin edits', async () => {
    const err = expectErr(await call(t.core, mgr.token, 'visits.create', visitInput({ checklist: ['传递公司信息', '打扫卫生'] })), 'BAD_INPUT');
    expect(err.field).toBe('checklist');
    expect(err.message).toContain('工作内容清单');
    expect(err.message).toContain('打扫卫生');

    expect(expectOk(await call(t.core, mgr.token, 'checklist.get', {})).items).toContain('核对库存并建议订货');
    expectErr(await call(t.core, mgr.token, 'checklist.set', { items: ['打扫卫生'] }), 'FORBIDDEN');
    expectOk(await call(t.core, admin, 'checklist.set', { items: ['传递公司信息', '打扫卫生'] }));
    expectOk(await call(t.core, mgr.token, 'visits.create', visitInput({ checklist: ['打扫卫生'] })));
  });

  it('orders, disables and re-enables checklist items; a visit keeps the items it was saved with', async () => {
    const saved = expectOk(await call(t.core, mgr.token, 'visits.create', visitInput({ checklist: ['传递公司信息', '核对库存并建议订货'] })));
    const before = expectOk(await call(t.core, admin, 'checklist.get', {}));
    const entries = before.entries.map((e) => ({ ...e, active: e.name !== '核对库存并建议订货' })).reverse();
    const after = expectOk(await call(t.core, admin, 'checklist.set', { entries }));
    expect(after.entries).toEqual(entries);
    expect(after.items).toEqual(entries.filter((e) => e.active).map((e) => e.name));
    expect(expectOk(await call(t.core, mgr.token, 'checklist.get', {})).items).not.toContain('核对库存并建议订货');

    // A disabled item is refused on a new visit, kept on the one saved with it (also when that one is edited).
    const refused = expectErr(await call(t.core, mgr.token, 'visits.create', visitInput({ signIn: '2024-06-03T14:00', signOut: '2024-06-03T14:30', checklist: ['核对库存并建议订货'] })), 'BAD_INPUT');
    expect(refused.field).toBe('checklist');
    expect(expectOk(await call(t.core, mgr.token, 'visits.get', { id: saved.id })).checklist).toEqual(['传递公司信息', '核对库存并建议订货']);
    const edited = expectOk(await call(t.core, mgr.token, 'visits.update', { id: saved.id, content: '补充说明', checklist: ['传递公司信息', '核对库存并建议订货'] }));
    expect(edited.checklist).toEqual(['传递公司信息', '核对库存并建议订货']);

    // Duplicates and an all-disabled list are refused with the item named.
    const dup = expectErr(await call(t.core, admin, 'checklist.set', { entries: [{ name: '收集信息', active: true }, { name: '收集信息', active: false }] }), 'BAD_INPUT');
    expect(dup.message).toBe('走访清单：第2项「收集信息」重复');
    expect(expectErr(await call(t.core, admin, 'checklist.set', { entries: [{ name: '收集信息', active: false }] }), 'BAD_INPUT').message).toContain('至少要启用一项');
  });

  it('requires a reason when the customer cannot sign', async () => {
    const err = expectErr(await call(t.core, mgr.token, 'visits.create', visitInput({ signature: '无法签字' })), 'BAD_INPUT');
    expect(err.field).toBe('signatureNote');
    expect(err.message).toContain('签字说明');
    const v = expectOk(await call(t.core, mgr.token, 'visits.create', visitInput({ signature: '无法签字', signatureNote: '店主外出' })));
    expect(v.signatureNote).toBe('店主外出');
    const bad = expectErr(await callRaw(t.core, mgr.token, 'visits.create', visitInput({ signature: '签了' as never })), 'BAD_INPUT');
    expect(bad.message).toContain('客户签字');
  });
});

describe('visits: data scope', () => {
  it('a manager cannot log a visit for another manager’s customer, nor in another manager’s name', async () => {
    // Issue 15: another manager's customer answers like a code or id that does not exist.
    const err = expectErr(await call(t.core, mgr.token, 'visits.create', visitInput({ customer: 'YC003' })), 'BAD_INPUT');
    expect(err.message).toBe('客户：找不到客户编码「YC003」');
    const byId = expectErr(await call(t.core, mgr.token, 'visits.create', visitInput({ customerId: c3, customer: undefined })), 'BAD_INPUT');
    expect(byId.message).toBe(`客户：客户不存在（ID ${c3}）`);
    expectErr(await call(t.core, mgr.token, 'visits.create', visitInput({ manager: 'li' })), 'FORBIDDEN');
    expectErr(await call(t.core, mgr.token, 'visits.create', visitInput({ managerId: other.id })), 'FORBIDDEN');
    expect(count('SELECT count(*) AS n FROM visits')).toBe(0);
  });

  it('a manager cannot see or change another manager’s visit; a supervisor logs for anyone', async () => {
    const v = expectOk(await call(t.core, sup.token, 'visits.create', visitInput({ customer: 'YC003' })));
    expect(v.manager).toBe('li');
    expectErr(await call(t.core, mgr.token, 'visits.get', { id: v.id }), 'NOT_FOUND');
    expectErr(await call(t.core, mgr.token, 'visits.update', { id: v.id, content: 'x' }), 'NOT_FOUND');
    expectErr(await call(t.core, mgr.token, 'visits.delete', { id: v.id }), 'NOT_FOUND');
    expect(expectOk(await call(t.core, other.token, 'visits.get', { id: v.id })).id).toBe(v.id);
    // The supervisor may name the visiting manager; an admin account cannot be one.
    const byBoss = expectOk(await call(t.core, sup.token, 'visits.create', visitInput({ customer: 'YC003', manager: 'boss', signIn: '2024-06-04T09:00', signOut: '2024-06-04T09:20' })));
    expect(byBoss.manager).toBe('boss');
    const byId = expectOk(await call(t.core, sup.token, 'visits.create', visitInput({ customer: 'YC003', managerId: sup.id, signIn: '2024-06-04T10:00', signOut: '2024-06-04T10:20' })));
    expect(byId.manager).toBe('boss');
    const err = expectErr(await call(t.core, sup.token, 'visits.create', visitInput({ manager: ADMIN_NAME, signIn: '2024-06-03T09:00', signOut: '2024-06-03T09:20' })), 'BAD_INPUT');
    expect(err.message).toContain('客户经理');
  });
});

describe('visits.update and visits.delete', () => {
  it('re-checks the whole record on update and keeps the follow-up task in step', async () => {
    const v = expectOk(await call(t.core, mgr.token, 'visits.create', visitInput({ nextFollowUp: { due: '2024-06-10', content: '回访' } })));
    const u = expectOk(await call(t.core, mgr.token, 'visits.update', { id: v.id, signOut: '2024-06-05T11:00', nextFollowUp: { due: '2024-06-11', content: '再回访' } }));
    expect(u.durationMinutes).toBe(90);
    expect(u.followUpId).toBe(v.followUpId);
    const f = t.db.prepare('SELECT due, content FROM followups WHERE id = ?').get(v.followUpId);
    expect(f).toEqual({ due: '2024-06-11', content: '再回访' });
    expectErr(await call(t.core, mgr.token, 'visits.update', { id: v.id, signOut: '2024-06-05T09:00' }), 'BAD_INPUT');
    // Clearing the next follow-up withdraws the open task.
    expectOk(await call(t.core, mgr.token, 'visits.update', { id: v.id, nextFollowUp: null }));
    expect(count('SELECT count(*) AS n FROM followups WHERE deleted_at IS NULL')).toBe(0);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'visit_update'")).toBe(2);
  });

  it('moving a visit to another customer updates both customers’ last visit', async () => {
    const v = expectOk(await call(t.core, mgr.token, 'visits.create', visitInput()));
    expect(lastVisitAt(c1)).toBe('2024-06-05 09:30');
    expectOk(await call(t.core, mgr.token, 'visits.update', { id: v.id, customer: 'YC002' }));
    expect(lastVisitAt(c1)).toBeNull();
    expect(lastVisitAt(c2)).toBe('2024-06-05 09:30');
  });

  it('a manager deletes their own visit only on the day it was entered; a supervisor any time', async () => {
    const v1 = expectOk(await call(t.core, mgr.token, 'visits.create', visitInput()));
    const v2 = expectOk(await call(t.core, mgr.token, 'visits.create', visitInput({ signIn: '2024-06-04T09:30', signOut: '2024-06-04T10:00', nextFollowUp: { due: '2024-06-20', content: 'x' } })));
    expectOk(await call(t.core, mgr.token, 'visits.delete', { id: v1.id }));
    expect(lastVisitAt(c1)).toBe('2024-06-04 09:30');
    expectErr(await call(t.core, mgr.token, 'visits.get', { id: v1.id }), 'NOT_FOUND');
    // The row stays (soft delete).
    expect(count('SELECT count(*) AS n FROM visits WHERE deleted_at IS NOT NULL')).toBe(1);

    t.clock.advanceMinutes(24 * 60);
    mgr.token = await login(t.core, 'zhang', 'Staff#2024pw');
    const err = expectErr(await call(t.core, mgr.token, 'visits.delete', { id: v2.id }), 'FORBIDDEN');
    expect(err.message).toContain('当天');
    const supToken = await login(t.core, 'boss', 'Staff#2024pw');
    expectOk(await call(t.core, supToken, 'visits.delete', { id: v2.id, reason: '重复录入' }));
    expect(lastVisitAt(c1)).toBeNull();
    expect(count('SELECT count(*) AS n FROM followups WHERE deleted_at IS NULL')).toBe(0);
  });
});

describe('visits.list', () => {
  beforeEach(async () => {
    const rows: VisitInput[] = [];
    for (let d = 3; d <= 5; d++) {
      rows.push(visitInput({ customer: 'YC001', signIn: `2024-06-0${d}T09:00`, signOut: `2024-06-0${d}T09:30`, type: '常规走访', signature: '已签' }));
      rows.push(visitInput({ customer: 'YC002', signIn: `2024-06-0${d}T10:00`, signOut: `2024-06-0${d}T10:30`, type: '回访', signature: '待签' }));
    }
    expect(expectOk(await call(t.core, mgr.token, 'visits.bulkCreate', { rows })).saved).toBe(6);
    expectOk(await call(t.core, other.token, 'visits.create', visitInput({ customer: 'YC003' })));
  });

  it('visits.count gives the exact total where the list stops counting, within the caller’s scope and filters', async () => {
    // 150 more of 张's visits over May: the list's count stops 100 rows past a 10-row page.
    const rows: VisitInput[] = [];
    for (let i = 0; i < 150; i++) {
      const day = String(1 + (i % 30)).padStart(2, '0');
      const hour = String(8 + Math.floor(i / 30)).padStart(2, '0');
      rows.push(visitInput({ customer: 'YC001', signIn: `2024-05-${day}T${hour}:00`, signOut: `2024-05-${day}T${hour}:20`, type: '常规走访', signature: '已签' }));
    }
    expect(expectOk(await call(t.core, mgr.token, 'visits.bulkCreate', { rows })).saved).toBe(150);
    const page = expectOk(await call(t.core, mgr.token, 'visits.list', { limit: 10 }));
    expect(page).toMatchObject({ total: 110, totalIsLowerBound: true });
    expect(expectOk(await call(t.core, mgr.token, 'visits.count', {})).total).toBe(156);
    expect(expectOk(await call(t.core, mgr.token, 'visits.count', { from: '2024-05-01', to: '2024-05-31' })).total).toBe(150);
    expect(expectOk(await call(t.core, mgr.token, 'visits.count', { type: ['回访'] })).total).toBe(3);
    // Scope: 李 sees his one visit; the supervisor all 157.
    expect(expectOk(await call(t.core, other.token, 'visits.count', {})).total).toBe(1);
    const supToken = await login(t.core, 'boss', 'Staff#2024pw');
    expect(expectOk(await call(t.core, supToken, 'visits.count', {})).total).toBe(157);
    // Paging keys are not filters.
    expectErr(await call(t.core, mgr.token, 'visits.count', { limit: 10 } as never), 'BAD_INPUT');
  });

  it('pages and filters in SQL; a manager sees only their own visits', async () => {
    const mine = expectOk(await call(t.core, mgr.token, 'visits.list', { limit: 4 }));
    expect(mine.total).toBe(6);
    expect(mine.totalIsLowerBound).toBe(false);
    expect(mine.rows).toHaveLength(4);
    expect(mine.rows[0].signIn).toBe('2024-06-05T10:00');
    expect(mine.rows.every((r) => r.manager === 'zhang')).toBe(true);
    const page2 = expectOk(await call(t.core, mgr.token, 'visits.list', { limit: 4, offset: 4 }));
    expect(page2.rows.map((r) => r.id)).not.toContain(mine.rows[0].id);
    expect(page2.rows).toHaveLength(2);

    // A manager asking for someone else's visits still gets only their own.
    expect(expectOk(await call(t.core, mgr.token, 'visits.list', { managerId: [other.id] })).total).toBe(0);
    expect(expectOk(await call(t.core, sup.token, 'visits.list', {})).total).toBe(7);
    expect(expectOk(await call(t.core, sup.token, 'visits.list', { manager: 'li' })).rows.map((r) => r.customer)).toEqual(['YC003']);

    const filtered = expectOk(
      await call(t.core, sup.token, 'visits.list', { from: '2024-06-04', to: '2024-06-04', type: ['回访'], signature: ['待签'], tier: ['C'] }),
    );
    expect(filtered.rows.map((r) => [r.customer, r.signIn])).toEqual([['YC002', '2024-06-04T10:00']]);
    expect(expectOk(await call(t.core, sup.token, 'visits.list', { tier: ['A'], sort: 'customer', dir: 'asc' })).total).toBe(3);
    expect(expectOk(await call(t.core, sup.token, 'visits.list', { customer: 'YC003' })).total).toBe(1);
  });

  it('sorts only by whitelisted columns', async () => {
    const err = expectErr(await callRaw(t.core, sup.token, 'visits.list', { sort: 'sign_in; DROP TABLE visits' }), 'BAD_INPUT');
    expect(err.field).toBe('sort');
    const asc = expectOk(await call(t.core, sup.token, 'visits.list', { sort: 'signIn', dir: 'asc' }));
    expect(asc.rows[0].signIn).toBe('2024-06-03T09:00');
  });

  it('runs the list on the visit indexes, never a full scan of visits', async () => {
    t.db.exec('ANALYZE');
    const user = { id: sup.id, name: 'boss', displayName: 'boss', role: 'supervisor' as const, mustChangePassword: false };
    const cases = [
      { limit: 50, offset: 0, sort: 'signIn' as const, dir: 'desc' as const },
      { limit: 50, offset: 0, sort: 'signIn' as const, dir: 'desc' as const, managerId: [mgr.id], from: '2024-06-01', to: '2024-06-30' },
      { limit: 50, offset: 0, sort: 'signIn' as const, dir: 'desc' as const, customerId: c1 },
    ];
    for (const q of cases) {
      const built = buildVisitQuery(t.db, user, q)!;
      const sql = visitListSql(built.where, built.orderBy).rows;
      const plan = (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...built.params, 50, 0) as { detail: string }[]).map((r) => r.detail).join('\n');
      expect(plan).toMatch(/SCAN v USING INDEX visits_|SEARCH v USING INDEX visits_/);
      expect(plan).not.toMatch(/SCAN v$/m);
    }
  });
});

describe('visits.bulkCreate', () => {
  it('stores the 18 valid rows of 20 in one go and reports the 2 invalid ones with their reasons', async () => {
    const rows: VisitInput[] = [];
    for (let i = 0; i < 20; i++) {
      const day = `2024-06-0${3 + (i % 3)}`;
      const slot = Math.floor(i / 3);
      const start = 8 * 60 + slot * 40;
      const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}${String(m % 60).padStart(2, '0')}`;
      rows.push({ customer: i % 2 ? 'YC001' : 'YC002', date: day, signIn: hhmm(start), signOut: hhmm(start + 30), checklist: ['收集信息'], signature: '已签' });
    }
    rows[4] = { ...rows[4], signOut: rows[4].signIn === '0840' ? '0830' : '0800' }; // sign-out before sign-in
    rows[13] = { ...rows[13], date: rows[0].date, signIn: '0810', signOut: '0825' }; // overlaps row 1 (index 0)
    const r = expectOk(await call(t.core, mgr.token, 'visits.bulkCreate', { rows }));
    expect(r.saved).toBe(18);
    expect(r.failed).toBe(2);
    const bad = r.results.filter((x) => !x.ok);
    expect(bad.map((x) => x.index)).toEqual([4, 13]);
    expect(bad[0].errors![0]).toMatchObject({ field: 'signOut', message: expect.stringContaining('签退时间') });
    expect(bad[1].errors![0]).toMatchObject({ field: 'signIn', message: expect.stringContaining('第1行') });
    expect(r.results.filter((x) => x.ok).every((x) => typeof x.id === 'number')).toBe(true);
    expect(count('SELECT count(*) AS n FROM visits')).toBe(18);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE action = 'visit_create'")).toBe(1);
  });

  it('reports schema, scope and overlap-with-stored problems per row; dry runs and all-or-nothing store nothing', async () => {
    expectOk(await call(t.core, mgr.token, 'visits.create', visitInput()));
    const rows = [
      visitInput({ signIn: '2024-06-04T09:00', signOut: '2024-06-04T09:30' }),
      { ...visitInput(), type: '闲聊' } as unknown as VisitInput,
      visitInput({ customer: 'YC003', signIn: '2024-06-04T11:00', signOut: '2024-06-04T11:30' }),
      visitInput({ signIn: '2024-06-05T10:00', signOut: '2024-06-05T10:20' }),
      { ...visitInput({ signIn: '2024-06-03T09:00', signOut: '2024-06-03T09:30' }), foo: 1 } as VisitInput,
    ];
    const dry = expectOk(await call(t.core, mgr.token, 'visits.bulkCreate', { rows, dryRun: true }));
    expect(dry.saved).toBe(0);
    expect(dry.results.map((x) => x.ok)).toEqual([true, false, false, false, false]);
    expect(dry.results[1].errors![0].message).toContain('走访类型');
    expect(dry.results[2].errors![0].message).toBe('客户：找不到客户编码「YC003」');
    expect(dry.results[3].errors![0].message).toContain('重叠');
    expect(dry.results[4].errors![0].message).toContain('foo');
    expect(count('SELECT count(*) AS n FROM visits')).toBe(1);

    const strict = expectOk(await call(t.core, mgr.token, 'visits.bulkCreate', { rows, mode: 'all-or-nothing' }));
    expect(strict.saved).toBe(0);
    expect(count('SELECT count(*) AS n FROM visits')).toBe(1);

    const ok = expectOk(await call(t.core, mgr.token, 'visits.bulkCreate', { rows }));
    expect(ok.saved).toBe(1);
    expect(count('SELECT count(*) AS n FROM visits')).toBe(2);
  });
});

describe('visits.signIn / signOut', () => {
  it('signs in to a planned visit (plan entry done), refuses a second open visit, and signs out with the record', async () => {
    t.clock.set(new Date(2024, 5, 5, 9, 0));
    let token = await login(t.core, 'zhang', 'Staff#2024pw');
    const entry = expectOk(await call(t.core, token, 'plans.add', { customerId: c1, date: '2024-06-05' }));
    const open = expectOk(await call(t.core, token, 'visits.signIn', { planEntryId: entry.id }));
    expect(open).toMatchObject({ signIn: '2024-06-05T09:00', signOut: null, durationMinutes: null, planned: true, planEntryId: entry.id });
    expect(expectOk(await call(t.core, token, 'plans.show', { week: '2024-06-03' })).entries[0].status).toBe('已完成');
    const home = expectOk(await call(t.core, token, 'home.today', {}));
    expect(home.openVisit?.id).toBe(open.id);

    const twice = expectErr(await call(t.core, token, 'visits.signIn', { customerId: c2 }), 'CONFLICT');
    expect(twice.message).toContain('未签退');
    // A typed visit cannot overlap the open one either (the idle lock would trip over 40 minutes: log in again).
    t.clock.advanceMinutes(40);
    token = await login(t.core, 'zhang', 'Staff#2024pw');
    expectErr(await call(t.core, token, 'visits.create', visitInput({ customer: 'YC002', signIn: '2024-06-05T09:10', signOut: '2024-06-05T09:20' })), 'BAD_INPUT');

    const done = expectOk(
      await call(t.core, token, 'visits.signOut', {
        visitId: open.id,
        content: '核对库存',
        checklist: ['核对库存并建议订货'],
        signature: '已签',
        nextFollowUp: { due: '2024-06-07', content: '送货确认' },
      }),
    );
    expect(done).toMatchObject({ signOut: '2024-06-05T09:40', durationMinutes: 40, signature: '已签', content: '核对库存' });
    expect(done.followUpId).not.toBeNull();
    expectErr(await call(t.core, token, 'visits.signOut', { visitId: open.id }), 'CONFLICT');
    expect(expectOk(await call(t.core, token, 'home.today', {})).openVisit).toBeNull();
  });

  it('only the entry’s own manager signs in to it', async () => {
    t.clock.set(new Date(2024, 5, 5, 9, 0));
    const token = await login(t.core, 'zhang', 'Staff#2024pw');
    const entry = expectOk(await call(t.core, token, 'plans.add', { customerId: c1, date: '2024-06-05' }));
    const liToken = await login(t.core, 'li', 'Staff#2024pw');
    expectErr(await call(t.core, liToken, 'visits.signIn', { planEntryId: entry.id }), 'NOT_FOUND');
    expectErr(await call(t.core, liToken, 'visits.signIn', { customerId: c1 }), 'BAD_INPUT');
  });
});

describe('attachments', () => {
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake png body')]);
  const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
  const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]);
  const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x10, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);

  it('sniffs the real type from the bytes, stores by hash, dedups and serves it back', async () => {
    const v = expectOk(await call(t.core, mgr.token, 'visits.create', visitInput()));
    // Declared as PDF, is a PNG: stored as what it is.
    const a = expectOk(await call(t.core, mgr.token, 'attachments.add', { visitId: v.id, name: 'C:\\扫描\\签到表.png', mime: 'application/pdf', dataBase64: PNG.toString('base64') }));
    expect(a).toMatchObject({ name: '签到表.png', mime: 'image/png', size: PNG.length });
    const file = path.join(t.dir, 'attachments', a.sha256.slice(0, 2), a.sha256);
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // The same file again on the same visit: the same attachment.
    const again = expectOk(await call(t.core, mgr.token, 'attachments.add', { visitId: v.id, name: 'x.png', dataBase64: PNG.toString('base64') }));
    expect(again.id).toBe(a.id);
    for (const [buf, mime] of [
      [PDF, 'application/pdf'],
      [JPEG, 'image/jpeg'],
      [WEBP, 'image/webp'],
    ] as const) {
      expect(expectOk(await call(t.core, mgr.token, 'attachments.add', { visitId: v.id, name: 'f', dataBase64: buf.toString('base64') })).mime).toBe(mime);
    }
    expect(expectOk(await call(t.core, mgr.token, 'visits.get', { id: v.id })).attachments).toHaveLength(4);

    const got = expectOk(await call(t.core, mgr.token, 'attachments.get', { id: a.id }));
    expect(got.mime).toBe('image/png');
    expect(Buffer.from(got.dataBase64, 'base64').equals(PNG)).toBe(true);
    expectErr(await call(t.core, other.token, 'attachments.get', { id: a.id }), 'NOT_FOUND');
    expect(expectOk(await call(t.core, sup.token, 'attachments.get', { id: a.id })).size).toBe(PNG.length);
  });

  it('refuses files that are not images or PDF, whatever their declared type, and files over 10 MB', async () => {
    const v = expectOk(await call(t.core, mgr.token, 'visits.create', visitInput()));
    const exe = Buffer.from('MZ\x90\x00 this is not a picture');
    const err = expectErr(await call(t.core, mgr.token, 'attachments.add', { visitId: v.id, name: 'photo.png', mime: 'image/png', dataBase64: exe.toString('base64') }), 'BAD_INPUT');
    expect(err.message).toContain('PDF');
    expect(err.message).toContain('photo.png');
    const text = Buffer.from('%PD not quite');
    expectErr(await call(t.core, mgr.token, 'attachments.add', { visitId: v.id, name: 'a.pdf', dataBase64: text.toString('base64') }), 'BAD_INPUT');

    const big = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1);
    PNG.copy(big);
    const tooBig = expectErr(await call(t.core, mgr.token, 'attachments.add', { visitId: v.id, name: 'big.png', dataBase64: big.toString('base64') }), 'BAD_INPUT');
    expect(tooBig.message).toContain('10MB');
    const max = big.subarray(0, ATTACHMENT_MAX_BYTES);
    expect(expectOk(await call(t.core, mgr.token, 'attachments.add', { visitId: v.id, name: 'max.png', dataBase64: max.toString('base64') })).size).toBe(ATTACHMENT_MAX_BYTES);

    expectErr(await call(t.core, mgr.token, 'attachments.add', { visitId: v.id, name: 'a.png', dataBase64: '@@not base64@@' }), 'BAD_INPUT');
    expectErr(await call(t.core, mgr.token, 'attachments.add', { name: 'a.png', dataBase64: PNG.toString('base64') }), 'BAD_INPUT');
    const theirs = expectOk(await call(t.core, other.token, 'visits.create', visitInput({ customer: 'YC003' })));
    expectErr(await call(t.core, mgr.token, 'attachments.add', { visitId: theirs.id, name: 'a.png', dataBase64: PNG.toString('base64') }), 'NOT_FOUND');
    expect(count('SELECT count(*) AS n FROM attachments')).toBe(1);
  });
});

describe('receipts', () => {
  it('records items handed out per customer, optionally with a visit, and lists them per customer', async () => {
    const v = expectOk(await call(t.core, mgr.token, 'visits.create', visitInput()));
    const r = expectOk(
      await call(t.core, mgr.token, 'receipts.create', {
        customerId: c1,
        visitId: v.id,
        items: [
          { name: '宣传海报', quantity: 2, unit: '张' },
          { name: '价签', quantity: 50 },
        ],
      }),
    );
    expect(r).toMatchObject({ date: '2024-06-05', visitId: v.id, signature: '待签', items: [{ name: '宣传海报', quantity: 2, unit: '张' }, { name: '价签', quantity: 50, unit: '' }] });
    expectOk(await call(t.core, mgr.token, 'receipts.update', { id: r.id, signature: '已签' }));
    const list = expectOk(await call(t.core, mgr.token, 'receipts.list', { customerId: c1 }));
    expect(list.rows.map((x) => [x.id, x.signature])).toEqual([[r.id, '已签']]);
    expectErr(await call(t.core, mgr.token, 'receipts.create', { customerId: c3, items: [{ name: '海报', quantity: 1 }] }), 'NOT_FOUND');
    const zero = expectErr(await call(t.core, mgr.token, 'receipts.create', { customerId: c1, items: [{ name: '海报', quantity: 0 }] }), 'BAD_INPUT');
    expect(zero.message).toContain('数量');
    expectErr(await call(t.core, mgr.token, 'receipts.create', { customerId: c2, visitId: v.id, items: [{ name: '海报', quantity: 1 }] }), 'BAD_INPUT');
    expectErr(await call(t.core, other.token, 'receipts.list', { customerId: c1 }), 'NOT_FOUND');
  });
});

describe('timeline.customer', () => {
  it('merges visits, follow-ups, complaints, receipts and archive changes in time order, paged without gaps', async () => {
    t.db.prepare("INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value, batch_id) VALUES (?, '2024-06-01 08:00:00', ?, 'create', 'record', '', '新建客户', 0)").run(c1, mgr.id);
    t.db.prepare("INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value, batch_id) VALUES (?, '2024-06-04 12:00:00', ?, 'update', 'mobile', '13800000000', '13900000000', 1)").run(c1, mgr.id);
    t.db.prepare("INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value, batch_id) VALUES (?, '2024-06-04 12:00:00', ?, 'update', 'address', '', '解放路1号', 1)").run(c1, mgr.id);
    const v1 = expectOk(await call(t.core, mgr.token, 'visits.create', visitInput({ signIn: '2024-06-03T09:00', signOut: '2024-06-03T09:30' })));
    const v2 = expectOk(await call(t.core, mgr.token, 'visits.create', visitInput({ nextFollowUp: { due: '2024-06-06', content: '补送价签' } })));
    expectOk(await call(t.core, mgr.token, 'receipts.create', { customerId: c1, visitId: v2.id, items: [{ name: '价签', quantity: 5 }] }));
    expectOk(await call(t.core, mgr.token, 'complaints.create', { customerId: c1, openedAt: '2024-06-04T15:00', category: '配送', content: '送货晚到' }));
    // Another customer's history does not leak in.
    expectOk(await call(t.core, other.token, 'visits.create', visitInput({ customer: 'YC003' })));

    const all = expectOk(await call(t.core, mgr.token, 'timeline.customer', { customerId: c1, limit: 50 }));
    expect(all.nextBefore).toBeNull();
    expect(all.items.map((i) => [i.kind, i.at])).toEqual([
      ['followup', '2024-06-05 18:00'],
      ['visit', '2024-06-05 09:30'],
      ['receipt', '2024-06-05 09:30'],
      ['complaint', '2024-06-04 15:00'],
      ['change', '2024-06-04 12:00'],
      ['visit', '2024-06-03 09:00'],
      ['change', '2024-06-01 08:00'],
    ]);
    const change = all.items.find((i) => i.kind === 'change' && i.at === '2024-06-04 12:00')!;
    expect(change.detail).toContain('手机号：13800000000 → 13900000000');
    expect(change.detail).toContain('地址');
    expect(all.items.find((i) => i.id === v1.id && i.kind === 'visit')!.title).toContain('30分钟');

    // Pages of 2 give the same sequence.
    const paged: string[] = [];
    let before: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = expectOk(await call(t.core, mgr.token, 'timeline.customer', { customerId: c1, limit: 2, before }));
      paged.push(...page.items.map((x) => `${x.kind}${x.id}`));
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    expect(paged).toEqual(all.items.map((x) => `${x.kind}${x.id}`));

    expectErr(await call(t.core, other.token, 'timeline.customer', { customerId: c1 }), 'NOT_FOUND');
    expectErr(await call(t.core, mgr.token, 'timeline.customer', { customerId: c1, before: 'garbage' }), 'BAD_INPUT');
  });
});

describe('home.today', () => {
  it('shows today’s plan, overdue follow-ups, open complaints and customers overdue by tier', async () => {
    t.clock.set(new Date(2024, 5, 5, 8, 0));
    const token = await login(t.core, 'zhang', 'Staff#2024pw');
    expectOk(await call(t.core, token, 'plans.add', { customerId: c2, date: '2024-06-05' }));
    expectOk(await call(t.core, token, 'plans.add', { customerId: c1, date: '2024-06-06' }));
    t.db.prepare("UPDATE customers SET last_visit_at = '2024-05-20 10:00' WHERE id = ?").run(c1); // A: 7 days → 9 overdue
    t.db.prepare("UPDATE customers SET last_visit_at = '2024-05-01 10:00' WHERE id = ?").run(c2); // C: 30 days → 5 overdue
    expectOk(await call(t.core, token, 'followups.create', { customerId: c1, due: '2024-06-04', content: '逾期的任务' }));
    expectOk(await call(t.core, token, 'followups.create', { customerId: c1, due: '2024-06-05', content: '今天的任务' }));
    expectOk(await call(t.core, token, 'followups.create', { customerId: c1, due: '2024-06-09', content: '以后的任务' }));
    expectOk(await call(t.core, token, 'complaints.create', { customerId: c1, category: '价格', content: '价签不清' }));
    const liToken = await login(t.core, 'li', 'Staff#2024pw');
    expectOk(await call(t.core, liToken, 'complaints.create', { customerId: c3, category: '价格', content: '别人的客户' }));

    const home = expectOk(await call(t.core, token, 'home.today', {}));
    expect(home.date).toBe('2024-06-05');
    expect(home.plan.map((e) => e.customer)).toEqual(['YC002']);
    expect(home.followUps.overdue.map((f) => f.content)).toEqual(['逾期的任务']);
    expect(home.followUps.overdue[0].overdue).toBe(true);
    expect(home.followUps.overdueCount).toBe(1);
    expect(home.followUps.dueToday.map((f) => f.content)).toEqual(['今天的任务']);
    expect(home.complaints.count).toBe(1);
    expect(home.complaints.open[0].customer).toBe('YC001');
    expect(home.overdueCustomers.rows.map((r) => [r.code, r.overdueDays])).toEqual([
      ['YC001', 9],
      ['YC002', 5],
    ]);
    expect(home.overdueCustomers.total).toBe(2);

    const supHome = expectOk(await call(t.core, await login(t.core, 'boss', 'Staff#2024pw'), 'home.today', { overdueLimit: 1 }));
    expect(supHome.complaints.count).toBe(2);
    // YC003 was never visited: counted from its archive's creation (2024-06-01, tier B 14 days) → not overdue yet.
    expect(supHome.overdueCustomers.total).toBe(2);
    expect(supHome.overdueCustomers.rows).toHaveLength(1);
  });
});

describe('router contract', () => {
  it('rejects unknown keys in visit input with a Chinese message', async () => {
    const err = expectErr(await callRaw(t.core, mgr.token, 'visits.create', { ...visitInput(), hacker: true }), 'BAD_INPUT');
    expect(err.message).toContain('不认识的字段');
    const login2 = await login(t.core, ADMIN_NAME, ADMIN_PASSWORD);
    expectErr(await callRaw(t.core, login2, 'plans.generate', { week: '2024-06-05' }), 'BAD_INPUT');
  });
});
