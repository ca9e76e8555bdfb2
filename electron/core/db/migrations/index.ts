import type Database from 'better-sqlite3';
import { m001Initial } from './001_initial';
import { m002Visits } from './002_visits';
import { m003Imports } from './003_imports';
import { m004CustomerFkIndexes } from './004_customer_fk_indexes';
import { m005ImportBatchContacts } from './005_import_batch_contacts';
import { m006SessionEpoch } from './006_session_epoch';
import { m007SignSheets } from './007_sign_sheets';
import { m008SupervisorDesk } from './008_supervisor_desk';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Append only. Each migration is tested from the previous version with data in it. */
export const MIGRATIONS: Migration[] = [m001Initial, m002Visits, m003Imports, m004CustomerFkIndexes, m005ImportBatchContacts, m006SessionEpoch, m007SignSheets, m008SupervisorDesk];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Applies every migration above `PRAGMA user_version`, each in its own transaction. */
export function migrate(db: Database.Database, target = LATEST_VERSION): number {
  let current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) {
    throw new Error(`数据库版本（${current}）比本程序支持的版本（${LATEST_VERSION}）新，请升级 BranchDesk 后再打开。`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    current = m.version;
  }
  return current;
}
