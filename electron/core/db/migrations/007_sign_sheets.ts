import type { Migration } from './index';

/**
 * Printed sign-in sheets (营销人员市场走访签到记录簿) and their rows, so a signed
 * paper sheet can be matched back by its number (回收登记): who printed it and when,
 * for which manager and plan week, and which plan entry each printed row carries.
 * Visits entered from a returned sheet point at it (`visits.sheet_id`).
 */
export const m007SignSheets: Migration = {
  version: 7,
  name: 'sign-in sheets and their rows',
  up(db) {
    db.exec(`
      CREATE TABLE sign_sheets (
        id           INTEGER PRIMARY KEY,
        sheet_no     TEXT NOT NULL UNIQUE,
        -- Print day (YYYY-MM-DD) and that day's running number: QD-YYYYMMDD-NNNN.
        print_day    TEXT NOT NULL,
        seq          INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 9999),
        printed_at   TEXT NOT NULL,
        printed_by   INTEGER NOT NULL REFERENCES users(id),
        manager_id   INTEGER NOT NULL REFERENCES users(id),
        -- Monday of the plan week the rows come from; NULL for blank pages.
        week_monday  TEXT,
        blank        INTEGER NOT NULL DEFAULT 0 CHECK (blank IN (0, 1)),
        row_count    INTEGER NOT NULL CHECK (row_count >= 0),
        returned_at  TEXT,
        returned_by  INTEGER REFERENCES users(id),
        UNIQUE (print_day, seq)
      ) STRICT;
      CREATE INDEX sign_sheets_manager ON sign_sheets (manager_id, printed_at);
      CREATE INDEX sign_sheets_open ON sign_sheets (printed_at) WHERE returned_at IS NULL;

      CREATE TABLE sign_sheet_rows (
        sheet_id      INTEGER NOT NULL REFERENCES sign_sheets(id),
        row_no        INTEGER NOT NULL CHECK (row_no >= 1),
        plan_entry_id INTEGER REFERENCES plan_entries(id),
        date          TEXT,
        customer_id   INTEGER REFERENCES customers(id),
        visit_id      INTEGER REFERENCES visits(id),
        PRIMARY KEY (sheet_id, row_no)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX sign_sheet_rows_plan ON sign_sheet_rows (plan_entry_id) WHERE plan_entry_id IS NOT NULL;
      CREATE INDEX sign_sheet_rows_visit ON sign_sheet_rows (visit_id) WHERE visit_id IS NOT NULL;
      CREATE INDEX sign_sheet_rows_customer ON sign_sheet_rows (customer_id) WHERE customer_id IS NOT NULL;

      ALTER TABLE visits ADD COLUMN sheet_id INTEGER REFERENCES sign_sheets(id);
      CREATE INDEX visits_sheet ON visits (sheet_id) WHERE sheet_id IS NOT NULL;
    `);
  },
};
