import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayOfWeek, durationMinutes } from '../../../../shared/domain/visitRules';
import { generateVisits, insertVisitsBulk } from '../../../../electron/core/visits/seed';
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
