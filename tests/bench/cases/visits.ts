import { DEFAULT_MANAGER_PASSWORD } from '../../../electron/core/seed/seedBranch';
import { Rng } from '../../../electron/core/seed/prng';
import { buildVisitQuery, visitListSql } from '../../../electron/core/visits/list';
import { api, type InputOf } from '../../../shared/api/contract';
import type { SessionUser } from '../../../shared/api/auth';
import { addDays, localDate, weekMonday } from '../../../shared/domain/visitRules';
import type { BenchContext, BenchSuite } from '../context';
import { ensureVisits } from '../seed';
import { measure, result, type BenchResult } from '../stats';
import { SUPERVISOR } from './customers';

/**
 * Visit benchmarks (issue 3): at the design scale of 200,000 customers, 25 visits
 * per customer = 5,000,000 visits over five years. Every call goes through the
 * real router (validation, session, scope, handler) as the UI's does.
 */

const QUERY_TARGET_MS = 100;
const PLAN_TARGET_S = 3;
/** The exact total arrives after the page ("100+ → 20,001"): a wait the user sees in the counter, not in the grid. */
const COUNT_TARGET_MS = 1000;
const ITERATIONS = 100;
const WARMUP = 10;
/** DOMAIN.md: 200,000 customers and 5,000,000 visits in one database. */
const VISITS_PER_CUSTOMER = 25;

type Session = { token: string; user: SessionUser };

/** A manager's session: by password when the seeded default still works, else a session opened directly (the bench measures queries, not scrypt). */
async function managerSession(ctx: BenchContext, id: number, name: string): Promise<Session> {
  try {
    return await ctx.login(name, DEFAULT_MANAGER_PASSWORD);
  } catch {
    const token = ctx.core.sessions.create(id, Date.now()).token;
    return { token, user: { id, name, displayName: name, role: 'manager', mustChangePassword: false } };
  }
}

/**
 * Tops the database up to `wanted` visits with the realistic generator (one
 * transaction, fast path): for suites that need visits to exist (the Excel export
 * bench calls it with a smaller count before this suite runs).
 */
function explainList(ctx: BenchContext, user: SessionUser, input: InputOf<'visits.list'>): void {
  if (!ctx.explain) return;
  const q = api['visits.list'].input.parse(input);
  const built = buildVisitQuery(ctx.core.db, user, q);
  if (!built) return;
  const sql = visitListSql(built.where, built.orderBy);
  for (const [part, text, extra] of [
    ['rows', sql.rows, [q.limit, q.offset]],
    ['count', sql.count, [q.offset + q.limit + 100]],
  ] as const) {
    ctx.log(`  [plan] visits.list · ${part}  ${JSON.stringify(input)}`);
    for (const s of ctx.core.db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...built.params, ...extra) as { detail: string }[]) ctx.log(`  [plan]   ${s.detail}`);
  }
}

