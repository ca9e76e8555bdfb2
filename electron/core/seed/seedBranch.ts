import type { AuditHost } from '../../../shared/api/audit';
import type { SessionUser } from '../../../shared/api/auth';
import type { BranchType, DictKind } from '../../../shared/domain/constants';
import type { CustomerInput } from '../../../shared/domain/customers';
import { writeAudit } from '../audit/log';
import { hashPassword } from '../auth/password';
import { localTimestamp } from '../clock';
import { insertCustomersBulk, type BulkCustomer } from '../customers/bulk';
import { AUTO_CODE_PREFIX, nextCustomerCode } from '../customers/codes';
import { ensurePlannerStatistics } from '../customers/list';
import type { Db } from '../db/connection';
import { badInput, forbidden } from '../errors';
import { readSettings } from '../settings/store';
import { withBulkLoad } from './fastLoad';
import { generateCustomers } from './generate';
import { personName } from './names';
import { Rng } from './prng';

export const DEFAULT_MANAGER_PASSWORD = 'Manager#2026';

export interface SeedOptions {
  /** Who runs the seed: only 管理员 and 负责人 may fill a branch with demo data. */
  user: SessionUser;
  customers: number;
  managers: number;
  managerPassword?: string;
  /** scrypt cost of the demo managers' hash: the core's (Core.passwordCost); the production cost when absent. */
  passwordCost?: number;
  seed?: number;
  now?: () => Date;
  /** Called after each inserted chunk, for a progress line. */
  onProgress?: (done: number, total: number) => void;
  /** The app seeding (the CLI), for the audit entries. */
  host?: AuditHost;
}

export interface SeedResult {
  managersCreated: number;
  managersReused: number;
  customers: number;
  firstCode: string;
  lastCode: string;
  ms: { managers: number; generate: number; insert: number; analyze: number; total: number };
}

// Converted and handed to the bulk insert in slices: bounds the extra memory and gives a progress line every few seconds.
const CHUNK = 20_000;

/** manager01 … manager60; three digits once there are more than 99. */
export function managerUserName(i: number, total: number): string {
  return `manager${String(i).padStart(total > 99 ? 3 : 2, '0')}`;
}

function activeDict(db: Db, kind: DictKind): string[] {
  return (db.prepare('SELECT name FROM dict_items WHERE kind = ? AND active = 1 ORDER BY sort, id').all(kind) as { name: string }[]).map(
    (r) => r.name,
  );
}

interface UserRow {
  id: number;
  name: string;
  role: string;
  disabled: number;
}

/**
 * Makes sure manager01…managerNN exist. Existing accounts are reused as they are
 * (password untouched), so seeding twice adds customers, not users. New ones
 * are written directly rather than through users.create because a 负责人 may
 * seed too, and users.create is admin-only; they are audited all the same.
 */
async function ensureManagers(
  db: Db,
  opts: SeedOptions,
  at: Date,
): Promise<{ names: string[]; ids: Map<string, number>; created: number; reused: number }> {
  const names: string[] = [];
  const ids = new Map<string, number>();
  const missing: string[] = [];
  const find = db.prepare('SELECT id, name, role, disabled FROM users WHERE name = ?');
  for (let i = 1; i <= opts.managers; i++) {
    const name = managerUserName(i, opts.managers);
    names.push(name);
    const row = find.get(name) as UserRow | undefined;
    if (!row) missing.push(name);
    else if (row.role === 'admin' || row.disabled) {
      throw badInput(`用户「${row.name}」已存在但${row.disabled ? '已停用' : '是管理员账号'}，不能作为演示客户经理`, 'managers');
    } else ids.set(name, row.id);
  }
  // scrypt is deliberately slow (~0.1–1 s on a busy office PC), so the demo accounts share one
  // hash of their shared password: a common salt tells nothing the shared password does not, and
  // each account gets its own salt when it sets its own password (must_change_password = 1).
  const hash = missing.length ? await hashPassword(opts.managerPassword ?? DEFAULT_MANAGER_PASSWORD, opts.passwordCost) : '';
  const nameRng = new Rng((opts.seed ?? 1) + 7919);
  const ts = localTimestamp(at);
  const insert = db.prepare(
    `INSERT INTO users (name, display_name, role, password_hash, must_change_password, created_at, updated_at)
     VALUES (?, ?, 'manager', ?, 1, ?, ?)`,
  );
  db.transaction(() => {
    missing.forEach((name) => {
      const displayName = personName(nameRng, nameRng.chance(0.55) ? '男' : '女', nameRng.int(1970, 1998));
      const r = insert.run(name, displayName, hash, ts, ts);
      ids.set(name, Number(r.lastInsertRowid));
      writeAudit(db, at, {
        userId: opts.user.id,
        userName: opts.user.name,
        action: 'user_create',
        target: name,
        detail: { role: '客户经理', displayName, via: '演示数据' },
        host: opts.host,
      });
    });
  })();
  return { names, ids, created: missing.length, reused: opts.managers - missing.length };
}

