import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { XLS_MESSAGE } from '../../shared/domain/imports';
import { coreCall, coreLogin, idNumber, launchBrowser, loginThroughUi, openPage, screenshot, seedBranch, startApp, type RunningApp } from './harness';

let browser: Browser;
let app: RunningApp | null = null;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-e2e-import-'));

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});
afterEach(async () => {
  await app?.close();
  app = null;
});

/**
 * A branch's own list as Excel users keep it: a title row above the header,
 * Chinese synonyms instead of our field names, one ID that Excel already turned
 * into 1.10101E+17, one impossible ID, and a column we have no field for.
 */
async function branchWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('客户名单');
  ws.addRow(['城关支行 2026年11月 个人客户名单']);
  ws.addRow(['户名', '客户类别', '居民身份证号', '联系手机', '联系地址', '第一联系人', '备用栏']);
  ws.addRow(['赵德明', '个人', idNumber('19680412', 101), '13911110001', '城关镇和平路1号', '赵小敏', 'x']);
  ws.addRow(['钱玉兰', '个人', idNumber('19720815', 102), '13911110002', '城关镇和平路2号', '', '']);
  ws.addRow(['孙建国', '个人', idNumber('19800101', 103), '13911110003', '城关镇和平路3号', '', '']);
  // Excel typed the ID as a number: the last digits are gone.
  ws.addRow(['李秀英', '个人', 110101198502020000, '13911110004', '城关镇和平路4号', '', '']);
  ws.addRow(['周大福', '个人', '110101199013451234', '13911110005', '城关镇和平路5号', '', '']);
  await wb.xlsx.writeFile(file);
}

/** Many plain valid rows: long enough that the progress bar is seen moving and can be cancelled. */
async function bigWorkbook(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('客户');
  ws.addRow(['客户名称', '客户类型', '手机号', '地址']).commit();
  for (let i = 0; i < rows; i++) {
    ws.addRow([`批量客户${i}`, '个人', `1380${String(i).padStart(7, '0')}`, `城关镇幸福路${i}号`]).commit();
  }
  await wb.commit();
}

/** Customers on one sheet, their contacts on a second one (联系人), tied by 客户编码. */
async function workbookWithContacts(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const main = wb.addWorksheet('客户');
  main.addRow(['客户编码', '客户名称', '客户类型', '身份证号', '手机号']);
  main.addRow(['K101', '吴志刚', '个人', idNumber('19700101', 201), '13922220001']);
  main.addRow(['K102', '郑丽华', '个人', idNumber('19750505', 202), '13922220002']);
  const contacts = wb.addWorksheet('联系人');
  contacts.addRow(['客户编码', '联系人姓名', '职务', '手机']);
  contacts.addRow(['K101', '吴晓东', '儿子', '13933330001']);
  contacts.addRow(['K102', '郑明', '配偶', '1393333']);
  contacts.addRow(['K999', '不存在', '', '13933330003']);
  await wb.xlsx.writeFile(file);
}

async function login(page: Page, name: string, password: string, who: string) {
  await loginThroughUi(page, name, password);
  await page.getByTestId('current-user').filter({ hasText: who }).waitFor();
}

function nav(page: Page, label: string) {
  return page.locator('aside nav').getByRole('link', { name: label, exact: true }).click();
}

function count(app: RunningApp, where = '1 = 1'): number {
  return (app.core.db.prepare(`SELECT count(*) AS n FROM customers WHERE deleted_at IS NULL AND ${where}`).get() as { n: number }).n;
}

