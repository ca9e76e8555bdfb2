import { prepared } from '../db/statements';
import type { Db } from '../db/connection';

/** The stored JSON text of one preference, or null when the user never set it. */
export function readPref(db: Db, userId: number, key: string): string | null {
  const row = prepared(db, 'SELECT value FROM user_prefs WHERE user_id = ? AND key = ?').get(userId, key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writePref(db: Db, userId: number, key: string, json: string): void {
  prepared(
    db,
    'INSERT INTO user_prefs (user_id, key, value) VALUES (?, ?, ?) ON CONFLICT(user_id, key) DO UPDATE SET value = excluded.value',
  ).run(userId, key, json);
}