function toBulk(c: CustomerInput, managerIds: Map<string, number>): BulkCustomer {
  const { manager, ...rest } = c;
  return { ...rest, managerId: manager ? (managerIds.get(manager) ?? null) : null };
}

/**
 * Fills a branch with realistic demo customers (CLI `seed`, the benchmark, training
 * databases): creates the demo managers, generates customers against the branch's
 * own dictionaries and stores them through the customers module's bulk path.
 */
export async function seedBranch(db: Db, opts: SeedOptions): Promise<SeedResult> {
  if (opts.user.role !== 'admin' && opts.user.role !== 'supervisor') throw forbidden('只有管理员或负责人可以生成演示数据');
  if (!Number.isInteger(opts.customers) || opts.customers < 0) throw badInput('客户数须为不小于0的整数', 'customers');
  if (!Number.isInteger(opts.managers) || opts.managers < 1 || opts.managers > 999) {
    throw badInput('客户经理数须为1到999之间的整数', 'managers');
  }
  const now = opts.now ?? (() => new Date());
  const t0 = performance.now();
  const managers = await ensureManagers(db, opts, now());
  const t1 = performance.now();

  const firstCode = Number(nextCustomerCode(db).slice(AUTO_CODE_PREFIX.length));
  if (firstCode + opts.customers - 1 > 999_999) throw badInput('客户编码将超出 C999999，请减少客户数', 'customers');
  const rows = generateCustomers(opts.customers, {
    seed: opts.seed ?? 1,
    // In manager01… order, so each manager keeps the same 片区 whichever accounts already existed.
    managers: managers.names,
    tiers: activeDict(db, 'tier'),
    regions: activeDict(db, 'region'),
    tags: activeDict(db, 'tag'),
    industries: activeDict(db, 'industry'),
    branchType: readSettings(db).branchType as BranchType,
    firstCode,
  });
  const t2 = performance.now();

  withBulkLoad(db, () => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK).map((c) => toBulk(c, managers.ids));
      insertCustomersBulk(db, chunk, opts.user.id);
      opts.onProgress?.(Math.min(i + CHUNK, rows.length), rows.length);
    }
  });
  const t3 = performance.now();
  // A seed multiplies the table: refresh the planner statistics now (the customers module's own
  // policy decides whether it is needed) rather than in the first list a user opens.
  ensurePlannerStatistics(db);
  const t4 = performance.now();
  if (rows.length) {
    writeAudit(db, now(), {
      userId: opts.user.id,
      userName: opts.user.name,
      action: 'customer_create',
      target: '演示数据',
      detail: { count: rows.length, from: rows[0].code, to: rows[rows.length - 1].code, seed: opts.seed ?? 1 },
      host: opts.host,
    });
  }

  return {
    managersCreated: managers.created,
    managersReused: managers.reused,
    customers: rows.length,
    firstCode: rows[0]?.code ?? '',
    lastCode: rows[rows.length - 1]?.code ?? '',
    ms: { managers: t1 - t0, generate: t2 - t1, insert: t3 - t2, analyze: t4 - t3, total: t4 - t0 },
  };
}
