/**
 * The separate contacts sheet of a customer import (issue 4: "up to 3 contacts per row
 * OR a separate contacts sheet"): detection, the customer a row means (main sheet,
 * archive, scope), the archive's contact rules, modes, dry run, all-or-nothing,
 * the error workbook's second sheet and undo.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRECISION_LOST_MESSAGE } from '../../../../shared/domain/imports';
import { writeXlsx, type FixtureCell } from '../../../fixtures/excel';
import { call, createAndLogin, expectErr, expectOk, setupAndLogin, type TestCore } from '../../helpers/core';
import { download, importFile, inspect, openInlineCore, undoBatch, upload } from '../../helpers/excel';

vi.setConfig({ testTimeout: 30_000 });

let t: TestCore;
let admin: string;
let zhang: { id: number; token: string };

beforeEach(async () => {
  t = openInlineCore();
  admin = await setupAndLogin(t.core, 'tobacco');
  zhang = await createAndLogin(t.core, admin, 'zhangsan', 'manager');
  await createAndLogin(t.core, admin, 'lisi', 'manager');
});
afterEach(() => t.close());

const file = (name: string) => path.join(t.dir, name);

const MAIN: FixtureCell[][] = [
  ['客户编码', '客户名称', '客户类型', '手机号', '许可证号'],
  ['K0001', '张三便利店', '零售户', '13800000001', '330102100001'],
  ['K0002', '李四', '个人', '13800000002', ''],
];
const CONTACT_HEAD: FixtureCell[] = ['客户编码', '客户名称', '联系人姓名', '职务', '手机', '是否决策人', '生日'];

let phoneSeq = 0;
async function storedCustomer(code: string, name: string, manager = 'zhangsan', contacts: { name: string; role?: string; mobile?: string }[] = []) {
  const mobile = `1370000${String(++phoneSeq).padStart(4, '0')}`;
  return expectOk(await call(t.core, admin, 'customers.create', { data: { code, name, kind: '个人', mobile, manager, contacts }, ignoreDuplicates: true })).id;
}

function contactsOf(code: string) {
  return t.db
    .prepare(
      `SELECT ct.name, ct.role, ct.mobile, ct.is_decision_maker AS dm, ct.birthday, ct.deleted_at IS NOT NULL AS deleted
       FROM contacts ct JOIN customers c ON c.id = ct.customer_id WHERE c.code = ? ORDER BY ct.id`,
    )
    .all(code) as { name: string; role: string | null; mobile: string | null; dm: number; birthday: string | null; deleted: number }[];
}

const count = (sql: string) => (t.db.prepare(sql).get() as { n: number }).n;

/** A batch as the 导入记录 list (imports.batches) shows it to `token`. */
async function listedBatch(id: number, token = admin) {
  const batch = expectOk(await call(t.core, token, 'imports.batches', {})).rows.find((b) => b.id === id);
  expect(batch).toBeDefined();
  return batch!;
}

