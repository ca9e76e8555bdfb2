import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listZipEntries, readZipEntry } from '../../../../electron/core/excel/zip';
import { call, createAndLogin, expectErr, expectOk, setupAndLogin, type TestCore } from '../../helpers/core';
import { writeXlsx } from '../../../fixtures/excel';
import { importFile, openInlineCore, undoBatch } from '../../helpers/excel';

vi.setConfig({ testTimeout: 60_000 });

let t: TestCore;
let admin: string;
const file = (name: string) => path.join(t.dir, name);

beforeEach(async () => {
  t = openInlineCore();
  admin = await setupAndLogin(t.core, 'tobacco');
  await createAndLogin(t.core, admin, 'zhangsan', 'manager');
});
afterEach(() => t.close());

describe('templates', () => {
  it('customer template: header, example row, 说明 sheet, dropdowns from a hidden sheet by range', async () => {
    // Enough managers that an inline list would pass Excel's 255-character limit.
    const add = t.db.prepare(
      "INSERT INTO users (name, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, 'manager', 'x', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
    );
    for (let i = 0; i < 30; i++) add.run(`mgr${i}`, `mgr${i}姓名`);
    const chunk = expectOk(await call(t.core, admin, 'imports.template', { kind: 'customers' }));
    expect(chunk.fileName).toBe('客户档案导入模板.xlsx');
    expect(chunk.nextOffset).toBeNull();
    writeFileSync(file('tpl.xlsx'), Buffer.from(chunk.data, 'base64'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('tpl.xlsx'));
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['客户档案', 'visible'],
      ['联系人', 'visible'],
      ['说明', 'visible'],
      ['下拉选项', 'hidden'],
    ]);
    const contactSheet = wb.getWorksheet('联系人')!;
    expect((contactSheet.getRow(1).values as unknown[]).slice(1)).toEqual(['客户编码', '客户名称', '身份证号', '统一社会信用代码', '联系人姓名', '职务', '手机', '电话', '是否决策人', '生日', '备注']);
    expect(contactSheet.getRow(2).getCell(1).value).toBe('K0001');
    expect(contactSheet.getColumn(7).numFmt).toBe('@');
    const helpLines: string[] = [];
    wb.getWorksheet('说明')!.eachRow((r) => helpLines.push(String(r.getCell(1).value)));
    expect(helpLines.some((l) => l.includes('“联系人”工作表：一行一个联系人'))).toBe(true);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 4)).toEqual(['客户编码', '客户名称', '客户类型', '身份证号']);
    expect(ws.getRow(2).getCell(2).value).toBe('张三便利店');
    expect(String(wb.getWorksheet('说明')!.getCell('A1').value)).toContain('导入模板使用说明');

    // Data validations reference the hidden sheet by range; no inline list anywhere.
    const sheetXml = readZipEntry(file('tpl.xlsx'), listZipEntries(file('tpl.xlsx')).find((e) => e.name === 'xl/worksheets/sheet1.xml')!).toString('utf8');
    const formulas = [...sheetXml.matchAll(/<formula1>([^<]*)<\/formula1>/g)].map((m) => m[1].replace(/&apos;/g, "'"));
    expect(formulas.length).toBeGreaterThanOrEqual(5);
    for (const f of formulas) expect(f).toMatch(/^'下拉选项'!\$[A-Z]+\$2:\$[A-Z]+\$\d+$/);
    const managerCol = headers.indexOf('客户经理') + 1;
    const lists = wb.getWorksheet('下拉选项')!;
    const managerList: string[] = [];
    lists.eachRow((r) => r.eachCell((c) => managerList.push(String(c.value))));
    expect(managerList).toContain('mgr29姓名');
    expect(managerList.join(',').length).toBeGreaterThan(255);
    expect(managerCol).toBeGreaterThan(0);
    // Identifier columns are text-formatted so Excel keeps 18 digits.
    expect(ws.getColumn(headers.indexOf('身份证号') + 1).numFmt).toBe('@');

    // The template re-imports: the example row is a valid customer, the contacts example its contact.
    const r = await importFile(t.core, admin, file('tpl.xlsx'), 'customers', { dryRun: true });
    expect(r.report.errors).toEqual([]);
    expect(r.report.inserted).toBe(1);
    expect(r.inspection.contacts).toMatchObject({ sheet: '联系人', detectedBy: 'name', missingRequired: [] });
    expect(r.report.contacts).toMatchObject({ inserted: 1, invalid: 0 });
  });

  it('visit and volume templates list their own columns', async () => {
    for (const kind of ['visits', 'volume'] as const) {
      const chunk = expectOk(await call(t.core, admin, 'imports.template', { kind }));
      writeFileSync(file(`${kind}.xlsx`), Buffer.from(chunk.data, 'base64'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file(`${kind}.xlsx`));
      const headers = (wb.worksheets[0].getRow(1).values as unknown[]).slice(1);
      if (kind === 'visits') expect(headers).toContain('签到时间');
      else expect(headers).toEqual(['客户编码', '客户名称', '月份', '销量', '存款', 'AUM', '消费']);
    }
  });
});

