import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { addDays, localDate } from '../../shared/domain/visitRules';
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

async function arrange(core: Core) {
  const seeded = await seedBranch(core);
  const manager = await coreLogin(core, seeded.users.manager1.name, seeded.users.manager1.password);
  const make = (name: string, i: number) =>
    coreCall(core, manager, 'customers.create', { data: { name, kind: '个人', tier: '金', idNumber: idNumber(`1975030${i + 1}`, 400 + i), mobile: `1370000${3000 + i}` } });
  await make('孙立新', 0);
  const older = await make('马春梅', 1);
  // An older open complaint: the list shows how long it has been waiting.
  await coreCall(core, manager, 'complaints.create', {
    customerId: older.id,
    openedAt: `${addDays(localDate(new Date()), -9)}T11:00`,
    category: '配送',
    content: '宣传物料到货晚了一周',
  });
  return seeded;
}

async function login(page: Page, name: string, password: string, who: string) {
  await loginThroughUi(page, name, password);
  await page.getByTestId('current-user').filter({ hasText: who }).waitFor();
}

async function logout(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名').waitFor();
}

function nav(page: Page, label: string) {
  return page.locator('aside nav').getByRole('link', { name: label, exact: true }).click();
}

describe('complaints', () => {
  it('a complaint goes from open to approved: the manager records and submits it, the 负责人 returns it once, then approves it', async () => {
    app = await startApp();
    const { users } = await arrange(app.core);
    const page = await openPage(browser, app.url);

    // 客户经理 records the complaint.
    await login(page, users.manager1.name, users.manager1.password, '王丽（客户经理）');
    await nav(page, '投诉反馈');
    const older = page.getByTestId('complaint-row').filter({ hasText: '马春梅' });
    await older.waitFor();
    expect(await older.textContent()).toContain('9 天');
    await page.getByRole('link', { name: '登记投诉反馈' }).click();
    await page.getByRole('heading', { name: '登记投诉反馈' }).waitFor();
    const picker = page.getByRole('combobox', { name: '客户', exact: true });
    await picker.pressSequentially('slx');
    await page.getByRole('option', { name: /孙立新/ }).waitFor();
    await picker.press('Enter');
    await page.getByLabel('问题类别').fill('服务质量');
    await page.getByLabel('反馈内容').fill('客户反映柜台排队时间过长，等候超过40分钟');
    // Submitting without the handling is refused with the reasons under the fields.
    await page.getByRole('button', { name: '提交审批' }).click();
    await page.locator('.field-error').filter({ hasText: '提交审批前请填写处理过程' }).waitFor();
    await page.getByLabel('处理过程').fill('当日向网点负责人反映，高峰时段增开一个窗口，并电话向客户致歉');
    await page.getByLabel('处理结果').fill('客户表示理解，次日到网点办理等候不到10分钟');
    await page.getByRole('button', { name: '提交审批' }).click();
    await page.waitForURL(/#\/complaints\/\d+$/);
    await page.getByRole('status').filter({ hasText: '已提交审批' }).waitFor();
    await page.locator('.vx-head').getByText('待审批', { exact: true }).waitFor();
    // Submitted: the handling is locked for the manager.
    expect(await page.getByLabel('处理结果').isDisabled()).toBe(true);
    await logout(page);

    // 负责人 finds it waiting on 今日 and returns it with a comment.
    await login(page, users.supervisor.name, users.supervisor.password, '周主管（负责人）');
    const waiting = page.getByRole('region', { name: '未结投诉反馈' }).locator('li').filter({ hasText: '孙立新' });
    await waiting.filter({ hasText: '待审批' }).waitFor();
    await waiting.getByRole('link', { name: '孙立新' }).click();
    await page.getByRole('heading', { name: '负责人审批' }).waitFor();
    await page.getByRole('button', { name: '退回' }).click();
    await page.locator('.field-error').filter({ hasText: '退回时请写明原因' }).waitFor();
    await page.getByLabel('审批意见').fill('请补充客户是否签字确认');
    await page.getByRole('button', { name: '退回' }).click();
    await page.getByRole('status').filter({ hasText: '已退回给客户经理' }).waitFor();
    await logout(page);

    // The manager sees why, records the customer's confirmation and submits again.
    await login(page, users.manager1.name, users.manager1.password, '王丽（客户经理）');
    await nav(page, '投诉反馈');
    await page.getByTestId('complaint-row').filter({ hasText: '孙立新' }).filter({ hasText: '已退回' }).getByRole('link', { name: '孙立新' }).click();
    await page.locator('.vx-callout').filter({ hasText: '退回意见：请补充客户是否签字确认' }).waitFor();
    await page.getByLabel('客户确认').selectOption('已确认');
    await page.getByLabel('确认说明').fill('客户已在反馈单上签字');
    await page.getByRole('button', { name: '提交审批' }).click();
    await page.getByRole('status').filter({ hasText: '已提交审批' }).waitFor();
    await logout(page);

    // 负责人 approves: the complaint is closed.
    await login(page, users.supervisor.name, users.supervisor.password, '周主管（负责人）');
    await nav(page, '投诉反馈');
    const row = page.getByTestId('complaint-row').filter({ hasText: '孙立新' });
    await row.filter({ hasText: '待审批' }).waitFor();
    expect(await row.textContent()).toContain('已确认');
    await row.getByRole('link', { name: '孙立新' }).click();
    await page.getByLabel('审批意见').fill('处理及时，同意结案');
    await page.getByRole('button', { name: '批准' }).click();
    await page.getByRole('status').filter({ hasText: '已批准' }).waitFor();
    await page.locator('.vx-head').getByText('已批准', { exact: true }).waitFor();
    await page.locator('.vx-callout').filter({ hasText: '审批意见：处理及时，同意结案' }).waitFor();
    expect(await page.getByRole('button', { name: '提交审批' }).count()).toBe(0);
    await screenshot(page, 'complaint');

    // Not open any more: only under 已批准.
    await nav(page, '投诉反馈');
    await page.getByTestId('complaint-row').filter({ hasText: '马春梅' }).waitFor();
    expect(await page.getByTestId('complaint-row').filter({ hasText: '孙立新' }).count()).toBe(0);
    await page.getByRole('tab', { name: '已批准' }).click();
    await page.getByTestId('complaint-row').filter({ hasText: '孙立新' }).filter({ hasText: '已批准' }).waitFor();
    await screenshot(page, 'complaint-list');
  });
});
