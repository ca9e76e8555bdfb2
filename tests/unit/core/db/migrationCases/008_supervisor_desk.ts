import { expect } from 'vitest';
import type { Db } from '../../../../../electron/core/db/connection';

/**
 * The supervisor's desk migration (electron/core/db/migrations/008_supervisor_desk.ts)
 * from a database with a manager, a customer, a visit and a
 * follow-up; a case of the table-driven migrations.test.ts.
 */
export const supervisorDeskMigrationCase = {
  version: 8,
  before(db: Db) {
    db.exec(`
      INSERT INTO users (id, name, display_name, role, password_hash, created_at, updated_at) VALUES (1, 'zhang', '张三', 'manager', 'h', 't', 't');
      INSERT INTO customers (id, code, name, kind, manager_id, key_customer, created_at, updated_at) VALUES (1, 'C1', '甲店', '零售户', 1, 1, 't', 't');
      INSERT INTO visits (id, manager_id, customer_id, type, sign_in, created_at, updated_at) VALUES (1, 1, 1, '常规走访', '2026-11-02 09:00', 't', 't');
      INSERT INTO followups (id, customer_id, owner_id, due, content, source_type, created_at) VALUES (1, 1, 1, '2026-11-05', '回访', 'manual', 't');
    `);
  },
  after(db: Db) {
    expect(db.prepare('SELECT id, manager_id, customer_id FROM visits').all()).toEqual([{ id: 1, manager_id: 1, customer_id: 1 }]);
    expect(db.prepare('SELECT id, due FROM followups').all()).toEqual([{ id: 1, due: '2026-11-05' }]);
    db.exec(`
      INSERT INTO churn_warnings (customer_id, manager_id, rule, detail, trigger_key, followup_id, created_at) VALUES (1, 1, 'dormant', '转为休眠', 'c1', 1, 't');
      INSERT INTO monthly_reports (id, manager_id, month, due, figures, created_at, updated_at) VALUES (1, 1, '2026-11', '2026-12-05', '{}', 't', 't');
      INSERT INTO monthly_report_versions (report_id, version, figures, problems, measures, opinions, forecast, submitted_at) VALUES (1, 1, '{}', '', '', '', '', 't');
    `);
    // One open warning per customer and rule; a closed one does not block a new one.
    expect(() => db.prepare("INSERT INTO churn_warnings (customer_id, rule, detail, trigger_key, created_at) VALUES (1, 'dormant', 'x', 'c2', 't')").run()).toThrow(/UNIQUE/);
    db.prepare("UPDATE churn_warnings SET closed_at = 't2' WHERE id = 1").run();
    db.prepare("INSERT INTO churn_warnings (customer_id, rule, detail, trigger_key, created_at) VALUES (1, 'dormant', 'x', 'c2', 't')").run();
    // …but not again for the same cause.
    db.prepare("UPDATE churn_warnings SET closed_at = 't3' WHERE trigger_key = 'c2'").run();
    expect(() => db.prepare("INSERT INTO churn_warnings (customer_id, rule, detail, trigger_key, created_at) VALUES (1, 'dormant', 'x', 'c1', 't')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO monthly_reports (manager_id, month, due, figures, created_at, updated_at) VALUES (1, '2026-11', 'd', '{}', 't', 't')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO monthly_reports (manager_id, month, due, figures, created_at, updated_at) VALUES (1, '2026-1', 'd', '{}', 't', 't')").run()).toThrow(/CHECK/);
    // An inconsistent set-up cannot be stored, whatever the code above it does.
    expect(() =>
      db.prepare("INSERT INTO score_setups (name, indicators, matrix, weights, lambda_max, ci, cr, created_at) VALUES ('x', '[]', '[]', '[]', 3.2, 0.1, 0.17, 't')").run(),
    ).toThrow(/CHECK/);
  },
};
