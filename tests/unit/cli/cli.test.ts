import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { testChildEnv } from '../helpers/passwordCost';

// The CLI runs as a real child process, exactly as an administrator's script would run it.
// Each start costs about half a second, so the scenario below is one shared database walked through in order.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-cli-'));
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
/** The password the administrator gave zhangsan; `passwd` replaces it with ZHANG's before anything else. */
const ZHANG_INITIAL = 'Zs#Init2026';

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('branchdesk CLI', { timeout: 120_000 }, () => {
  let customerId = 0;

  it('init creates the branch and admin; user add creates a manager (login password right after --user)', () => {
    const init = cli('init', '--branch', '城关烟草营销部', '--type', 'tobacco', '--admin', 'admin', '--password', 'Admin#2026');
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('城关烟草营销部');

    const add = cli('user', 'add', ...ADMIN, '--name', 'zhangsan', '--role', 'manager', '--password', ZHANG_INITIAL, '--display-name', '张三', '--json');
    expect(add.status, add.stderr).toBe(0);
    expect(json(add)).toMatchObject({ name: 'zhangsan', displayName: '张三', role: 'manager' });

    const passwd = cli('passwd', '--user', 'zhangsan', '--password', ZHANG_INITIAL, '--new', 'Zs#20260101');
    expect(passwd.status, passwd.stderr).toBe(0);
  });

  it('customer add --data takes the contract JSON and prints the new id', () => {
    const data = {
      name: '单雄信',
      kind: '个人',
      idNumber: '110101199003071030',
      mobile: '138 0000 1234',
      address: '福建省泉州市晋江市青阳街道人民路1号',
      tier: 'A',
      region: '城区一片',
      status: '正式',
      keyCustomer: true,
      tags: ['高潜力'],
      contacts: [{ name: '单夫人', role: '家属', mobile: '13900001111', isDecisionMaker: true, birthday: '05-20' }],
    };
    const r = cli('customer', 'add', ...ZHANG, '--data', JSON.stringify(data));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+$/);
    customerId = Number(r.stdout.trim());
  });

  it('customer get --json prints the customer under the contract field names', () => {
    const r = cli('customer', 'get', String(customerId), ...ZHANG, '--json');
    expect(r.status, r.stderr).toBe(0);
    const c = json(r);
    expect(c).toMatchObject({
      id: customerId,
      code: 'C000001',
      name: '单雄信',
      kind: '个人',
      idNumber: '110101199003071030',
      creditCode: '',
      mobile: '13800001234',
      phone: '',
      address: '福建省泉州市晋江市青阳街道人民路1号',
      region: '城区一片',
      tier: 'A',
      status: '正式',
      manager: 'zhangsan',
      keyCustomer: true,
      tags: ['高潜力'],
      contacts: [{ name: '单夫人', role: '家属', mobile: '13900001111', isDecisionMaker: true, birthday: '05-20' }],
    });
  });

  it('customer search finds the customer by pinyin initials (单 read as shan)', () => {
    const r = cli('customer', 'search', 'sxx', ...ZHANG);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('单雄信');
    expect(r.stdout).toContain('C000001');
  });

  it('seed creates managers and customers; customer list --limit 5 --json gives 5 rows', () => {
    const seed = cli('seed', '--customers', '500', '--managers', '3', ...ADMIN, '--json');
    expect(seed.status, seed.stderr).toBe(0);
    expect(json(seed)).toMatchObject({ customers: 500, managersCreated: 3, firstCode: 'C000002', lastCode: 'C000501' });

    const list = cli('customer', 'list', '--limit', '5', ...ADMIN, '--json');
    expect(list.status, list.stderr).toBe(0);
    const page = json(list);
    expect(page.rows).toHaveLength(5);
    expect(page.total).toBe(501);
    expect(Object.keys(page.rows[0])).toEqual(expect.arrayContaining(['id', 'code', 'name', 'kind', 'tier', 'status', 'manager', 'mobile']));
  });

  it("a manager cannot get another manager's customer: exit 1, Chinese message, JSON error (as for a missing id)", () => {
    // Seeded managers must replace the password they were given first.
    expect(cli('passwd', '--user', 'manager01', '--password', 'Manager#2026', '--new', 'Manager#2026own').status).toBe(0);
    const r = cli('customer', 'get', String(customerId), '--user', 'manager01', '--password', 'Manager#2026own', '--json');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^错误：客户不存在/);
    expect(json(r)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: `客户不存在（ID ${customerId}）` } });
  });

  it('bad JSON and an invalid ID number fail with exit 1 and name the field', () => {
    const bad = cli('customer', 'add', ...ZHANG, '--data', '{"name":"李四",');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^错误：--data 不是有效的 JSON/);

    const invalid = cli('customer', 'add', ...ZHANG, '--json', '--data', JSON.stringify({ name: '李四', kind: '个人', mobile: '13800002222', idNumber: '110101199003071031' }));
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toMatch(/^错误：身份证号/);
    expect(json(invalid)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'idNumber' } });
  });

  it('usage errors exit 2 before touching the database', () => {
    const r = cli('customer', 'get', 'abc', ...ZHANG);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^错误：客户 ID 须为正整数/);
  });
});