describe('monthly business volume', () => {
  it('imports amounts per customer and month with upsert, and undo puts the old values back', async () => {
    for (const code of ['Y1', 'Y2']) {
      expectOk(await call(t.core, admin, 'customers.create', { data: { code, name: `客户${code}`, kind: '个人', mobile: code === 'Y1' ? '13800000001' : '13800000002' } }));
    }
    await writeXlsx(file('v1.xlsx'), [
      ['客户编码', '客户名称', '月份', '销量（条）', '存款余额', '说明'],
      ['Y1', '客户Y1', '2026年10月', 120, '1,000.50', ''],
      ['Y2', '别的名字', '2026/10', 80, null, ''],
      ['Y3', '', '2026-10', 1, null, ''],
      ['Y1', '', '202610', 5, null, ''],
      ['Y2', '', '2026-13', 5, null, ''],
    ]);
    const first = await importFile(t.core, admin, file('v1.xlsx'), 'volume');
    expect(first.inspection.columns.map((c) => c.field)).toEqual(['customerCode', 'customerName', 'month', 'metric:销量', 'metric:存款', null]);
    expect(first.report).toMatchObject({ inserted: 2, invalid: 3, warningCount: 1 });
    expect(first.report.errors.map((e) => [e.row, e.column])).toEqual([
      [4, '客户编码'],
      [5, '月份'],
      [6, '月份'],
    ]);
    const volumes = () => t.db.prepare('SELECT c.code, v.month, v.metric, v.value FROM customer_volumes v JOIN customers c ON c.id = v.customer_id ORDER BY 1, 2, 3').all();
    expect(volumes()).toEqual([
      { code: 'Y1', month: '2026-10', metric: '存款', value: 1000.5 },
      { code: 'Y1', month: '2026-10', metric: '销量', value: 120 },
      { code: 'Y2', month: '2026-10', metric: '销量', value: 80 },
    ]);

    await writeXlsx(file('v2.xlsx'), [
      ['客户编码', '月份', '销量'],
      ['Y1', '2026-10', 150],
      ['Y2', '2026-11', 90],
    ]);
    const add = await importFile(t.core, admin, file('v2.xlsx'), 'volume', { mode: 'add' });
    expect(add.report).toMatchObject({ invalid: 1, inserted: 1 });
    await undoBatch(t.core, admin, add.report.batchId!);
    const upd = await importFile(t.core, admin, file('v2.xlsx'), 'volume', { mode: 'update' });
    expect(upd.report).toMatchObject({ updated: 1, inserted: 1 });
    expect(volumes()).toContainEqual({ code: 'Y1', month: '2026-10', metric: '销量', value: 150 });
    const undo = await undoBatch(t.core, admin, upd.report.batchId!);
    expect(undo).toMatchObject({ restored: 1, removed: 1 });
    expect(volumes()).toContainEqual({ code: 'Y1', month: '2026-10', metric: '销量', value: 120 });
    expect(volumes()).toHaveLength(3);

    const y1 = t.db.prepare("SELECT id FROM customers WHERE code = 'Y1'").get() as { id: number };
    expect(expectOk(await call(t.core, admin, 'volumes.list', { customerId: y1.id }))).toHaveLength(2);

    // Metric names are the administrator's to change.
    expect(expectOk(await call(t.core, admin, 'imports.setVolumeMetrics', { metrics: ['销量', '毛利'] }))).toEqual(['销量', '毛利']);
    const mgr = await createAndLogin(t.core, admin, 'lisi', 'manager');
    expectErr(await call(t.core, mgr.token, 'imports.setVolumeMetrics', { metrics: ['x'] }), 'FORBIDDEN');
  });
});
