import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Customer } from '../../../../shared/domain/customers';
import { CUSTOMER_EXPORT_COLUMNS } from '../../../../shared/domain/exports';
import { call, createAndLogin, expectErr, expectOk, setupAndLogin, type TestCore } from '../../helpers/core';
import { creditCode, formOf, idNumber } from '../../helpers/customers';
import { exportTo, importFile, openInlineCore } from '../../helpers/excel';

vi.setConfig({ testTimeout: 60_000 });

let t: TestCore;
let admin: string;
let manager: { id: number; token: string };
const file = (name: string) => path.join(t.dir, name);
const ID = idNumber('11010519900307123');

async function seed(core = t.core, token = admin) {
  const a = expectOk(
    await call(core, token, 'customers.create', {
      data: {
        code: 'E001',
        name: '张三便利店',
        kind: '零售户',
        licenceNo: '330102100001',
        mobile: '13800001234',
        idNumber: ID,
        address: '和平路12号',
        tier: 'A',
        status: '正式',
        manager: 'zhangsan',
        keyCustomer: true,
        monthlyVolume: 1234.5,
        tags: ['新开户', '高潜力'],
        notes: '=HYPERLINK("http://x","点我")',
        needs: '+86 补货',
        contacts: [
          { name: '张三', role: '店主', mobile: '13900001111', isDecisionMaker: true, birthday: '03-07' },
          { name: '李娟', mobile: '13900002222', notes: '@周末在店' },
        ],
      },
    }),
  );
  const b = expectOk(
    await call(core, token, 'customers.create', {
      data: { code: 'E002', name: '城关商贸有限公司', kind: '企业', creditCode: creditCode(), phone: '0571-88886666', tier: 'B', manager: 'zhangsan', notes: '-5 折扣' },
    }),
  );
  return [a, b];
}

beforeEach(async () => {
  t = openInlineCore();
  admin = await setupAndLogin(t.core, 'tobacco');
  manager = await createAndLogin(t.core, admin, 'zhangsan', 'manager');
});
afterEach(() => t.close());

async function readXlsx(f: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(f);
  return wb.worksheets[0];
}

