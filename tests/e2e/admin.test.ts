import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  coreCall,
  coreLogin,
  idNumber,
  launchBrowser,
  loginThroughUi,
  openPage,
  screenshot,
  seedBranch,
  startApp,
  type RunningApp,
} from './harness';

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

async function openAsAdmin(url: string, section: string): Promise<Page> {
  const page = await openPage(browser, url);
  await loginThroughUi(page, ADMIN.name, ADMIN.password);
  await page.getByTestId('current-user').filter({ hasText: '系统管理员' }).waitFor();
  await page.getByRole('link', { name: section }).click();
  return page;
}

/** Names in the dictionary table, top to bottom. */
async function dictNames(page: Page): Promise<string[]> {
  return page.getByTestId('dict-table').locator('tbody tr td:nth-child(2)').evaluateAll((tds) =>
    tds.map((td) => (td.firstChild?.textContent ?? '').trim()),
  );
}

describe('admin', () => {
  it('dictionaries: add, reorder, rename, deactivate and delete tiers; an item in use cannot be deleted', async () => {
    app = await startApp();
    const { admin } = await seedBranch(app.core);
    await coreCall(app.core, admin, 'customers.create', { data: { name: '张建国', kind: '个人', mobile: '13812345678', tier: '金' } });
    const page = await openAsAdmin(app.url, '字典管理');

    await page.getByRole('tab', { name: /客户分级/, selected: true }).waitFor();
    expect(await dictNames(page)).toEqual(['白金', '金', '银', '普通']);

    // Add a tier with its visit interval; Enter submits.
    await page.getByLabel('新增客户分级名称').fill('VIP');
    await page.getByLabel('走访间隔（天）').fill('3');
    await page.getByLabel('走访间隔（天）').press('Enter');
    await page.getByRole('status').filter({ hasText: '已添加客户分级「VIP」' }).waitFor();
    const vipRow = page.getByTestId('dict-table').locator('tr', { hasText: 'VIP' });
    expect(await vipRow.locator('td').nth(2).textContent()).toBe('3');
    const vip = (await coreCall(app.core, admin, 'dicts.list', { kind: 'tier' })).find((x) => x.name === 'VIP');
    expect(vip?.visitIntervalDays).toBe(3);

    await page.getByRole('button', { name: '上移「VIP」' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=dict-table] tbody tr')[3]?.textContent?.includes('VIP'));
    expect(await dictNames(page)).toEqual(['白金', '金', '银', 'VIP', '普通']);
    await screenshot(page, 'dicts');

    // Rename with a new interval in the dialog.
    await page.getByRole('button', { name: '修改「普通」' }).click();
    const edit = page.getByRole('dialog', { name: '修改客户分级' });
    await edit.getByLabel('名称').fill('大众');
    await edit.getByLabel('走访间隔（天）').fill('60');
    await edit.getByLabel('走访间隔（天）').press('Enter');
    await edit.waitFor({ state: 'detached' });
    await page.getByTestId('dict-table').locator('tr', { hasText: '大众' }).filter({ hasText: '60' }).waitFor();

    // Deactivate 银: it stays listed, marked 已停用.
    await page.getByRole('checkbox', { name: '启用「银」' }).uncheck();
    await page.getByTestId('dict-table').locator('tr', { hasText: '银' }).getByText('已停用').waitFor();

    // 金 is used by a customer: the core refuses and says why.
    await page.getByRole('button', { name: '删除「金」' }).click();
    const confirm = page.getByRole('dialog', { name: '删除客户分级' });
    await confirm.getByRole('button', { name: '删除' }).click();
    await page.getByRole('alert').filter({ hasText: '正被1个客户使用，不能删除' }).waitFor();
    expect(await dictNames(page)).toContain('金');

    // VIP is unused: confirm with Enter and it is gone.
    await page.getByRole('button', { name: '删除「VIP」' }).click();
    await confirm.waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: '已删除客户分级「VIP」' }).waitFor();
    expect(await dictNames(page)).toEqual(['白金', '金', '银', '大众']);

    // Other kinds have no interval column.
    await page.getByRole('tab', { name: /片区/ }).click();
    await page.getByLabel('新增片区名称').fill('开发区');
    await page.getByLabel('新增片区名称').press('Enter');
    await page.getByRole('status').filter({ hasText: '已添加片区「开发区」' }).waitFor();
    expect(await dictNames(page)).toContain('开发区');
    expect(await page.getByRole('columnheader', { name: '走访间隔（天）' }).count()).toBe(0);
  });

  it('audit log lists logins and failed logins, filters by action and pages', async () => {
    app = await startApp();
    const { users } = await seedBranch(app.core);
    const failed = await app.core.router.invoke(null, 'auth.login', { name: users.manager1.name, password: 'wrong-password' });
    expect(failed.result.ok).toBe(false);
    const page = await openAsAdmin(app.url, '审计日志');

    const table = page.locator('table.audit-table');
    await table.locator('tbody tr', { hasText: '登录失败' }).first().waitFor();
    const failedRow = table.locator('tbody tr', { hasText: '登录失败' }).first();
    expect(await failedRow.textContent()).toContain(users.manager1.name);
    expect(await failedRow.getByText('失败', { exact: true }).evaluate((el) => getComputedStyle(el).color)).toBe('rgb(198, 40, 40)');
    // Issue 15: where each entry was made (this core serves the web host).
    await page.getByRole('columnheader', { name: '来源' }).waitFor();
    expect(await failedRow.getByRole('cell', { name: '网页', exact: true }).count()).toBe(1);
    const loginRow = table.locator('tbody tr').filter({ has: page.getByRole('cell', { name: '登录', exact: true }) }).first();
    expect(await loginRow.getByText('成功', { exact: true }).count()).toBe(1);
    // JSON details are shown as Chinese "字段：值".
    await table.locator('tbody tr', { hasText: '初始设置' }).getByText('网点类型：银行').waitFor();
    await page.getByTestId('audit-pager').filter({ hasText: '第 1 页 共 1 页' }).waitFor();
    await screenshot(page, 'audit');

    await page.getByLabel('操作类型').selectOption({ label: '登录失败' });
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('audit-pager').filter({ hasText: '共 1 条' }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);

    // Enter in any filter field runs the query.
    await page.getByLabel('操作类型').selectOption({ label: '全部' });
    await page.getByLabel('用户名').fill(ADMIN.name);
    await page.getByLabel('用户名').press('Enter');
    await page.getByTestId('audit-pager').filter({ hasText: /共 [1-9]\d* 条/ }).waitFor();
    // The pager can show the old count for a moment: wait for the filtered rows themselves.
    await expect
      .poll(async () => [...new Set(await table.locator('tbody tr td:nth-child(2)').allTextContents())])
      .toEqual([ADMIN.name]);

    // More than one page (50 rows each): 60 more rows, written straight into the log to keep the test fast.
    const insert = app.core.db.prepare(
      `INSERT INTO audit_log (at, user_id, user_name, action, target, detail, ok) VALUES (datetime('now', 'localtime'), NULL, 'nobody', 'login_failed', 'nobody', '用户名不存在', 0)`,
    );
    app.core.db.transaction(() => {
      for (let i = 0; i < 60; i++) insert.run();
    })();
    await page.getByRole('button', { name: '重置' }).click();
    await page.getByTestId('audit-pager').filter({ hasText: '共 2 页' }).waitFor();
    await page.getByRole('button', { name: '下一页' }).click();
    await page.getByTestId('audit-pager').filter({ hasText: '第 2 页' }).waitFor();
    expect(await page.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '上一页' }).click();
    await page.getByTestId('audit-pager').filter({ hasText: '第 1 页' }).waitFor();
  });

  it('走访内容: the admin adds, orders and disables checklist items; a saved visit keeps its items, a new one offers the new list', async () => {
    app = await startApp();
    const { users } = await seedBranch(app.core);
    const manager = await coreLogin(app.core, users.manager1.name, users.manager1.password);
    const customer = await coreCall(app.core, manager, 'customers.create', {
      data: { name: '单丽华', kind: '个人', idNumber: idNumber('19800315', 11), mobile: '13800001111', address: '城关镇解放路1号' },
    });
    const yesterday = new Date(Date.now() - 86_400_000);
    const day = `${yesterday.getFullYear()}-${String(yesterday.getMonth() + 1).padStart(2, '0')}-${String(yesterday.getDate()).padStart(2, '0')}`;
    const visit = await coreCall(app.core, manager, 'visits.create', {
      customerId: customer.id,
      date: day,
      signIn: '0930',
      signOut: '1000',
      checklist: ['产品推介', '需求了解'],
      signature: '已签',
    });

    const page = await openAsAdmin(app.url, '字典管理');
    await page.getByRole('tab', { name: '走访内容' }).click();
    const table = page.getByTestId('checklist-table');
    const names = () => table.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(await names()).toEqual(['产品推介', '需求了解', '资料收集', '风险提示', '满意度回访']);
    await page.getByLabel('新增走访内容名称').fill('账户年检提醒');
    await page.getByLabel('新增走访内容名称').press('Enter');
    await page.getByRole('status').filter({ hasText: '已添加走访内容「账户年检提醒」' }).waitFor();
    await page.getByRole('button', { name: '上移「账户年检提醒」' }).click();
    await page.getByRole('status').filter({ hasText: '已调整「账户年检提醒」的顺序' }).waitFor();
    expect(await names()).toEqual(['产品推介', '需求了解', '资料收集', '风险提示', '账户年检提醒', '满意度回访']);
    await page.getByRole('checkbox', { name: '启用「产品推介」' }).uncheck();
    await page.getByRole('status').filter({ hasText: '已停用「产品推介」' }).waitFor();
    await table.locator('tr', { hasText: '产品推介' }).getByText('已停用').waitFor();
    // A duplicate is refused with the item named, nothing changes.
    await page.getByLabel('新增走访内容名称').fill('需求了解');
    await page.getByRole('button', { name: '添加' }).click();
    await page.getByText('「需求了解」重复').waitFor();
    expect((await names()).length).toBe(6);
    await screenshot(page, 'dicts-checklist');

    // The manager: the saved visit still shows 产品推介 ticked; a new visit offers the new list without it.
    const mpage = await openPage(browser, app.url);
    await loginThroughUi(mpage, users.manager1.name, users.manager1.password);
    await mpage.getByTestId('current-user').filter({ hasText: '王丽' }).waitFor();
    await mpage.evaluate((id) => (window.location.hash = `#/visits/${id}`), visit.id);
    const group = mpage.getByRole('group', { name: '工作清单' });
    await group.getByRole('checkbox', { name: '产品推介' }).waitFor();
    expect(await group.getByRole('checkbox', { name: '产品推介' }).isChecked()).toBe(true);
    expect(await group.getByRole('checkbox', { name: '需求了解' }).isChecked()).toBe(true);
    await mpage.evaluate(() => (window.location.hash = '#/visits/new'));
    await mpage.getByRole('heading', { name: '登记走访' }).waitFor();
    await group.getByRole('checkbox', { name: '账户年检提醒' }).waitFor();
    const offered = await group.locator('label').allTextContents();
    expect(offered.map((s) => s.trim())).toEqual(['需求了解', '资料收集', '风险提示', '账户年检提醒', '满意度回访']);
    await mpage.close();
  });

  it('settings are saved, and disabling a user asks for confirmation first', async () => {
    app = await startApp();
    const { users } = await seedBranch(app.core);
    const page = await openAsAdmin(app.url, '系统设置');

    await page.getByLabel('自动锁定时间（分钟）').fill('0');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('须在 1–240 分钟之间').waitFor();
    await page.getByLabel('网点名称').fill('城关支行营业部');
    await page.getByLabel('自动锁定时间（分钟）').fill('20');
    await page.getByLabel('密码错误锁定时长（分钟）').fill('30');
    await page.getByLabel('密码错误锁定时长（分钟）').press('Enter');
    await page.getByRole('status').filter({ hasText: '设置已保存' }).waitFor();
    await screenshot(page, 'settings');
    // The top bar follows the new branch name.
    await page.locator('.topbar').getByText('城关支行营业部').waitFor();
    const settings = await coreCall(app.core, null, 'setup.status', {});
    expect(settings.branchName).toBe('城关支行营业部');

    await page.getByRole('link', { name: '用户管理' }).click();
    const row = page.getByTestId(`user-row-${users.manager2.name}`);
    await row.getByRole('button', { name: '编辑' }).click();
    const edit = page.getByRole('dialog', { name: /编辑用户/ });
    await edit.getByLabel('账号状态').selectOption({ label: '停用' });
    await screenshot(page, 'user-edit');
    await edit.getByRole('button', { name: '保存' }).click();
    const confirm = page.getByRole('dialog', { name: '停用用户' });
    await confirm.getByText('确定停用吗').waitFor();
    await screenshot(page, 'user-disable-confirm');
    // Esc closes only the confirmation; the edit dialog stays.
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    await edit.waitFor();
    await edit.getByRole('button', { name: '保存' }).click();
    await confirm.getByRole('button', { name: '停用' }).click();
    await edit.waitFor({ state: 'detached' });
    await row.getByText('停用', { exact: true }).waitFor();

    const refused = await app.core.router.invoke(null, 'auth.login', { name: users.manager2.name, password: users.manager2.password });
    expect(refused.result.ok ? null : refused.result.error.message).toBe('账号已停用，请联系管理员');

    // The admin cannot disable their own account from the dialog.
    await page.getByTestId(`user-row-${ADMIN.name}`).getByRole('button', { name: '编辑' }).click();
    expect(await page.getByRole('dialog').getByLabel('账号状态').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });
});
