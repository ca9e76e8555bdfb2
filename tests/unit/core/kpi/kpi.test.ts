import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createAndLogin, expectErr, expectOk, makeClock, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';
import { seedKpiBranch } from './fixture';

let t: TestCore;
let zhang: { id: number; token: string };
let li: { id: number; token: string };
let wang: { id: number; token: string };
let boss: { id: number; token: string };

beforeEach(async () => {
  t = openTestCore(makeClock(new Date(2026, 11, 8, 9, 0)));
  const admin = await setupAndLogin(t.core, 'tobacco');
  zhang = await createAndLogin(t.core, admin, 'zhang', 'manager');
  li = await createAndLogin(t.core, admin, 'li', 'manager');
  wang = await createAndLogin(t.core, admin, 'wang', 'manager');
  boss = await createAndLogin(t.core, admin, 'boss', 'supervisor');
  seedKpiBranch(t.db, { zhang: zhang.id, li: li.id });
});
afterEach(() => t.close());

const NOV = { from: '2026-11-01', to: '2026-11-30' };

describe('KPIs of November, worked out by hand (fixture.ts)', () => {
  it('zhang: customers as of the end of the month (a December transfer does not move them back), visits by his own hand', async () => {
    const r = expectOk(await call(t.core, boss.token, 'kpi.report', NOV));
    // Every 客户经理 account, none of the supervisors.
    expect(r.managers.map((m) => m.manager).sort()).toEqual(['li', 'wang', 'zhang']);
    const z = r.managers.find((m) => m.manager === 'zhang')!;
    expect(z).toMatchObject({
      // C1, C2 and C3 (C3 went to li only on 2 December).
      assigned: 3,
      // C1 by himself, C3 by li on 30 November 23:50: coverage counts a visit by anyone.
      visitedCustomers: 2,
      coverage: 2 / 3,
      // Entries on 3, 20 (linked to a visit) and 24 November; the removed one does not count.
      planned: 3,
      plannedDone: 2,
      planCompletionRate: 2 / 3,
      // His three visits of November, the one to C4 before it was transferred included; not the deleted one, not 1 December.
      visits: 3,
      avgOnSiteMinutes: 40,
      specialVisits: 1,
      returnVisits: 1,
      signatureRate: 2 / 3,
      // Due 10 Nov done on the 12th, and due 25 Nov still open; not the one due in December.
      overdueFollowUps: 2,
      // C1 7/7, C2 5/7 (bad ID number, no mobile), C3 4/7 (no licence, mobile, address).
      archiveCompleteness: 16 / 21,
      newCustomers: 1,
      keyCustomersLost: 0,
      complaintsOpened: 1,
      complaintsClosed: 1,
      keyCustomers: 1,
    });
  });

  it('li: a key customer transferred to him inside the period and lost on the 20th counts as his loss; a customer entered after the period is his too', async () => {
    const r = expectOk(await call(t.core, boss.token, 'kpi.report', NOV));
    const l = r.managers.find((m) => m.manager === 'li')!;
    expect(l).toMatchObject({
      // C6, typed in on 5 December: archives entered later still count (created_at is when it was typed in).
      assigned: 1,
      coverage: 0,
      // C6 has name, kind, tier and manager of 7 required fields.
      archiveCompleteness: 4 / 7,
      newCustomers: 0,
      visits: 1,
      avgOnSiteMinutes: 20,
      signatureRate: 0,
      planned: 0,
      planCompletionRate: null,
      overdueFollowUps: 1,
      keyCustomersLost: 1,
      keyCustomerLossRate: 1,
      complaintsOpened: 0,
      complaintsClosed: 1,
    });
  });

  it('a manager with no customers and no work: zeros and nulls', async () => {
    const r = expectOk(await call(t.core, boss.token, 'kpi.report', NOV));
    expect(r.managers.find((m) => m.manager === 'wang')).toMatchObject({
      assigned: 0,
      visits: 0,
      coverage: null,
      planCompletionRate: null,
      avgOnSiteMinutes: null,
      signatureRate: null,
      archiveCompleteness: null,
    });
  });

  it('the branch adds the counts and takes the rates of the sums; tiers show coverage', async () => {
    const r = expectOk(await call(t.core, boss.token, 'kpi.report', NOV));
    expect(r.branch).toMatchObject({
      assigned: 4,
      visitedCustomers: 2,
      visits: 4,
      avgOnSiteMinutes: 100 / 3,
      signatureRate: 0.5,
      planned: 3,
      plannedDone: 2,
      overdueFollowUps: 3,
      archiveCompleteness: 20 / 28,
      newCustomers: 1,
      keyCustomersLost: 1,
      complaintsOpened: 1,
      complaintsClosed: 2,
    });
    expect(r.tiers).toEqual([
      { tier: 'A', assigned: 2, visitedCustomers: 2, coverage: 1, visits: 3 },
      { tier: 'B', assigned: 1, visitedCustomers: 0, coverage: 0, visits: 0 },
      { tier: 'C', assigned: 1, visitedCustomers: 0, coverage: 0, visits: 0 },
    ]);
  });

  it('an empty period (before any record): no work, rates without a denominator null, coverage 0 of the customers held', async () => {
    const r = expectOk(await call(t.core, boss.token, 'kpi.report', { from: '2020-01-01', to: '2020-01-31' }));
    for (const row of [...r.managers, r.branch]) {
      expect(row).toMatchObject({ visits: 0, planned: 0, newCustomers: 0, keyCustomersLost: 0, overdueFollowUps: 0, planCompletionRate: null, signatureRate: null, avgOnSiteMinutes: null });
    }
    expect(r.managers.find((m) => m.manager === 'zhang')).toMatchObject({ assigned: 3, coverage: 0 });
    expect(r.managers.find((m) => m.manager === 'wang')).toMatchObject({ assigned: 0, coverage: null });
  });
});

