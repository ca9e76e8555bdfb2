import type { SessionUser } from '../../../shared/api/auth';
import type { Role } from '../../../shared/api/define';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';

/** A user row as the administration screens list it, with the number of live customers in their care. */
export interface UserRecord {
  id: number;
  name: string;
  display_name: string;
  role: Role;
  disabled: number;
  locked_until: string | null;
  failed_attempts: number;
  full_export: number;
  last_login_at: string | null;
  customer_count: number;
}

const SELECT_RECORD = `
  SELECT u.id, u.name, u.display_name, u.role, u.disabled, u.locked_until, u.failed_attempts, u.full_export, u.last_login_at,
         (SELECT count(*) FROM customers c WHERE c.manager_id = u.id AND c.deleted_at IS NULL) AS customer_count
  FROM users u`;

export function loadUserRecord(db: Db, id: number): UserRecord | null {
  return (prepared(db, `${SELECT_RECORD} WHERE u.id = ?`).get(id) as UserRecord | undefined) ?? null;
}

/** Enabled first, then by role and login name. */
export function listUserRecords(db: Db): UserRecord[] {
  return prepared(db, `${SELECT_RECORD} ORDER BY u.disabled, u.role, u.name`).all() as UserRecord[];
}

export interface UserOptionRecord {
  id: number;
  name: string;
  display_name: string;
  role: Role;
  disabled: number;
}

/** Every user for a picker: enabled first, by display name. */
export function listUserOptions(db: Db): UserOptionRecord[] {
  return prepared(db, 'SELECT id, name, display_name, role, disabled FROM users ORDER BY disabled, display_name').all() as UserOptionRecord[];
}

/** Who may be given customers, visits or tasks: the rules decide from role and disabled flag. */
export interface ManagerUser {
  id: number;
  name: string;
  role: string;
  disabled: number;
}

export function findUserByName(db: Db, name: string): ManagerUser | null {
  return (prepared(db, 'SELECT id, name, role, disabled FROM users WHERE name = ?').get(name) as ManagerUser | undefined) ?? null;
}

export function findUserById(db: Db, id: number): (ManagerUser & { display_name: string }) | null {
  return (
    (prepared(db, 'SELECT id, name, display_name, role, disabled FROM users WHERE id = ?').get(id) as
      | (ManagerUser & { display_name: string })
      | undefined) ?? null
  );
}

/** Login and display names of the given users, by id (users not found are left out). */
export function userNamesByIds(db: Db, ids: readonly number[]): Map<number, { id: number; name: string; display_name: string }> {
  const rows = prepared(db, 'SELECT id, name, display_name FROM users WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as {
    id: number;
    name: string;
    display_name: string;
  }[];
  return new Map(rows.map((u) => [u.id, u]));
}

/**
 * The caller as the router re-reads them on every call (role or disabled flag may have
 * changed, and a session whose epoch is behind `sessionEpoch` has ended).
 */
export function loadSessionUser(db: Db, userId: number): (SessionUser & { disabled: boolean; sessionEpoch: number }) | null {
  const row = prepared(db, 'SELECT id, name, display_name, role, disabled, must_change_password, session_epoch FROM users WHERE id = ?').get(userId) as
    | { id: number; name: string; display_name: string; role: SessionUser['role']; disabled: number; must_change_password: number; session_epoch: number }
    | undefined;
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1,
    sessionEpoch: row.session_epoch,
  };
}

export function userNameTaken(db: Db, name: string): boolean {
  return prepared(db, 'SELECT id FROM users WHERE name = ?').get(name) !== undefined;
}

export interface NewUser {
  name: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  mustChangePassword: boolean;
}

export function insertUser(db: Db, u: NewUser, at: string): number {
  const r = prepared(
    db,
    `INSERT INTO users (name, display_name, role, password_hash, must_change_password, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(u.name, u.displayName, u.role, u.passwordHash, u.mustChangePassword ? 1 : 0, at, at);
  return Number(r.lastInsertRowid);
}

/** Enabled administrators other than `exceptId`. */
export function activeAdminCount(db: Db, exceptId: number): number {
  return (prepared(db, `SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?`).get(exceptId) as { n: number }).n;
}

/** The fields an administrator changes on a user; absent ones stay as they are. */
export interface UserPatch {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  fullExport?: boolean;
}

export function updateUser(db: Db, id: number, patch: UserPatch, at: string): void {
  if (patch.displayName !== undefined) prepared(db, 'UPDATE users SET display_name = ? WHERE id = ?').run(patch.displayName, id);
  if (patch.role !== undefined) prepared(db, 'UPDATE users SET role = ? WHERE id = ?').run(patch.role, id);
  // Disabling also ends the user's sessions in every process (the epoch), so enabling the account again revives none of them.
  if (patch.disabled === true) prepared(db, 'UPDATE users SET disabled = 1, session_epoch = session_epoch + 1 WHERE id = ?').run(id);
  if (patch.disabled === false) prepared(db, 'UPDATE users SET disabled = 0 WHERE id = ?').run(id);
  if (patch.fullExport !== undefined) prepared(db, 'UPDATE users SET full_export = ? WHERE id = ?').run(patch.fullExport ? 1 : 0, id);
  prepared(db, 'UPDATE users SET updated_at = ? WHERE id = ?').run(at, id);
}

/**
 * An administrator's reset: the user must choose a new password at the next login, any
 * lock-out ends, and so do the user's sessions in every process (the epoch is raised).
 * Returns the new epoch.
 */
export function resetUserPassword(db: Db, id: number, passwordHash: string, at: string): number {
  const row = prepared(
    db,
    `UPDATE users SET password_hash = ?, must_change_password = 1, failed_attempts = 0, locked_until = NULL, session_epoch = session_epoch + 1, updated_at = ?
      WHERE id = ? RETURNING session_epoch`,
  ).get(passwordHash, at, id) as { session_epoch: number };
  return row.session_epoch;
}
