import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { addDays, weekMonday } from '../../shared/domain/visitRules';
import { coreCall, coreLogin, launchBrowser, loginThroughUi, openPage, screenshot, seedBranch, startApp, type RunningApp } from './harness';

/** A clock the test moves: print on a Wednesday, get the signed book back after the week it covers. */
class TestClock {
  constructor(private ms: number) {}
  now = () => new Date(this.ms);
  set(d: Date) {
    this.ms = d.getTime();
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const CUSTOMERS = ['陈建国', '刘秀英', '杨志强'];
/** 1×1 PNG: a stand-in for the scan of the signed paper. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

async function arrange(core: Core, nextMonday: string) {
  const seeded = await seedBranch(core);
  const manager = await coreLogin(core, seeded.users.manager1.name, seeded.users.manager1.password);
  for (const [i, name] of CUSTOMERS.entries()) {
    await coreCall(core, manager, 'customers.create', { data: { name, kind: '个人', tier: '金', mobile: `1380000${1000 + i}`, address: `城关镇解放路${20 + i}号` } });
  }
  await coreCall(core, manager, 'plans.generate', { week: nextMonday });
  return seeded;
}

async function login(page: Page, name: string, password: string) {
  await loginThroughUi(page, name, password);
  await page.getByTestId('current-user').waitFor();
}

function nav(page: Page, label: string) {
  return page.locator('aside nav').getByRole('link', { name: label, exact: true }).click();
}

let browser: Browser;
let app: RunningApp | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('sign-in book: print from the plan, register the signed paper', () => {
  it("prints next week's book (preview, 另存为 PDF), then 回收登记 turns its rows into visits with their signature status", { timeout: 180_000 }, async () => {
    const monday = weekMonday(ymd(new Date()));
    const clock = new TestClock(new Date(`${addDays(monday, 2)}T10:00:00`).getTime());
    const nextMonday = addDays(monday, 7);
    app = await startApp({ now: clock.now });
    const { users } = await arrange(app.core, nextMonday);

    let page = await openPage(browser, app.url);
    await page.clock.setFixedTime(clock.now());
    await page.reload();
    await login(page, users.manager1.name, users.manager1.password);

    // 走访计划 → next week → 打印签到簿: the preview shows the real pages.
    await nav(page, '走访计划');
    await page.getByRole('button', { name: '下一周' }).click();
    await page.getByTestId('plan-week').filter({ hasText: '（下周）' }).waitFor();
    await page.getByRole('button', { name: '打印签到簿' }).click();
    const preview = page.getByRole('dialog', { name: '营销人员市场走访签到记录簿' });
    await preview.waitFor();
    const pages = page.frameLocator('iframe[title="打印预览"]');
    await pages.getByRole('heading', { name: '营销人员市场走访签到记录簿' }).waitFor();
    for (const name of CUSTOMERS) await pages.getByText(new RegExp(`${name}（`)).waitFor();
    expect(await pages.getByText('138****1000').count()).toBe(1);
    await screenshot(page, 'print-preview');

    // 另存为 PDF: the host's A4 PDF downloads, and the book gets its number.
    const download = page.waitForEvent('download');
    await preview.getByRole('button', { name: '另存为 PDF' }).click();
    const file = await (await download).path();
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/^Pages:\s+1$/m);
    expect(info).toMatch(/Page size:\s+841\.\d+ x 59\d\.\d+ pts \(A4\)/);
    const notice = preview.getByRole('status').filter({ hasText: '签到簿编号' });
    await notice.waitFor();
    const sheetNo = /QD-\d{8}-\d{4}/.exec((await notice.textContent())!)![0];
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain(sheetNo);
    await preview.getByRole('button', { name: '关闭', exact: true }).last().click();

    // The week plan prints from the same screen.
    await page.getByRole('button', { name: '打印日程表' }).click();
    const planPreview = page.getByRole('dialog', { name: '客户访问日程表' });
    await page.frameLocator('iframe[title="打印预览"]').getByRole('heading', { name: '客户访问日程表' }).waitFor();
    await screenshot(page, 'print-week-plan-preview');
    await planPreview.getByRole('button', { name: '关闭', exact: true }).last().click();

    // The Saturday after that week the signed book is back.
    clock.set(new Date(`${addDays(nextMonday, 5)}T09:00:00`));
    await page.context().close();
    page = await openPage(browser, app.url);
    await page.clock.setFixedTime(clock.now());
    await page.reload();
    await login(page, users.manager1.name, users.manager1.password);
    await nav(page, '回收登记');
    await page.getByLabel('签到簿编号').fill(sheetNo.toLowerCase());
    await page.keyboard.press('Enter');
    await page.getByTestId('sheet-info').filter({ hasText: sheetNo }).waitFor();
    const rows = page.getByTestId('sheet-rows').locator('tbody tr');
    expect(await rows.count()).toBe(3);
    for (let i = 1; i <= 3; i++) {
      await page.getByLabel(`第${i}行签到时间`).fill('09:30');
      await page.getByLabel(`第${i}行签退时间`).fill('10:05');
    }
    await page.getByLabel('第2行客户签字').selectOption('拒签');
    await page.getByLabel('第2行原因').fill('店主不愿签字');
    await page.getByLabel('纸面扫描件').setInputFiles({ name: '签到簿扫描.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: '保存登记' }).click();
    await page.getByRole('status').filter({ hasText: `签到簿 ${sheetNo} 已登记 3 条走访；扫描件「签到簿扫描.png」已附到 3 条走访` }).waitFor();
    await page.getByTestId('sheet-scans').filter({ hasText: '签到簿扫描.png' }).waitFor();
    expect(await page.getByText(/已登记（走访 \d+）/).count()).toBe(3);
    // The registered rows show what they became: times, status and reason.
    await rows.nth(1).filter({ hasText: '拒签' }).filter({ hasText: '店主不愿签字' }).filter({ hasText: '10:05' }).waitFor();
    await screenshot(page, 'sheet-return');

    // A blank page printed the same week: its row takes the customer from the picker.
    const manager = await coreLogin(app.core, users.manager1.name, users.manager1.password);
    const blankNo = (await coreCall(app.core, manager, 'print.signIn', { blankPages: 1 })).sheets[0].sheetNo;
    await page.getByLabel('签到簿编号').fill(blankNo);
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByTestId('sheet-info').filter({ hasText: '空白签到页' }).waitFor();
    await page.getByRole('combobox', { name: '第1行客户', exact: true }).pressSequentially('cjg');
    await page.getByRole('option', { name: /陈建国/ }).waitFor();
    await screenshot(page, 'sheet-return-blank-picker');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('combobox', { name: '第1行客户', exact: true }).inputValue()).toContain('陈建国');
    await page.getByLabel('第1行签到时间').fill(`${addDays(nextMonday, 3)} 14:00`);
    await page.getByLabel('第1行签退时间').fill(`${addDays(nextMonday, 3)} 14:30`);
    await page.getByLabel('第1行客户签字').selectOption('无法签字');
    await page.getByLabel('第1行原因').fill('店主外出');
    await page.getByRole('button', { name: '保存登记' }).click();
    await page.getByRole('status').filter({ hasText: `签到簿 ${blankNo} 已登记 1 条走访` }).waitFor();

    // The visits are in 走访记录, with their signature status.
    await nav(page, '走访记录');
    const refused = page.locator('.ag-row').filter({ hasText: '拒签' });
    await refused.first().waitFor();
    expect(await refused.count()).toBe(1);
    expect(await page.locator('.ag-row').filter({ hasText: '已签' }).count()).toBe(2);
    expect(await page.locator('.ag-row').filter({ hasText: '无法签字' }).filter({ hasText: '陈建国' }).count()).toBe(1);
    await screenshot(page, 'sheet-return-visits');
  });

  it('prints archive cards of the customers selected in the list, a customer’s card, a complaint’s and a receipt’s form', { timeout: 180_000 }, async () => {
    app = await startApp();
    const monday = weekMonday(ymd(new Date()));
    const { users } = await arrange(app.core, addDays(monday, 7));
    const manager = await coreLogin(app.core, users.manager1.name, users.manager1.password);
    const customers = await coreCall(app.core, manager, 'customers.list', {});
    const id = (name: string) => customers.rows.find((c) => c.name === name)!.id;
    const complaint = await coreCall(app.core, manager, 'complaints.create', { customerId: id('刘秀英'), category: '服务质量', content: '柜台排队时间过长' });
    await coreCall(app.core, manager, 'receipts.create', { customerId: id('杨志强'), items: [{ name: '宣传海报', quantity: 5, unit: '张' }] });

    const page = await openPage(browser, app.url);
    await login(page, users.manager1.name, users.manager1.password);
    const frame = () => page.frameLocator('iframe[title="打印预览"]');
    const close = (title: string) => page.getByRole('dialog', { name: title }).getByRole('button', { name: '关闭', exact: true }).last().click();

    // 客户档案: a manager ticks their customers and prints a card each.
    await nav(page, '客户档案');
    for (const name of CUSTOMERS) await page.locator('.ag-row').filter({ hasText: name }).first().locator('input[type="checkbox"]').check();
    await page.getByRole('button', { name: '打印档案卡' }).click();
    const cards = page.getByRole('dialog', { name: '客户档案卡' });
    await cards.waitFor();
    for (const name of CUSTOMERS) await frame().getByText(`客户：${name}（`).waitFor();
    await screenshot(page, 'print-archive-cards');
    const download = page.waitForEvent('download');
    await cards.getByRole('button', { name: '另存为 PDF' }).click();
    const pdf = await (await download).path();
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/^Pages:\s+3$/m);
    await close('客户档案卡');

    // A customer's page prints that customer's card.
    await page.goto(`${app.url}#/customers/${id('陈建国')}`);
    await page.getByRole('heading', { name: '陈建国' }).waitFor();
    await page.getByRole('button', { name: '打印档案卡' }).click();
    await frame().getByText('客户：陈建国（').waitFor();
    expect(await frame().getByText(/客户：/).count()).toBe(1);
    await close('客户档案卡');

    // A complaint prints as 商品及服务质量信息反馈单 with the 客户确认 box.
    await page.goto(`${app.url}#/complaints/${complaint.id}`);
    await page.getByRole('button', { name: '打印反馈单' }).click();
    await frame().getByRole('heading', { name: '商品及服务质量信息反馈单' }).waitFor();
    await frame().getByText('柜台排队时间过长').waitFor();
    await frame().getByText('客户签字（盖章）：').waitFor();
    await screenshot(page, 'print-complaint');
    await close('商品及服务质量信息反馈单');

    // A receipt row prints its 宣传促销品签收单.
    await nav(page, '签收单');
    await page.getByRole('row').filter({ hasText: '杨志强' }).getByRole('button', { name: '打印' }).click();
    await frame().getByRole('heading', { name: '宣传促销品签收单' }).waitFor();
    await frame().getByText('宣传海报').waitFor();
    await screenshot(page, 'print-receipt');
    await close('宣传促销品签收单');
  });
});
