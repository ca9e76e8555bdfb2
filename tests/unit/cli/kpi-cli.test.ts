import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../../shared/domain/visitRules';
import { testChildEnv } from '../helpers/passwordCost';

// The CLI as a real child process on one shared database, walked through in order (as cli.test.ts).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-kpi-cli-'));
const db = path.join(dir, '网点.db');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [tsxCli, 'electron/cli/main.ts', ...args, '--db', db], {
    cwd: root,
    encoding: 'utf8',
    env: testChildEnv({ BRANCHDESK_PASSWORD: '' }),
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const json = (r: Run) => JSON.parse(r.stdout);
const ADMIN = ['--user', 'admin', '--password', 'Admin#2026'];
const ZHANG = ['--user', 'zhangsan', '--password', 'Zs#20260101'];
const today = localDate(new Date());
const day = addDays(today, -10);
const FIELDS = [
  'assigned',
  'planned',
  'plannedDone',
  'planCompletionRate',
  'visitedCustomers',
  'coverage',
  'visits',
  'avgOnSiteMinutes',
  'specialVisits',
  'returnVisits',
  'signatureRate',
  'overdueFollowUps',
  'archiveCompleteness',
  'newCustomers',
  'keyCustomersLost',
];

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('branchdesk CLI: kpi and score (a contract)', { timeout: 120_000 }, () => {
  it('sets up a branch, two managers, two customers of zhangsan and one visit', () => {
    expect(cli('init', '--branch', '城关烟草营销部', '--type', 'tobacco', '--admin', 'admin', '--password', 'Admin#2026').status).toBe(0);
    for (const [name, display] of [
      ['zhangsan', '张三'],
      ['lisi', '李四'],
    ]) {
      const u = cli('user', 'add', ...ADMIN, '--name', name, '--role', 'manager', '--password', 'Zs#Init2026', '--display-name', display);
      expect(u.status, u.stderr).toBe(0);
    }
    expect(cli('passwd', '--user', 'zhangsan', '--password', 'Zs#Init2026', '--new', 'Zs#20260101').status).toBe(0);
    for (const c of [
      { name: '单雄信', kind: '个人', mobile: '13800001234', tier: 'A' },
      { name: '罗成', kind: '个人', phone: '0591-87654321', tier: 'B' },
    ]) {
      const r = cli('customer', 'add', ...ZHANG, '--data', JSON.stringify(c));
      expect(r.status, r.stderr).toBe(0);
    }
    const v = cli('visit', 'add', ...ZHANG, '--data', JSON.stringify({ customer: 'C000001', type: '特殊访问', signIn: `${day}T09:30`, signOut: `${day}T10:15`, signature: '已签' }));
    expect(v.status, v.stderr).toBe(0);
  });

  it('kpi --json prints exactly the contract: from, to, managers[{ manager, …15 figures }], branch', () => {
    // Up to today: the customers were created today (a customer created after a period is not in it).
    const r = cli('kpi', ...ADMIN, '--from', day, '--to', today, '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = json(r);
    expect(Object.keys(out)).toEqual(['from', 'to', 'managers', 'branch']);
    expect(out).toMatchObject({ from: day, to: today });
    expect(out.managers.map((m: { manager: string }) => m.manager).sort()).toEqual(['lisi', 'zhangsan']);
    const z = out.managers.find((m: { manager: string }) => m.manager === 'zhangsan');
    expect(Object.keys(z)).toEqual(['manager', ...FIELDS]);
    expect(Object.keys(out.branch)).toEqual(FIELDS);
    expect(z).toMatchObject({
      assigned: 2,
      visitedCustomers: 1,
      coverage: 0.5,
      visits: 1,
      avgOnSiteMinutes: 45,
      specialVisits: 1,
      signatureRate: 1,
      planned: 0,
      planCompletionRate: null,
      keyCustomersLost: 0,
      newCustomers: 2,
    });
    // Two persons without an ID number or address: name, kind, tier, manager filled, one mobile → 9 of 14.
    expect(z.archiveCompleteness).toBeCloseTo(9 / 14, 12);
    expect(out.managers.find((m: { manager: string }) => m.manager === 'lisi')).toMatchObject({ assigned: 0, coverage: null, visits: 0 });
    expect(out.branch).toMatchObject({ assigned: 2, visits: 1, coverage: 0.5 });
  });

  it("a manager's kpi shows only himself; asking for another is refused; a bad date is a usage error", () => {
    const own = cli('kpi', ...ZHANG, '--from', day, '--to', day, '--json');
    expect(own.status, own.stderr).toBe(0);
    expect(json(own).managers.map((m: { manager: string }) => m.manager)).toEqual(['zhangsan']);
    const other = cli('kpi', ...ZHANG, '--from', day, '--to', day, '--manager', 'lisi');
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/客户经理只能查看自己的指标/);
    const bad = cli('kpi', ...ADMIN, '--from', '2026-13-01', '--to', day);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/YYYY-MM-DD/);
    const text = cli('kpi', ...ADMIN, '--from', day, '--to', day);
    expect(text.stdout).toMatch(/网点合计/);
  });

  it('score weights --json prints { weights, lambdaMax, ci, cr, consistent }', () => {
    const r = cli('score', 'weights', ...ADMIN, '--matrix', JSON.stringify([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]), '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = json(r);
    expect(Object.keys(out)).toEqual(['weights', 'lambdaMax', 'ci', 'cr', 'consistent']);
    expect(out.weights.map((w: number) => Math.round(w * 1000) / 1000)).toEqual([0.637, 0.258, 0.105]);
    expect(out.cr).toBeCloseTo(0.0332, 3);
    expect(out.consistent).toBe(true);
    const bad = cli('score', 'weights', ...ADMIN, '--matrix', '[[1,3],[3,1]]');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/第 2 行第 1 列（指标2 对 指标1）须为第 1 行第 2 列（指标1 对 指标2）的倒数 1\/3/);
  });

  it('score run --json ranks the managers with the preset set-up', () => {
    const r = cli('score', 'run', ...ADMIN, '--from', day, '--to', today, '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = json(r);
    expect(out.setup.name).toBe('预设方案');
    expect(out.ranking.map((x: { manager: string }) => x.manager)).toEqual(['zhangsan', 'lisi']);
    expect(out.ranking[0].score).toBeGreaterThan(out.ranking[1].score);
  });

  it('warnings --json lists the open warnings (none here: no key customers)', () => {
    const r = cli('warnings', ...ADMIN, '--evaluate', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(json(r)).toEqual({ rows: [], total: 0 });
  });

  it('report draft --month drafts the manager’s own report; a supervisor names the manager', () => {
    const month = today.slice(0, 7);
    const own = cli('report', 'draft', ...ZHANG, '--month', month, '--json');
    expect(own.status, own.stderr).toBe(0);
    expect(json(own)).toMatchObject({ manager: 'zhangsan', month, status: '草稿', versions: [] });
    expect(json(own).figures.visits.assigned).toBe(2);
    const text = cli('report', 'draft', ...ADMIN, '--month', month, '--manager', 'zhangsan');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/客户月度销售情况分析报告/);
    expect(cli('report', 'draft', ...ADMIN, '--month', '2026-13').status).toBe(2);
  });

  it('export summary writes the workbook: one sheet per part, title row, header, real numbers', async () => {
    const out = path.join(dir, '考核汇总.xlsx');
    const r = cli('export', 'summary', out, ...ADMIN, '--from', day, '--to', today, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(json(r).sheets).toEqual([
      { name: '客户经理指标', rows: 3 },
      { name: '分级覆盖率', rows: 2 },
      { name: '服务质量评分', rows: 2 },
      { name: '逾期跟进', rows: 0 },
      { name: '流失预警', rows: 0 },
      { name: '走访记录', rows: 1 },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('客户经理指标')!;
    expect(String(ws.getCell(1, 1).value)).toMatch(/^城关烟草营销部\u3000客户经理指标\u3000期间：/);
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['客户经理', '覆盖率', '签字率']));
    const zhangRow = [3, 4, 5].map((i) => ws.getRow(i)).find((row) => row.getCell(1).value === '张三')!;
    const header = (ws.getRow(2).values as unknown[]).indexOf('覆盖率');
    expect(zhangRow.getCell(header).value).toBe(0.5);
    expect(cli('export', 'summary', out, ...ZHANG, '--from', day, '--to', today).status).toBe(1);
  });
});
