/**
 * The bench's seeding, run as a child process (see child.ts: the bench process must
 * stay small while other children are timed). Same code as the CLI's `seed`.
 *
 *   node --import tsx tests/bench/seed.ts branch <db> <customers> <managers> <seed>
 *   node --import tsx tests/bench/seed.ts visits <db> <wanted> <seed>
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCore } from '../../electron/core/app';
import { seedBranch, type SeedResult } from '../../electron/core/seed';
import { seedVisits } from '../../electron/core/visits/seed';
import type { SessionUser } from '../../shared/api/auth';
import { childMain, runChild } from './child';
import type { BenchContext } from './context';

const here = fileURLToPath(import.meta.url);
const log = (m: string) => process.stderr.write(`${m}\n`);

/** Visits stored and the time it took (ANALYZE included), or null when there were enough already. */
export type VisitSeed = { stored: number; ms: number } | null;

async function branch(dbPath: string, customers: number, managers: number, seed: number): Promise<SeedResult> {
  const core = openCore({ dataDir: path.dirname(dbPath), dbPath });
  try {
    const admin = core.db.prepare("SELECT id, name, display_name AS displayName FROM users WHERE role = 'admin' ORDER BY id LIMIT 1").get() as Omit<SessionUser, 'role' | 'mustChangePassword'>;
    return await seedBranch(core.db, {
      user: { ...admin, role: 'admin', mustChangePassword: false },
      customers,
      managers,
      seed,
      onProgress: (done, total) => log(`已写入 ${done} / ${total}`),
    });
  } finally {
    core.close();
  }
}

async function visits(dbPath: string, wanted: number, seed: number): Promise<VisitSeed> {
  const core = openCore({ dataDir: path.dirname(dbPath), dbPath });
  try {
    const have = (core.db.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n;
    if (have >= wanted) return null;
    log(`生成走访记录 ${wanted - have} 条（5 年）…`);
    const seeded = seedVisits(core.db, wanted - have, { seed, years: 5, onProgress: (n) => n % 1_000_000 === 0 && log(`  已写入 ${n}`) });
    const t0 = performance.now();
    core.db.exec('ANALYZE');
    return { stored: seeded.stored, ms: seeded.ms + performance.now() - t0 };
  } finally {
    core.close();
  }
}

/**
 * Seeds in a child, then reopens the bench's own connection so its query planner reads
 * the statistics the child's ANALYZE wrote (sessions start again: cases log in after this).
 */
async function seedInChild<T>(ctx: BenchContext, args: string[]): Promise<T> {
  const out = await runChild<T>(here, args, ctx.log);
  ctx.core.close();
  ctx.core = openCore({ dataDir: ctx.dataDir, dbPath: ctx.dbPath });
  return out;
}

export function seedBranchInChild(ctx: BenchContext, o: { customers: number; managers: number; seed: number }): Promise<SeedResult> {
  return seedInChild(ctx, ['branch', ctx.dbPath, String(o.customers), String(o.managers), String(o.seed)]);
}

/** At least `wanted` visits in the bench database. */
export function ensureVisits(ctx: BenchContext, wanted: number, seed: number): Promise<VisitSeed> {
  const have = (ctx.core.db.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n;
  if (have >= wanted) return Promise.resolve(null);
  return seedInChild(ctx, ['visits', ctx.dbPath, String(wanted), String(seed)]);
}

childMain(import.meta.url, ([mode, db, a, b, c]) => (mode === 'branch' ? branch(db, Number(a), Number(b), Number(c)) : visits(db, Number(a), Number(b))));
