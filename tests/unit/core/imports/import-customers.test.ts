import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRECISION_LOST_MESSAGE } from '../../../../shared/domain/imports';
import { writeCsv, writeXlsx, type FixtureCell } from '../../../fixtures/excel';
import { call, createAndLogin, expectErr, expectOk, setupAndLogin, type TestCore } from '../../helpers/core';
import { creditCode, idNumber } from '../../helpers/customers';
import { download, importFile, inspect, openInlineCore, undoBatch, upload } from '../../helpers/excel';

vi.setConfig({ testTimeout: 30_000 });

let t: TestCore;
let admin: string;

beforeEach(async () => {
  t = openInlineCore();
  admin = await setupAndLogin(t.core, 'tobacco');
  await createAndLogin(t.core, admin, 'zhangsan', 'manager');
});
afterEach(() => t.close());

const ID1 = idNumber('11010519900307123');
const ID2 = idNumber('11010519850101002');
const file = (name: string) => path.join(t.dir, name);

function customers() {
  return t.db.prepare('SELECT * FROM customers ORDER BY id').all() as Record<string, unknown>[];
}

describe('customer import', () => {
  it('reads a title row, synonyms and contacts, and stores what the form would store', async () => {
    const rows: FixtureCell[][] = [
      ['2026年11月 城关片区客户名单', null, null],
      [],
      ['客户编号', '单位名称', '客户类型', '身份证号码', '联系电话', '经营地址', '档位', '客户经理', '许可证号', '联系人1姓名', '联系人1手机', '标签', '重点客户'],
      ['K0001', '张三便利店', '零售户', '', '138 0000 1234', '和平路12号', 'A', 'zhangsan姓名', '330102100001', '张三', '13900001111', '新开户、高潜力', '是'],
      ['K0002', '李四', '个人', ID1, '13800002222', '', 'B', 'zhangsan', '', '', '', '', '否'],
    ];
    await writeXlsx(file('客户.xlsx'), rows, { textColumns: [4] });
    const uploadId = await upload(t.core, admin, file('客户.xlsx'));
    const insp = await inspect(t.core, admin, uploadId, 'customers');
    expect(insp.headerRow).toBe(3);
    expect(insp.mappingSource).toBe('auto');
    expect(insp.columns.map((c) => c.field)).toEqual([
      'code',
      'name',
      'kind',
      'idNumber',
      'mobile',
      'address',
      'tier',
      'manager',
      'licenceNo',
      'contact1.name',
      'contact1.mobile',
      'tags',
      'keyCustomer',
    ]);
    expect(insp.preview[0].cells[1]).toBe('张三便利店');
    expect(insp.missingRequired).toEqual([]);

    const { report } = await importFile(t.core, admin, file('客户.xlsx'), 'customers');
    expect(report).toMatchObject({ committed: true, inserted: 2, updated: 0, skipped: 0, invalid: 0 });
    expect(report.batchId).toBeGreaterThan(0);
    const [a, b] = customers();
    expect(a).toMatchObject({ code: 'K0001', name: '张三便利店', kind: '零售户', mobile: '13800001234', tier: 'A', key_customer: 1 });
    expect(a.name_initials).toBe('zsbld');
    expect(b).toMatchObject({ code: 'K0002', id_number: ID1, status: '潜在' });
    const contact = t.db.prepare('SELECT name, mobile FROM contacts WHERE customer_id = ?').get(a.id);
    expect(contact).toEqual({ name: '张三', mobile: '13900001111' });
    const tags = t.db.prepare('SELECT tag FROM customer_tags WHERE customer_id = ? ORDER BY tag').all(a.id);
    expect(tags).toHaveLength(2);
    // History row carries the batch; the audit log has the import.
    const change = t.db.prepare('SELECT action, import_batch_id FROM customer_changes WHERE customer_id = ?').get(a.id);
    expect(change).toEqual({ action: 'create', import_batch_id: report.batchId });
    const audit = t.db.prepare("SELECT target, detail FROM audit_log WHERE action = 'import'").get() as { target: string; detail: string };
    expect(audit.target).toContain('客户.xlsx');
    expect(JSON.parse(audit.detail)).toMatchObject({ inserted: 2 });

    // Same layout again: the confirmed mapping is remembered.
    const again = await inspect(t.core, admin, await upload(t.core, admin, file('客户.xlsx')), 'customers');
    expect(again.mappingSource).toBe('remembered');
  });

  it('refuses precision-lost numbers, bad values and duplicates with row and column', async () => {
    const rows: FixtureCell[][] = [
      ['客户名称', '客户类型', '身份证号', '手机号', '客户分级', '客户状态', '客户编码'],
      ['王五', '个人', 110105199003071230, '13800003333', 'A', '正式', 'K1'],
      ['赵六', '个人', '1.10105E+17', '13800004444', 'A', '正式', 'K2'],
      ['钱七', '个人', ID2, 13800005555, 'Z', '正式', 'K3'],
      ['孙八', '外星人', ID1, '13800006666', '', '', 'K4'],
      ['周九', '个人', ID1, '13800007777', '', '', 'K5'],
      ['吴十', '个人', '', '13800008888', '', '', 'K3'],
    ];
    await writeXlsx(file('bad.xlsx'), rows);
    const { report, status } = await importFile(t.core, admin, file('bad.xlsx'), 'customers');
    const byRow = (row: number) => report.errors.filter((e) => e.row === row);
    expect(byRow(2)[0]).toEqual({ row: 2, column: '身份证号', message: PRECISION_LOST_MESSAGE });
    expect(byRow(3)[0].message).toBe(PRECISION_LOST_MESSAGE);
    expect(byRow(4)[0]).toMatchObject({ column: '客户分级' });
    expect(byRow(4)[0].message).toContain('「Z」不是已设置的客户分级');
    expect(byRow(5)[0].message).toContain('客户类型须为');
    expect(byRow(6)[0]).toMatchObject({ column: '身份证号', message: '与第5行重复（身份证号相同）' });
    expect(byRow(7)[0]).toMatchObject({ column: '客户编码', message: '与第4行重复（客户编码相同）' });
    expect(report).toMatchObject({ inserted: 0, invalid: 6, committed: false, batchId: null, errorFile: true });
    expect(customers()).toHaveLength(0);

    // The error workbook: original columns plus 错误原因, one line per invalid row.
    const dest = await download(t.core, admin, status.jobId, 'errors', file('errors.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(dest);
    const ws = wb.worksheets[0];
    expect(ws.getRow(2).values).toEqual([undefined, '客户名称', '客户类型', '身份证号', '手机号', '客户分级', '客户状态', '客户编码', '错误原因']);
    expect(ws.getRow(3).getCell(1).value).toBe('王五');
    expect(String(ws.getRow(3).getCell(8).value)).toContain('精度已丢失');
    expect(ws.rowCount).toBe(2 + 6);
  });

  it('dry run reports exactly what a real run does, and all-or-nothing refuses everything', async () => {
    await writeXlsx(file('mix.xlsx'), [
      ['客户名称', '客户类型', '手机号'],
      ['甲', '个人', '13800000001'],
      ['乙', '个人', '12345'],
      ['丙', '个人', '13800000003'],
    ]);
    const dry = await importFile(t.core, admin, file('mix.xlsx'), 'customers', { dryRun: true });
    expect(dry.report).toMatchObject({ dryRun: true, committed: false, inserted: 2, invalid: 1, batchId: null });
    expect(dry.report.rows.map((r) => r.action)).toEqual(['insert', 'invalid', 'insert']);
    expect(customers()).toHaveLength(0);
    expect(t.db.prepare('SELECT count(*) AS n FROM import_batches').get()).toEqual({ n: 0 });

    const strict = await importFile(t.core, admin, file('mix.xlsx'), 'customers', { allOrNothing: true });
    expect(strict.report).toMatchObject({ committed: false, inserted: 0, invalid: 1 });
    expect(customers()).toHaveLength(0);

    const real = await importFile(t.core, admin, file('mix.xlsx'), 'customers');
    expect(real.report).toMatchObject({ committed: true, inserted: 2, invalid: 1 });
    // Automatic codes, as a real run assigns them.
    expect(customers().map((c) => c.code)).toEqual(['C000001', 'C000002']);
  });

  it('add / update / skip against the archive, and undo restores', async () => {
    await writeXlsx(file('v1.xlsx'), [
      ['客户编码', '客户名称', '客户类型', '手机号', '客户分级', '统一社会信用代码', '固定电话'],
      ['K1', '一号店', '零售户', '13800000001', 'A', '', ''],
      ['K2', '二号公司', '企业', '', 'B', creditCode(), '0571-88886666'],
    ]);
    await writeXlsx(file('k1.xlsx'), [['客户名称', '客户类型', '许可证号'], ['x', '零售户', '1']]);
    const first = await importFile(t.core, admin, file('v1.xlsx'), 'customers');
    expect(first.report.invalid).toBe(1); // 零售户 needs a licence number
    expect(first.report.errors[0].message).toContain('许可证号');

    await writeXlsx(file('v2.xlsx'), [
      ['客户编码', '客户名称', '客户类型', '手机号', '客户分级', '许可证号'],
      ['K1', '一号店', '零售户', '13800000001', 'A', '330100000001'],
    ]);
    expect((await importFile(t.core, admin, file('v2.xlsx'), 'customers')).report.inserted).toBe(1);

    // add: an existing customer is an error.
    const add = await importFile(t.core, admin, file('v2.xlsx'), 'customers', { mode: 'add' });
    expect(add.report.invalid).toBe(1);
    expect(add.report.errors[0].message).toContain('客户已存在：「一号店」（K1）');
    // skip: left alone.
    const skip = await importFile(t.core, admin, file('v2.xlsx'), 'customers', { mode: 'skip' });
    expect(skip.report).toMatchObject({ skipped: 1, inserted: 0, invalid: 0 });

    // update: only mapped, non-empty columns change; history rows carry the batch.
    await writeXlsx(file('v3.xlsx'), [
      ['客户编码', '客户分级', '手机号', '备注'],
      ['K1', 'C', '13800009999', ''],
      ['K9', 'A', '', ''],
    ]);
    const upd = await importFile(t.core, admin, file('v3.xlsx'), 'customers', { mode: 'update' });
    expect(upd.report).toMatchObject({ updated: 1, inserted: 0, invalid: 1 });
    expect(upd.report.rows[0].detail).toContain('客户分级：A → C');
    const k1 = t.db.prepare("SELECT id, tier, mobile, licence_no, version FROM customers WHERE code = 'K1'").get() as Record<string, unknown>;
    expect(k1).toMatchObject({ tier: 'C', mobile: '13800009999', licence_no: '330100000001', version: 1 });
    const hist = expectOk(await call(t.core, admin, 'customers.history', { id: k1.id as number }));
    expect(hist.changes.some((c) => c.field === '客户分级' && c.oldValue === 'A' && c.newValue === 'C')).toBe(true);

    // Undo the update: previous values back, recorded in the history.
    const undo = await undoBatch(t.core, admin, upd.report.batchId!);
    expect(undo).toMatchObject({ restored: 1, conflicts: [] });
    expect(t.db.prepare("SELECT tier, mobile FROM customers WHERE code = 'K1'").get()).toEqual({ tier: 'A', mobile: '13800000001' });
    const hist2 = expectOk(await call(t.core, admin, 'customers.history', { id: k1.id as number }));
    expect(hist2.changes[0].newValue).toContain('撤销导入批次');
    // Searching by the restored phone works (search columns recomputed).
    const found = expectOk(await call(t.core, admin, 'customers.list', { q: '13800000001' }));
    expect(found.rows.map((r) => r.code)).toEqual(['K1']);

    // Undo the insert: the later update's history refers to K1, so it goes to the recycle bin instead of away.
    const batches = expectOk(await call(t.core, admin, 'imports.batches', {}));
    const insertBatch = batches.rows.find((b) => b.inserted === 1 && b.fileName === 'v2.xlsx')!;
    const undo2 = await undoBatch(t.core, admin, insertBatch.id);
    expect(undo2).toMatchObject({ removed: 0, softDeleted: 1 });
    expect(t.db.prepare("SELECT deleted_at IS NOT NULL AS gone FROM customers WHERE code = 'K1'").get()).toEqual({ gone: 1 });
    expectErr(await call(t.core, admin, 'imports.undo', { batchId: insertBatch.id }), 'CONFLICT');
  });

  it('undo leaves fields someone changed after the import, and soft-deletes referenced records', async () => {
    await writeXlsx(file('a.xlsx'), [
      ['客户编码', '客户名称', '客户类型', '手机号'],
      ['P1', '张一', '个人', '13800000011'],
      ['P2', '张二', '个人', '13800000012'],
    ]);
    const ins = await importFile(t.core, admin, file('a.xlsx'), 'customers');
    // P2 is edited afterwards by a person: its history now refers to it.
    const p2 = t.db.prepare("SELECT id FROM customers WHERE code = 'P2'").get() as { id: number };
    const c = expectOk(await call(t.core, admin, 'customers.get', { id: p2.id }));
    expectOk(await call(t.core, admin, 'customers.update', { id: c.id, version: c.version, data: { name: c.name, kind: c.kind, mobile: c.mobile, notes: '后来补充' } }));
    const undo = await undoBatch(t.core, admin, ins.report.batchId!);
    expect(undo).toMatchObject({ removed: 1, softDeleted: 1 });
    expect(t.db.prepare("SELECT code, deleted_at IS NOT NULL AS gone FROM customers ORDER BY code").all()).toEqual([{ code: 'P2', gone: 1 }]);
    expect(t.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('a 客户经理 imports only for themselves; undo needs 负责人', async () => {
    const { token } = await createAndLogin(t.core, admin, 'lisi', 'manager');
    await writeXlsx(file('m.xlsx'), [
      ['客户名称', '客户类型', '手机号', '客户经理'],
      ['自己的客户', '个人', '13800000021', ''],
      ['别人的客户', '个人', '13800000022', 'zhangsan'],
    ]);
    const r = await importFile(t.core, token, file('m.xlsx'), 'customers');
    expect(r.report).toMatchObject({ inserted: 1, invalid: 1 });
    expect(r.report.errors[0]).toMatchObject({ row: 3, column: '客户经理' });
    const lisi = t.db.prepare("SELECT id FROM users WHERE name = 'lisi'").get() as { id: number };
    expect(t.db.prepare('SELECT manager_id FROM customers').all()).toEqual([{ manager_id: lisi.id }]);
    expectErr(await call(t.core, token, 'imports.undo', { batchId: r.report.batchId! }), 'FORBIDDEN');
    // Jobs belong to their user (administrators may look at any); another's answers like a missing one.
    const other = await createAndLogin(t.core, admin, 'wangwu', 'manager');
    expectErr(await call(t.core, other.token, 'jobs.status', { jobId: r.status.jobId }), 'NOT_FOUND');
  });

  it('GB18030 and UTF-8 CSV keep 18-digit IDs and leading zeros as text', async () => {
    const rows = [
      ['客户编码', '客户名称', '客户类型', '身份证号', '手机号', '备注'],
      ['007', '陈一', '个人', ID1, '13800000031', '含,逗号和"引号"'],
      ['008', '陈二', '个人', ID2, '13800000032', '第二行\n换行'],
    ];
    for (const enc of ['gb18030', 'utf-8', 'utf-8-bom'] as const) {
      const t2 = openInlineCore();
      const tok = await setupAndLogin(t2.core, 'tobacco');
      writeCsv(path.join(t2.dir, `c-${enc}.csv`), rows, enc);
      const uploadId = await upload(t2.core, tok, path.join(t2.dir, `c-${enc}.csv`));
      const insp = await inspect(t2.core, tok, uploadId, 'customers');
      expect(insp.encoding).toBe(enc === 'gb18030' ? 'gb18030' : 'utf-8');
      expect(insp.format).toBe('csv');
      const r = await importFile(t2.core, tok, path.join(t2.dir, `c-${enc}.csv`), 'customers');
      expect(r.report.inserted).toBe(2);
      expect(t2.db.prepare('SELECT code, name, id_number, notes FROM customers ORDER BY code').all()).toEqual([
        { code: '007', name: '陈一', id_number: ID1, notes: '含,逗号和"引号"' },
        { code: '008', name: '陈二', id_number: ID2, notes: '第二行\n换行' },
      ]);
      t2.close();
    }
  });

  it('refuses unreadable files with a clear message', async () => {
    const { fakeXls, truncateFile } = await import('../../../fixtures/excel');
    await writeXlsx(file('ok.xlsx'), [['客户名称', '客户类型'], ...Array.from({ length: 300 }, (_, i) => [`客户${i}`, '个人'])]);
    const cases: [string, string][] = [
      [fakeXls(file('old.xls')), '不支持 .xls（Excel 97-2003）格式，请在 Excel/WPS 中“另存为” .xlsx 后再导入'],
      [truncateFile(file('ok.xlsx'), file('cut.xlsx')), '文件已损坏或不是有效的 .xlsx 文件：'],
    ];
    for (const [f, message] of cases) {
      const uploadId = await upload(t.core, admin, f);
      const r = await call(t.core, admin, 'imports.inspect', { uploadId, kind: 'customers' });
      const e = expectErr(r, 'BAD_INPUT');
      expect(e.message.startsWith(message)).toBe(true);
    }
  });
});