describe('dashboard data', () => {
  it('plan completion and coverage by week (Monday), the on-site bands, open warnings', async () => {
    const d = expectOk(await call(t.core, boss.token, 'kpi.dashboard', NOV));
    expect(d.weeks).toEqual([
      { week: '2026-11-02', planned: 1, plannedDone: 1, planCompletionRate: 1, visits: 2, visitedCustomers: 2, coverage: 2 / 4 },
      { week: '2026-11-16', planned: 1, plannedDone: 1, planCompletionRate: 1, visits: 1, visitedCustomers: 1, coverage: 1 / 4 },
      { week: '2026-11-23', planned: 1, plannedDone: 0, planCompletionRate: 0, visits: 0, visitedCustomers: 0, coverage: 0 },
      { week: '2026-11-30', planned: 0, plannedDone: 0, planCompletionRate: null, visits: 1, visitedCustomers: 1, coverage: 1 / 4 },
    ]);
    // 30, 50 and 20 minutes (the visit without a sign-out time has no duration).
    expect(d.onSite).toEqual([0, 1, 1, 1, 0, 0]);
    expect(d.report.branch.visits).toBe(4);
    const own = expectOk(await call(t.core, li.token, 'kpi.dashboard', NOV));
    expect(own.weeks.map((w) => [w.week, w.visits])).toEqual([['2026-11-30', 1]]);
    expect(own.onSite).toEqual([0, 1, 0, 0, 0, 0]);
  });
});

describe('scope', () => {
  it('a 客户经理 sees only himself, and the branch row is his own', async () => {
    const r = expectOk(await call(t.core, li.token, 'kpi.report', NOV));
    expect(r.managers.map((m) => m.manager)).toEqual(['li']);
    expect(r.branch).toMatchObject({ visits: 1, assigned: 1, keyCustomersLost: 1 });
    expect(r.tiers).toEqual([{ tier: 'C', assigned: 1, visitedCustomers: 0, coverage: 0, visits: 0 }]);
    expect(expectOk(await call(t.core, zhang.token, 'kpi.report', { ...NOV, manager: 'zhang' })).managers).toHaveLength(1);
    expectErr(await call(t.core, li.token, 'kpi.report', { ...NOV, manager: 'zhang' }), 'FORBIDDEN');
  });
  it('a 负责人 may ask for one manager; an unknown name is refused in Chinese', async () => {
    const r = expectOk(await call(t.core, boss.token, 'kpi.report', { ...NOV, manager: 'zhang' }));
    expect(r.managers.map((m) => m.manager)).toEqual(['zhang']);
    expect(r.branch.visits).toBe(4);
    expect(expectErr(await call(t.core, boss.token, 'kpi.report', { ...NOV, manager: 'nobody' }), 'BAD_INPUT').message).toBe(
      '客户经理：没有用户名为「nobody」的客户经理',
    );
    expectErr(await call(t.core, boss.token, 'kpi.report', { from: '2026-11-30', to: '2026-11-01' }), 'BAD_INPUT');
  });
  void wang;
});