export const visitSuite: BenchSuite = {
  id: 'visits',
  name: 'visits',
  async run(ctx) {
    const results: BenchResult[] = [];
    const seeded = await ensureVisits(ctx, ctx.customers * VISITS_PER_CUSTOMER, 1);
    if (seeded) {
      results.push(result(`演示数据生成 ${seeded.stored} 走访`, seeded.ms / 1000, 's', null, `约 ${Math.round(seeded.stored / (seeded.ms / 1000))} 条/秒（含 ANALYZE）`));
    }
    const db = ctx.core.db;
    const rng = new Rng(31);
    const supervisor = await ctx.login(SUPERVISOR.name, SUPERVISOR.password);
    // The busiest manager: the home screen's worst case.
    const busiest = db
      .prepare(
        `SELECT u.id, u.name, count(*) AS n FROM customers c JOIN users u ON u.id = c.manager_id
         WHERE c.deleted_at IS NULL AND u.role = 'manager' GROUP BY u.id ORDER BY n DESC LIMIT 1`,
      )
      .get() as { id: number; name: string; n: number };
    const manager = await managerSession(ctx, busiest.id, busiest.name);
    const managerIds = (db.prepare("SELECT id FROM users WHERE role = 'manager' AND disabled = 0").all() as { id: number }[]).map((r) => r.id);
    const maxCustomer = (db.prepare('SELECT max(id) AS n FROM customers').get() as { n: number }).n;
    const latest = (db.prepare('SELECT max(sign_in) AS d FROM visits WHERE deleted_at IS NULL').get() as { d: string }).d.slice(0, 10);

    ctx.log('  测量 客户时间线…');
    const timeline = await measure(ITERATIONS, WARMUP, (i) =>
      ctx.call(supervisor.token, 'timeline.customer', { customerId: 1 + ((i * 7919 + rng.int(0, 99)) % maxCustomer), limit: 50 }),
    );
    results.push(result('走访 客户时间线(50条)', timeline.p95, 'ms', QUERY_TARGET_MS, `p50 ${timeline.p50.toFixed(1)} ms，${ITERATIONS} 次`));

    // What a supervisor filters the visit grid by: a manager and a quarter, a month of one tier, a type.
    const inputs: InputOf<'visits.list'>[] = [];
    for (let i = 0; i < 30; i++) {
      const from = addDays(latest, -30 - rng.int(0, 330));
      const m = managerIds[rng.int(0, managerIds.length - 1)];
      inputs.push(
        i % 3 === 0
          ? { managerId: [m], from, to: addDays(from, 90), signature: ['已签'], limit: 100 }
          : i % 3 === 1
            ? { from, to: addDays(from, 30), tier: ['A'], type: i % 2 ? ['回访'] : undefined, limit: 100 }
            : { managerId: [m], type: ['常规走访'], limit: 100, offset: 100 * rng.int(0, 4) },
      );
    }
    explainList(ctx, supervisor.user, inputs[1]);
    ctx.log('  测量 走访列表…');
    const list = await measure(ITERATIONS, WARMUP, (i) => ctx.call(supervisor.token, 'visits.list', inputs[i % inputs.length]));
    results.push(result('走访列表 筛选后一页(100行)', list.p95, 'ms', QUERY_TARGET_MS, `p50 ${list.p50.toFixed(1)} ms，${ITERATIONS} 次，${inputs.length} 种筛选`));

    // The same filters' exact totals, and the widest: the whole branch's five years unfiltered.
    ctx.log('  测量 走访精确总数…');
    const countInputs = inputs.map(({ limit: _l, offset: _o, ...f }) => f);
    const counts = await measure(30, 3, (i) => ctx.call(supervisor.token, 'visits.count', countInputs[i % countInputs.length]));
    results.push(result('走访列表 精确总数(同上筛选)', counts.p95, 'ms', COUNT_TARGET_MS, `p50 ${counts.p50.toFixed(1)} ms，30 次`));
    let all = 0;
    const whole = await measure(5, 1, async () => {
      all = (await ctx.call(supervisor.token, 'visits.count', {})).total;
    });
    results.push(result('走访列表 精确总数(全网点不筛选)', whole.p95, 'ms', COUNT_TARGET_MS, `${all} 条，5 次`));

    ctx.log('  测量 客户经理首页…');
    const home = await measure(ITERATIONS, WARMUP, () => ctx.call(manager.token, 'home.today', {}));
    results.push(result(`客户经理首页(${busiest.n}个客户)`, home.p95, 'ms', QUERY_TARGET_MS, `p50 ${home.p50.toFixed(1)} ms，${ITERATIONS} 次`));
    const bossHome = await measure(20, 3, () => ctx.call(supervisor.token, 'home.today', {}));
    results.push(result('负责人首页(全网点)', bossHome.p95, 'ms', QUERY_TARGET_MS, `p50 ${bossHome.p50.toFixed(1)} ms，20 次`));

    // Next week's plans for every manager: once, on a week nobody planned yet, removed again afterwards.
    let week = addDays(weekMonday(localDate(new Date())), 7);
    while (db.prepare('SELECT 1 FROM plan_entries WHERE week_monday = ? LIMIT 1').get(week)) week = addDays(week, 7);
    ctx.log(`  测量 生成 ${week} 周计划…`);
    const t0 = performance.now();
    const plan = await ctx.call(supervisor.token, 'plans.generate', { week });
    const seconds = (performance.now() - t0) / 1000;
    db.prepare('DELETE FROM plan_entries WHERE week_monday = ?').run(week);
    results.push(
      result(`生成下周计划(${plan.managers.length}个客户经理)`, seconds, 's', PLAN_TARGET_S, `${plan.added} 条计划，应访 ${plan.managers.reduce((s, m) => s + m.due, 0)} 户`),
    );
    return results;
  },
};
