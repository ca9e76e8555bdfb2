import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, localDate } from '../../../shared/domain/visitRules';
import { pdfFacts } from '../helpers/pdf';
import { testChildEnv } from '../helpers/passwordCost';

// The print and sheet commands as a real child process on one database, walked through in order.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-print-cli-'));
const db = path.join(dir, '网点.db');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [tsxCli, 'electron/cli/main.ts', ...args, '--db', db], { cwd: root, encoding: 'utf8', timeout: 120_000, env: testChildEnv() });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ADMIN = ['--user', 'admin', '--password', 'Admin#2026'];
const ZHANG = ['--user', 'zhangsan', '--password', 'Zs#20260101'];
const today = localDate(new Date());
const nextMonday = addDays(today, ((8 - dayOfWeek(today)) % 7) || 7);
const past = addDays(today, -3);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('branchdesk CLI: print sign-in and sheet list/show/return', { timeout: 180_000 }, () => {
  let weekSheet = '';
  let blankSheet = '';

  it('prints next week’s book as a PDF and answers { out, pages, sheets: [{ sheetNo, rows }] }', () => {
    expect(cli('init', '--branch', '城关烟草营销部', '--type', 'tobacco', '--admin', 'admin', '--password', 'Admin#2026').status).toBe(0);
    expect(cli('user', 'add', ...ADMIN, '--name', 'zhangsan', '--role', 'manager', '--password', 'Zs#Init2026', '--display-name', '张三').status).toBe(0);
    // A new account must change the password the admin gave it before anything else.
    expect(cli('passwd', '--user', 'zhangsan', '--password', 'Zs#Init2026', '--new', 'Zs#20260101').status).toBe(0);
    for (const n of ['一', '二']) {
      const c = cli('customer', 'add', ...ZHANG, '--data', JSON.stringify({ name: `单${n}烟酒店`, kind: '个人', mobile: n === '一' ? '13800001234' : '13800005678', tier: 'A' }));
      expect(c.status, c.stderr).toBe(0);
    }
    expect(cli('plan', 'generate', ...ZHANG, '--week', nextMonday).status).toBe(0);
    const out = path.join(dir, '签到簿.pdf');
    const r = cli('print', 'sign-in', ...ZHANG, '--week', nextMonday, '--out', out, '--json');
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['out', 'pages', 'sheets']);
    expect(j.out).toBe(out);
    expect(j.pages).toBe(1);
    expect(j.sheets).toEqual([{ sheetNo: expect.stringMatching(/^QD-\d{8}-0001$/), rows: 2 }]);
    weekSheet = j.sheets[0].sheetNo;
    const facts = pdfFacts(readFileSync(out));
    expect(facts.pages).toBe(1);
    expect(facts.pageTexts[0]).toContain(weekSheet);
    expect(facts.pageTexts[0]).toContain('单一烟酒店');
    expect(facts.pageTexts[0]).toContain('138****1234');
  });

  it('refuses a wrong command line before touching the database (exit 2)', () => {
    expect(cli('print', 'sign-in', ...ZHANG, '--out', path.join(dir, 'x.pdf')).status).toBe(2);
    expect(cli('print', 'sign-in', ...ZHANG, '--week', nextMonday, '--out', path.join(dir, 'x.txt')).status).toBe(2);
  });

  it('sheet list and sheet show --json', () => {
    const blank = JSON.parse(cli('print', 'sign-in', ...ZHANG, '--blank-pages', '1', '--out', path.join(dir, 'blank.pdf'), '--json').stdout);
    blankSheet = blank.sheets[0].sheetNo;
    expect(blank.sheets[0].rows).toBe(10);
    const list = JSON.parse(cli('sheet', 'list', ...ZHANG, '--json').stdout);
    expect(list.rows.map((s: { sheetNo: string }) => s.sheetNo)).toEqual([blankSheet, weekSheet]);
    expect(JSON.parse(cli('sheet', 'list', ...ZHANG, '--outstanding', '--json').stdout).rows).toEqual([]);
    const show = JSON.parse(cli('sheet', 'show', weekSheet, ...ZHANG, '--json').stdout);
    expect(show).toMatchObject({ sheetNo: weekSheet, week: nextMonday, rows: 2, manager: 'zhangsan' });
    expect(show.rowsDetail.map((r: { row: number; customer: string }) => [r.row, r.customer])).toEqual([
      [1, 'C000001'],
      [2, 'C000002'],
    ]);
  });

  it('sheet return stores all rows or none, and visit list --json shows the sheet number', () => {
    const bad = cli('sheet', 'return', weekSheet, ...ZHANG, '--data', JSON.stringify([{ row: 1, signIn: '09:30', signOut: '10:00', signature: '已签' }]));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/第 1 行：签到时间：.*晚于当前时间/);
    const rows = [
      { row: 1, customer: 'C000001', signIn: `${past} 09:30`, signOut: `${past} 10:00`, signature: '已签', content: '送宣传册' },
      { row: 2, customer: 'C000002', signIn: `${past} 10:30`, signOut: `${past} 11:00`, signature: '无法签字', reason: '店主外出' },
    ];
    const ok = cli('sheet', 'return', blankSheet, ...ZHANG, '--data', JSON.stringify(rows), '--json');
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ sheetNo: blankSheet, saved: 2 });
    const visits = JSON.parse(cli('visit', 'list', ...ZHANG, '--json').stdout);
    const list = Array.isArray(visits) ? visits : visits.rows;
    expect(list.map((v: { customer: string; signature: string; sheetNo: string }) => [v.customer, v.signature, v.sheetNo]).sort()).toEqual([
      ['C000001', '已签', blankSheet],
      ['C000002', '无法签字', blankSheet],
    ]);
  });

  it('print archive-card / week-plan / monthly-report: a PDF each and { out, pages, sheets: [] }', () => {
    const cards = cli('print', 'archive-card', ...ZHANG, '--customer', 'C000002', '--customer', '1', '--out', path.join(dir, '档案卡.pdf'), '--json');
    expect(cards.status, cards.stderr).toBe(0);
    const j = JSON.parse(cards.stdout);
    expect(j).toEqual({ out: path.join(dir, '档案卡.pdf'), pages: 2, sheets: [] });
    const facts = pdfFacts(readFileSync(j.out));
    expect(facts.pageTexts.map((p) => /单(.)烟酒店/.exec(p)?.[1])).toEqual(['二', '一']);

    const plan = JSON.parse(cli('print', 'week-plan', ...ZHANG, '--week', nextMonday, '--out', path.join(dir, '日程表.pdf'), '--json').stdout);
    expect(plan).toMatchObject({ pages: 1, sheets: [] });
    expect(pdfFacts(readFileSync(plan.out)).pageTexts[0]).toContain('客户访问日程表');

    const month = today.slice(0, 7);
    const report = cli('print', 'monthly-report', ...ZHANG, '--month', month, '--out', path.join(dir, '月报.pdf'), '--json');
    expect(report.status, report.stderr).toBe(0);
    expect(pdfFacts(readFileSync(JSON.parse(report.stdout).out)).pageTexts[0]).toContain('客户月度销售情况分析报告');
  });

  it('print complaint / receipt: a bad id is a usage error (exit 2), a missing record a clear message (exit 1)', () => {
    expect(cli('print', 'receipt', ...ZHANG, '--receipt', 'abc', '--out', path.join(dir, 'r.pdf')).status).toBe(2);
    const missing = cli('print', 'complaint', ...ZHANG, '--complaint', '999', '--out', path.join(dir, 'k.pdf'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('投诉反馈不存在（ID 999）');
    expect(cli('print', 'archive-card', ...ZHANG, '--customer', 'NOPE', '--out', path.join(dir, 'x.pdf')).stderr).toContain('找不到客户编码「NOPE」');
  });
});
