import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { addDays, localDate, weekMonday } from '../../shared/domain/visitRules';
import { coreCall, coreLogin, idNumber, launchBrowser, loginThroughUi, openPage, screenshot, seedBranch, startApp, type RunningApp } from './harness';

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

/** 王丽's customers with the pinyin initials a manager would type. */
const CUSTOMERS = [
  { name: '陈建国', initials: 'cjg', tier: '白金' },
  { name: '刘秀英', initials: 'lxy', tier: '金' },
  { name: '杨志强', initials: 'yzq', tier: '银' },
  { name: '黄丽娟', initials: 'hlj', tier: '普通' },
  { name: '赵德明', initials: 'zdm', tier: '金' },
  { name: '周晓燕', initials: 'zxy', tier: '白金' },
  { name: '吴海涛', initials: 'wht', tier: '银' },
  { name: '徐桂兰', initials: 'xgl', tier: '普通' },
];

async function arrange(core: Core) {
  const seeded = await seedBranch(core);
  const manager = await coreLogin(core, seeded.users.manager1.name, seeded.users.manager1.password);
  const codes: Record<string, string> = {};
  for (const [i, c] of CUSTOMERS.entries()) {
    const created = await coreCall(core, manager, 'customers.create', {
      data: { name: c.name, kind: '个人', tier: c.tier, idNumber: idNumber(`19${70 + i}0${(i % 9) + 1}15`, 300 + i), mobile: `1390000${2000 + i}` },
    });
    codes[c.name] = created.code;
  }
  // 李强's customer: not offered to 王丽 in the grid.
  const other = await coreLogin(core, seeded.users.manager2.name, seeded.users.manager2.password);
  await coreCall(core, other, 'customers.create', { data: { name: '陈建华', kind: '个人', tier: '金', idNumber: idNumber('19800101', 900), mobile: '13900009999' } });
  return { ...seeded, codes };
}

/** One paper sheet line. `how`: which way the customer is typed (initials, code or name). */
interface Sheet {
  day: number;
  customer: (typeof CUSTOMERS)[number];
  signIn: string;
  signOut: string;
  type?: string;
  signature?: string;
  note?: string;
  content: string;
}

const SLOTS: [string, string][] = [
  ['0900', '0940'],
  ['1000', '1045'],
  ['1400', '1430'],
  ['1500', '1550'],
];
const CONTENTS = ['产品推介', '了解资金需求', '收集开户资料', '满意度回访', '风险提示'];

/** A week of sheets: 5 days × 4 visits = 20 lines; line 7 has its times reversed, line 15 overlaps line 14. */
function sheets(): Sheet[] {
  const out: Sheet[] = [];
  for (let day = 0; day < 5; day++) {
    for (let s = 0; s < 4; s++) {
      const n = out.length;
      out.push({
        day,
        customer: CUSTOMERS[n % CUSTOMERS.length],
        signIn: SLOTS[s][0],
        signOut: SLOTS[s][1],
        content: CONTENTS[n % CONTENTS.length],
        ...(n % 6 === 3 ? { type: 'hf' } : {}),
        ...(n === 9 ? { signature: 'jq' } : {}),
        ...(n === 11 ? { signature: '4', note: '店主外出，店员不能代签' } : {}),
      });
    }
  }
  out[6] = { ...out[6], signIn: '1400', signOut: '1330' };
  out[14] = { ...out[14], signIn: '1020', signOut: '1100' };
  return out;
}

async function login(page: Page, name: string, password: string, who: string) {
  await loginThroughUi(page, name, password);
  await page.getByTestId('current-user').filter({ hasText: who }).waitFor();
}

function cell(page: Page, row: number, column: string): Locator {
  return page.getByLabel(`第${row}行${column}`, { exact: true });
}

const mmdd = (date: string) => date.slice(5, 7) + date.slice(8, 10);

