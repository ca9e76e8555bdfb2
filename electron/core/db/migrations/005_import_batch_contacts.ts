import type { Migration } from './index';

/**
 * A customer import can bring a separate contacts sheet; its counts were in the import
 * report and the audit log only, so the 导入记录 list could not tell what a batch did to
 * contacts. The batch now keeps them as JSON ({ sheet, total, inserted, updated, skipped,
 * invalid }, the report's `contacts`); NULL for imports without a contacts sheet, which
 * is what every batch made before this version gets.
 */
export const m005ImportBatchContacts: Migration = {
  version: 5,
  name: 'contacts-sheet counts on import batches',
  up(db) {
    db.exec(`
      ALTER TABLE import_batches ADD COLUMN contacts TEXT CHECK (contacts IS NULL OR json_valid(contacts));
    `);
  },
};
