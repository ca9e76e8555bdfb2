/**
 * The CLI's import/export/template commands, run as real child processes (as a
 * script would): the contract's JSON output, the error workbook, undo, filters.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeXlsx } from '../../fixtures/excel';
import { testChildEnv } from '../helpers/passwordCost';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-excel-cli-'));
const db = path.join(dir, '网点.db');
const file = (name: string) => path.join(dir, name);
const ADMIN = ['--user', 'admin', '--password', 'Admin#2026'];

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [tsxCli, 'electron/cli/main.ts', ...args, '--db', db], { cwd: root, encoding: 'utf8', env: testChildEnv(), timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI import / export / template', { timeout: 120_000 }, () => {
  let batchId = 0;

  it('template writes an .xlsx template', () => {
    expect(cli('init', '--branch', '城关烟草营销部', '--type', 'tobacco', '--admin', 'admin', '--password', 'Admin#2026').status).toBe(0);
    const r = cli('template', 'customers', file('模板.xlsx'), ...ADMIN, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).file).toBe(file('模板.xlsx'));
    expect(existsSync(file('模板.xlsx'))).toBe(true);
  });

  it('import --dry-run --json reports without writing; --errors writes the invalid rows', async () => {
    await writeXlsx(file('客户.xlsx'), [
      ['客户花名册'],
      ['客户编码', '客户名称', '客户类型', '手机号', '身份证号'],
      ['K1', '甲', '个人', '13800000001', ''],
      ['K2', '乙', '个人', '123', ''],
      ['K3', '丙', '个人', '13800000003', 110105199003071230],
    ]);
    const dry = cli('import', 'customers', file('客户.xlsx'), '--dry-run', '--json', ...ADMIN);
    expect(dry.status, dry.stderr).toBe(0);
    const out = JSON.parse(dry.stdout);
    expect(out).toMatchObject({ inserted: 1, updated: 0, skipped: 0, invalid: 2, batchId: null, dryRun: true });
    expect(out.errors).toEqual([
      { row: 4, column: '手机号', message: expect.stringContaining('手机号') },
      { row: 5, column: '身份证号', message: '精度已丢失：Excel 已把该号码转成数字/科学计数法，请把该列设为“文本”后重新填写' },
    ]);

    const real = cli('import', 'customers', file('客户.xlsx'), '--mode', 'add', '--errors', file('错误行.xlsx'), '--json', ...ADMIN);
    expect(real.status, real.stderr).toBe(0);
    const r = JSON.parse(real.stdout);
    expect(r).toMatchObject({ inserted: 1, invalid: 2, errorFile: file('错误行.xlsx') });
    batchId = r.batchId;
    expect(batchId).toBeGreaterThan(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('错误行.xlsx'));
    expect(wb.worksheets[0].getRow(2).getCell(6).value).toBe('错误原因');

    const strict = cli('import', 'customers', file('客户.xlsx'), '--mode', 'skip', '--all-or-nothing', '--json', ...ADMIN);
    expect(JSON.parse(strict.stdout)).toMatchObject({ inserted: 0, skipped: 1, invalid: 2, committed: false });
  });

  it('export writes .xlsx and .csv with filters; import undo removes the batch', () => {
    const x = cli('export', 'customers', file('out.xlsx'), '--tier', 'A,B', '--columns', '客户编码,客户名称,手机号', '--json', ...ADMIN);
    expect(x.status, x.stderr).toBe(0);
    expect(JSON.parse(x.stdout)).toMatchObject({ rows: 0 });
    const c = cli('export', 'customers', file('out.csv'), '--columns', 'code,name', '--json', ...ADMIN);
    expect(JSON.parse(c.stdout)).toMatchObject({ rows: 1, masked: false });
    expect(readFileSync(file('out.csv'), 'utf8')).toBe('\uFEFF客户编码,客户名称\r\nK1,甲\r\n');
    const v = cli('export', 'visits', file('v.csv'), '--from', '2026-01-01', '--json', ...ADMIN);
    expect(JSON.parse(v.stdout)).toMatchObject({ rows: 0 });
    const bad = cli('export', 'visits', file('v.csv'), '--tag', 'x', ...ADMIN);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('不适用于导出 visits');

    const undo = cli('import', 'undo', String(batchId), '--json', ...ADMIN);
    expect(undo.status, undo.stderr).toBe(0);
    expect(JSON.parse(undo.stdout)).toMatchObject({ batchId, removed: 1 });
    const again = cli('import', 'undo', String(batchId), '--json', ...ADMIN);
    expect(again.status).toBe(1);
    expect(JSON.parse(again.stdout).error.code).toBe('CONFLICT');
  });

  it('import customers uses a detected contacts sheet; --contacts-sheet picks one, --no-contacts-sheet leaves it out', async () => {
    await writeXlsx(file('联系人.xlsx'), [
      ['客户编码', '客户名称', '客户类型', '手机号'],
      ['KC1', '联系人测试户', '个人', '13800000011'],
    ], {
      extraSheets: [
        { name: '联系人', rows: [['客户编码', '联系人姓名', '手机'], ['KC1', '王一', '13900000011'], ['KX', '王二', '13900000012']] },
        { name: '其他', rows: [['客户编码', '姓名', '手机'], ['KC1', '王三', '13900000013']] },
      ],
    });
    const dry = cli('import', 'customers', file('联系人.xlsx'), '--dry-run', '--json', ...ADMIN);
    expect(dry.status, dry.stderr).toBe(0);
    const out = JSON.parse(dry.stdout);
    expect(out).toMatchObject({ inserted: 1, invalid: 0, contacts: { sheet: '联系人', total: 2, inserted: 1, invalid: 1 } });
    expect(out.errors).toEqual([{ sheet: '联系人', row: 3, column: '客户编码', message: expect.stringContaining('找不到客户编码为「KX」的客户') }]);

    const other = JSON.parse(cli('import', 'customers', file('联系人.xlsx'), '--contacts-sheet', '其他', '--dry-run', '--json', ...ADMIN).stdout);
    expect(other.contacts).toMatchObject({ sheet: '其他', inserted: 1, invalid: 0 });
    const none = JSON.parse(cli('import', 'customers', file('联系人.xlsx'), '--no-contacts-sheet', '--dry-run', '--json', ...ADMIN).stdout);
    expect(none).toMatchObject({ inserted: 1, contacts: null, errors: [] });
    const both = cli('import', 'customers', file('联系人.xlsx'), '--no-contacts-sheet', '--contacts-sheet', '其他', ...ADMIN);
    expect(both.status).toBe(2);

    const text = cli('import', 'customers', file('联系人.xlsx'), '--dry-run', ...ADMIN);
    expect(text.stdout).toContain('联系人工作表「联系人」表头在第 1 行');
    expect(text.stdout).toContain('[联系人] 第3行 客户编码：');
  });

  it('an .xls file is refused with what to do', () => {
    const xls = file('old.xls');
    const buf = Buffer.alloc(512);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buf);
    writeFileSync(xls, buf);
    const r = cli('import', 'customers', xls, '--json', ...ADMIN);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('不支持 .xls（Excel 97-2003）格式');
  });
});
