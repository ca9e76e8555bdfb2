import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isWorkingDay } from '../../../../shared/domain/visitRules';
import { call, createAndLogin, expectErr, expectOk, insertCustomer, login, makeClock, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';

// Saturday 2024-06-08: managers plan next week (Mon 2024-06-10) at the weekend.
const SATURDAY = new Date(2024, 5, 8, 10, 0);
const WEEK = '2024-06-10';
const NEXT_WEEK = '2024-06-17';
const PASSWORD = 'Staff#2024pw';

let t: TestCore;
let admin: string;
let mgr: { id: number; token: string };
let other: { id: number; token: string };
let sup: { id: number; token: string };

beforeEach(async () => {
  t = openTestCore(makeClock(SATURDAY));
  // Tobacco tiers: A 7 days, B 14, C 30, D 30.
  admin = await setupAndLogin(t.core, 'tobacco');
  mgr = await createAndLogin(t.core, admin, 'zhang', 'manager');
  other = await createAndLogin(t.core, admin, 'li', 'manager');
  sup = await createAndLogin(t.core, admin, 'boss', 'supervisor');
});
afterEach(() => t.close());

function customer(code: string, tier: string | null, lastVisit: string | null, managerId = mgr.id): number {
  const id = insertCustomer(t.db, { code, name: `客户${code}`, tier, managerId });
  t.db.prepare('UPDATE customers SET last_visit_at = ? WHERE id = ?').run(lastVisit, id);
  return id;
}

async function relogin(): Promise<void> {
  mgr.token = await login(t.core, 'zhang', PASSWORD);
  other.token = await login(t.core, 'li', PASSWORD);
  sup.token = await login(t.core, 'boss', PASSWORD);
}

describe('plans.generate: tiers, caps from the settings, calendar, dry run', () => {
  it('previews the counts by tier without storing, then plans the top tier first under the setting caps', async () => {
    // Tobacco tiers in dictionary order A, B, C, D. Far-overdue C customers must not push out due A ones.
    for (let i = 0; i < 6; i++) customer(`C${i}`, 'C', '2023-01-01 09:00');
    for (let i = 0; i < 4; i++) customer(`A${i}`, 'A', '2024-06-03 09:00');
    expectOk(await call(t.core, admin, 'settings.update', { planDailyCap: 1 }));
    const preview = expectOk(await call(t.core, mgr.token, 'plans.generate', { week: WEEK, dryRun: true }));
    expect(preview.dryRun).toBe(true);
    expect(preview.tiers).toEqual([
      { tier: 'A', due: 4, added: 4, unscheduled: 0 },
      { tier: 'C', due: 6, added: 1, unscheduled: 5 },
    ]);
    expect(expectOk(await call(t.core, mgr.token, 'plans.show', { week: WEEK })).entries).toHaveLength(0);
    expect((t.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'plan_generate'").get() as { n: number }).n).toBe(0);

    const r = expectOk(await call(t.core, mgr.token, 'plans.generate', { week: WEEK }));
    expect(r.tiers).toEqual(preview.tiers);
    const plan = expectOk(await call(t.core, mgr.token, 'plans.show', { week: WEEK }));
    expect(plan.entries.map((e) => e.customer).sort()).toEqual(['A0', 'A1', 'A2', 'A3', 'C0']);
  });

  it('uses the working-day calendar: no plan on a holiday, a 调休 Saturday counts', async () => {
    customer('A1', 'A', null);
    customer('A2', 'A', null);
    const calendar = { holidays: ['2024-06-10'], workdays: ['2024-06-15'] };
    expectErr(await call(t.core, mgr.token, 'settings.update', { calendar }), 'FORBIDDEN');
    expectOk(await call(t.core, admin, 'settings.update', { calendar, planDailyCap: 1, planTierCaps: { A: 1 } }));
    const r = expectOk(await call(t.core, mgr.token, 'plans.generate', { week: WEEK }));
    expect(r.days).toEqual(['2024-06-11', '2024-06-12', '2024-06-13', '2024-06-14', '2024-06-15']);
    const plan = expectOk(await call(t.core, mgr.token, 'plans.show', { week: WEEK }));
    expect(plan.days).toEqual(r.days);
    expect(plan.entries.every((e) => e.date !== '2024-06-10')).toBe(true);
    const entry = plan.entries[0];
    const holiday = expectErr(await call(t.core, mgr.token, 'plans.move', { id: entry.id, date: '2024-06-10' }), 'BAD_INPUT');
    expect(holiday.message).toContain('不是工作日');
    expectOk(await call(t.core, mgr.token, 'plans.move', { id: entry.id, date: '2024-06-15' }));
  });

  it('refuses bad settings with the field named', async () => {
    expect(expectErr(await call(t.core, admin, 'settings.update', { planTierCaps: { 钻石: 3 } }), 'BAD_INPUT').message).toContain('钻石');
    expect(expectErr(await call(t.core, admin, 'settings.update', { calendar: { holidays: [], workdays: ['2024-06-12'] } }), 'BAD_INPUT').message).toContain(
      '不是周六或周日',
    );
    expect(expectErr(await call(t.core, admin, 'settings.update', { calendar: { holidays: ['2024-13-01'], workdays: [] } }), 'BAD_INPUT').message).toContain('节假日');
  });
});

describe('plans.generate', () => {
  it('plans the customers due by their tier interval, on working days, without duplicates on regenerating', async () => {
    customer('A1', 'A', '2024-06-04 10:00'); // due 06-11
    customer('A2', 'A', '2024-06-07 10:00'); // due 06-14 (Friday)
    customer('C1', 'C', '2024-05-20 10:00'); // due 06-19: not this week
    customer('C2', 'C', '2024-05-01 10:00'); // long overdue
    customer('N1', null, '2024-05-10 10:00'); // no tier: largest interval (30) → due 06-09
    customer('N2', null, '2024-05-20 10:00'); // no tier → due 06-19: not this week
    customer('X1', 'A', null); // never visited
    const gone = customer('X2', 'A', null);
    t.db.prepare("UPDATE customers SET deleted_at = '2024-06-01 00:00:00' WHERE id = ?").run(gone);
    customer('L1', 'A', null, other.id); // someone else's

    const r = expectOk(await call(t.core, mgr.token, 'plans.generate', { week: WEEK }));
    expect(r).toMatchObject({ week: WEEK, added: 5, carried: 0, markedMissed: 0 });
    expect(r.managers).toEqual([expect.objectContaining({ manager: 'zhang', due: 5, added: 5, kept: 0, unscheduled: 0 })]);

    const plan = expectOk(await call(t.core, mgr.token, 'plans.show', { week: WEEK }));
    expect(plan.days).toEqual(['2024-06-10', '2024-06-11', '2024-06-12', '2024-06-13', '2024-06-14']);
    expect(plan.entries.map((e) => e.customer).sort()).toEqual(['A1', 'A2', 'C2', 'N1', 'X1']);
    for (const e of plan.entries) {
      expect(isWorkingDay(e.date)).toBe(true);
      expect(e).toMatchObject({ manager: 'zhang', status: '计划', source: 'auto' });
    }
    const byCode = new Map(plan.entries.map((e) => [e.customer, e]));
    expect(byCode.get('A2')!.date).toBe('2024-06-14');
    expect(byCode.get('A1')!.date >= '2024-06-11').toBe(true);
    // Five entries spread one a day.
    expect(new Set(plan.entries.map((e) => e.date)).size).toBe(5);

    const again = expectOk(await call(t.core, mgr.token, 'plans.generate', { week: WEEK }));
    expect(again.added).toBe(0);
    expect(again.managers[0].kept).toBe(5);
    expect(expectOk(await call(t.core, mgr.token, 'plans.show', { week: WEEK })).entries).toHaveLength(5);
    expect((t.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'plan_generate'").get() as { n: number }).n).toBe(2);
  });

  it('respects a daily cap and fills the most overdue first', async () => {
    for (let i = 0; i < 12; i++) customer(`C${String(i).padStart(2, '0')}`, 'A', `2024-05-${String(10 + i).padStart(2, '0')} 09:00`);
    const r = expectOk(await call(t.core, mgr.token, 'plans.generate', { week: WEEK, dailyCap: 2 }));
    expect(r.managers[0]).toMatchObject({ due: 12, added: 10, unscheduled: 2 });
    const plan = expectOk(await call(t.core, mgr.token, 'plans.show', { week: WEEK }));
    const monday = plan.entries.filter((e) => e.date === WEEK).map((e) => e.customer).sort();
    expect(monday).toEqual(['C00', 'C01']);
    expect(plan.entries.map((e) => e.customer)).not.toContain('C11');
  });

  it('keeps hand edits when regenerating: moved entries stay, removed ones do not come back', async () => {
    customer('A1', 'A', null);
    customer('A2', 'A', null);
    customer('A3', 'A', null);
    expectOk(await call(t.core, mgr.token, 'plans.generate', { week: WEEK }));
    const plan = expectOk(await call(t.core, mgr.token, 'plans.show', { week: WEEK }));
    const [first, second] = plan.entries;
    const moved = expectOk(await call(t.core, mgr.token, 'plans.move', { id: first.id, date: '2024-06-13' }));
    expect(moved.date).toBe('2024-06-13');
    expectOk(await call(t.core, mgr.token, 'plans.remove', { id: second.id }));
    const manual = customer('M1', 'C', '2024-06-05 09:00'); // not due
    expectOk(await call(t.core, mgr.token, 'plans.add', { customerId: manual, date: '2024-06-12' }));

    const again = expectOk(await call(t.core, mgr.token, 'plans.generate', { week: WEEK }));
    expect(again.added).toBe(0);
    const after = expectOk(await call(t.core, mgr.token, 'plans.show', { week: WEEK }));
    expect(after.entries.map((e) => [e.customer, e.date, e.source]).sort()).toEqual(
      [
        [first.customer, '2024-06-13', 'auto'],
        [plan.entries[2].customer, plan.entries[2].date, 'auto'],
        ['M1', '2024-06-12', 'manual'],
      ].sort(),
    );
  });

  it('marks missed entries of earlier weeks 未完成 and carries them over, still counted as missed', async () => {
    const a1 = customer('A1', 'A', null);
    const a2 = customer('A2', 'A', null);
    expectOk(await call(t.core, mgr.token, 'plans.generate', { week: WEEK }));
    const week1 = expectOk(await call(t.core, mgr.token, 'plans.show', { week: WEEK })).entries;
    expect(week1).toHaveLength(2);

    // During the week A1 is visited (the plan entry is fulfilled), A2 is not.
    const a1Entry = week1.find((e) => e.customerId === a1)!;
    t.clock.set(new Date(2024, 5, 14, 17, 0));
    await relogin();
    expectOk(await call(t.core, mgr.token, 'visits.create', { customerId: a1, signIn: `${a1Entry.date}T09:00`, signOut: `${a1Entry.date}T09:30` }));
    expect(expectOk(await call(t.core, mgr.token, 'plans.show', { week: WEEK })).entries.find((e) => e.customerId === a1)!.status).toBe('已完成');

    // The weekend after: plan the next week.
    t.clock.set(new Date(2024, 5, 15, 10, 0));
    await relogin();
    const r = expectOk(await call(t.core, mgr.token, 'plans.generate', { week: NEXT_WEEK }));
    expect(r.markedMissed).toBe(1);
    expect(r.carried).toBe(1);

    const old = expectOk(await call(t.core, mgr.token, 'plans.show', { week: WEEK }));
    expect(old.entries.find((e) => e.customerId === a2)!.status).toBe('未完成');
    expect(old.summary).toEqual({ total: 2, planned: 0, done: 1, missed: 1 });

    const next = expectOk(await call(t.core, mgr.token, 'plans.show', { week: NEXT_WEEK }));
    const carried = next.entries.find((e) => e.customerId === a2)!;
    const missedId = old.entries.find((e) => e.customerId === a2)!.id;
    expect(carried).toMatchObject({ source: 'carried', carriedFromId: missedId, status: '计划' });
    expect(carried.carriedFromDate).toBe(old.entries.find((e) => e.customerId === a2)!.date);
    // A1 was visited on the 10th–14th with a 7-day interval: due again next week, planned once.
    expect(next.entries.filter((e) => e.customerId === a1)).toHaveLength(1);
    expect(next.entries).toHaveLength(2);

    // Regenerating does not carry twice.
    expect(expectOk(await call(t.core, mgr.token, 'plans.generate', { week: NEXT_WEEK }))).toMatchObject({ added: 0, markedMissed: 0 });
  });

  it('generating a week ahead does not mark this week’s coming days as missed', async () => {
    customer('A1', 'A', null);
    t.clock.set(new Date(2024, 5, 10, 8, 0)); // Monday of WEEK
    await relogin();
    expectOk(await call(t.core, mgr.token, 'plans.generate', { week: WEEK }));
    expect(expectOk(await call(t.core, mgr.token, 'plans.generate', { week: NEXT_WEEK })).markedMissed).toBe(0);
    expect(expectOk(await call(t.core, mgr.token, 'plans.show', { week: WEEK })).entries[0].status).toBe('计划');
  });

  it('leaves past days of the current week empty and refuses a week that is over', async () => {
    customer('A1', 'A', null);
    customer('A2', 'A', null);
    t.clock.set(new Date(2024, 5, 13, 8, 0)); // Thursday
    await relogin();
    expectOk(await call(t.core, mgr.token, 'plans.generate', { week: WEEK }));
    const dates = expectOk(await call(t.core, mgr.token, 'plans.show', { week: WEEK })).entries.map((e) => e.date).sort();
    expect(dates).toEqual(['2024-06-13', '2024-06-14']);
    const err = expectErr(await call(t.core, mgr.token, 'plans.generate', { week: '2024-06-03' }), 'BAD_INPUT');
    expect(err.message).toContain('工作日');
  });

  it('refuses a week given by a day other than Monday', async () => {
    const err = expectErr(await call(t.core, mgr.token, 'plans.generate', { week: '2024-06-11' }), 'BAD_INPUT');
    expect(err.message).toContain('星期一');
  });
});

describe('plans: scope and roles', () => {
  it('a manager generates, sees and edits only their own plan; a supervisor does all of them', async () => {
    customer('A1', 'A', null);
    const theirs = customer('L1', 'A', null, other.id);
    customer('L2', 'A', null, other.id);

    expectErr(await call(t.core, mgr.token, 'plans.generate', { week: WEEK, managerId: other.id }), 'FORBIDDEN');
    expectErr(await call(t.core, mgr.token, 'plans.show', { week: WEEK, managerId: other.id }), 'FORBIDDEN');

    const all = expectOk(await call(t.core, sup.token, 'plans.generate', { week: WEEK }));
    expect(all.managers.map((m) => [m.manager, m.added]).sort()).toEqual([
      ['li', 2],
      ['zhang', 1],
    ]);
    const supView = expectOk(await call(t.core, sup.token, 'plans.show', { week: WEEK }));
    expect(supView.entries).toHaveLength(3);
    expect(expectOk(await call(t.core, sup.token, 'plans.show', { week: WEEK, managerId: other.id })).entries).toHaveLength(2);
    expect(expectOk(await call(t.core, sup.token, 'plans.show', { week: WEEK, manager: 'li' })).entries).toHaveLength(2);
    expectErr(await call(t.core, mgr.token, 'plans.show', { week: WEEK, manager: 'li' }), 'FORBIDDEN');
    const mine = expectOk(await call(t.core, mgr.token, 'plans.show', { week: WEEK }));
    expect(mine.entries.map((e) => e.manager)).toEqual(['zhang']);

    const liEntry = supView.entries.find((e) => e.customerId === theirs)!;
    expectErr(await call(t.core, mgr.token, 'plans.move', { id: liEntry.id, date: '2024-06-12' }), 'NOT_FOUND');
    expectErr(await call(t.core, mgr.token, 'plans.remove', { id: liEntry.id }), 'NOT_FOUND');
    expectErr(await call(t.core, mgr.token, 'plans.add', { customerId: theirs, date: '2024-06-12' }), 'NOT_FOUND');
    expect(expectOk(await call(t.core, sup.token, 'plans.move', { id: liEntry.id, date: '2024-06-12' })).date).toBe('2024-06-12');
  });

  it('hand edits refuse duplicates, weekends and past days with Chinese reasons', async () => {
    const a1 = customer('A1', 'A', null);
    const e = expectOk(await call(t.core, mgr.token, 'plans.add', { customerId: a1, date: '2024-06-11' }));
    expect(e).toMatchObject({ customer: 'A1', manager: 'zhang', status: '计划', date: '2024-06-11', source: 'manual' });
    const dup = expectErr(await call(t.core, mgr.token, 'plans.add', { customer: 'A1', date: '2024-06-13' }), 'CONFLICT');
    expect(dup.message).toContain('已在计划中');
    const weekend = expectErr(await call(t.core, mgr.token, 'plans.add', { customerId: customer('A2', 'A', null), date: '2024-06-15' }), 'BAD_INPUT');
    expect(weekend.message).toContain('工作日');
    const past = expectErr(await call(t.core, mgr.token, 'plans.move', { id: e.id, date: '2024-06-07' }), 'BAD_INPUT');
    expect(past.message).toContain('过去');
    // Moving into another week that already plans the customer is refused.
    expectOk(await call(t.core, mgr.token, 'plans.add', { customerId: a1, date: '2024-06-18' }));
    expectErr(await call(t.core, mgr.token, 'plans.move', { id: e.id, date: '2024-06-19' }), 'CONFLICT');
  });

  it('a visit fulfils the open plan entry of its week even on another day, and a completed entry cannot be moved', async () => {
    const a1 = customer('A1', 'A', null);
    const e = expectOk(await call(t.core, mgr.token, 'plans.add', { customerId: a1, date: '2024-06-11' }));
    t.clock.set(new Date(2024, 5, 12, 18, 0));
    await relogin();
    const v = expectOk(await call(t.core, mgr.token, 'visits.create', { customer: 'A1', signIn: '2024-06-12T09:00', signOut: '2024-06-12T09:20' }));
    expect(v).toMatchObject({ planned: true, planEntryId: e.id });
    expectErr(await call(t.core, mgr.token, 'plans.move', { id: e.id, date: '2024-06-13' }), 'CONFLICT');
    // Deleting the visit reopens the entry.
    expectOk(await call(t.core, mgr.token, 'visits.delete', { id: v.id }));
    expect(expectOk(await call(t.core, mgr.token, 'plans.show', { week: WEEK })).entries[0]).toMatchObject({ status: '计划', visitId: null });
    // planned: false keeps a visit out of the plan.
    const u = expectOk(await call(t.core, mgr.token, 'visits.create', { customer: 'A1', planned: false, signIn: '2024-06-12T10:00', signOut: '2024-06-12T10:20' }));
    expect(u.planned).toBe(false);
  });
});
