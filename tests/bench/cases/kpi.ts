import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { runSummary } from '../../../electron/core/kpi/summary';
import type { TaskContext } from '../../../electron/core/jobs/types';
import type { BenchSuite } from '../context';
import { ensureVisits } from '../seed';
import { measure, result, type BenchResult } from '../stats';
import { SUPERVISOR } from './customers';

/**
 * The supervisor's desk (issue 17) at the design scale: 200,000 customers, 60 managers,
 * 5,000,000 visits (the visits suite's 25 per customer). One month's KPIs for every
 * manager through the real router, as the dashboard and `kpi --json` ask for them.
 */
const KPI_TARGET_MS = 500;
const DASHBOARD_TARGET_MS = 1000;
const SUMMARY_TARGET_S = 10;
const VISITS_PER_CUSTOMER = 25;

export const kpiSuite: BenchSuite = {
  id: 'kpi',
  name: 'kpi',
  async run(ctx) {
    const results: BenchResult[] = [];
    const seeded = await ensureVisits(ctx, ctx.customers * VISITS_PER_CUSTOMER, 1);
    if (seeded) results.push(result(`演示数据生成 ${seeded.stored} 走访`, seeded.ms / 1000, 's', null, `约 ${Math.round(seeded.stored / (seeded.ms / 1000))} 条/秒（含 ANALYZE）`));
    const db = ctx.core.db;
    const supervisor = await ctx.login(SUPERVISOR.name, SUPERVISOR.password);
    const latest = (db.prepare('SELECT max(sign_in) AS d FROM visits WHERE deleted_at IS NULL').get() as { d: string }).d.slice(0, 7);
    // The last complete month of the seeded visits.
    const [y, m] = latest.split('-').map(Number);
    const month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const from = `${month}-01`;
    const to = `${month}-${String(new Date(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0).getDate()).padStart(2, '0')}`;
    const inMonth = (db.prepare('SELECT count(*) AS n FROM visits WHERE deleted_at IS NULL AND sign_in >= ? AND sign_in < ?').get(from, `${to}~`) as { n: number }).n;
    if (ctx.explain) {
      for (const sql of [
        "SELECT manager_id, customer_id FROM visits WHERE deleted_at IS NULL AND sign_in >= ? AND sign_in < ?",
        'SELECT owner_id, count(*) FROM followups WHERE deleted_at IS NULL AND due >= ? AND due <= ? GROUP BY owner_id',
        "SELECT manager_id, count(*) FROM plan_entries WHERE removed_at IS NULL AND date >= ? AND date <= ? GROUP BY manager_id",
      ]) {
        ctx.log(`  [plan] ${sql}`);
        for (const s of db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(from, to) as { detail: string }[]) ctx.log(`  [plan]   ${s.detail}`);
      }
    }
    ctx.log(`  测量 ${from}–${to} 的指标（${inMonth} 次走访）…`);
    let managers = 0;
    const kpi = await measure(10, 2, async () => {
      managers = (await ctx.call(supervisor.token, 'kpi.report', { from, to })).managers.length;
    });
    results.push(result(`一个月指标(${managers}个客户经理)`, kpi.p95, 'ms', KPI_TARGET_MS, `p50 ${kpi.p50.toFixed(1)} ms，10 次，${inMonth} 次走访`));
    ctx.log('  测量 工作看板…');
    const dash = await measure(10, 2, () => ctx.call(supervisor.token, 'kpi.dashboard', { from, to }));
    results.push(result('工作看板数据(一个月)', dash.p95, 'ms', DASHBOARD_TARGET_MS, `p50 ${dash.p50.toFixed(1)} ms，10 次`));
    // The 考核汇总 workbook: the job's own function, run in this thread (the job thread adds only its start-up).
    ctx.log('  测量 考核汇总工作簿…');
    const jobDir = path.join(ctx.dataDir, 'summary-job');
    mkdirSync(jobDir, { recursive: true });
    const task = {
      db,
      user: { id: supervisor.user.id, name: supervisor.user.name, displayName: supervisor.user.displayName, role: 'supervisor', fullExport: false },
      now: new Date(),
      jobId: 'bench-summary',
      jobDir,
      dataDir: ctx.dataDir,
      progress: () => undefined,
      checkCancelled: () => undefined,
    } satisfies TaskContext;
    const s0 = performance.now();
    const summary = await runSummary(task, { from, to });
    const seconds = (performance.now() - s0) / 1000;
    results.push(result('考核汇总工作簿(一个月)', seconds, 's', SUMMARY_TARGET_S, summary.report.sheets.map((x) => `${x.name} ${x.rows}`).join('，')));
    return results;
  },
};