describe('contacts sheet', () => {
  it('attaches contacts to main-sheet and stored customers; refuses unknown customers, bad and precision-lost mobiles', async () => {
    const k9 = await storedCustomer('K0009', '老客户');
    await writeXlsx(file('客户.xlsx'), MAIN, {
      sheetName: '客户',
      extraSheets: [
        {
          name: '联系人',
          rows: [
            CONTACT_HEAD,
            ['K0001', '', '王店长', '店长', '13900000001', '是', '1980-05-01'],
            ['K0009', '', '李会计', '会计', '13900000002', '', ''],
            ['K9999', '', '陌生人', '', '13900000003', '', ''],
            ['K0002', '', '赵四', '', '12345', '', ''],
            ['K0001', '', '钱五', '', '1.39E+10', '', ''],
            ['', '李四', '孙六', '', '13900000006', '否', '05-20'],
          ],
        },
      ],
    });

    const insp = await inspect(t.core, admin, await upload(t.core, admin, file('客户.xlsx')), 'customers');
    expect(insp.sheet).toBe('客户');
    expect(insp.contacts).toMatchObject({ sheet: '联系人', headerRow: 1, detectedBy: 'name', mappingSource: 'auto', missingRequired: [] });
    expect(insp.contacts!.columns.map((c) => c.field)).toEqual(['code', 'name', 'contact.name', 'contact.role', 'contact.mobile', 'contact.isDecisionMaker', 'contact.birthday']);
    expect(insp.contacts!.preview[0]).toEqual({ row: 2, cells: ['K0001', '', '王店长', '店长', '13900000001', '是', '1980-05-01'] });

    // Dry run: exact counts, nothing stored.
    const dry = await importFile(t.core, admin, file('客户.xlsx'), 'customers', { dryRun: true });
    expect(dry.report).toMatchObject({ inserted: 2, invalid: 0, committed: false });
    expect(dry.report.contacts).toEqual({ sheet: '联系人', total: 6, inserted: 3, updated: 0, skipped: 0, invalid: 3 });
    expect(count('SELECT count(*) AS n FROM contacts')).toBe(0);
    expect(dry.report.errors).toEqual([
      { sheet: '联系人', row: 4, column: '客户编码', message: '找不到客户编码为「K9999」的客户（客户和已有档案中都没有）' },
      { sheet: '联系人', row: 5, column: '手机', message: expect.stringContaining('手机号') },
      { sheet: '联系人', row: 6, column: '手机', message: PRECISION_LOST_MESSAGE },
    ]);
    expect(dry.report.rows.filter((r) => r.sheet === '联系人').map((r) => [r.row, r.action])).toEqual([
      [2, 'insert'],
      [3, 'insert'],
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'invalid'],
      [7, 'insert'],
    ]);

    // All or nothing: the contacts sheet's errors refuse the whole file.
    const strict = await importFile(t.core, admin, file('客户.xlsx'), 'customers', { allOrNothing: true });
    expect(strict.report).toMatchObject({ committed: false, inserted: 0, invalid: 0, batchId: null });
    expect(strict.report.contacts).toMatchObject({ inserted: 0, invalid: 3 });
    expect(strict.report.summary).toContain('有 3 行错误');
    expect(count("SELECT count(*) AS n FROM customers WHERE code IN ('K0001','K0002')")).toBe(0);

    const real = await importFile(t.core, admin, file('客户.xlsx'), 'customers');
    expect(real.report).toMatchObject({ committed: true, inserted: 2 });
    expect(real.report.contacts).toMatchObject({ inserted: 3, invalid: 3 });
    expect(real.report.summary).toContain('；联系人新增 3 个');
    // The batch keeps the contacts sheet's counts beside the main sheet's: the report's own.
    expect(real.report.contacts).toEqual({ sheet: '联系人', total: 6, inserted: 3, updated: 0, skipped: 0, invalid: 3 });
    expect(await listedBatch(real.report.batchId!)).toMatchObject({ total: 2, inserted: 2, invalid: 0, contacts: real.report.contacts });
    expect(contactsOf('K0001')).toEqual([{ name: '王店长', role: '店长', mobile: '13900000001', dm: 1, birthday: '1980-05-01', deleted: 0 }]);
    expect(contactsOf('K0002')).toEqual([{ name: '孙六', role: null, mobile: '13900000006', dm: 0, birthday: '05-20', deleted: 0 }]);
    expect(contactsOf('K0009')).toEqual([{ name: '李会计', role: '会计', mobile: '13900000002', dm: 0, birthday: null, deleted: 0 }]);
    // The contacts' phones find their customers; the stored customer's history names the batch.
    const found = expectOk(await call(t.core, admin, 'customers.list', { q: '13900000002' }));
    expect(found.rows.map((r) => r.code)).toEqual(['K0009']);
    expect(expectOk(await call(t.core, admin, 'customers.list', { q: '13900000001' })).rows.map((r) => r.code)).toEqual(['K0001']);
    const hist = t.db.prepare("SELECT action, import_batch_id FROM customer_changes WHERE customer_id = ? AND action = 'contact'").all(k9);
    expect(hist).toEqual([{ action: 'contact', import_batch_id: real.report.batchId }]);

    // The error workbook: main sheet, then the contacts sheet's own columns + 错误原因.
    const dest = await download(t.core, admin, real.status.jobId, 'errors', file('errors.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(dest);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['错误行', '联系人']);
    const ws = wb.worksheets[1];
    expect(ws.getRow(2).values).toEqual([undefined, ...CONTACT_HEAD, '错误原因']);
    expect(ws.getRow(3).getCell(1).value).toBe('K9999');
    expect(String(ws.getRow(5).getCell(8).value)).toContain('精度已丢失');
    expect(ws.rowCount).toBe(2 + 3);

    // Undo: the new customers go with their contacts; the stored customer's new contact is removed.
    const undo = await undoBatch(t.core, admin, real.report.batchId!);
    expect(undo).toMatchObject({ removed: 2, restored: 1, conflicts: [] });
    expect(count("SELECT count(*) AS n FROM customers WHERE code IN ('K0001','K0002')")).toBe(0);
    expect(contactsOf('K0009')).toEqual([expect.objectContaining({ name: '李会计', deleted: 1 })]);
    expect(expectOk(await call(t.core, admin, 'customers.list', { q: '13900000002' })).rows).toEqual([]);
    expect(count('SELECT count(*) AS n FROM contacts WHERE deleted_at IS NULL')).toBe(0);
    // An undone batch still tells what it had done.
    expect(await listedBatch(real.report.batchId!)).toMatchObject({ undoneAt: expect.any(String), contacts: real.report.contacts });
  });

  it('modes apply per contact; duplicates in the file, ambiguous names and other managers’ customers are refused', async () => {
    await storedCustomer('K0009', '老客户', 'zhangsan', [{ name: '李会计', role: '会计', mobile: '13900000002' }]);
    await storedCustomer('K0010', '同名店');
    await storedCustomer('K0011', '同名店');
    await storedCustomer('K0020', '别人的客户', 'lisi');
    const rows: FixtureCell[][] = [
      ['客户编码', '客户名称', '联系人姓名', '职务', '手机'],
      ['K0009', '', '李会计', '财务总监', ''],
      ['K0009', '', '周七', '', '13900000007'],
      ['K0009', '', '周七', '', '13900000008'],
      ['', '同名店', '吴八', '', ''],
      ['K0020', '', '郑九', '', ''],
    ];
    // Only a contacts sheet beside an empty customer list: contacts for stored customers alone.
    await writeXlsx(file('c.xlsx'), [['客户编码', '客户名称', '客户类型']], { sheetName: '客户', extraSheets: [{ name: '客户联系人', rows }] });

    const add = await importFile(t.core, zhang.token, file('c.xlsx'), 'customers', { mode: 'add', dryRun: true });
    expect(add.report.contacts).toMatchObject({ inserted: 1, updated: 0, skipped: 0, invalid: 4 });
    const msg = (row: number) => add.report.errors.find((e) => e.row === row)?.message;
    expect(msg(2)).toBe('客户「老客户」（K0009）已有联系人「李会计」；如需更新请选择“更新已有记录”');
    expect(msg(4)).toBe('与第3行的联系人重复（同一客户「老客户」（K0009）、姓名相同）');
    expect(msg(5)).toContain('客户名称「同名店」对应2个客户');
    // Issue 15: another manager's customer answers like a code that does not exist.
    expect(msg(6)).toBe('找不到客户编码为「K0020」的客户（客户和已有档案中都没有）');

    const skip = await importFile(t.core, zhang.token, file('c.xlsx'), 'customers', { mode: 'skip', dryRun: true });
    expect(skip.report.contacts).toMatchObject({ inserted: 1, skipped: 1, invalid: 3 });

    const upd = await importFile(t.core, zhang.token, file('c.xlsx'), 'customers', { mode: 'update' });
    expect(upd.report.contacts).toMatchObject({ inserted: 1, updated: 1, invalid: 3 });
    expect(upd.report.rows.find((r) => r.sheet && r.row === 2)?.detail).toContain('会计 → 财务总监');
    // Only the filled cells changed: the stored mobile stays.
    expect(contactsOf('K0009')).toEqual([
      expect.objectContaining({ name: '李会计', role: '财务总监', mobile: '13900000002', deleted: 0 }),
      expect.objectContaining({ name: '周七', mobile: '13900000007', deleted: 0 }),
    ]);
    expect(contactsOf('K0020')).toEqual([]);

    // The contacts layout is remembered separately from the customer layout.
    const again = await inspect(t.core, zhang.token, await upload(t.core, zhang.token, file('c.xlsx')), 'customers');
    expect(again.contacts).toMatchObject({ sheet: '客户联系人', mappingSource: 'remembered' });

    expect(await listedBatch(upd.report.batchId!, zhang.token)).toMatchObject({
      contacts: { sheet: '客户联系人', total: 5, inserted: 1, updated: 1, skipped: 0, invalid: 3 },
    });

    const undo = await undoBatch(t.core, admin, upd.report.batchId!);
    expect(undo.conflicts).toEqual([]);
    expect(contactsOf('K0009')).toEqual([
      expect.objectContaining({ name: '李会计', role: '会计', deleted: 0 }),
      expect.objectContaining({ name: '周七', deleted: 1 }),
    ]);
  });

  it('detects a contacts sheet by its header row, can be turned off or chosen, and checks the request', async () => {
    await writeXlsx(file('h.xlsx'), MAIN, {
      extraSheets: [
        { name: 'Sheet2', rows: [['说明：每行一个联系人'], ['客户编号', '姓名', '手机号码', '职位'], ['K0001', '王五', '13900000005', '采购']] },
        { name: 'Sheet3', rows: [['客户编码', '客户名称', '客户类型', '姓名', '手机']] },
      ],
    });
    const id = await upload(t.core, admin, file('h.xlsx'));
    const insp = await inspect(t.core, admin, id, 'customers');
    expect(insp.contacts).toMatchObject({ sheet: 'Sheet2', headerRow: 2, detectedBy: 'header' });
    expect(insp.contacts!.columns.map((c) => c.field)).toEqual(['code', 'contact.name', 'contact.mobile', 'contact.role']);
    expect((await inspect(t.core, admin, id, 'customers', { contactsSheet: '' })).contacts).toBeNull();
    expect((await inspect(t.core, admin, id, 'visits')).contacts).toBeNull();
    // A customer list on another sheet (it has 客户类型) is not a contacts sheet, but can be chosen.
    const chosen = await inspect(t.core, admin, id, 'customers', { contactsSheet: 'Sheet3' });
    expect(chosen.contacts).toMatchObject({ sheet: 'Sheet3', detectedBy: 'request', missingRequired: [] });
    expectErr(await call(t.core, admin, 'imports.inspect', { uploadId: id, kind: 'customers', contactsSheet: 'Sheet1' }), 'BAD_INPUT');
    expectErr(await call(t.core, admin, 'imports.inspect', { uploadId: id, kind: 'customers', contactsSheet: '没有' }), 'BAD_INPUT');

    const start = (contacts: unknown, kind = 'customers') =>
      call(t.core, admin, 'imports.start', { uploadId: id, kind, headerRow: 1, mapping: insp.columns.map((c) => c.field), contacts } as never);
    const noName = expectErr(await start({ sheet: 'Sheet2', headerRow: 2, mapping: ['code', null, 'contact.mobile'] }), 'BAD_INPUT');
    expect(noName.message).toBe('联系人工作表「Sheet2」还没有对应的必填列：联系人姓名');
    const noKey = expectErr(await start({ sheet: 'Sheet2', headerRow: 2, mapping: [null, 'contact.name'] }), 'BAD_INPUT');
    expect(noKey.message).toContain('客户编码/身份证号/统一社会信用代码/客户名称（至少一项）');
    expectErr(await start({ sheet: 'Sheet2', headerRow: 2, mapping: ['code', 'contact.name'], extra: 1 }), 'BAD_INPUT');
    expectErr(await start({ sheet: 'Sheet2', headerRow: 2, mapping: ['code', 'contact.name'] }, 'visits'), 'BAD_INPUT');

    const { report } = await importFile(t.core, admin, file('h.xlsx'), 'customers');
    expect(report.contacts).toMatchObject({ sheet: 'Sheet2', inserted: 1, invalid: 0 });
    expect(contactsOf('K0001')).toEqual([expect.objectContaining({ name: '王五', role: '采购', mobile: '13900000005' })]);
  });

  it('the import batch records the contacts sheet’s counts; without a contacts sheet they are null', async () => {
    await writeXlsx(file('plain.xlsx'), MAIN);
    const plain = await importFile(t.core, zhang.token, file('plain.xlsx'), 'customers');
    expect(plain.report).toMatchObject({ committed: true, inserted: 2, contacts: null });

    await writeXlsx(file('with.xlsx'), MAIN, {
      sheetName: '客户',
      extraSheets: [{ name: '客户联系人', rows: [CONTACT_HEAD, ['K0001', '', '王店长', '店长', '13900000001', '是', ''], ['K0002', '', '赵四', '', '12345', '', '']] }],
    });
    // Skip mode: the customers are there already; only the contacts sheet writes anything.
    const dry = await importFile(t.core, zhang.token, file('with.xlsx'), 'customers', { mode: 'skip', dryRun: true });
    expect(dry.report.batchId).toBeNull();
    const withSheet = await importFile(t.core, zhang.token, file('with.xlsx'), 'customers', { mode: 'skip' });
    expect(withSheet.report).toMatchObject({ committed: true, inserted: 0, skipped: 2 });
    expect(withSheet.report.contacts).toEqual({ sheet: '客户联系人', total: 2, inserted: 1, updated: 0, skipped: 0, invalid: 1 });

    // Newest first, as the manager's own 导入记录 list shows them: no batch for the dry run.
    const page = expectOk(await call(t.core, zhang.token, 'imports.batches', {}));
    expect(page.rows.map((b) => [b.id, b.fileName, b.skipped, b.contacts])).toEqual([
      [withSheet.report.batchId, 'with.xlsx', 2, withSheet.report.contacts],
      [plain.report.batchId, 'plain.xlsx', 0, null],
    ]);
    // Stored as the report's JSON; the audit log carries the same object.
    const stored = t.db.prepare('SELECT contacts FROM import_batches WHERE id = ?').get(withSheet.report.batchId) as { contacts: string };
    expect(JSON.parse(stored.contacts)).toEqual(withSheet.report.contacts);
    const audit = t.db.prepare("SELECT detail FROM audit_log WHERE action = 'import' ORDER BY id DESC LIMIT 1").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({ batchId: withSheet.report.batchId, contacts: withSheet.report.contacts });
  });

  it('a contact on the sheet and in the row’s own 联系人 columns is one contact too many; the cap of 20 holds', async () => {
    const many = Array.from({ length: 20 }, (_, i) => ['K0001', `联系人${i + 1}号`]);
    await writeXlsx(file('m.xlsx'), [
      ['客户编码', '客户名称', '客户类型', '手机号', '许可证号', '联系人1姓名'],
      ['K0001', '张三便利店', '零售户', '13800000001', '330102100001', '张三'],
    ], { extraSheets: [{ name: '联系人', rows: [['客户编码', '联系人姓名'], ['K0001', '张三'], ...many] }] });
    const { report } = await importFile(t.core, admin, file('m.xlsx'), 'customers');
    expect(report.contacts).toMatchObject({ inserted: 19, invalid: 2 });
    expect(report.errors[0]).toEqual({ sheet: '联系人', row: 2, column: '联系人姓名', message: '与Sheet1第2行的联系人重复（同一客户「张三便利店」（Sheet1第2行）、姓名相同）' });
    expect(report.errors[1].message).toContain('联系人最多20个');
    expect(count('SELECT count(*) AS n FROM contacts')).toBe(20);
  });
});
