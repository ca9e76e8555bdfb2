import { describe, expect, it } from 'vitest';
import { dueDate, generateWeekPlan, isDueInWeek, sumTiers, type PlanCandidate } from '../../../../shared/domain/planning';
import { addDays, isWorkingDay } from '../../../../shared/domain/visitRules';

const MONDAY = '2024-06-10';
const FRIDAY = '2024-06-14';

const cand = (customerId: number, intervalDays: number, lastVisit: string | null, managerId = 1, tier: string | null = null): PlanCandidate => ({
  customerId,
  managerId,
  intervalDays,
  lastVisit,
  tier,
});

describe('due rules', () => {
  it('a customer is due when its last visit is its interval old by the week’s Friday', () => {
    // Weekly customer visited last Tuesday: due this Tuesday.
    expect(dueDate(cand(1, 7, '2024-06-04'))).toBe('2024-06-11');
    expect(isDueInWeek(cand(1, 7, '2024-06-04'), MONDAY)).toBe(true);
    // Monthly customer visited 20 days before Friday: not due.
    expect(isDueInWeek(cand(2, 30, addDays(FRIDAY, -20)), MONDAY)).toBe(false);
    // Exactly 30 days before Friday: due on Friday.
    expect(isDueInWeek(cand(3, 30, addDays(FRIDAY, -30)), MONDAY)).toBe(true);
    // Never visited: due at once.
    expect(isDueInWeek(cand(4, 90, null), MONDAY)).toBe(true);
  });
});

