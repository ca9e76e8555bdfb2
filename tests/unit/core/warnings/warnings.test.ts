import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, createAndLogin, expectErr, expectOk, makeClock, setupAndLogin, type TestCore } from '../../helpers/core';
import { importFile, openInlineCore } from '../../helpers/excel';
import { writeXlsx } from '../../../fixtures/excel';

vi.setConfig({ testTimeout: 60_000 });

let t: TestCore;
let admin: string;
let zhang: { id: number; token: string };
let li: { id: number; token: string };
let ids: Record<string, number>;

// The core's clock starts at the real now: dates are relative to today.
const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const month = (offset: number) => {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

beforeEach(async () => {
  t = openInlineCore(makeClock(new Date()));
  admin = await setupAndLogin(t.core, 'tobacco'); // tier A: every 7 days
  zhang = await createAndLogin(t.core, admin, 'zhang', 'manager');
  li = await createAndLogin(t.core, admin, 'li', 'manager');
  const add = (code: string, f: { key?: number; tier?: string; status?: string; lastVisit?: string | null; manager?: number }) =>
    Number(
      t.db
        .prepare(
          `INSERT INTO customers (code, name, kind, tier, manager_id, key_customer, status, last_visit_at, created_at, updated_at)
           VALUES (?, ?, '零售户', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(code, `客户${code}`, f.tier ?? 'A', f.manager ?? zhang.id, f.key ?? 1, f.status ?? '正式', f.lastVisit ?? null, `${day(-60)} 09:00:00`, `${day(-60)} 09:00:00`)
        .lastInsertRowid,
    );
  ids = {
    // 20 days since the last visit > 2 × 7: flagged.
    late: add('K1', { lastVisit: `${day(-20)} 10:00` }),
    // 3 days: fine.
    recent: add('K2', { lastVisit: `${day(-3)} 10:00` }),
    // Not a key customer, 30 days: the not-visited rule is for key customers only.
    plain: add('P1', { key: 0, lastVisit: `${day(-30)} 10:00` }),
    dormant: add('K3', { status: '休眠', lastVisit: `${day(-1)} 10:00` }),
    other: add('K4', { manager: li.id, lastVisit: `${day(-2)} 10:00` }),
  };
  t.db.prepare("INSERT INTO customer_changes (customer_id, at, action, field, old_value, new_value) VALUES (?, ?, 'update', 'status', '正式', '休眠')").run(ids.dormant, `${day(-1)} 12:00:00`);
  t.db
    .prepare("INSERT INTO complaints (customer_id, manager_id, opened_at, category, content, created_at, updated_at) VALUES (?, ?, ?, '质量', '破损', 't', 't')")
    .run(ids.recent, zhang.id, `${day(-10)} 09:00:00`);
});
afterEach(() => t.close());

const openOf = async (token: string) => expectOk(await call(t.core, token, 'warnings.list', {})).rows;

describe('churn warnings', () => {
  it('the rules flag a key customer not visited for 2 × its interval, an old open complaint and a change to 休眠; each makes a 必访 follow-up', async () => {
    const rows = await openOf(admin);
    expect(rows.map((w) => [w.customer, w.rule, w.manager]).sort()).toEqual([
      ['K1', 'not_visited', 'zhang'],
      ['K2', 'complaint_open', 'zhang'],
      ['K3', 'dormant', 'zhang'],
    ]);
    const late = rows.find((w) => w.customer === 'K1')!;
    expect(late.detail).toBe(`重点客户（A，应每 7 天走访）已 20 天未走访，上次走访 ${day(-20)}`);
    expect(late.ruleLabel).toBe('超期未访');
    const tasks = expectOk(await call(t.core, zhang.token, 'followups.list', {})).rows;
    expect(tasks.map((f) => f.id).sort()).toEqual(rows.map((w) => w.followUpId).sort());
    expect(tasks.every((f) => f.content.startsWith('必访（流失预警）：') && f.due === day(0))).toBe(true);
    // Evaluating again raises nothing new.
    expect(expectOk(await call(t.core, admin, 'warnings.evaluate', {})).created).toBe(0);
  });

  it('a manager sees the warnings of his own customers only and closes one with a note, which finishes its follow-up; it does not come back', async () => {
    const own = await openOf(zhang.token);
    expect(own).toHaveLength(3);
    expect(await openOf(li.token)).toEqual([]);
    const w = own.find((x) => x.rule === 'not_visited')!;
    expectErr(await call(t.core, li.token, 'warnings.close', { id: w.id, note: '已处理' }), 'FORBIDDEN');
    expect(expectErr(await call(t.core, zhang.token, 'warnings.close', { id: w.id, note: '  ' }), 'BAD_INPUT').message).toContain('处理说明不能为空');
    const closed = expectOk(await call(t.core, zhang.token, 'warnings.close', { id: w.id, note: '已电话联系，约定周五上门' }));
    expect(closed).toMatchObject({ closedBy: expect.any(String), note: '已电话联系，约定周五上门' });
    expect(closed.closedAt).not.toBeNull();
    const task = expectOk(await call(t.core, zhang.token, 'followups.list', { status: 'all' })).rows.find((f) => f.id === w.followUpId)!;
    expect(task).toMatchObject({ done: true, result: '已电话联系，约定周五上门' });
    expectErr(await call(t.core, zhang.token, 'warnings.close', { id: w.id, note: '再处理' }), 'CONFLICT');
    expect(expectOk(await call(t.core, admin, 'warnings.evaluate', {})).created).toBe(0);
    expect((await openOf(zhang.token)).map((x) => x.rule).sort()).toEqual(['complaint_open', 'dormant']);
  });

  it('a volume import with a drop of more than 30 % against the previous three months raises a warning as it finishes', async () => {
    await openOf(admin); // today's evaluation done
    const sheet = (rows: (string | number)[][]) => [['客户编码', '客户名称', '月份', '销量（条）'], ...rows];
    await writeXlsx(path.join(t.dir, 'history.xlsx'), sheet([month(-4), month(-3), month(-2)].flatMap((m) => [['K4', '', m, 100], ['K2', '', m, 100]])));
    expect((await importFile(t.core, admin, path.join(t.dir, 'history.xlsx'), 'volume')).report).toMatchObject({ inserted: 6 });
    expect(await openOf(li.token)).toEqual([]);
    // K4 falls to 60 (−40 %), K2 to 75 (−25 %: under the threshold).
    await writeXlsx(path.join(t.dir, 'month.xlsx'), sheet([['K4', '', month(-1), 60], ['K2', '', month(-1), 75]]));
    expect((await importFile(t.core, admin, path.join(t.dir, 'month.xlsx'), 'volume')).report).toMatchObject({ inserted: 2 });
    const raised = await openOf(li.token);
    expect(raised.map((w) => [w.customer, w.rule, w.detail])).toEqual([['K4', 'volume_drop', `${month(-1)} 销量 60，比前 3 个月平均 100 下降 40%`]]);
  });

  it('rules are configurable by the supervisor, in range', async () => {
    expect(expectOk(await call(t.core, admin, 'warnings.rules', {}))).toMatchObject({ notVisitedFactor: 2, volumeDropPercent: 30, complaintOpenDays: 7 });
    expectErr(await call(t.core, zhang.token, 'warnings.saveRules', { notVisitedFactor: 3, volumeDropPercent: 30, complaintOpenDays: 7, dormant: true, keyOnly: true }), 'FORBIDDEN');
    expect(expectErr(await call(t.core, admin, 'warnings.saveRules', { notVisitedFactor: 3, volumeDropPercent: 130, complaintOpenDays: 7, dormant: true, keyOnly: true }), 'BAD_INPUT').message).toContain('降幅不能大于 100');
    expectOk(await call(t.core, admin, 'warnings.saveRules', { notVisitedFactor: 3, volumeDropPercent: 30, complaintOpenDays: 14, dormant: false, keyOnly: true }));
    // 20 days < 3 × 7 = 21, complaint 10 days < 14, 休眠 off: nothing.
    expect(await openOf(admin)).toEqual([]);
  });
});