describe('visits', () => {
  it('bulk entry of 20 paper sheets: 18 valid rows are stored, the 2 invalid ones stay with their reasons, and the visit list shows them', async () => {
    app = await startApp();
    const { users } = await arrange(app.core);
    const page = await openPage(browser, app.url);
    await login(page, users.manager1.name, users.manager1.password, '王丽（客户经理）');
    await page.locator('aside nav').getByRole('link', { name: '批量录入', exact: true }).click();
    await page.getByRole('heading', { name: '批量录入' }).waitFor();

    const lastMonday = addDays(weekMonday(localDate(new Date())), -7);
    const rows = sheets();

    // Rows 1–3 with the keyboard only: the date cell has the focus on arrival; Tab moves right,
    // the customer is picked by pinyin initials from the suggestion list with Enter.
    expect(await cell(page, 1, '日期').evaluate((el) => el === document.activeElement)).toBe(true);
    for (let i = 0; i < 3; i++) {
      const r = rows[i];
      const row = i + 1;
      if (i === 0) await page.keyboard.type(mmdd(addDays(lastMonday, r.day)));
      // Later rows keep the date carried down from the row above.
      else expect(await cell(page, row, '日期').inputValue()).toBe(addDays(lastMonday, r.day));
      await page.keyboard.press('Tab');
      await page.keyboard.type(r.customer.initials);
      await page.getByRole('option', { name: new RegExp(r.customer.name) }).waitFor();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.type(r.signIn);
      await page.keyboard.press('Tab');
      await page.keyboard.type(r.signOut);
      await page.keyboard.press('Tab');
      if (r.type) await page.keyboard.type(r.type);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.type(r.content);
      // Tab from the last cell goes on to the next row's date.
      await page.keyboard.press('Tab');
    }
    // Typed shorthand reads back in full.
    expect(await cell(page, 1, '日期').inputValue()).toBe(addDays(lastMonday, 0));
    expect(await cell(page, 1, '签到').inputValue()).toBe('09:00');
    expect(await cell(page, 1, '客户').inputValue()).toContain('陈建国');
    // Enter moves down to the same column of the next row.
    await cell(page, 2, '内容').focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('第3行内容');

    // Rows 4–20 faster, straight into the inputs (the customer is still picked from the list).
    for (let i = 3; i < rows.length; i++) {
      const r = rows[i];
      const row = i + 1;
      await cell(page, row, '日期').fill(mmdd(addDays(lastMonday, r.day)));
      const customer = cell(page, row, '客户');
      await customer.fill(i % 3 === 0 ? r.customer.name : r.customer.initials);
      await page.getByRole('option', { name: new RegExp(r.customer.name) }).waitFor();
      await customer.press('Enter');
      await cell(page, row, '签到').fill(r.signIn);
      await cell(page, row, '签退').fill(r.signOut);
      if (r.type) await cell(page, row, '类型').fill(r.type);
      if (r.signature) await cell(page, row, '签字').fill(r.signature);
      if (r.note) await cell(page, row, '签字说明').fill(r.note);
      await cell(page, row, '内容').fill(r.content);
    }
    await cell(page, 21, '日期').focus();

    // Checked as typed, with the shared rules: both bad rows are red before saving.
    await page.getByTestId('bulk-problems-7').filter({ hasText: '签退时间：须晚于签到时间' }).waitFor();
    await page.getByTestId('bulk-problems-15').filter({ hasText: '与第14行的走访时间重叠' }).waitFor();
    expect(await cell(page, 7, '签退').getAttribute('aria-invalid')).toBe('true');
    expect(await cell(page, 7, '签退').getAttribute('title')).toContain('须晚于签到时间');
    await page.getByTestId('bulk-status').filter({ hasText: '20 行待保存，2 行有问题' }).waitFor();
    expect(await cell(page, 12, '签字').inputValue()).toBe('无法签字');
    expect(await cell(page, 4, '类型').inputValue()).toBe('回访');
    await cell(page, 4, '类型').scrollIntoViewIfNeeded();
    await screenshot(page, 'bulk-entry');

    // Ctrl+S: the valid rows are stored, the invalid ones stay with their reasons.
    await page.keyboard.press('Control+s');
    const summary = page.getByTestId('bulk-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toBe('已保存 18 条，2 条有问题');
    await page.getByTestId('bulk-status').filter({ hasText: '2 行待保存，2 行有问题' }).waitFor();
    const problems = await page.locator('td.vx-problems').allTextContents();
    expect(problems.filter(Boolean)).toHaveLength(2);
    expect(problems[0]).toContain('签退时间：须晚于签到时间');
    // The overlap names the stored line, not a row number that no longer exists.
    expect(problems[1]).toContain(`与「${rows[13].customer.name}」10:00–10:45 那一行的走访时间重叠`);
    expect(await cell(page, 1, '客户').inputValue()).toContain(rows[6].customer.name);
    await screenshot(page, 'bulk-entry-saved');

    // Fix the reversed times and save again.
    await cell(page, 1, '签退').fill('1445');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('bulk-summary').filter({ hasText: '已保存 1 条，1 条有问题' }).waitFor();

    // 走访记录: the 19 stored visits, newest first.
    await page.locator('aside nav').getByRole('link', { name: '走访记录', exact: true }).click();
    await page.getByTestId('visit-total').filter({ hasText: '共 19 条' }).waitFor();
    const gridRows = page.locator('.ag-row');
    // Rows are positioned absolutely; the DOM order is not the display order.
    const firstRow = page.locator('.ag-row[row-index="0"]');
    await firstRow.waitFor();
    expect(await firstRow.textContent()).toContain(`${addDays(lastMonday, 4)} 15:00`);
    await page.locator('.ag-row').filter({ hasText: '无法签字' }).waitFor();
    // Filter by signature status.
    await page.getByLabel('签字', { exact: true }).selectOption('拒签');
    await page.getByTestId('visit-total').filter({ hasText: '共 1 条' }).waitFor();
    await page.getByLabel('签字', { exact: true }).selectOption('');
    await page.getByTestId('visit-total').filter({ hasText: '共 19 条' }).waitFor();
    await firstRow.filter({ hasText: '15:00' }).waitFor();
    await screenshot(page, 'visit-list');

    // Double-click opens the visit.
    await gridRows.filter({ hasText: '无法签字' }).first().dblclick();
    await page.getByRole('heading', { name: '走访记录', exact: true }).waitFor();
    expect(await page.getByLabel('无法签字原因').inputValue()).toBe('店主外出，店员不能代签');
  });

  it('typed afterwards: 0930-style times, a visit over 8 hours asks for confirmation', async () => {
    app = await startApp();
    const { users, codes } = await arrange(app.core);
    const page = await openPage(browser, app.url);
    await login(page, users.manager1.name, users.manager1.password, '王丽（客户经理）');
    await page.evaluate(() => (window.location.hash = '#/visits/new'));
    await page.getByRole('heading', { name: '登记走访' }).waitFor();
    const picker = page.getByRole('combobox', { name: '客户', exact: true });
    await picker.fill(codes['杨志强']);
    await page.getByRole('option', { name: /杨志强/ }).waitFor();
    await picker.press('Enter');
    const day = addDays(localDate(new Date()), -1);
    await page.getByLabel('走访日期').fill(day);
    await page.getByLabel('签到', { exact: true }).fill('0830');
    await page.getByLabel('签退', { exact: true }).fill('1745');
    await page.getByLabel('签退', { exact: true }).blur();
    expect(await page.getByLabel('签到', { exact: true }).inputValue()).toBe('08:30');
    await page.getByText('在户时间 9小时15分钟').waitFor();
    await page.getByLabel('客户签字').selectOption('无法签字');
    await page.getByRole('button', { name: '保存' }).click();
    // The core refuses the missing reason; the message sits under its field.
    await page.locator('.field-error').filter({ hasText: '客户无法签字时请写明原因' }).waitFor();
    await page.getByLabel('无法签字原因').fill('客户不识字，由家属口头确认');
    await page.keyboard.press('Control+s');
    const confirm = page.getByRole('dialog', { name: '在户时间超过8小时' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '确认并保存' }).click();
    await page.waitForURL(/#\/visits\/\d+$/);
    await page.getByRole('status').filter({ hasText: '走访记录已保存' }).waitFor();
    expect(await page.getByLabel('签退', { exact: true }).inputValue()).toBe('17:45');
  });
  it('a receipt of promotional items for a customer, linked to the visit they were handed out at', async () => {
    app = await startApp();
    const { users } = await arrange(app.core);
    const manager = await coreLogin(app.core, users.manager1.name, users.manager1.password);
    const day = addDays(localDate(new Date()), -1);
    const list = await coreCall(app.core, manager, 'customers.list', { q: '刘秀英' });
    await coreCall(app.core, manager, 'visits.create', { customerId: list.rows[0].id, date: day, signIn: '1000', signOut: '1030', content: '产品推介', signature: '已签' });
    const page = await openPage(browser, app.url);
    await login(page, users.manager1.name, users.manager1.password, '王丽（客户经理）');
    await page.locator('aside nav').getByRole('link', { name: '签收单', exact: true }).click();
    await page.getByText('还没有签收单').waitFor();
    await page.getByRole('button', { name: '新建签收单' }).click();
    const dialog = page.getByRole('dialog', { name: '新建签收单' });
    const picker = dialog.getByRole('combobox', { name: '客户', exact: true });
    await picker.pressSequentially('lxy');
    await dialog.getByRole('option', { name: /刘秀英/ }).waitFor();
    await picker.press('Enter');
    await dialog.getByLabel('关联走访（可选）').selectOption({ label: `${day} 10:00 常规走访` });
    await dialog.getByLabel('第1项名称').fill('理财宣传册');
    await dialog.getByLabel('第1项数量').fill('2');
    await dialog.getByLabel('第1项单位').fill('本');
    await dialog.getByRole('button', { name: '+ 添加物品' }).click();
    await dialog.getByLabel('第2项名称').fill('环保购物袋');
    await dialog.getByLabel('第2项数量').fill('1');
    await dialog.getByLabel('第2项单位').fill('个');
    await screenshot(page, 'receipt-form');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '已保存签收单：刘秀英，理财宣传册×2本、环保购物袋×1个' }).waitFor();
    const row = page.getByRole('table', { name: '签收单' }).locator('tbody tr').filter({ hasText: '刘秀英' });
    await row.getByRole('link', { name: '查看走访' }).waitFor();
    expect(await row.textContent()).toContain(day);
  });
});