async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('imports', () => {
  it('a manager imports a branch list: mapping corrected, dry run, error rows downloaded, import; the 负责人 undoes the batch', async () => {
    app = await startApp();
    const { users } = await seedBranch(app.core);
    const page = await openPage(browser, app.url);
    await login(page, users.manager1.name, users.manager1.password, '王丽（客户经理）');
    await nav(page, '数据导入');
    await page.getByRole('heading', { name: '数据导入' }).waitFor();

    // The template: header, instructions and hidden lists in one download.
    const [templateDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载「客户档案」导入模板' }).click()]);
    expect(templateDownload.suggestedFilename()).toBe('客户档案导入模板.xlsx');
    const templateFile = path.join(tmp, 'template.xlsx');
    await templateDownload.saveAs(templateFile);
    const template = await readWorkbook(templateFile);
    expect(template.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['客户档案', '说明']));
    expect(template.worksheets.find((w) => w.state === 'hidden')).toBeTruthy();

    // An .xls is refused before anything is sent, with what to do about it.
    const input = page.locator('input[type=file]');
    await input.setInputFiles({ name: '旧客户表.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from('D0CF11E0A1B11AE1', 'hex') });
    await page.getByRole('alert').filter({ hasText: XLS_MESSAGE }).waitFor();

    const file = path.join(tmp, '城关支行客户名单.xlsx');
    await branchWorkbook(file);
    await input.setInputFiles(file);

    // Mapping: the title row is skipped, synonyms are matched, the unknown column is left out.
    const mapping = page.getByTestId('mapping-main');
    await mapping.waitFor();
    await page.getByRole('status').filter({ hasText: '表头在第 2 行' }).waitFor();
    expect(await page.getByLabel('「户名」导入为').inputValue()).toBe('name');
    expect(await page.getByLabel('「居民身份证号」导入为').inputValue()).toBe('idNumber');
    expect(await page.getByLabel('「联系手机」导入为').inputValue()).toBe('mobile');
    expect(await page.getByLabel('「备用栏」导入为').inputValue()).toBe('');
    // Two columns on one field is named and blocks the dry run until corrected.
    await page.getByLabel('「联系地址」导入为').selectOption('name');
    await expect.poll(() => page.getByTestId('mapping-problems').textContent()).toContain('「客户名称」同时对应了「户名」「联系地址」');
    expect(await page.getByRole('button', { name: '预检（不写入数据）' }).isDisabled()).toBe(true);
    await page.getByLabel('「联系地址」导入为').selectOption('address');
    await page.getByLabel('「第一联系人」导入为').selectOption('contact1.name');
    await screenshot(page, 'import-1-mapping');

    // Dry run: every row checked, nothing written.
    await page.getByRole('button', { name: '预检（不写入数据）' }).click();
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('count-insert').textContent()).toContain('3');
    expect(await page.getByTestId('count-invalid').textContent()).toContain('2');
    const errors = page.getByTestId('report-错误');
    await errors.waitFor();
    expect(await errors.textContent()).toContain('精度已丢失');
    expect(await errors.locator('tr').filter({ hasText: '居民身份证号' }).count()).toBe(2);
    expect(count(app)).toBe(0);
    await screenshot(page, 'import-2-preview');

    // The invalid rows as a workbook with the original columns and 错误原因.
    const [errorDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载错误行（.xlsx）' }).click()]);
    const errorFile = path.join(tmp, 'errors.xlsx');
    await errorDownload.saveAs(errorFile);
    const errorSheet = (await readWorkbook(errorFile)).worksheets[0];
    const rows: string[][] = [];
    errorSheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const header = rows.findIndex((r) => r.includes('户名'));
    expect(rows[header]).toEqual(expect.arrayContaining(['户名', '居民身份证号', '错误原因']));
    expect(rows.slice(header + 1).map((r) => r[0])).toEqual(['李秀英', '周大福']);

    // The import itself: the valid rows, as one batch.
    await page.getByRole('button', { name: '开始导入（3 条）' }).click();
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('import-summary').textContent()).toMatch(/批次 #\d+/);
    expect(count(app)).toBe(3);
    const contact = app.core.db.prepare(`SELECT ct.name FROM contacts ct JOIN customers c ON c.id = ct.customer_id WHERE c.name = '赵德明'`).get() as { name: string };
    expect(contact.name).toBe('赵小敏');
    await screenshot(page, 'import-4-done');

    // A 客户经理 sees the batch but cannot undo it.
    await page.getByRole('button', { name: '查看导入记录' }).click();
    const batch = page.getByTestId('batch-list').locator('tbody tr').first();
    await batch.filter({ hasText: '城关支行客户名单.xlsx' }).waitFor();
    expect(await batch.getByRole('button', { name: '撤销此批次' }).count()).toBe(0);
    await page.getByRole('button', { name: '退出登录' }).click();

    // The 负责人 undoes it after confirming; the archive is as before.
    await login(page, users.supervisor.name, users.supervisor.password, '周主管（负责人）');
    await nav(page, '数据导入');
    await page.getByRole('tab', { name: '导入记录' }).click();
    await page.getByTestId('batch-list').getByRole('button', { name: '撤销此批次' }).first().click();
    await page.getByRole('dialog').getByText('本批新增的 3 条记录将被删除').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '撤销此批次' }).click();
    await page.getByTestId('batch-list').getByText('已撤销（周主管）').waitFor();
    expect(count(app)).toBe(0);
  });

  it('a long import shows its progress and, cancelled half-way, stores nothing', async () => {
    app = await startApp();
    const { users } = await seedBranch(app.core);
    const page = await openPage(browser, app.url);
    const file = path.join(tmp, '大批量客户.xlsx');
    await bigWorkbook(file, 40_000);
    await login(page, users.supervisor.name, users.supervisor.password, '周主管（负责人）');
    await nav(page, '数据导入');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('mapping-main').waitFor();
    await page.getByRole('button', { name: '预检（不写入数据）' }).click();
    await page.getByTestId('import-report').waitFor({ timeout: 120_000 });
    const toWrite = await page.getByRole('button', { name: /^开始导入/ }).textContent();
    expect(toWrite).toMatch(/开始导入（[\d,]+ 条）/);
    await page.getByRole('button', { name: /^开始导入/ }).click();

    // The bar moves while the page stays usable.
    const bar = page.getByRole('progressbar', { name: '正在导入' });
    await bar.waitFor();
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(15);
    await screenshot(page, 'import-3-progress');
    await page.getByTestId('job-progress').getByRole('button', { name: '取消' }).click();
    await page.getByRole('button', { name: '确认取消' }).click();
    await page.getByRole('status').filter({ hasText: '已取消导入，没有写入任何数据' }).waitFor({ timeout: 60_000 });
    expect(count(app)).toBe(0);
    expect((app.core.db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
    expect((app.core.db.prepare('SELECT count(*) AS n FROM import_batches').get() as { n: number }).n).toBe(0);
    // Issue 15: the ended import took its upload (personal data) with it; 返回修改 and a new dry
    // run send the chosen file again.
    expect(readdirSync(path.join(app.dataDir, 'tmp', 'uploads'))).toEqual([]);
    await page.getByRole('button', { name: '返回修改' }).click();
    await page.getByRole('button', { name: '预检（不写入数据）' }).click();
    await page.getByTestId('import-report').waitFor({ timeout: 120_000 });
    expect(readdirSync(path.join(app.dataDir, 'tmp', 'uploads'))).toHaveLength(1);
  }, 120_000);
  it('customers with a separate contacts sheet: detected, mapped, checked per sheet row, imported together', async () => {
    app = await startApp();
    const { users } = await seedBranch(app.core);
    const page = await openPage(browser, app.url);
    const file = path.join(tmp, '客户及联系人.xlsx');
    await workbookWithContacts(file);
    await login(page, users.manager1.name, users.manager1.password, '王丽（客户经理）');
    await nav(page, '数据导入');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('mapping-contacts').waitFor();
    expect(await page.getByRole('combobox', { name: '联系人工作表', exact: true }).inputValue()).toBe('联系人');
    expect(await page.getByTestId('mapping-contacts').getByLabel('「联系人姓名」导入为').inputValue()).toBe('contact.name');
    await screenshot(page, 'import-5-contacts-mapping');

    await page.getByRole('button', { name: '预检（不写入数据）' }).click();
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('contacts-counts').textContent()).toMatch(/3 行，将新增 1 位.*有错误 2 行/);
    const errors = await page.getByTestId('report-错误').textContent();
    expect(errors).toContain('联系人!3');
    expect(errors).toContain('联系人!4');
    await screenshot(page, 'import-6-contacts-preview');

    await page.getByRole('button', { name: /^开始导入/ }).click();
    await page.getByTestId('import-summary').waitFor();
    const stored = app.core.db
      .prepare(`SELECT c.code, ct.name, ct.role FROM contacts ct JOIN customers c ON c.id = ct.customer_id ORDER BY c.code`)
      .all() as { code: string; name: string; role: string }[];
    expect(stored).toEqual([{ code: 'K101', name: '吴晓东', role: '儿子' }]);
    expect(count(app)).toBe(2);

    // 导入记录: the batch shows the contacts sheet's counts under its own (the usual sheet name is not repeated).
    await page.getByRole('button', { name: '查看导入记录' }).click();
    await page.getByTestId('batch-list').locator('tbody tr').first().filter({ hasText: '客户及联系人.xlsx' }).waitFor();
    await page.getByTestId('batch-list').getByText('联系人：3 行，新增 1，更新 0，跳过 0，错误 2').waitFor();
    await screenshot(page, 'import-7-batches-contacts');
    // Pointing at the batch highlights its contacts line with it: the two read as one record.
    const batchRow = page.getByTestId('batch-list').locator('tbody.im-batch').first().locator('tr').first();
    await batchRow.hover();
    const background = (el: Element) => getComputedStyle(el).backgroundColor;
    const lineBackground = await page.getByTestId('batch-contacts').evaluate(background);
    expect(lineBackground).not.toBe('rgba(0, 0, 0, 0)');
    expect(lineBackground).toBe(await batchRow.evaluate(background));
    await page.getByRole('button', { name: '退出登录' }).click();

    // The 负责人's undo confirmation says the contacts go too, and they do.
    await login(page, users.supervisor.name, users.supervisor.password, '周主管（负责人）');
    await nav(page, '数据导入');
    await page.getByRole('tab', { name: '导入记录' }).click();
    await page.getByTestId('batch-list').getByRole('button', { name: '撤销此批次' }).first().click();
    const undoContacts = await page.getByRole('dialog').getByTestId('undo-contacts').textContent();
    expect(undoContacts).toContain('联系人工作表写入的联系人一并撤销（新增 1 个，更新 0 个）');
    await screenshot(page, 'import-8-undo-contacts');
    await page.getByRole('dialog').getByRole('button', { name: '撤销此批次' }).click();
    await page.getByTestId('batch-list').getByText('已撤销（周主管）').waitFor();
    expect(count(app)).toBe(0);
    expect(app.core.db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });
  });
  it('monthly volumes from a GBK CSV land on the customer page (业务量)', async () => {
    app = await startApp();
    const { users } = await seedBranch(app.core);
    const manager = await coreLogin(app.core, users.manager1.name, users.manager1.password);
    const created = await coreCall(app.core, manager, 'customers.create', {
      data: { name: '冯记粮油店', kind: '个人', idNumber: idNumber('19660606', 301), mobile: '13944440001' },
    });
    const { code } = app.core.db.prepare('SELECT code FROM customers WHERE id = ?').get(created.id) as { code: string };
    // Saved by Excel as "CSV (逗号分隔)" on a Chinese Windows: GBK bytes, no BOM.
    const file = path.join(tmp, '业务量.csv');
    writeFileSync(file, iconv.encode(`客户编码,月份,销量,存款\r\n${code},2026年10月,1280.5,30000\r\n${code},2026-11,1500,32000\r\n`, 'gb18030'));

    const page = await openPage(browser, app.url);
    await login(page, users.manager1.name, users.manager1.password, '王丽（客户经理）');
    await nav(page, '数据导入');
    await page.getByRole('radio', { name: '月度业务量' }).check();
    await page.getByTestId('volume-metrics').filter({ hasText: '销量、存款' }).waitFor();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('mapping-main').waitFor();
    await page.getByText('CSV，GBK/GB18030 编码').waitFor();
    await page.getByRole('button', { name: '预检（不写入数据）' }).click();
    await page.getByTestId('import-report').waitFor();
    await page.getByRole('button', { name: /^开始导入/ }).click();
    await page.getByTestId('import-summary').waitFor();

    await page.goto(`${app.url}#/customers/${created.id}`);
    await page.getByRole('tab', { name: '业务量' }).click();
    const table = page.getByTestId('customer-volumes');
    await table.waitFor();
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toEqual(['2026-111,50032,000', '2026-101,280.530,000']);
  });
});
