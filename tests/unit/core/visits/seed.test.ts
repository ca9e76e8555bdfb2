import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayOfWeek, daysBetween, durationMinutes } from '../../../../shared/domain/visitRules';
import { generateVisits, insertVisitsBulk, seedVisits } from '../../../../electron/core/visits/seed';
import { createUser, insertCustomer, makeClock, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';

let t: TestCore;
let managers: number[];
let customers: { id: number; managerId: number; intervalDays: number }[];

beforeEach(async () => {
  t = openTestCore(makeClock(new Date(2024, 5, 5, 18, 0)));
  const admin = await setupAndLogin(t.core, 'tobacco');
  managers = [await createUser(t.core, admin, 'm1', 'manager'), await createUser(t.core, admin, 'm2', 'manager')];
  customers = Array.from({ length: 40 }, (_, i) => {
    const managerId = managers[i % 2];
    return { id: insertCustomer(t.db, { managerId, tier: i % 4 === 0 ? 'A' : 'C' }), managerId, intervalDays: i % 4 === 0 ? 7 : 30 };
  });
});
afterEach(() => t.close());

describe('generateVisits', () => {
  it('keeps time order, reaches the end day and respects assignment: a small history is recent and complete, not thin over the years', () => {
    // 40 customers (10 weekly, 30 monthly) and only 200 visits asked over 5 years: about three months at the tiers' rhythm.
    const rows = [...generateVisits(200, { customers, managers, seed: 5, years: 5, end: '2024-06-04' })];
    const days = rows.map((v) => v.signIn.slice(0, 10)).sort();
    expect(days.at(-1)! >= '2024-05-29').toBe(true);
    expect(days[0] >= '2024-01-01').toBe(true);
    const own = new Map(customers.map((c) => [c.id, c.managerId]));
    expect(rows.every((v) => own.get(v.customerId) === v.managerId)).toBe(true);
    // Every customer was visited within about its interval of the end: nobody looks hundreds of days overdue.
    const last = new Map<number, string>();
    for (const v of rows) if ((last.get(v.customerId) ?? '') < v.signIn) last.set(v.customerId, v.signIn);
    for (const c of customers) expect(daysBetween(last.get(c.id)!.slice(0, 10), '2024-06-04')).toBeLessThanOrEqual(Math.ceil(c.intervalDays * 1.3) + 3);

    // seedVisits: customers are opened before their first visit.
    const seeded = seedVisits(t.db, 300, { seed: 2, end: '2024-06-04' });
    expect(seeded.stored).toBeGreaterThan(250);
    expect(seeded.to).toBe('2024-06-04');
    const late = t.db
      .prepare('SELECT count(*) AS n FROM customers c WHERE c.created_at > (SELECT min(v.sign_in) FROM visits v WHERE v.customer_id = c.id)')
      .get() as { n: number };
    expect(late.n).toBe(0);
  });

  it('is reproducible and realistic: working days and hours, 10–60 minutes, mostly the own manager, mostly signed', () => {
    const opts = { customers, managers, seed: 3, years: 1, end: '2024-06-04' };
    const a = [...generateVisits(2000, opts)];
    const b = [...generateVisits(2000, opts)];
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(1800);
    expect(a.length).toBeLessThanOrEqual(2000);
    const own = new Map(customers.map((c) => [c.id, c.managerId]));
    let ownCount = 0;
    let signed = 0;
    for (const v of a) {
      const day = v.signIn.slice(0, 10);
      expect(day <= '2024-06-04').toBe(true);
      expect([1, 2, 3, 4, 5]).toContain(dayOfWeek(day));
      expect(v.signIn.slice(11) >= '08:30').toBe(true);
      const d = durationMinutes(v.signIn, v.signOut);
      expect(d).toBeGreaterThanOrEqual(10);
      expect(d).toBeLessThanOrEqual(60);
      expect(v.checklist!.length).toBeGreaterThan(0);
      if (own.get(v.customerId) === v.managerId) ownCount++;
      if (v.signature === '已签') signed++;
      if (v.signature === '无法签字') expect(v.signatureNote).toBeTruthy();
    }
    expect(ownCount / a.length).toBeGreaterThan(0.85);
    expect(signed / a.length).toBeGreaterThan(0.8);
    // Better tiers are visited more often.
    const perCustomer = new Map<number, number>();
    for (const v of a) perCustomer.set(v.customerId, (perCustomer.get(v.customerId) ?? 0) + 1);
    const avg = (ids: number[]) => ids.reduce((s, id) => s + (perCustomer.get(id) ?? 0), 0) / ids.length;
    expect(avg(customers.filter((c) => c.intervalDays === 7).map((c) => c.id))).toBeGreaterThan(2 * avg(customers.filter((c) => c.intervalDays === 30).map((c) => c.id)));
  });
});

describe('insertVisitsBulk', () => {
  it('stores every row in one go and sets each customer’s last visit from one aggregate', () => {
    const rows = [...generateVisits(500, { customers, managers, seed: 1, years: 0.5, end: '2024-06-04' })];
    expect(insertVisitsBulk(t.db, rows)).toBe(rows.length);
    expect((t.db.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n).toBe(rows.length);
    const latest = new Map<number, string>();
    for (const v of rows) if ((latest.get(v.customerId) ?? '') < v.signIn) latest.set(v.customerId, v.signIn);
    const stored = t.db.prepare('SELECT id, last_visit_at FROM customers WHERE last_visit_at IS NOT NULL').all() as { id: number; last_visit_at: string }[];
    expect(new Map(stored.map((r) => [r.id, r.last_visit_at]))).toEqual(latest);
    const sample = t.db.prepare('SELECT duration_minutes, sign_in, sign_out FROM visits LIMIT 1').get() as { duration_minutes: number; sign_in: string; sign_out: string };
    expect(sample.duration_minutes).toBe(durationMinutes(sample.sign_in, sample.sign_out));
  });
});
