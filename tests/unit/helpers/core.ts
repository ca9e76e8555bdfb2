import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { openCore, type Core } from '../../../electron/core/app';
import type { Db } from '../../../electron/core/db/connection';
import type { JobRunnerOptions } from '../../../electron/core/jobs/runner';
import type { PdfRenderer } from '../../../electron/core/pdf/renderer';
import type { InputOf, MethodName, OutputOf } from '../../../shared/api/contract';
import type { Role } from '../../../shared/api/define';
import type { ApiError, ErrorCode, Result } from '../../../shared/api/result';
import { TEST_PASSWORD_COST } from './passwordCost';

export { TEST_PASSWORD_COST } from './passwordCost';

export const ADMIN_NAME = 'admin';
export const ADMIN_PASSWORD = 'Admin#2024pw';

/** A clock the test moves by hand: pass `clock.now` to openCore. */
export interface TestClock {
  now: () => Date;
  advanceMinutes(minutes: number): void;
  set(d: Date): void;
}

export function makeClock(start = new Date(2024, 5, 3, 9, 0, 0)): TestClock {
  let current = new Date(start.getTime());
  return {
    now: () => new Date(current.getTime()),
    advanceMinutes: (minutes) => {
      current = new Date(current.getTime() + minutes * 60_000);
    },
    set: (d) => {
      current = new Date(d.getTime());
    },
  };
}

export interface TestCore {
  core: Core;
  db: Db;
  dir: string;
  clock: TestClock;
  close(): void;
}

/** A real core on a fresh SQLite file in a temp folder, with a hand-moved clock. */
/**
 * `jobs`: the job runner's options (e.g. how long a job thread started ahead waits); `extra.passwordCost`:
 * scrypt cost of new hashes, TEST_PASSWORD_COST unless a test needs the production cost; `extra.pdf`:
 * the host's PDF renderer.
 */
export function openTestCore(
  clock: TestClock = makeClock(),
  jobs?: JobRunnerOptions,
  extra: { passwordCost?: number; pdf?: PdfRenderer | null } = {},
): TestCore {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-unit-'));
  const core = openCore({ dataDir: dir, now: clock.now, jobs, passwordCost: extra.passwordCost ?? TEST_PASSWORD_COST, pdf: extra.pdf });
  return {
    core,
    db: core.db,
    dir,
    clock,
    close: () => {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Typed call through the router, as both hosts do. */
export async function call<K extends MethodName>(
  core: Core,
  token: string | null,
  method: K,
  input: InputOf<K>,
): Promise<Result<OutputOf<K>>> {
  const outcome = await core.router.invoke(token, method, input);
  return outcome.result as Result<OutputOf<K>>;
}

/** Untyped call: for inputs the contract must reject. */
export async function callRaw(core: Core, token: string | null, method: unknown, input: unknown): Promise<Result<unknown>> {
  return (await core.router.invoke(token, method, input)).result;
}

export function expectOk<T>(r: Result<T>): T {
  if (!r.ok) expect.fail(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

export function expectErr(r: Result<unknown>, code: ErrorCode): ApiError {
  if (r.ok) expect.fail(`expected ${code}, got ok: ${JSON.stringify(r.value)}`);
  expect(r.error.code, r.error.message).toBe(code);
  return r.error;
}

export async function setupBranch(
  core: Core,
  branchType: 'bank' | 'telecom' | 'tobacco' | 'other' = 'tobacco',
): Promise<void> {
  expectOk(
    await call(core, null, 'setup.init', {
      branchName: '城关烟草营销部',
      branchType,
      adminName: ADMIN_NAME,
      adminDisplayName: '王管理',
      password: ADMIN_PASSWORD,
    }),
  );
}

/** Logs in and returns the session token the host would keep. */
export async function login(core: Core, name: string, password: string): Promise<string> {
  const outcome = await core.router.invoke(null, 'auth.login', { name, password });
  if (!outcome.result.ok) expect.fail(`login ${name} failed: ${outcome.result.error.code} ${outcome.result.error.message}`);
  expect(typeof outcome.sessionToken).toBe('string');
  return outcome.sessionToken as string;
}

/** Setup + admin login: the state most tests start from. */
export async function setupAndLogin(core: Core, branchType?: 'bank' | 'telecom' | 'tobacco' | 'other'): Promise<string> {
  await setupBranch(core, branchType);
  return login(core, ADMIN_NAME, ADMIN_PASSWORD);
}

export async function createUser(
  core: Core,
  adminToken: string,
  name: string,
  role: Role,
  password = 'Staff#2024pw',
): Promise<number> {
  const u = expectOk(await call(core, adminToken, 'users.create', { name, displayName: `${name}姓名`, role, password }));
  // As if they had already chosen their own password: the core refuses everything else until then
  // (tests/unit/core/auth/passwordChangeRequired.test.ts), and the e2e harness does the same.
  core.db.prepare('UPDATE users SET must_change_password = 0 WHERE id = ?').run(u.id);
  return u.id;
}

/** Creates a user and logs them in; returns id and token. */
export async function createAndLogin(
  core: Core,
  adminToken: string,
  name: string,
  role: Role,
  password = 'Staff#2024pw',
): Promise<{ id: number; token: string }> {
  const id = await createUser(core, adminToken, name, role, password);
  return { id, token: await login(core, name, password) };
}

let customerSeq = 0;

/** Inserts a customer row by SQL (independent of the customers module). Returns its id. */
export function insertCustomer(
  db: Db,
  fields: {
    name?: string;
    code?: string;
    kind?: string;
    tier?: string | null;
    region?: string | null;
    industry?: string | null;
    managerId?: number | null;
    nameBigrams?: string;
    nameInitials?: string;
    searchPhones?: string;
    deletedAt?: string | null;
  } = {},
): number {
  customerSeq += 1;
  const r = db
    .prepare(
      `INSERT INTO customers (code, name, kind, tier, region, industry, manager_id, name_bigrams, name_initials, search_phones,
                              deleted_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2024-06-01 09:00:00', '2024-06-01 09:00:00')`,
    )
    .run(
      fields.code ?? `T${String(customerSeq).padStart(6, '0')}`,
      fields.name ?? `测试客户${customerSeq}`,
      fields.kind ?? '零售户',
      fields.tier ?? null,
      fields.region ?? null,
      fields.industry ?? null,
      fields.managerId ?? null,
      fields.nameBigrams ?? '',
      fields.nameInitials ?? '',
      fields.searchPhones ?? '',
      fields.deletedAt ?? null,
    );
  return Number(r.lastInsertRowid);
}
