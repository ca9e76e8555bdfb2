import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createAndLogin, expectErr, expectOk, login, makeClock, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';
import { seedKpiBranch } from '../kpi/fixture';

let t: TestCore;
let zhang: { id: number; token: string };
let li: { id: number; token: string };
let boss: { id: number; token: string };
let c: Record<string, number>;

beforeEach(async () => {
  // 3 December: the November report is due on the 5th.
  t = openTestCore(makeClock(new Date(2026, 11, 3, 9, 0)));
  const admin = await setupAndLogin(t.core, 'tobacco');
  zhang = await createAndLogin(t.core, admin, 'zhang', 'manager');
  li = await createAndLogin(t.core, admin, 'li', 'manager');
  boss = await createAndLogin(t.core, admin, 'boss', 'supervisor');
  c = seedKpiBranch(t.db, { zhang: zhang.id, li: li.id });
  const vol = t.db.prepare("INSERT INTO customer_volumes (customer_id, month, metric, value, updated_at) VALUES (?, ?, '销量', ?, 't')");
  // C1: 100 → 130 (+30), C2: 50 → 20 (−30); last November C1 had 80.
  vol.run(c.C1, '2026-10', 100);
  vol.run(c.C1, '2026-11', 130);
  vol.run(c.C2, '2026-10', 50);
  vol.run(c.C2, '2026-11', 20);
  vol.run(c.C1, '2025-11', 80);
  t.db.prepare("UPDATE visits SET opinions = '希望多到新品' WHERE sign_in = '2026-11-03 09:00'").run();
});
afterEach(() => t.close());

/** Moves the clock; sessions idle that long lock, so everyone logs in again. */
async function later(d: Date): Promise<void> {
  t.clock.set(d);
  for (const u of [zhang, li, boss]) u.token = await login(t.core, u === zhang ? 'zhang' : u === li ? 'li' : 'boss', 'Staff#2024pw');
}

describe('monthly analysis report', () => {
  it('drafts the figures: volume totals against last month and last year, risers and fallers, visits, complaints, opinions', async () => {
    const r = expectOk(await call(t.core, zhang.token, 'reports.draft', { month: '2026-11' }));
    expect(r).toMatchObject({ manager: 'zhang', month: '2026-11', status: '草稿', due: '2026-12-05', late: false });
    expect(r.figures.metrics).toEqual([
      { metric: '销量', total: 150, lastMonth: 150, changeVsLastMonth: 0, sameMonthLastYear: 80, changeVsLastYear: 70 / 80 },
    ]);
    expect(r.figures.risers.map((m) => [m.code, m.change])).toEqual([['C1', 30]]);
    expect(r.figures.fallers.map((m) => [m.code, m.change])).toEqual([['C2', -30]]);
    // C3 is still his at the end of November (transferred in December).
    expect(r.figures.visits).toMatchObject({ visits: 3, assigned: 3, specialVisits: 1 });
    expect(r.figures.complaints).toMatchObject({ opened: 1, closed: 1 });
    expect(r.figures.complaints.items.map((k) => k.customer)).toEqual(['C1']);
    expect(r.figures.opinions).toEqual([{ date: '2026-11-03', customer: 'C1', customerName: '客户C1', text: '希望多到新品' }]);
  });

  it('draft → submitted → returned with comments → resubmitted → approved; every version kept', async () => {
    const d = expectOk(await call(t.core, zhang.token, 'reports.draft', { month: '2026-11' }));
    expectOk(await call(t.core, zhang.token, 'reports.save', { id: d.id, problems: '两户销量下滑', measures: '加密走访', opinions: '希望多到新品', forecast: '持平' }));
    expectErr(await call(t.core, li.token, 'reports.get', { id: d.id }), 'FORBIDDEN');
    expectErr(await call(t.core, boss.token, 'reports.review', { id: d.id, decision: '已批准', comment: '' }), 'CONFLICT');
    const s1 = expectOk(await call(t.core, zhang.token, 'reports.submit', { id: d.id }));
    expect(s1).toMatchObject({ status: '已提交', late: false });
    expectErr(await call(t.core, zhang.token, 'reports.save', { id: d.id, problems: 'x', measures: '', opinions: '', forecast: '' }), 'CONFLICT');
    expectErr(await call(t.core, zhang.token, 'reports.review', { id: d.id, decision: '已批准', comment: '' }), 'FORBIDDEN');
    expect(expectErr(await call(t.core, boss.token, 'reports.review', { id: d.id, decision: '已退回', comment: ' ' }), 'BAD_INPUT').message).toContain(
      '退回时须填写审阅意见',
    );
    const back = expectOk(await call(t.core, boss.token, 'reports.review', { id: d.id, decision: '已退回', comment: '请写明下滑原因' }));
    expect(back.status).toBe('已退回');
    // After the due date: the report stays on time (its first submission was).
    await later(new Date(2026, 11, 7, 9, 0));
    expectOk(await call(t.core, zhang.token, 'reports.save', { id: d.id, problems: '两户销量下滑：竞品促销', measures: '加密走访', opinions: '希望多到新品', forecast: '持平' }));
    expectOk(await call(t.core, zhang.token, 'reports.submit', { id: d.id }));
    const ok = expectOk(await call(t.core, boss.token, 'reports.review', { id: d.id, decision: '已批准', comment: '' }));
    expect(ok).toMatchObject({ status: '已批准', late: false });
    expect(ok.versions.map((v) => [v.version, v.problems, v.decision, v.comment])).toEqual([
      [1, '两户销量下滑', '已退回', '请写明下滑原因'],
      [2, '两户销量下滑：竞品促销', '已批准', null],
    ]);
    // An approved report keeps its figures even if volumes change later.
    t.db.prepare("UPDATE customer_volumes SET value = 999 WHERE month = '2026-11'").run();
    expect(expectOk(await call(t.core, zhang.token, 'reports.draft', { month: '2026-11' })).figures.metrics[0].total).toBe(150);
  });

  it('a report first submitted after the due date is flagged late; one not submitted by then too', async () => {
    const d = expectOk(await call(t.core, li.token, 'reports.draft', { month: '2026-11' }));
    await later(new Date(2026, 11, 6, 9, 0));
    expect(expectOk(await call(t.core, boss.token, 'reports.list', { month: '2026-11' })).map((r) => [r.manager, r.late])).toEqual([['li', true]]);
    expect(expectOk(await call(t.core, li.token, 'reports.submit', { id: d.id }))).toMatchObject({ late: true, status: '已提交' });
    // The supervisor drafts for a named manager; a manager only for himself.
    expect(expectOk(await call(t.core, boss.token, 'reports.draft', { month: '2026-11', manager: 'zhang' })).manager).toBe('zhang');
    expectErr(await call(t.core, li.token, 'reports.draft', { month: '2026-11', manager: 'zhang' }), 'FORBIDDEN');
    expectErr(await call(t.core, boss.token, 'reports.draft', { month: '2026-11' }), 'BAD_INPUT');
  });
});
