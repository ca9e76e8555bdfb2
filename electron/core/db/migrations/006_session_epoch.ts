import type { Migration } from './index';

/**
 * Sessions live in the memory of each process (desktop app, web host, CLI), so a password
 * change in one could not end the account's sessions in the others. Each user now has a
 * session epoch, raised by a password change, an administrator's reset and disabling; a
 * session remembers the epoch it was opened in and ends at its next call once the epoch
 * has moved on. Every existing account starts at 0.
 */
export const m006SessionEpoch: Migration = {
  version: 6,
  name: 'session epoch on users',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
