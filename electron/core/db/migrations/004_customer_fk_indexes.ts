import type { Migration } from './index';

/**
 * SQLite checks a foreign key on delete by looking the parent's id up in the child
 * table, and it can only use a full (not partial) index whose first column is the
 * key. visits and plan_entries had only partial ones, so removing one customer (the
 * undo of an import, a purge from the recycle bin) scanned all five million visits:
 * undoing a 100,000-row import would have taken hours.
 */
export const m004CustomerFkIndexes: Migration = {
  version: 4,
  name: 'full indexes on visits and plan_entries by customer for foreign-key checks',
  up(db) {
    db.exec(`
      -- The timeline query still uses it (customer_id, sign_in); deleted rows are filtered per row.
      DROP INDEX visits_customer_sign_in;
      CREATE INDEX visits_customer_sign_in ON visits (customer_id, sign_in);
      CREATE INDEX plan_entries_customer ON plan_entries (customer_id);
    `);
  },
};
