import { expect } from 'vitest';
import type { Db } from '../../../../../electron/core/db/connection';
import { insertCustomer } from '../../../helpers/core';

/**
 * Migration 7 (printed sign-in sheets, their rows, visits.sheet_id) from a database with
 * a customer, a plan entry and a visit in it; a case of the table-driven migrations.test.ts.
 */
export const signSheetsMigrationCase = {
  version: 7,
  before(db: Db) {
    db.prepare(
      "INSERT INTO users (id, name, display_name, role, password_hash, created_at, updated_at) VALUES (7, 'zhao', '赵敏', 'manager', 'h', 't', 't')",
    ).run();
    insertCustomer(db, { code: 'QD001', name: '签到客户', managerId: 7, nameBigrams: '签到 到客 客户' });
    db.exec(`
      INSERT INTO plan_entries (id, week_monday, date, customer_id, manager_id, created_at, updated_at) VALUES (1, '2026-12-07', '2026-12-08', 1, 7, 't', 't');
      INSERT INTO visits (id, manager_id, customer_id, type, planned, sign_in, sign_out, checklist, signature, created_at, updated_at)
        VALUES (1, 7, 1, '常规走访', 0, '2026-11-30 09:00', '2026-11-30 09:30', '[]', '已签', 't', 't');
    `);
  },
  after(db: Db) {
    // The old visit is untouched and belongs to no sheet.
    expect(db.prepare('SELECT id, sign_in, signature, sheet_id FROM visits').all()).toEqual([{ id: 1, sign_in: '2026-11-30 09:00', signature: '已签', sheet_id: null }]);
    db.exec(`
      INSERT INTO sign_sheets (id, sheet_no, print_day, seq, printed_at, printed_by, manager_id, week_monday, row_count)
        VALUES (1, 'QD-20261204-0001', '2026-12-04', 1, '2026-12-04 10:00:00', 7, 7, '2026-12-07', 1);
      INSERT INTO sign_sheet_rows (sheet_id, row_no, plan_entry_id, date, customer_id) VALUES (1, 1, 1, '2026-12-08', 1);
      UPDATE visits SET sheet_id = 1 WHERE id = 1;
    `);
    expect(db.prepare('SELECT v.id, s.sheet_no FROM visits v JOIN sign_sheets s ON s.id = v.sheet_id').all()).toEqual([{ id: 1, sheet_no: 'QD-20261204-0001' }]);
    // A number is given once, and a day's running number once.
    expect(() =>
      db.prepare("INSERT INTO sign_sheets (sheet_no, print_day, seq, printed_at, printed_by, manager_id, row_count) VALUES ('QD-20261204-0001', '2026-12-04', 2, 't', 7, 7, 0)").run(),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db.prepare("INSERT INTO sign_sheets (sheet_no, print_day, seq, printed_at, printed_by, manager_id, row_count) VALUES ('QD-20261204-0009', '2026-12-04', 1, 't', 7, 7, 0)").run(),
    ).toThrow(/UNIQUE/);
    expect(() => db.prepare('INSERT INTO sign_sheet_rows (sheet_id, row_no) VALUES (1, 1)').run()).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare('INSERT INTO sign_sheet_rows (sheet_id, row_no) VALUES (1, 0)').run()).toThrow(/CHECK/);
  },
};
