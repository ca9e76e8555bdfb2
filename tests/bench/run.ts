/**
 * `npm run bench [-- --customers 20000] [--only excel] [--scale 0.1] [--json] [--explain] [--keep]`
 *
 * Builds a temporary branch database at the scale DOMAIN.md designs for
 * (200,000 customers, 60 managers), seeded through the same code as the CLI's
 * `seed`, and times the calls a user waits on through the real router. Every
 * case reports a figure against its target; the exit code stays 0 whatever the
 * figures (later suites add cases; CI reads `pass`). With --json stdout carries
 * only the JSON array, progress goes to stderr. `--only` runs the named suites
 * (customers, visits, excel, print, kpi; comma-separated) after the seeding every suite needs;
 * `--scale` shrinks the Excel suite's files for a quick check while tuning.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../../electron/core/app';
import type { SessionUser } from '../../shared/api/auth';
import { customerSuite, SUPERVISOR } from './cases/customers';
import { visitSuite } from './cases/visits';
import { excelSuite } from './cases/excel';
import { printSuite } from './cases/print';
import { kpiSuite } from './cases/kpi';
import { seedBranchInChild } from './seed';
import type { BenchContext, BenchSuite } from './context';
import { displayWidth } from '../../electron/cli/output';
import { result, type BenchResult } from './stats';

/** Suites in run order; a new domain's bench (visits, imports) is one more entry. */
const SUITES: BenchSuite[] = [customerSuite, visitSuite, excelSuite, printSuite, kpiSuite];

const ADMIN = { name: 'admin', password: 'Admin#2026' };

function options() {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '200000' },
      managers: { type: 'string', default: '60' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      only: { type: 'string' },
      scale: { type: 'string', default: '1' },
    },
    strict: true,
  });
  const int = (name: string, v: string, min: number) => {
    if (!/^\d+$/.test(v) || Number(v) < min) throw new Error(`--${name} 须为不小于 ${min} 的整数（当前为「${v}」）`);
    return Number(v);
  };
  const known = SUITES.map((s) => s.id);
  const only = values.only === undefined ? known : values.only.split(',').map((x) => x.trim()).filter(Boolean);
  const unknown = only.filter((x) => !known.includes(x));
  if (unknown.length || !only.length) throw new Error(`--only 须为 ${known.join('、')} 中的一个或几个（逗号分隔；当前为「${values.only}」）`);
  const scale = Number(values.scale);
  if (!/^\d*\.?\d+$/.test(values.scale) || !(scale > 0 && scale <= 1)) throw new Error(`--scale 须为 0 到 1 之间的小数（当前为「${values.scale}」）`);
  return {
    only,
    scale,
    customers: int('customers', values.customers, 100),
    managers: int('managers', values.managers, 1),
    seed: int('seed', values.seed, 0),
    json: values.json,
    explain: values.explain,
    keep: values.keep,
  };
}

function line(r: BenchResult): string {
  const name = r.case + ' '.repeat(Math.max(1, 40 - displayWidth(r.case)));
  const value = r.unit === 's' ? `${r.value.toFixed(1)} s` : r.unit === 'ms' ? `p95 ${r.value.toFixed(1)} ms` : `${r.value.toFixed(1)} ${r.unit}`;
  const label = r.case.startsWith('冷启动') ? `max ${r.value.toFixed(1)} ms` : value;
  const target = r.target === null ? '（仅供参考）' : `目标 < ${r.target} ${r.unit}  ${r.pass ? '✓' : '✗'}`;
  return `${name}${label.padEnd(16)}${target}${r.detail ? `   ${r.detail}` : ''}`;
}

async function main(): Promise<void> {
  const opts = options();
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-bench-'));
  const dbPath = path.join(dataDir, 'bench.db');
  let core = openCore({ dataDir, dbPath });

  const ctx: BenchContext = {
    get core() {
      return core;
    },
    set core(c) {
      core = c;
    },
    dataDir,
    dbPath,
    customers: opts.customers,
    scale: opts.scale,
    explain: opts.explain,
    log,
    async login(name, password) {
      const out = await core.router.invoke(null, 'auth.login', { name, password });
      if (!out.result.ok || !out.sessionToken) throw new Error(`登录 ${name} 失败：${out.result.ok ? '无会话' : out.result.error.message}`);
      return { token: out.sessionToken, user: (out.result.value as { user: SessionUser }).user };
    },
    async call(token, method, input) {
      const out = await core.router.invoke(token, method, input);
      if (!out.result.ok) throw new Error(`${method} 失败：${out.result.error.message}`);
      return out.result.value as never;
    },
  };

  const results: BenchResult[] = [];
  try {
    log(`BranchDesk 性能测试：${opts.customers} 个客户，${opts.managers} 个客户经理，数据库 ${dbPath}`);
    await ctx.call('', 'setup.init', { branchName: '性能测试烟草营销部', branchType: 'tobacco', adminName: ADMIN.name, password: ADMIN.password });
    const admin = await ctx.login(ADMIN.name, ADMIN.password);
    await ctx.call(admin.token, 'users.create', { name: SUPERVISOR.name, displayName: '负责人', role: 'supervisor', password: SUPERVISOR.password });
    // An account the administrator created must choose its own password before anything else (sec-auth);
    // the bench measures queries, so the supervisor's initial password is taken as chosen.
    core.db.prepare('UPDATE users SET must_change_password = 0 WHERE name = ?').run(SUPERVISOR.name);

    log('生成演示数据…');
    const seeded = await seedBranchInChild(ctx, { customers: opts.customers, managers: opts.managers, seed: opts.seed });
    // The branch's people have replaced the passwords the admin gave them (the core refuses all else until they do).
    core.db.prepare('UPDATE users SET must_change_password = 0').run();
    results.push(
      result(
        `演示数据生成 ${opts.customers} 客户`,
        seeded.ms.total / 1000,
        's',
        null,
        `生成 ${(seeded.ms.generate / 1000).toFixed(1)} s，写入 ${(seeded.ms.insert / 1000).toFixed(1)} s，ANALYZE ${(seeded.ms.analyze / 1000).toFixed(1)} s`,
      ),
    );

    for (const suite of SUITES.filter((s) => opts.only.includes(s.id))) {
      log(`测量 ${suite.name}…`);
      results.push(...(await suite.run(ctx)));
    }
  } finally {
    core.close();
    if (opts.keep) log(`数据库保留在 ${dbPath}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }

  const failed = results.filter((r) => !r.pass).length;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(results.map(({ detail: _detail, ...r }) => r), null, 2)}\n`);
    log(failed ? `${failed} 项未达标` : '全部达标');
  } else {
    process.stdout.write(`${results.map(line).join('\n')}\n\n`);
    process.stdout.write(failed ? `共 ${results.length} 项，${failed} 项未达标 ✗\n` : `共 ${results.length} 项，全部达标 ✓\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`错误：${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