describe('exports', () => {
  it('customers .xlsx: title row, bold frozen header, autofilter, widths, real types, neutralised formulas', async () => {
    await seed();
    const all = CUSTOMER_EXPORT_COLUMNS.map((c) => c.key);
    const report = await exportTo(t.core, admin, { kind: 'customers', format: 'xlsx', filter: { tier: ['A', 'B'] }, columns: all }, file('客户.xlsx'));
    expect(report).toMatchObject({ rows: 2, masked: false, exportKind: 'customers' });
    const ws = await readXlsx(file('客户.xlsx'));
    const title = String(ws.getCell('A1').value);
    expect(title).toContain('城关烟草营销部');
    expect(title).toContain('分级：A、B');
    expect(title).toContain('导出时间：2026-11-23 09:00');
    const header = ws.getRow(2);
    expect(header.getCell(1).value).toBe('客户编码');
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.autoFilter).toBeTruthy();
    const col = (label: string) => all.findIndex((k) => CUSTOMER_EXPORT_COLUMNS.find((c) => c.key === k)!.label === label) + 1;
    // Sorted as the list is: by pinyin, 城关 (cheng) before 张三 (zhang).
    const row = ws.getRow(4);
    expect(row.getCell(col('客户名称')).value).toBe('张三便利店');
    expect(row.getCell(col('身份证号')).value).toBe(ID);
    expect(row.getCell(col('月业务量')).value).toBe(1234.5);
    expect(row.getCell(col('建档时间')).value).toBeInstanceOf(Date);
    expect(row.getCell(col('客户经理')).value).toBe('zhangsan姓名');
    expect(row.getCell(col('联系人2备注')).value).toBe("'@周末在店");
    // Formula-looking text is written as text with the apostrophe, never as a formula.
    expect(row.getCell(col('备注')).value).toBe('\'=HYPERLINK("http://x","点我")');
    expect(row.getCell(col('需求分类')).value).toBe("'+86 补货");
    expect(ws.getRow(3).getCell(col('备注')).value).toBe("'-5 折扣");
    for (let r = 1; r <= ws.rowCount; r++) {
      ws.getRow(r).eachCell((c) => expect(c.formula).toBeUndefined());
    }
    // Widths fit Chinese text (CJK counts double): 客户名称 holds 城关商贸有限公司 (8 characters).
    expect(ws.getColumn(col('客户名称')).width).toBeGreaterThanOrEqual(18);
    const audit = t.db.prepare("SELECT user_name, target, detail FROM audit_log WHERE action = 'export'").get() as { user_name: string; target: string; detail: string };
    expect(audit.user_name).toBe('admin');
    expect(audit.target).toBe('客户档案（xlsx）');
    expect(JSON.parse(audit.detail)).toMatchObject({ rows: 2, filter: '分级：A、B', masked: false });
  });

  it('customers .csv: UTF-8 with BOM, decoded it matches', async () => {
    await seed();
    await exportTo(t.core, admin, { kind: 'customers', format: 'csv', columns: ['code', 'name', 'idNumber', 'mobile', 'notes', 'keyCustomer'] }, file('客户.csv'));
    const bytes = readFileSync(file('客户.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
    expect(text.split('\r\n')).toEqual([
      '客户编码,客户名称,身份证号,手机号,备注,重点客户',
      `E002,城关商贸有限公司,,,'-5 折扣,否`,
      `E001,张三便利店,"\t${ID}",13800001234,"'=HYPERLINK(""http://x"",""点我"")",是`,
      '',
    ]);
  });

  it('masks ID numbers and mobiles for users without full export, and says so', async () => {
    await seed();
    const r = await exportTo(t.core, manager.token, { kind: 'customers', format: 'csv', columns: ['code', 'idNumber', 'mobile', 'contact1.mobile'] }, file('m.csv'));
    expect(r.masked).toBe(true);
    const lines = readFileSync(file('m.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toContain('E001,110105********' + ID.slice(-4) + ',138****1234,139****1111');
    // The administrator grants full export.
    expectOk(await call(t.core, admin, 'users.update', { id: manager.id, fullExport: true }));
    const full = await exportTo(t.core, manager.token, { kind: 'customers', format: 'csv', columns: ['code', 'idNumber', 'mobile'] }, file('f.csv'));
    expect(full.masked).toBe(false);
    expect(readFileSync(file('f.csv'), 'utf8')).toContain(`"\t${ID}",13800001234`);
    // A manager cannot export the recycle bin.
    expectErr(await call(t.core, manager.token, 'exports.start', { kind: 'customers', format: 'xlsx', filter: { deleted: true } }), 'FORBIDDEN');
  });

  it('an exported .xlsx re-imported gives the same records', async () => {
    const original = await seed();
    await exportTo(t.core, admin, { kind: 'customers', format: 'xlsx', columns: CUSTOMER_EXPORT_COLUMNS.map((c) => c.key) }, file('往返.xlsx'));
    const t2 = openInlineCore();
    try {
      const admin2 = await setupAndLogin(t2.core, 'tobacco');
      await createAndLogin(t2.core, admin2, 'zhangsan', 'manager');
      const { report } = await importFile(t2.core, admin2, file('往返.xlsx'), 'customers');
      expect(report).toMatchObject({ inserted: 2, invalid: 0, warningCount: 0 });
      const strip = (c: Customer) => {
        const { id: _i, createdAt: _c, updatedAt: _u, version: _v, managerId: _m, ...rest } = formOf(c) as Customer;
        return { ...rest, contacts: c.contacts.map(({ id: _x, ...k }) => k) };
      };
      for (const c of original) {
        const id = (t2.db.prepare('SELECT id FROM customers WHERE code = ?').get(c.code) as { id: number }).id;
        const again = expectOk(await call(t2.core, admin2, 'customers.get', { id }));
        expect(strip(again)).toEqual(strip(c));
      }
    } finally {
      t2.close();
    }
  });

  it('visits, follow-ups and complaints', async () => {
    const [c] = await seed();
    expectOk(
      await call(t.core, manager.token, 'visits.create', {
        customer: 'E001',
        date: '2026-11-20',
        signIn: '09:30',
        signOut: '10:00',
        content: '=cmd|calc',
        nextFollowUp: { due: '2026-11-27', content: '回访订货' },
      }),
    );
    expectOk(await call(t.core, manager.token, 'complaints.create', { customerId: c.id, category: '配送', content: '送货晚了', openedAt: '2026-11-21' }));
    await exportTo(t.core, admin, { kind: 'visits', format: 'xlsx', filter: { from: '2026-11-01', to: '2026-11-30' } }, file('走访.xlsx'));
    const ws = await readXlsx(file('走访.xlsx'));
    expect(String(ws.getCell('A1').value)).toContain('走访日期：2026-11-01 至 2026-11-30');
    const head = (ws.getRow(2).values as unknown[]).slice(1);
    const row = ws.getRow(3);
    const cell = (h: string) => row.getCell(head.indexOf(h) + 1).value;
    expect(cell('客户编码')).toBe('E001');
    expect(cell('签到时间')).toEqual(new Date(Date.UTC(2026, 10, 20, 9, 30)));
    expect(cell('在户时间（分钟）')).toBe(30);
    expect(cell('工作内容')).toBe("'=cmd|calc");
    expect(cell('下次跟进日期')).toEqual(new Date(Date.UTC(2026, 10, 27)));

    await exportTo(t.core, admin, { kind: 'followups', format: 'csv', filter: { status: 'all' } }, file('跟进.csv'));
    expect(readFileSync(file('跟进.csv'), 'utf8')).toContain('E001,张三便利店,zhangsan姓名,2026-11-27,回访订货,走访,待跟进');
    await exportTo(t.core, admin, { kind: 'complaints', format: 'csv', filter: {} }, file('投诉.csv'));
    expect(readFileSync(file('投诉.csv'), 'utf8')).toContain('E001,张三便利店,zhangsan姓名,2026-11-21 00:00,配送,送货晚了');

    // A visit export re-imports into the same records (update finds them by customer + sign-in).
    const again = await importFile(t.core, admin, file('走访.xlsx'), 'visits', { mode: 'skip' });
    expect(again.report).toMatchObject({ skipped: 1, invalid: 0, inserted: 0 });
  });
});
