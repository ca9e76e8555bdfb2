import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { addDays, localDate } from '../../shared/domain/visitRules';
import { coreCall, coreLogin, idNumber, launchBrowser, loginThroughUi, openPage, screenshot, seedBranch, startApp, type RunningApp } from './harness';

let browser: Browser;
let app: RunningApp | null = null;
let downloads: string;

beforeAll(async () => {
  browser = await launchBrowser();
  downloads = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-exports-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(downloads, { recursive: true, force: true });
});
afterEach(async () => {
  await app?.close();
  app = null;
});

/** 王丽's customers; the 金 ones are what her filtered export must hold, no more, no less. */
const MINE = [
  { name: '陈建国', tier: '金' },
  { name: '刘秀英', tier: '银' },
  { name: '杨志强', tier: '金' },
  { name: '黄丽娟', tier: '普通' },
  { name: '赵德明', tier: '金' },
  { name: '周晓燕', tier: '白金' },
];
/** 李强's: a 金 customer too, which 王丽 must never receive. */
const THEIRS = [
  { name: '陈建华', tier: '金' },
  { name: '吴海涛', tier: '银' },
];

async function arrange(core: Core) {
  const seeded = await seedBranch(core);
  const mine = await coreLogin(core, seeded.users.manager1.name, seeded.users.manager1.password);
  const theirs = await coreLogin(core, seeded.users.manager2.name, seeded.users.manager2.password);
  const customerIds: Record<string, number> = {};
  let seq = 0;
  for (const [token, list] of [
    [mine, MINE],
    [theirs, THEIRS],
  ] as const) {
    for (const c of list) {
      seq++;
      const created = await coreCall(core, token, 'customers.create', {
        data: { name: c.name, kind: '个人', tier: c.tier, idNumber: idNumber(`1975061${seq % 10}`, 200 + seq), mobile: `138000000${String(seq).padStart(2, '0')}` },
      });
      customerIds[c.name] = created.id;
    }
  }
  return { ...seeded, mine, theirs, customerIds };
}

async function login(page: Page, name: string, password: string, who: string, section: string) {
  await loginThroughUi(page, name, password);
  await page.getByTestId('current-user').filter({ hasText: who }).waitFor();
  await page.locator('aside nav').getByRole('link', { name: section, exact: true }).click();
}

