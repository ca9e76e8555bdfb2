/**
 * Files written by an independent office suite (LibreOffice headless, installed by
 * the test setup when missing): its .xlsx as a branch would save it, with a title
 * row, synonyms, numbers that lost their precision, bad dates and duplicates — and
 * its .xls, which must be refused with a clear message.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PRECISION_LOST_MESSAGE, XLS_MESSAGE } from '../../../../shared/domain/imports';
import { parseCsv } from '../../../../electron/core/excel/csv';
import { ensureLibreOffice, libreOfficeConvert, writeXlsx } from '../../../fixtures/excel';
import { call, createAndLogin, expectErr, setupAndLogin, type TestCore } from '../../helpers/core';
import { idNumber } from '../../helpers/customers';
import { importFile, inspect, openInlineCore, upload } from '../../helpers/excel';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 600_000 });

let t: TestCore;
let admin: string;
const file = (name: string) => path.join(t.dir, name);

// IDs ending in X stay text in any spreadsheet; all-digit ones become numbers in a "standard" column.
const ID_X = '11010519491231002X';
const ID_DIGITS = idNumber('11010519900307123');

beforeAll(async () => {
  ensureLibreOffice();
  t = openInlineCore();
  admin = await setupAndLogin(t.core, 'tobacco');
  await createAndLogin(t.core, admin, 'zhangsan', 'manager');
});
afterAll(() => t?.close());

describe('LibreOffice files', () => {
  it('customers: title row, synonyms, precision-lost IDs, in-file duplicates', async () => {
    const csv = [
      '城关片区客户花名册（2026年11月）,,,,,,',
      ',,,,,,',
      '序号,户名,客户类别,证件号码,手机号码,经营地址,档位',
      `1,刘一,个人,${ID_X},13800000101,和平路1号,A`,
      `2,刘二,个人,${ID_DIGITS},13800000102,和平路2号,B`,
      `3,刘三,个人,${ID_X},13800000103,和平路3号,C`,
      `4,刘四,个人,,13800000104,和平路4号,A`,
    ].join('\n');
    writeFileSync(file('花名册.csv'), csv);
    // Column formats: all "standard", as a user who never touched the format would have it.
    const xlsx = libreOfficeConvert(file('花名册.csv'), 'xlsx', path.join(t.dir, 'lo'), 'CSV:44,34,76,1');
    const uploadId = await upload(t.core, admin, xlsx);
    const insp = await inspect(t.core, admin, uploadId, 'customers');
    expect(insp.headerRow).toBe(3);
    expect(insp.columns.map((c) => c.field)).toEqual([null, 'name', 'kind', 'idNumber', 'mobile', 'address', 'tier']);

    const { report } = await importFile(t.core, admin, xlsx, 'customers');
    expect(report).toMatchObject({ inserted: 2, invalid: 2 });
    expect(report.errors).toEqual([
      { row: 5, column: '证件号码', message: PRECISION_LOST_MESSAGE },
      { row: 6, column: '证件号码', message: '与第4行重复（身份证号相同）' },
    ]);
    expect(t.db.prepare('SELECT name, id_number, mobile, tier FROM customers ORDER BY name').all()).toEqual([
      { name: '刘一', id_number: ID_X, mobile: '13800000101', tier: 'A' },
      { name: '刘四', id_number: null, mobile: '13800000104', tier: 'A' },
    ]);
  });

  it('visits: real date and time cells, bad dates, duplicate rows', async () => {
    await call(t.core, admin, 'customers.create', {
      data: { code: 'V1', name: '走访客户', kind: '个人', mobile: '13800000201', manager: 'zhangsan' },
    });
    const csv = [
      '客户编码,走访日期,签到时间,签退时间,走访类型,工作内容,下次跟进日期,下次跟进内容',
      'V1,2026-11-02,09:30,10:05,常规走访,传递公司信息,2026-11-09,回访订货',
      'V1,2026-02-30,09:30,10:00,常规走访,日期不存在,,',
      'V1,2026/11/03,14:00,14:30,回访,第二次,,',
      'V1,2026/11/03,14:00,14:30,回访,重复行,,',
    ].join('\n');
    writeFileSync(file('走访.csv'), csv);
    // Column 2 and 7 as dates (Y-M-D), 3 and 4 as standard: LibreOffice stores real date and time cells.
    const xlsx = libreOfficeConvert(file('走访.csv'), 'xlsx', path.join(t.dir, 'lo'), 'CSV:44,34,76,1,1/2/2/5/3/1/4/1/5/2/6/2/7/5/8/2');
    const { report } = await importFile(t.core, admin, xlsx, 'visits');
    expect(report.inserted).toBe(2);
    expect(report.invalid).toBe(2);
    expect(report.errors[0]).toMatchObject({ row: 3, column: '走访日期' });
    expect(report.errors[0].message).toContain('2026-02-30');
    expect(report.errors[1]).toEqual({ row: 5, column: '签到时间', message: '与第4行重复（同一客户同一签到时间）' });
    expect(t.db.prepare('SELECT sign_in, sign_out, duration_minutes, type, next_follow_up_due FROM visits ORDER BY sign_in').all()).toEqual([
      { sign_in: '2026-11-02 09:30', sign_out: '2026-11-02 10:05', duration_minutes: 35, type: '常规走访', next_follow_up_due: '2026-11-09' },
      { sign_in: '2026-11-03 14:00', sign_out: '2026-11-03 14:30', duration_minutes: 30, type: '回访', next_follow_up_due: null },
    ]);
    // The visit's next follow-up became a task, as when typed in by hand.
    expect(t.db.prepare("SELECT due, content FROM followups WHERE source_type = 'visit'").all()).toEqual([{ due: '2026-11-09', content: '回访订货' }]);
  });

  it('our streamed .xlsx export opens in LibreOffice with the same values', async () => {
    const { exportTo } = await import('../../helpers/excel');
    await exportTo(t.core, admin, { kind: 'customers', format: 'xlsx', columns: ['code', 'name', 'idNumber', 'mobile', 'tier', 'createdAt'] }, file('导出.xlsx'));
    const csv = libreOfficeConvert(file('导出.xlsx'), 'csv', path.join(t.dir, 'lo-out'));
    const rows = parseCsv(readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''));
    expect(rows[0][0]).toContain('城关烟草营销部');
    expect(rows[1]).toEqual(['客户编码', '客户名称', '身份证号', '手机号', '客户分级', '建档时间']);
    expect(rows).toContainEqual(['C000001', '刘一', ID_X, '13800000101', 'A', '2026-11-23 09:00']);
  });

  it('customers with a contacts sheet, saved by LibreOffice', async () => {
    // exceljs writes the two sheets; LibreOffice opens and saves them as its own .xlsx (its part order, its number cells).
    await writeXlsx(file('两表.xlsx'), [
      ['客户编码', '客户名称', '客户类型', '手机号'],
      ['L1', '两表客户', '个人', '13800000301'],
    ], {
      sheetName: '客户',
      extraSheets: [{ name: '联系人', rows: [['客户编码', '联系人姓名', '手机'], ['L1', '甲联系人', 13900000301], ['L1', '乙联系人', 1.39e16]] }],
    });
    const xlsx = libreOfficeConvert(file('两表.xlsx'), 'xlsx', path.join(t.dir, 'lo-two'));
    const { report, inspection } = await importFile(t.core, admin, xlsx, 'customers');
    expect(inspection.contacts).toMatchObject({ sheet: '联系人', detectedBy: 'name' });
    expect(report.contacts).toMatchObject({ inserted: 1, invalid: 1 });
    expect(report.errors).toEqual([{ sheet: '联系人', row: 3, column: '手机', message: PRECISION_LOST_MESSAGE }]);
    expect(t.db.prepare("SELECT ct.name, ct.mobile FROM contacts ct JOIN customers c ON c.id = ct.customer_id WHERE c.code = 'L1'").all()).toEqual([
      { name: '甲联系人', mobile: '13900000301' },
    ]);
  });

  it('an .xls saved by LibreOffice is refused with what to do', async () => {
    writeFileSync(file('old.csv'), '客户名称,客户类型\n老客户,个人\n');
    const xls = libreOfficeConvert(file('old.csv'), 'xls', path.join(t.dir, 'lo'));
    const uploadId = await upload(t.core, admin, xls);
    const e = expectErr(await call(t.core, admin, 'imports.inspect', { uploadId, kind: 'customers' }), 'BAD_INPUT');
    expect(e.message).toBe(XLS_MESSAGE);
  });
});
