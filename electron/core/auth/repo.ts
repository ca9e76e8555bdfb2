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
  /** Raised by every password change, reset and disabling: a session from an older epoch has ended. */
  session_epoch: number;
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

/** A password attempt counted before its hash is checked, and the lock-out it started (null: none). */
export interface ReservedAttempt {
  failed_attempts: number;
  locked_until: string | null;
}

/**
 * Counts a password attempt as failed before the (asynchronous) hash check, in one
 * statement, so that a burst of parallel attempts, also from other processes on the same
 * file, cannot all read the same count: the attempt that reaches `max` locks the account
 * until `lockUntil` and every later one is refused unchecked. A right password then clears
 * the count (clearFailedLogins). Null: the account is locked (`now` < locked_until). An
 * expired lock-out starts the count again.
 */
export function reserveLoginAttempt(db: Db, id: number, now: string, max: number, lockUntil: string): ReservedAttempt | null {
  return (
    (prepared(
      db,
      `UPDATE users
          SET failed_attempts = CASE WHEN locked_until IS NULL THEN failed_attempts + 1 ELSE 1 END,
              locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_attempts + 1 ELSE 1 END) >= @max THEN @lockUntil ELSE NULL END
        WHERE id = @id AND (locked_until IS NULL OR locked_until <= @now)
        RETURNING failed_attempts, locked_until`,
    ).get({ id, now, max, lockUntil }) as ReservedAttempt | undefined) ?? null
  );
}

/** Until when the account is locked (null: not locked, or no such user). */
export function lockedUntil(db: Db, id: number): string | null {
  return (prepared(db, 'SELECT locked_until FROM users WHERE id = ?').get(id) as { locked_until: string | null } | undefined)?.locked_until ?? null;
}

export function recordLogin(db: Db, id: number, at: string): void {
  prepared(db, 'UPDATE users SET last_login_at = ? WHERE id = ?').run(at, id);
}

/**
 * The user's own change: the must-change flag set by a reset is cleared and the session
 * epoch raised, which ends the account's other sessions in every process. Returns the new epoch.
 */
export function setOwnPassword(db: Db, id: number, passwordHash: string, at: string): number {
  const row = prepared(
    db,
    'UPDATE users SET password_hash = ?, must_change_password = 0, session_epoch = session_epoch + 1, updated_at = ? WHERE id = ? RETURNING session_epoch',
  ).get(passwordHash, at, id) as { session_epoch: number };
  return row.session_epoch;
}