describe('dates in Chinese whatever the locale', () => {
  it('on an English-locale PC, date fields take 20261207 and 2026/12/7 and every date and time reads 2026-12-07 09:55', async () => {
    app = await startApp();
    const { users, codes } = await arrange(app.core);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.goto(app.url);
    await login(page, users.manager1.name, users.manager1.password, '王丽（客户经理）');
    await page.evaluate(() => (window.location.hash = '#/visits/new'));
    await page.getByRole('heading', { name: '登记走访' }).waitFor();
    const picker = page.getByRole('combobox', { name: '客户', exact: true });
    await picker.fill(codes['杨志强']);
    await page.getByRole('option', { name: /杨志强/ }).waitFor();
    await picker.press('Enter');

    const day = addDays(localDate(new Date()), -1);
    const [y, m, d] = day.split('-').map(Number);
    // Compact digits, as typed from a paper sheet: shown back as YYYY-MM-DD once the field is left.
    const date = page.getByLabel('走访日期');
    await date.fill(day.replaceAll('-', ''));
    await date.blur();
    expect(await date.inputValue()).toBe(day);
    await page.getByLabel('签到', { exact: true }).fill('0955');
    await page.getByLabel('签退', { exact: true }).fill('1030');
    await page.getByLabel('客户签字').selectOption('已签');
    // Slashes without leading zeros.
    const due = addDays(localDate(new Date()), 7);
    const [dy, dm, dd] = due.split('-').map(Number);
    const follow = page.getByLabel('下次跟进日期');
    await follow.fill(`${dy}/${dm}/${dd}`);
    await follow.press('Tab');
    expect(await follow.inputValue()).toBe(due);
    await page.getByLabel('下次跟进内容').fill('送资料');
    // Not a date: said under the field, the old value is not kept silently.
    await follow.fill('2026/13/40');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.field-error').filter({ hasText: '下次跟进' }).or(page.locator('.form-error').filter({ hasText: '下次跟进' })).first().waitFor();
    await follow.fill(`${dy}年${dm}月${dd}日`);
    await follow.blur();
    expect(await follow.inputValue()).toBe(due);
    await screenshot(page, 'date-fields-en-locale');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/visits\/\d+$/);

    // The visit list: the sign-in time as 2026-12-07 09:55, filtered by a typed date range.
    await page.locator('aside nav').getByRole('link', { name: '走访记录', exact: true }).click();
    await page.getByLabel('开始日期').fill(`${y}/${m}/${d}`);
    await page.getByLabel('结束日期').fill(day.replaceAll('-', ''));
    const cell = page.locator('.ag-row [col-id="signIn"]').filter({ hasText: `${day} 09:55` });
    await cell.first().waitFor();
    expect(await page.locator('.ag-row').count()).toBe(1);
    expect(await page.getByLabel('开始日期').inputValue()).toBe(day);

    // A complaint's time: shown and typed as 2026-12-07 09:55, never 12/07/2026, 09:55 PM.
    await page.evaluate(() => (window.location.hash = '#/complaints/new'));
    const opened = page.getByLabel('反馈时间');
    await opened.waitFor();
    expect(await opened.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await opened.fill(`${y}/${m}/${d} 9:55`);
    await opened.blur();
    expect(await opened.inputValue()).toBe(`${day} 09:55`);
    const text = await page.locator('main').textContent();
    expect(text).not.toMatch(/\d{1,2}\/\d{1,2}\/\d{4}|AM|PM/);
    await screenshot(page, 'complaint-time-en-locale');
    await context.close();
  });
});
