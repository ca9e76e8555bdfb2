import { expect } from 'vitest';
import type { Db } from '../../../../../electron/core/db/connection';
import { insertCustomer } from '../../../helpers/core';

const indexSql = (db: Db, name: string) => (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").get(name) as { sql: string } | undefined)?.sql ?? '';

/**
 * Migration 4 (full indexes by customer on visits and plan_entries) from a version-3
 * database with visits, a deleted visit and a plan entry in it; a case of the
 * table-driven migrations.test.ts.
 */
export const customerFkIndexesMigrationCase = {
  version: 4,
  before(db: Db) {
    db.prepare(
      "INSERT INTO users (id, name, display_name, role, password_hash, created_at, updated_at) VALUES (5, 'wang', '王丽', 'manager', 'h', 't', 't')",
    ).run();
    insertCustomer(db, { code: 'FK001', name: '有走访的客户', managerId: 5, nameBigrams: '有走 走访' });
    insertCustomer(db, { code: 'FK002', name: '只有计划的客户', managerId: 5, nameBigrams: '只有 计划' });
    insertCustomer(db, { code: 'FK003', name: '新导入的客户', managerId: 5, nameBigrams: '新导 导入' });
    const visit = db.prepare(
      "INSERT INTO visits (manager_id, customer_id, type, sign_in, created_at, updated_at, deleted_at) VALUES (5, ?, '常规走访', ?, 't', 't', ?)",
    );
    visit.run(1, '2026-10-09T09:00', null);
    visit.run(1, '2026-10-16T09:00', '2026-10-17 10:00:00');
    db.prepare("INSERT INTO plan_entries (week_monday, date, customer_id, manager_id, created_at, updated_at) VALUES ('2026-11-23', '2026-11-24', 2, 5, 't', 't')").run();
  },
  after(db: Db) {
    // Same rows, the deleted visit included.
    expect(db.prepare('SELECT customer_id, sign_in, deleted_at IS NOT NULL AS deleted FROM visits ORDER BY id').all()).toEqual([
      { customer_id: 1, sign_in: '2026-10-09T09:00', deleted: 0 },
      { customer_id: 1, sign_in: '2026-10-16T09:00', deleted: 1 },
    ]);
    // Full indexes: the only kind SQLite's foreign-key check on a customer delete can use.
    expect(indexSql(db, 'visits_customer_sign_in')).toMatch(/ON visits \(customer_id, sign_in\)$/);
    expect(indexSql(db, 'plan_entries_customer')).toMatch(/ON plan_entries \(customer_id\)$/);
    // The customer timeline still reads through it.
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM visits WHERE customer_id = 1 AND deleted_at IS NULL ORDER BY sign_in DESC LIMIT 20")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('visits_customer_sign_in');
    // Referenced customers still cannot go; an unreferenced one can.
    expect(() => db.prepare('DELETE FROM customers WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('DELETE FROM customers WHERE id = 2').run()).toThrow(/FOREIGN KEY/);
    expect(db.prepare('DELETE FROM customers WHERE id = 3').run().changes).toBe(1);
  },
};
