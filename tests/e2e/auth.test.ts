import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  coreCall,
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

/** The logged-in shell shows "姓名（角色）" in the top bar. */
async function expectShell(page: Page, who: string): Promise<void> {
  await page.getByTestId('current-user').filter({ hasText: who }).waitFor();
}

async function expectAlert(page: Page, text: string): Promise<void> {
  await page.getByRole('alert').filter({ hasText: text }).waitFor();
}

describe('auth', () => {
  it('first-run setup through the UI, then the new admin logs in and sees the shell', async () => {
    app = await startApp();
    const page = await openPage(browser, app.url);

    await page.getByRole('heading', { name: '初始设置' }).waitFor();
    // The first field is focused on open: typing goes straight into 网点名称.
    await page.keyboard.type('城东营销部');
    expect(await page.getByLabel('网点名称').inputValue()).toBe('城东营销部');

    // Choosing the branch type shows what it presets.
    await page.getByRole('radio', { name: '烟草' }).check();
    await page.getByTestId('preset-summary').filter({ hasText: '核对库存并建议订货' }).waitFor();
    expect(await page.getByTestId('preset-summary').textContent()).toContain('每7天');

    await page.getByLabel('管理员用户名').fill('zhangsan');
    await page.getByLabel('管理员姓名').fill('张三');
    await page.getByLabel('密码', { exact: true }).fill('Zhang#2026');
    await page.getByLabel('确认密码').fill('Zhang#2027');
    await page.getByRole('button', { name: '完成设置' }).click();
    await page.getByText('两次输入的密码不一致').waitFor();

    await page.getByLabel('确认密码').fill('Zhang#2026');
    await screenshot(page, 'setup');
    await page.getByLabel('确认密码').press('Enter');

    await page.getByRole('status').filter({ hasText: '初始设置完成' }).waitFor();
    expect(await page.getByLabel('用户名').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByText('城东营销部').waitFor();
    await screenshot(page, 'login');

    await loginThroughUi(page, 'zhangsan', 'Zhang#2026');
    await expectShell(page, '张三（管理员）');
    await page.getByRole('link', { name: '用户管理' }).waitFor();
    const settings = await coreCall(app.core, null, 'setup.status', {});
    expect(settings).toEqual({ initialized: true, branchName: '城东营销部' });
  });

  it('five wrong passwords lock the account until the admin unlocks it in 用户管理', async () => {
    app = await startApp();
    const { users } = await seedBranch(app.core);
    const page = await openPage(browser, app.url);
    await page.getByRole('button', { name: '登录' }).waitFor();

    for (let left = 4; left >= 1; left--) {
      await loginThroughUi(page, users.manager1.name, 'wrong-password');
      await expectAlert(page, `再错${left}次将锁定账号`);
    }
    await loginThroughUi(page, users.manager1.name, 'wrong-password');
    await expectAlert(page, '账号已锁定');
    // Now even the right password is refused.
    await loginThroughUi(page, users.manager1.name, users.manager1.password);
    await expectAlert(page, '账号已锁定');
    expect(await page.getByTestId('current-user').count()).toBe(0);

    // The admin, on another PC (browser context), unlocks the account.
    const adminPage = await openPage(browser, app.url);
    await loginThroughUi(adminPage, ADMIN.name, ADMIN.password);
    await expectShell(adminPage, '系统管理员');
    await adminPage.getByRole('link', { name: '用户管理' }).click();
    const row = adminPage.getByTestId(`user-row-${users.manager1.name}`);
    await row.getByText('已锁定至').waitFor();
    await screenshot(adminPage, 'users');
    await row.getByRole('button', { name: '解锁' }).click();
    await adminPage.getByRole('status').filter({ hasText: '已解锁' }).waitFor();
    await row.getByText('启用', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: '解锁' }).count()).toBe(0);

    await loginThroughUi(page, users.manager1.name, users.manager1.password);
    await expectShell(page, '王丽（客户经理）');
    // A manager has no admin pages in the navigation.
    expect(await page.getByRole('link', { name: '用户管理' }).count()).toBe(0);
    await adminPage.context().close();
  });

  it('a 客户经理 created in 用户管理 logs in and must change the initial password', async () => {
    app = await startApp();
    await seedBranch(app.core);
    const page = await openPage(browser, app.url);
    await loginThroughUi(page, ADMIN.name, ADMIN.password);
    await expectShell(page, '系统管理员');
    await page.getByRole('link', { name: '用户管理' }).click();
    await page.getByRole('button', { name: '新建用户' }).click();

    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.waitFor();
    // 用户名 has the focus, so typing fills it.
    await page.keyboard.type('zhaomin');
    await dialog.getByLabel('姓名').fill('赵敏');
    await dialog.getByLabel('角色').selectOption({ label: '客户经理' });
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByLabel('初始密码').press('Enter');
    await dialog.getByText('密码至少8位').waitFor();
    await screenshot(page, 'user-create');
    await dialog.getByLabel('初始密码').fill('Init#2026');
    await dialog.getByLabel('初始密码').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByTestId('user-row-zhaomin');
    await row.getByText('客户经理').waitFor();
    expect(await row.textContent()).toContain('赵敏');

    // Esc closes a dialog.
    await page.getByRole('button', { name: '新建用户' }).click();
    await page.getByRole('dialog', { name: '新建用户' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: '新建用户' }).waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '退出登录' }).click();
    await loginThroughUi(page, 'zhaomin', 'Init#2026');
    await expectShell(page, '赵敏（客户经理）');
    // Straight to 修改密码, with the reason said.
    await page.getByText('您正在使用管理员设置的初始密码').waitFor();
    await page.evaluate(() => (window.location.hash = '#/customers'));
    await page.getByText('管理员为您设置了初始密码').waitFor();
    // 修改密码 is all there is until then: the address goes back to it, 客户档案 never opens, Alt+N does nothing.
    await page.waitForFunction(() => window.location.hash === '#/password');
    await page.keyboard.press('Alt+N');
    expect(await page.evaluate(() => window.location.hash)).toBe('#/password');
    expect(await page.getByRole('heading', { name: '客户档案' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '客户档案' }).count()).toBe(0);
    await page.getByRole('heading', { name: '修改密码' }).waitFor();

    await page.getByLabel('原密码').fill('Init#2026');
    await page.getByLabel('新密码', { exact: true }).fill('Zhao#2026new');
    await page.getByLabel('确认新密码').fill('Zhao#2026nex');
    await page.getByLabel('确认新密码').press('Enter');
    await page.getByText('两次输入的新密码不一致').waitFor();
    await screenshot(page, 'password');
    await page.getByLabel('确认新密码').fill('Zhao#2026new');
    await page.getByLabel('确认新密码').press('Enter');
    await page.getByRole('status').filter({ hasText: '密码已修改' }).waitFor();

    await page.evaluate(() => (window.location.hash = '#/customers'));
    await page.getByRole('link', { name: '客户档案' }).waitFor();
    expect(await page.getByText('管理员为您设置了初始密码').count()).toBe(0);

    await page.getByRole('button', { name: '退出登录' }).click();
    await loginThroughUi(page, 'zhaomin', 'Zhao#2026new');
    await expectShell(page, '赵敏（客户经理）');
  });

  it('when the core asks for a password change first, the window goes to 修改密码', async () => {
    app = await startApp();
    const { users } = await seedBranch(app.core);
    const page = await openPage(browser, app.url);
    await loginThroughUi(page, users.manager1.name, users.manager1.password);
    await expectShell(page, '王丽（客户经理）');
    // 今日 has finished loading (its last panel, the churn warnings, answered) before the flag changes.
    await page.getByText('没有未处理的流失预警').waitFor();
    // The flag set behind this window's back (its session info still says no change is due).
    app.core.db.prepare('UPDATE users SET must_change_password = 1 WHERE name = ?').run(users.manager1.name);

    await page.getByRole('link', { name: '客户档案' }).click();
    await page.getByText('管理员为您设置了初始密码').waitFor();
    await page.waitForFunction(() => window.location.hash === '#/password');
    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    expect(await page.getByRole('link', { name: '客户档案' }).count()).toBe(0);
  });

  it('locks the screen after the idle time and unlocks with the password', async () => {
    app = await startApp();
    const { admin, users } = await seedBranch(app.core);
    await coreCall(app.core, admin, 'settings.update', { idleMinutes: 1 });

    // The fake clock must be installed before the app's scripts run.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    await page.clock.install();
    await page.goto(app.url);

    await loginThroughUi(page, users.manager1.name, users.manager1.password);
    await expectShell(page, '王丽（客户经理）');
    await page.clock.fastForward('01:05');

    const lock = page.getByRole('dialog', { name: '已锁定' });
    await lock.waitFor();
    await lock.getByText('王丽').waitFor();
    // The password field has the focus: type and press Enter, no mouse needed.
    expect(await lock.getByLabel('密码', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'lock');

    await page.keyboard.type('not-my-password');
    await page.keyboard.press('Enter');
    await lock.getByRole('alert').filter({ hasText: '密码错误' }).waitFor();

    await lock.getByLabel('密码', { exact: true }).fill(users.manager1.password);
    await lock.getByRole('button', { name: '解锁' }).click();
    await lock.waitFor({ state: 'detached' });
    await expectShell(page, '王丽（客户经理）');

    // 切换用户 from the lock screen goes back to the login page.
    await page.clock.fastForward('01:05');
    await lock.waitFor();
    await lock.getByRole('button', { name: '切换用户' }).click();
    await page.getByRole('status').filter({ hasText: '已退出登录' }).waitFor();
    await page.getByRole('button', { name: '登录' }).waitFor();
    await context.close();
  });
});