describe('generateWeekPlan', () => {
  it('plans only due customers, on working days of the week, and respects intervals', () => {
    const plan = generateWeekPlan({
      monday: MONDAY,
      candidates: [
        cand(1, 7, '2024-06-03'), // due Mon
        cand(2, 14, '2024-06-03'), // due 06-17: next week
        cand(3, 30, '2024-05-01'), // long overdue
        cand(4, 7, '2024-06-07'), // due Fri
      ],
      dailyCap: 10,
    });
    const byCustomer = new Map(plan.entries.map((e) => [e.customerId, e]));
    expect([...byCustomer.keys()].sort()).toEqual([1, 3, 4]);
    for (const e of plan.entries) {
      expect(isWorkingDay(e.date)).toBe(true);
      expect(e.date >= MONDAY && e.date <= FRIDAY).toBe(true);
    }
    // A customer is not visited before it is due when there is room on or after its due day.
    expect(byCustomer.get(4)!.date).toBe(FRIDAY);
    expect(plan.managers).toEqual([{ managerId: 1, due: 3, added: 3, carried: 0, unscheduled: 0, tiers: [{ tier: null, due: 3, added: 3, unscheduled: 0 }] }]);
  });

  it('spreads evenly over the days, most overdue first, under a daily cap', () => {
    // 12 customers all long overdue; the oldest last visit is most overdue.
    const candidates = Array.from({ length: 12 }, (_, i) => cand(i + 1, 7, addDays('2024-05-01', i)));
    const plan = generateWeekPlan({ monday: MONDAY, candidates, dailyCap: 2 });
    expect(plan.entries).toHaveLength(10);
    const perDay = new Map<string, number>();
    for (const e of plan.entries) perDay.set(e.date, (perDay.get(e.date) ?? 0) + 1);
    expect([...perDay.values()]).toEqual([2, 2, 2, 2, 2]);
    // The two most overdue on Monday; the two least overdue did not fit.
    expect(plan.entries.filter((e) => e.date === MONDAY).map((e) => e.customerId).sort()).toEqual([1, 2]);
    expect(plan.entries.map((e) => e.customerId)).not.toContain(12);
    expect(plan.managers[0]).toMatchObject({ due: 12, added: 10, unscheduled: 2 });

    const loose = generateWeekPlan({ monday: MONDAY, candidates: candidates.slice(0, 7), dailyCap: 20 });
    const counts = new Map<string, number>();
    for (const e of loose.entries) counts.set(e.date, (counts.get(e.date) ?? 0) + 1);
    expect([...counts.values()].sort()).toEqual([1, 1, 1, 2, 2]);
  });

  it('carries missed entries over first and links them to the missed entry', () => {
    const plan = generateWeekPlan({
      monday: MONDAY,
      candidates: [cand(1, 7, null), cand(2, 7, '2024-05-01')],
      carried: [{ entryId: 99, customerId: 2, managerId: 1, date: '2024-06-05' }],
      dailyCap: 1,
    });
    expect(plan.entries[0]).toMatchObject({ customerId: 2, date: MONDAY, carriedFromId: 99 });
    // The carried customer is not planned a second time as merely due.
    expect(plan.entries.filter((e) => e.customerId === 2)).toHaveLength(1);
    expect(plan.managers[0]).toMatchObject({ carried: 1, added: 2 });
  });

  it('keeps existing entries, never duplicates, and honours removals and the days left', () => {
    const candidates = [cand(1, 7, null), cand(2, 7, null), cand(3, 7, null), cand(4, 7, null)];
    const plan = generateWeekPlan({
      monday: MONDAY,
      candidates,
      existing: [
        { customerId: 1, managerId: 1, date: '2024-06-12' },
        { customerId: 9, managerId: 1, date: '2024-06-12' },
      ],
      removedCustomerIds: [2],
      dailyCap: 2,
      days: ['2024-06-12', '2024-06-13', '2024-06-14'],
    });
    expect(plan.entries.map((e) => e.customerId).sort()).toEqual([3, 4]);
    // Wednesday is full with the kept entries.
    expect(plan.entries.every((e) => e.date === '2024-06-13' || e.date === '2024-06-14')).toBe(true);
    expect(new Set(plan.entries.map((e) => e.date)).size).toBe(2);
  });

  it('plans each manager separately', () => {
    const plan = generateWeekPlan({
      monday: MONDAY,
      candidates: [cand(1, 7, null, 1), cand(2, 7, null, 2), cand(3, 7, null, 2)],
      dailyCap: 1,
    });
    expect(plan.managers.map((m) => [m.managerId, m.added])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    const m2 = plan.entries.filter((e) => e.managerId === 2).map((e) => e.date);
    expect(m2).toEqual([MONDAY, '2024-06-11']);
  });
});

describe('tier first (分级管理)', () => {
  const TIERS = ['白金', '金', '银', '普通'];

  it('plans every due customer of a higher tier before any of a lower one, the most overdue first within a tier', () => {
    // 普通 customers far more overdue than the 白金 and 金 ones: the tier still wins.
    const candidates = [
      cand(1, 30, '2023-01-01', 1, '普通'),
      cand(2, 30, '2023-02-01', 1, '普通'),
      cand(3, 30, null, 1, '普通'),
      cand(4, 7, '2024-06-03', 1, '白金'), // due Monday
      cand(5, 7, '2024-05-20', 1, '白金'), // two weeks overdue
      cand(6, 14, '2024-05-01', 1, '金'),
      cand(7, 14, '2024-05-25', 1, '金'),
      cand(8, 30, '2023-01-01', 1, null),
    ];
    const plan = generateWeekPlan({ monday: MONDAY, candidates, dailyCap: 1, tierOrder: TIERS });
    // Five slots: both 白金, both 金, then the one most overdue 普通 (never visited counts as most overdue).
    expect(plan.entries.map((e) => e.customerId).sort()).toEqual([3, 4, 5, 6, 7]);
    // Within 白金 the more overdue (5) takes Monday; 4 is due Monday too and takes the next free day.
    const dayOf = new Map(plan.entries.map((e) => [e.customerId, e.date]));
    expect(dayOf.get(5)).toBe(MONDAY);
    expect(plan.managers[0].tiers).toEqual([
      { tier: '白金', due: 2, added: 2, unscheduled: 0 },
      { tier: '金', due: 2, added: 2, unscheduled: 0 },
      { tier: '普通', due: 3, added: 1, unscheduled: 2 },
      { tier: null, due: 1, added: 0, unscheduled: 1 },
    ]);
  });

  it('puts carried entries after the higher tiers’ due customers but first within their own tier', () => {
    const plan = generateWeekPlan({
      monday: MONDAY,
      candidates: [cand(1, 7, '2024-06-03', 1, '白金'), cand(2, 30, '2024-01-01', 1, '银'), cand(3, 30, '2024-05-01', 1, '银')],
      carried: [{ entryId: 50, customerId: 3, managerId: 1, date: '2024-06-05', tier: '银' }],
      dailyCap: 1,
      tierOrder: TIERS,
      days: [MONDAY, '2024-06-11'],
    });
    expect(plan.entries.map((e) => [e.customerId, e.date])).toEqual([
      [1, MONDAY],
      [3, '2024-06-11'],
    ]);
    expect(plan.managers[0].tiers.find((t) => t.tier === '银')).toEqual({ tier: '银', due: 2, added: 1, unscheduled: 1 });
  });

  it('honours a per-tier daily cap under the overall cap', () => {
    const candidates = [
      ...Array.from({ length: 6 }, (_, i) => cand(i + 1, 7, null, 1, '白金')),
      ...Array.from({ length: 20 }, (_, i) => cand(i + 100, 30, null, 1, '普通')),
    ];
    const plan = generateWeekPlan({ monday: MONDAY, candidates, dailyCap: 4, tierCaps: { 普通: 2 }, tierOrder: TIERS });
    const perDay = new Map<string, { all: number; plain: number }>();
    for (const e of plan.entries) {
      const d = perDay.get(e.date) ?? { all: 0, plain: 0 };
      d.all++;
      if (e.customerId >= 100) d.plain++;
      perDay.set(e.date, d);
    }
    for (const d of perDay.values()) {
      expect(d.all).toBeLessThanOrEqual(4);
      expect(d.plain).toBeLessThanOrEqual(2);
    }
    const [platinum, plain] = plan.managers[0].tiers;
    expect(platinum).toEqual({ tier: '白金', due: 6, added: 6, unscheduled: 0 });
    // Greedy, highest tier first: the 白金 fill Monday, so 普通 get at most 2 on each other day.
    expect(plain).toMatchObject({ tier: '普通', due: 20 });
    expect(plain.added + plain.unscheduled).toBe(20);
    expect(plain.added).toBe(plan.entries.filter((e) => e.customerId >= 100).length);
    expect(plain.added).toBeGreaterThanOrEqual(8);
  });

  it('counts kept entries against the tier cap and sums tiers over managers in tier order', () => {
    const plan = generateWeekPlan({
      monday: MONDAY,
      candidates: [cand(1, 30, null, 1, '普通'), cand(2, 30, null, 2, '金'), cand(3, 30, null, 2, '普通')],
      existing: [{ customerId: 9, managerId: 1, date: MONDAY, tier: '普通' }],
      dailyCap: 5,
      tierCaps: { 普通: 1 },
      tierOrder: TIERS,
      days: [MONDAY],
    });
    expect(plan.entries.map((e) => e.customerId).sort()).toEqual([2, 3]);
    expect(sumTiers(plan.managers, TIERS)).toEqual([
      { tier: '金', due: 1, added: 1, unscheduled: 0 },
      { tier: '普通', due: 2, added: 1, unscheduled: 1 },
    ]);
  });

  it('uses the calendar days it is given, a 调休 Saturday included, and counts due customers up to that day', () => {
    const saturday = '2024-06-15';
    const plan = generateWeekPlan({ monday: MONDAY, candidates: [cand(1, 7, '2024-06-08', 1, '白金')], dailyCap: 5, days: ['2024-06-11', saturday] });
    expect(plan.entries).toEqual([expect.objectContaining({ customerId: 1, date: saturday })]);
  });
});