async function saved(download: Download): Promise<string> {
  const file = path.join(downloads, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

describe('exports', () => {
  it('a 客户经理 exports her filtered customers as .xlsx: exactly those rows, chosen columns, ID and mobile masked, title row', async () => {
    app = await startApp();
    const { users } = await arrange(app.core);
    const page = await openPage(browser, app.url);
    await login(page, users.manager1.name, users.manager1.password, '王丽（客户经理）', '客户档案');
    await page.getByTestId('customer-total').filter({ hasText: `共 ${MINE.length} 个客户` }).waitFor();
    await page.getByLabel('分级').selectOption('金');
    const gold = MINE.filter((c) => c.tier === '金').map((c) => c.name);
    await page.getByTestId('customer-total').filter({ hasText: `共 ${gold.length} 个客户` }).waitFor();

    await page.getByRole('button', { name: '导出', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '导出客户档案' });
    await dialog.waitFor();
    // The filter in words, with the manager's own scope.
    const filterLine = await dialog.getByTestId('export-filter').textContent();
    expect(filterLine).toContain('我负责的客户');
    expect(filterLine).toContain('分级：金');
    expect(filterLine).toContain(`共 ${gold.length} 个`);
    // The chooser starts with the grid's visible columns (手机 brings the landline along).
    for (const label of ['客户编码', '客户名称', '客户分级', '客户经理', '手机号', '固定电话', '地址']) {
      expect(await dialog.getByRole('checkbox', { name: label, exact: true }).isChecked(), label).toBe(true);
    }
    expect(await dialog.getByRole('checkbox', { name: '身份证号', exact: true }).isChecked()).toBe(false);
    // The format radio has the focus: the whole dialog works from the keyboard.
    expect(await dialog.getByRole('radio', { name: /^Excel（/ }).evaluate((el) => el === document.activeElement)).toBe(true);
    await dialog.getByRole('checkbox', { name: '身份证号', exact: true }).check();
    await dialog.getByRole('checkbox', { name: '地址', exact: true }).uncheck();
    await screenshot(page, 'export-dialog-customers');

    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: '开始导出' }).click();
    const file = await saved(await download);
    expect(path.extname(file)).toBe('.xlsx');
    const report = dialog.getByTestId('export-report');
    await report.waitFor();
    const reportText = await report.textContent();
    expect(reportText).toContain(`${gold.length} 行`);
    expect(reportText).toContain('已脱敏');
    await dialog.getByRole('button', { name: '再次保存' }).waitFor();
    // The bar eases to 100% (0.3 s): the picture should show where it ends.
    await page.waitForTimeout(400);
    await screenshot(page, 'export-dialog-done');

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0];
    const title = cellText(sheet.getRow(1).getCell(1).value);
    expect(title).toContain('城关支行');
    expect(title).toContain('分级：金');
    expect(title).toContain('导出人：王丽');
    expect(title).toContain('身份证号、手机号已脱敏');
    const header = (sheet.getRow(2).values as ExcelJS.CellValue[]).slice(1).map(cellText);
    expect(header).toContain('身份证号');
    expect(header).not.toContain('地址');
    // The grid's order first, the ticked column last.
    expect(header[header.length - 1]).toBe('身份证号');
    expect(header.indexOf('客户编码')).toBeLessThan(header.indexOf('客户名称'));
    const col = (name: string) => header.indexOf(name) + 1;
    const rows: Record<string, string>[] = [];
    sheet.eachRow((row, n) => {
      if (n <= 2) return;
      rows.push({
        name: cellText(row.getCell(col('客户名称')).value),
        tier: cellText(row.getCell(col('客户分级')).value),
        manager: cellText(row.getCell(col('客户经理')).value),
        idNumber: cellText(row.getCell(col('身份证号')).value),
        mobile: cellText(row.getCell(col('手机号')).value),
      });
    });
    expect(rows.map((r) => r.name).sort()).toEqual([...gold].sort());
    for (const r of rows) {
      expect(r.manager).toBe('王丽');
      expect(r.tier).toBe('金');
      expect(r.idNumber).toMatch(/^110101\*{8}\d{3}[\dX]$/);
      expect(r.mobile).toMatch(/^138\*{4}\d{4}$/);
    }

    // Enter closes the finished dialog (完成 has the focus) and gives the focus back to 导出.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
  });

  it('a supervisor exports one manager\'s visits as CSV (UTF-8 with BOM) from the keyboard', async () => {
    app = await startApp();
    const { users, mine, theirs, customerIds: ids } = await arrange(app.core);
    const today = localDate(new Date());
    const days = [1, 2, 3].map((n) => addDays(today, -n));
    for (const [i, day] of days.entries()) {
      await coreCall(app.core, mine, 'visits.create', { customerId: ids[MINE[i].name], date: day, signIn: '0930', signOut: '1010', content: `产品推介，第${i + 1}次`, signature: '已签' });
    }
    await coreCall(app.core, mine, 'followups.create', { customerId: ids[MINE[0].name], due: today, content: '送理财产品资料' });
    await coreCall(app.core, theirs, 'visits.create', { customerId: ids['陈建华'], date: days[0], signIn: '1400', signOut: '1430', content: '李强的走访', signature: '已签' });

    const page = await openPage(browser, app.url);
    await login(page, users.supervisor.name, users.supervisor.password, '周主管', '走访记录');
    await page.getByTestId('visit-total').filter({ hasText: '共 4 条' }).waitFor();
    await page.getByLabel('客户经理').selectOption({ label: '王丽' });
    await page.getByTestId('visit-total').filter({ hasText: '共 3 条' }).waitFor();

    await page.getByRole('button', { name: '导出', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '导出走访记录' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('export-filter').textContent()).toContain('客户经理：王丽');
    // No column chooser outside customers.
    expect(await dialog.getByRole('checkbox').count()).toBe(0);
    await page.keyboard.press('ArrowDown');
    expect(await dialog.getByRole('radio', { name: /^CSV（/ }).isChecked()).toBe(true);
    await screenshot(page, 'export-dialog-visits');
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const file = await saved(await download);
    expect(path.extname(file)).toBe('.csv');
    await dialog.getByTestId('export-report').filter({ hasText: '3 行' }).waitFor();

    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines[0].split(',').slice(0, 3)).toEqual(['客户编码', '客户名称', '客户分级']);
    expect(lines).toHaveLength(1 + days.length);
    const body = lines.slice(1).join('\n');
    for (const c of MINE.slice(0, 3)) expect(body).toContain(c.name);
    expect(body).toContain('产品推介，第1次');
    expect(body).not.toContain('李强的走访');
    expect(body).not.toContain('陈建华');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The other lists hand their own filter over: 待跟进 its tab and owner, 投诉反馈 its tab.
    await page.locator('aside nav').getByRole('link', { name: '待跟进', exact: true }).click();
    await page.getByRole('tab', { name: '全部' }).click();
    await page.getByRole('button', { name: '导出', exact: true }).click();
    const followups = page.getByRole('dialog', { name: '导出跟进任务' });
    expect(await followups.getByTestId('export-filter').textContent()).toContain('状态：全部');
    await page.keyboard.press('Escape');
    await followups.waitFor({ state: 'detached' });
    await page.locator('aside nav').getByRole('link', { name: '投诉反馈', exact: true }).click();
    await page.getByRole('button', { name: '导出', exact: true }).waitFor();
    // Nothing to export yet: the button says so by being disabled.
    await page.getByText('没有未结的投诉反馈').waitFor();
    expect(await page.getByRole('button', { name: '导出', exact: true }).isDisabled()).toBe(true);
  });

  it('cancelling a running export: from the progress bar, and by closing the dialog', async () => {
    app = await startApp();
    const { users, ids } = await arrange(app.core);
    const page = await openPage(browser, app.url);
    await login(page, users.manager1.name, users.manager1.password, '王丽（客户经理）', '客户档案');
    await page.getByTestId('customer-total').filter({ hasText: `共 ${MINE.length} 个客户` }).waitFor();
    const jobIds: string[] = [];
    page.on('response', async (r) => {
      if (!r.url().endsWith('/api/invoke') || !r.request().postData()?.includes('"exports.start"')) return;
      const body = (await r.json()) as { ok: boolean; value?: { jobId: string } };
      if (body.value) jobIds.push(body.value.jobId);
    });

    // The export's last step writes its audit entry. Holding SQLite's write lock here keeps the
    // job waiting on it (busy_timeout, 5 s) however fast the machine is, so the cancel always
    // lands on a running job; the UI's own calls share this connection and are not blocked.
    const db = app.core.db;
    db.exec('BEGIN IMMEDIATE');
    let downloaded = false;
    page.on('download', () => (downloaded = true));
    try {
      await page.getByRole('button', { name: '导出', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: '导出客户档案' });
      await dialog.getByRole('button', { name: '开始导出' }).click();
      const progress = dialog.getByTestId('job-progress');
      await progress.waitFor();
      await screenshot(page, 'export-dialog-running');
      await progress.getByRole('button', { name: '取消', exact: true }).click();
      await progress.getByRole('button', { name: '确认取消' }).click();
      await progress.filter({ hasText: '已取消' }).waitFor({ timeout: 20_000 });
      await dialog.getByText('已取消导出，没有生成文件。').waitFor();
      await screenshot(page, 'export-dialog-cancelled');

      // Again, and this time Esc while it runs: the dialog asks before it cancels.
      await dialog.getByRole('button', { name: '重新导出' }).click();
      await dialog.getByRole('button', { name: '开始导出' }).click();
      await progress.waitFor();
      await page.keyboard.press('Escape');
      const ask = page.getByRole('dialog', { name: '导出尚未完成' });
      await ask.waitFor();
      // Esc on the question keeps the export going.
      await page.keyboard.press('Escape');
      await ask.waitFor({ state: 'detached' });
      expect(await dialog.isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await ask.getByRole('button', { name: '取消导出并关闭' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(jobIds).toHaveLength(2);
      const owner = { id: ids.manager1, role: 'manager' };
      // Still under the lock: the closed dialog's job must end cancelled too, not finish unseen.
      for (const jobId of jobIds) expect((await app.core.jobs.wait(jobId, owner)).state).toBe('cancelled');
    } finally {
      db.exec('COMMIT');
    }
    expect(downloaded).toBe(false);
  });
});
