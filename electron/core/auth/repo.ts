import type { SessionUser } from '../../../shared/api/auth';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';

/** What logging in needs of a user: the password hash and the lock-out state. */
export interface LoginRecord {
  id: number;
  name: string;
  display_name: string;
  role: SessionUser['role'];
  password_hash: string;
  disabled: number;
  failed_attempts: number;
  locked_until: string | null;
  must_change_password: number;
}

export function findLoginByName(db: Db, name: string): LoginRecord | null {
  return (prepared(db, 'SELECT * FROM users WHERE name = ?').get(name) as LoginRecord | undefined) ?? null;
}

export function findLoginById(db: Db, id: number): LoginRecord | null {
  return (prepared(db, 'SELECT * FROM users WHERE id = ?').get(id) as LoginRecord | undefined) ?? null;
}

/** A correct password, or an administrator's unlock: the count of wrong passwords starts again. */
export function clearFailedLogins(db: Db, id: number): void {
  prepared(db, 'UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
}

/** `lockedUntil` null: counted, not (yet) locked. */
export function recordFailedLogin(db: Db, id: number, failedAttempts: number, lockedUntil: string | null): void {
  prepared(db, 'UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(failedAttempts, lockedUntil, id);
}

export function recordLogin(db: Db, id: number, at: string): void {
  prepared(db, 'UPDATE users SET last_login_at = ? WHERE id = ?').run(at, id);
}

/** The user's own change: the must-change flag set by a reset is cleared. */
export function setOwnPassword(db: Db, id: number, passwordHash: string, at: string): void {
  prepared(db, 'UPDATE users SET password_hash = ?, must_change_password = 0, updated_at = ? WHERE id = ?').run(passwordHash, at, id);
}
