import { describe, expect, it } from 'vitest';
import { dueDate, generateWeekPlan, isDueInWeek, type PlanCandidate } from '../../../../shared/domain/planning';
import { addDays, isWorkingDay } from '../../../../shared/domain/visitRules';

const MONDAY = '2024-06-10';
const FRIDAY = '2024-06-14';

const cand = (customerId: number, intervalDays: number, lastVisit: string | null, managerId = 1): PlanCandidate => ({
  customerId,
  managerId,
  intervalDays,
  lastVisit,
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
    expect(plan.managers).toEqual([{ managerId: 1, due: 3, added: 3, carried: 0, unscheduled: 0 }]);
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
