import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, localDate } from '../../../shared/domain/visitRules';
import { testChildEnv } from '../helpers/passwordCost';

// Same approach as cli.test.ts: the CLI as a real child process on one shared database walked through in order.
// Each start costs about a second, so the scenario keeps the number of processes small.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-visits-cli-'));
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
const visitDay = addDays(today, -10);
const nextMonday = addDays(today, ((8 - dayOfWeek(today)) % 7) || 7);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('branchdesk CLI: visits and plans', { timeout: 120_000 }, () => {
  let visitId = 0;

  it('sets up a branch, a manager and one of their customers', () => {
    expect(cli('init', '--branch', '城关烟草营销部', '--type', 'tobacco', '--admin', 'admin', '--password', 'Admin#2026').status).toBe(0);
    const user = cli('user', 'add', ...ADMIN, '--name', 'zhangsan', '--role', 'manager', '--password', 'Zs#Init2026', '--display-name', '张三');
    expect(user.status, user.stderr).toBe(0);
    // A new account must replace the administrator's password before anything else.
    expect(cli('passwd', '--user', 'zhangsan', '--password', 'Zs#Init2026', '--new', 'Zs#20260101').status).toBe(0);
    const customer = cli('customer', 'add', ...ZHANG, '--data', JSON.stringify({ name: '单雄信', kind: '个人', mobile: '13800001234', tier: 'A' }));
    expect(customer.status, customer.stderr).toBe(0);
  });

  it('visit add --json prints the visit under the contract field names', () => {
    const data = {
      customer: 'C000001',
      type: '常规走访',
      signIn: `${visitDay}T09:30`,
      signOut: `${visitDay}T10:15`,
      location: '店内',
      content: '核对库存',
      checklist: ['收集信息', '协助陈列'],
      opinions: '希望多到货',
      nextFollowUp: { due: addDays(visitDay, 3), content: '送新品资料' },
      signature: '已签',
    };
    const r = cli('visit', 'add', ...ZHANG, '--json', '--data', JSON.stringify(data));
    expect(r.status, r.stderr).toBe(0);
    const v = json(r);
    expect(v).toMatchObject({
      customer: 'C000001',
      manager: 'zhangsan',
      type: '常规走访',
      signIn: `${visitDay}T09:30`,
      signOut: `${visitDay}T10:15`,
      durationMinutes: 45,
      location: '店内',
      content: '核对库存',
      checklist: ['收集信息', '协助陈列'],
      opinions: '希望多到货',
      nextFollowUp: { due: addDays(visitDay, 3), content: '送新品资料' },
      signature: '已签',
      signatureNote: '',
    });
    expect(v.id).toBeGreaterThan(0);
    visitId = v.id;
  });

  it('visit list --json finds it; a visit in the future is refused with exit 1', () => {
    const list = cli('visit', 'list', ...ZHANG, '--from', visitDay, '--to', today, '--customer', 'C000001', '--json');
    expect(list.status, list.stderr).toBe(0);
    const page = json(list);
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ id: visitId, customer: 'C000001', manager: 'zhangsan', durationMinutes: 45 });

    const future = cli('visit', 'add', ...ZHANG, '--data', JSON.stringify({ customer: 'C000001', signIn: `${addDays(today, 2)}T09:30`, durationMinutes: 30 }));
    expect(future.status).toBe(1);
    expect(future.stderr).toMatch(/^错误：签到时间.*将来/);
  });

  it('usage errors (bad date, missing --week) exit 2', () => {
    const bad = cli('visit', 'list', ...ZHANG, '--from', '2024/13/01');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^错误：.*YYYY-MM-DD/);
    const missing = cli('plan', 'show', ...ZHANG);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^错误：缺少必填选项 --week/);
  });

  it('plan generate for next Monday, then plan show --json lists the due customer', () => {
    const gen = cli('plan', 'generate', ...ADMIN, '--week', nextMonday, '--json');
    expect(gen.status, gen.stderr).toBe(0);
    expect(json(gen)).toMatchObject({ week: nextMonday, added: 1 });

    const show = cli('plan', 'show', ...ZHANG, '--week', nextMonday, '--json');
    expect(show.status, show.stderr).toBe(0);
    const w = json(show);
    expect(w.week).toBe(nextMonday);
    expect(w.summary).toMatchObject({ total: 1 });
    expect(w.entries).toHaveLength(1);
    expect(w.entries[0]).toMatchObject({ customer: 'C000001', manager: 'zhangsan', status: '计划' });
    expect(w.entries[0].date >= nextMonday && w.entries[0].date <= addDays(nextMonday, 4)).toBe(true);
  });

  it('seed --visits generates history; visit list --limit 5 --json gives 5 rows', () => {
    const seed = cli('seed', '--customers', '200', '--managers', '2', '--visits', '1000', ...ADMIN, '--json');
    expect(seed.status, seed.stderr).toBe(0);
    expect(json(seed)).toMatchObject({ customers: 200, managersCreated: 2, visits: 1000 });

    const list = cli('visit', 'list', '--limit', '5', ...ADMIN, '--json');
    expect(list.status, list.stderr).toBe(0);
    const page = json(list);
    expect(page.rows).toHaveLength(5);
    // The API stops counting early on large tables and says so: total is then only a lower bound.
    expect(page.totalIsLowerBound ? page.total >= 5 : page.total === 1001).toBe(true);
    expect(Object.keys(page.rows[0])).toEqual(expect.arrayContaining(['customer', 'manager', 'signIn', 'signOut', 'durationMinutes', 'signature']));
  });
});
