import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import type { CustomerInput } from '../../shared/domain/customers';
import { creditCodeCheckChar } from '../../shared/validators/creditCode';
import { ADMIN, coreCall, coreLogin, idNumber, launchBrowser, loginThroughUi, openPage, screenshot, seedBranch, startApp, type RunningApp } from './harness';

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

/** A valid 18-digit ID number for a birth date and sequence (check digit computed, not guessed). */
function creditCode(n: number): string {
  const first17 = `91330100MA2${String(n).padStart(6, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

const PEOPLE = ['陈建国', '刘秀英', '杨志强', '黄丽娟', '赵德明', '周晓燕', '吴海涛', '徐桂兰', '孙立新', '马春梅', '朱文华', '胡玉珍'];
const FIRMS = ['城关镇福源超市', '鑫达建材有限公司', '四海通物流有限公司', '金穗农业合作社', '华联百货商行', '恒信汽车修理厂'];

/** A branch with dictionaries and a realistic spread of customers between the two managers. */
async function seedCustomers(core: Core) {
  const seeded = await seedBranch(core);
  const admin = seeded.admin;
  for (const name of ['城东片区', '城西片区', '开发区']) await coreCall(core, admin, 'dicts.save', { kind: 'region', name });
  for (const name of ['代发工资', '贷款客户', '理财客户']) await coreCall(core, admin, 'dicts.save', { kind: 'tag', name });
  const tiers = (await coreCall(core, admin, 'dicts.list', { kind: 'tier' })).map((t) => t.name);
  const regions = ['城东片区', '城西片区', '开发区'];
  const ids: Record<string, number> = {};
  const make = async (data: CustomerInput) => {
    const c = await coreCall(core, admin, 'customers.create', { data });
    ids[c.name] = c.id;
  };
  for (const [i, name] of PEOPLE.entries()) {
    await make({
      name,
      kind: '个人',
      idNumber: idNumber(`19${60 + i}0${(i % 9) + 1}1${i % 10}`, 100 + i),
      mobile: `1390000${String(1000 + i).padStart(4, '0')}`,
      address: `城关镇${regions[i % 3].slice(0, 2)}路${10 + i}号`,
      region: regions[i % 3],
      tier: tiers[i % tiers.length],
      status: i % 5 === 0 ? '潜在' : '正式',
      manager: i % 2 === 0 ? 'wangli' : 'liqiang',
      keyCustomer: i % 4 === 0,
      tags: i % 3 === 0 ? ['代发工资'] : [],
    });
  }
  for (const [i, name] of FIRMS.entries()) {
    await make({
      name,
      kind: '企业',
      creditCode: creditCode(i + 1),
      phone: `0571-8800${String(1000 + i)}`,
      address: `经济开发区创业大道${100 + i}号`,
      region: '开发区',
      industry: '批发零售',
      tier: tiers[0],
      status: '正式',
      manager: i % 2 === 0 ? 'liqiang' : 'wangli',
      keyCustomer: i < 2,
      tags: ['贷款客户'],
    });
  }
  return { ...seeded, ids };
}

async function login(page: Page, name: string, password: string, who: string) {
  await loginThroughUi(page, name, password);
  await page.getByTestId('current-user').filter({ hasText: who }).waitFor();
  // The app lands on 今日; these tests start from the customer list.
  await page.getByRole('link', { name: '客户档案' }).click();
}

/** A data row of the customer grid. */
function gridRow(page: Page, name: string) {
  return page.locator('.ag-row').filter({ hasText: name });
}

async function expectTotal(page: Page, n: number) {
  await page.getByTestId('customer-total').filter({ hasText: `共 ${n} 个客户` }).waitFor();
}

describe('customers', () => {
  it('creates a customer, fixes a wrong ID number, finds it by pinyin initials, edits it and sees the change in 变更历史', async () => {
    app = await startApp();
    await seedCustomers(app.core);
    const page = await openPage(browser, app.url);
    await login(page, ADMIN.name, ADMIN.password, '系统管理员');

    // The list: paged from the core, with the total.
    await expectTotal(page, PEOPLE.length + FIRMS.length);
    await gridRow(page, '陈建国').waitFor();
    // The quick search box has the focus on arrival.
    expect(await page.getByLabel('快速查找客户').evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'customer-list');

    // Alt+N opens the new-customer form with 客户名称 focused.
    await page.keyboard.press('Alt+n');
    await page.getByRole('heading', { name: '新建客户' }).waitFor();
    await page.getByLabel('客户名称').waitFor();
    expect(await page.getByLabel('客户名称').evaluate((el) => el === document.activeElement)).toBe(true);
    // Blank code means automatic: the next code is the placeholder.
    expect(await page.getByLabel('客户编码').getAttribute('placeholder')).toContain('C0000');

    const goodId = idNumber('19850612', 321);
    const badId = goodId.slice(0, 17) + (goodId[17] === '1' ? '2' : '1');
    await page.keyboard.type('张伟明');
    await page.getByLabel('身份证号').fill(badId);
    await page.getByLabel('手机号').fill('13812345678');
    await page.getByLabel('地址').fill('城关镇人民路88号');
    await page.getByLabel('片区').selectOption('城东片区');
    await page.getByLabel('客户经理', { exact: true }).selectOption({ label: '王丽' });
    await page.getByRole('button', { name: '代发工资' }).click();
    await page.getByRole('button', { name: '添加联系人' }).click();
    await page.getByLabel('联系人1姓名').fill('张小红');
    await page.getByLabel('联系人1职务').fill('配偶');
    await page.getByLabel('联系人1手机').fill('13812345679');
    await page.locator('.content').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'customer-form');

    await page.getByRole('button', { name: '保存' }).click();
    const summary = page.getByTestId('form-errors');
    await summary.filter({ hasText: '身份证号' }).waitFor();
    // The message sits under the 身份证号 input, which is marked invalid and has the focus.
    const idInput = page.getByLabel('身份证号');
    expect(await idInput.getAttribute('aria-invalid')).toBe('true');
    await page.locator('#cf-idNumber-err').filter({ hasText: '校验位' }).waitFor();
    expect(await idInput.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'customer-form-errors');

    await idInput.fill(goodId);
    expect(await page.locator('#cf-idNumber-err').count()).toBe(0);
    await page.keyboard.press('Control+s');
    await page.waitForURL(/#\/customers\/\d+$/);
    await page.getByRole('status').filter({ hasText: '已新建客户「张伟明」' }).waitFor();
    await page.getByRole('heading', { name: '张伟明' }).waitFor();

    // Back to the list and find it by the initials of its name.
    await page.getByRole('link', { name: '← 客户列表' }).click();
    await expectTotal(page, PEOPLE.length + FIRMS.length + 1);
    await page.getByLabel('快速查找客户').fill('zwm');
    await expectTotal(page, 1);
    const row = gridRow(page, '张伟明');
    await row.waitFor();
    expect(await row.textContent()).toContain('王丽');
    // Keyboard only: ↓ moves from the search box into the grid, Enter opens the row.
    await page.getByLabel('快速查找客户').press('ArrowDown');
    await page.keyboard.press('Enter');

    // Read-only first; Enter on the focused 编辑 button starts editing.
    await page.getByRole('heading', { name: '张伟明' }).waitFor();
    await page.getByRole('button', { name: '编辑' }).waitFor();
    expect(await page.getByRole('textbox', { name: '手机号' }).count()).toBe(0);
    await screenshot(page, 'customer-view');
    await page.keyboard.press('Enter');
    const mobile = page.getByLabel('手机号');
    await mobile.waitFor();
    await mobile.fill('13987654321');
    await page.keyboard.press('Control+s');
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await page.getByRole('button', { name: '编辑' }).waitFor();

    await page.getByRole('tab', { name: '变更历史' }).click();
    const history = page.getByRole('table', { name: '变更历史' });
    const change = history.locator('tr').filter({ hasText: '手机号' });
    await change.waitFor();
    const text = await change.textContent();
    expect(text).toContain('13812345678');
    expect(text).toContain('13987654321');
    expect(text).toContain('系统管理员');
    await screenshot(page, 'customer-history');

    // The same change appears in the customer's timeline (客户动态) among its other events.
    await page.getByRole('tab', { name: '客户动态' }).click();
    const timeline = page.getByLabel('客户时间线');
    await timeline.getByText('档案变更').first().waitFor();
    expect(await timeline.textContent()).toContain('13987654321');
    await screenshot(page, 'customer-timeline');
  });

  it("a manager sees only own customers and cannot open another manager's customer", async () => {
    app = await startApp();
    const { users, ids } = await seedCustomers(app.core);
    const page = await openPage(browser, app.url);
    await login(page, users.manager1.name, users.manager1.password, '王丽（客户经理）');

    const own = PEOPLE.filter((_, i) => i % 2 === 0).length + FIRMS.filter((_, i) => i % 2 === 1).length;
    await expectTotal(page, own);
    await gridRow(page, '陈建国').waitFor();
    // 刘秀英 belongs to 李强: not in 王丽's list, not even by search.
    expect(await gridRow(page, '刘秀英').count()).toBe(0);
    await page.getByLabel('快速查找客户').fill('刘秀英');
    await expectTotal(page, 0);
    // No manager filter for a 客户经理: she only has her own.
    expect(await page.getByLabel('客户经理').count()).toBe(0);

    await page.evaluate((id) => (window.location.hash = `#/customers/${id}`), ids['刘秀英']);
    // Issue 15: exactly what a missing customer answers.
    const refusal = page.getByRole('alert').filter({ hasText: `客户不存在（ID ${ids['刘秀英']}）` });
    await refusal.waitFor();
    await screenshot(page, 'customer-refused');
    expect(await page.getByText('刘秀英').count()).toBe(0);
    await page.getByRole('link', { name: '返回客户列表' }).click();
    await expectTotal(page, own);

    // 列设置: a hidden column stays hidden after a restart (saved per user through prefs.set).
    const addressHeader = page.locator('.ag-header-cell[col-id="address"]');
    await addressHeader.waitFor();
    await page.getByRole('button', { name: '列设置' }).click();
    await page.getByRole('dialog', { name: '列设置' }).getByLabel('地址').uncheck();
    await screenshot(page, 'customer-columns');
    await addressHeader.waitFor({ state: 'detached' });
    await page.waitForTimeout(900);
    await page.reload();
    await expectTotal(page, own);
    await page.locator('.ag-header-cell[col-id="name"]').waitFor();
    expect(await addressHeader.count()).toBe(0);
  });

  it('warns about a likely duplicate before creating, and 仍然保存 creates it anyway', async () => {
    app = await startApp();
    const { ids } = await seedCustomers(app.core);
    const page = await openPage(browser, app.url);
    await login(page, ADMIN.name, ADMIN.password, '系统管理员');
    await page.getByRole('button', { name: '新建客户' }).click();
    await page.getByLabel('客户名称').fill('陈建国');
    // Same mobile as the seeded 陈建国: leaving the field already shows the likely duplicate.
    await page.getByLabel('手机号').fill('13900001000');
    await page.getByLabel('固定电话').focus();
    const early = page.getByRole('status').filter({ hasText: '已有相似的客户' });
    await early.getByText('手机号相同').waitFor();

    await page.getByRole('button', { name: '保存' }).click();
    const warning = page.getByRole('alert').filter({ hasText: '发现可能重复的客户' });
    await warning.waitFor();
    await screenshot(page, 'customer-duplicate');
    const link = warning.getByRole('link', { name: '打开' });
    expect(await link.getAttribute('href')).toBe(`#/customers/${ids['陈建国']}`);
    await warning.getByRole('button', { name: '仍然保存' }).click();
    await page.waitForURL(/#\/customers\/\d+$/);
    await page.getByRole('status').filter({ hasText: '已新建客户「陈建国」' }).waitFor();
    expect(page.url()).not.toMatch(new RegExp(`#/customers/${ids['陈建国']}$`));
  });

  it('a supervisor transfers a customer and the 移交记录 shows it', async () => {
    app = await startApp();
    const { users, ids } = await seedCustomers(app.core);
    const page = await openPage(browser, app.url);
    await login(page, users.supervisor.name, users.supervisor.password, '周主管（负责人）');

    await page.getByLabel('快速查找客户').fill('刘秀英');
    await expectTotal(page, 1);
    const row = gridRow(page, '刘秀英');
    await row.locator('input[type="checkbox"]').check();
    await page.getByRole('button', { name: '移交给…' }).click();
    const dialog = page.getByRole('dialog', { name: '移交客户（已选 1 个）' });
    await dialog.getByLabel('移交给').selectOption({ label: '王丽（客户经理）' });
    await dialog.getByLabel('移交原因').fill('李强调岗');
    await screenshot(page, 'customer-transfer');
    await dialog.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('dialog', { name: '确认移交' }).getByRole('button', { name: '确认移交' }).click();
    const done = page.getByRole('dialog', { name: '移交完成' });
    await done.getByText('已将 1 个客户移交给 王丽').waitFor();
    await done.getByRole('button', { name: '确定' }).click();
    await row.filter({ hasText: '王丽' }).waitFor();

    await row.dblclick();
    await page.getByRole('heading', { name: '刘秀英' }).waitFor();
    await page.getByRole('tab', { name: '变更历史' }).click();
    const transfers = page.getByRole('table', { name: '移交记录' });
    const line = transfers.locator('tbody tr').first();
    await line.waitFor();
    const text = await line.textContent();
    expect(text).toContain('李强');
    expect(text).toContain('王丽');
    expect(text).toContain('周主管');
    expect(text).toContain('李强调岗');

    // Soft delete with a reason, then restore from the recycle bin.
    await page.getByRole('button', { name: '删除' }).click();
    const del = page.getByRole('dialog', { name: '删除客户' });
    await del.getByLabel('删除原因').fill('重复建档');
    await del.getByRole('button', { name: '确认删除' }).click();
    await page.getByText('该客户已删除，正在回收站中').waitFor();
    await page.getByRole('link', { name: '← 客户列表' }).click();
    await page.getByRole('button', { name: '回收站' }).click();
    await page.getByRole('heading', { name: '回收站' }).waitFor();
    await expectTotal(page, 1);
    await gridRow(page, '刘秀英').getByRole('button', { name: '恢复' }).click();
    await page.getByRole('status').filter({ hasText: '已恢复客户「刘秀英」' }).waitFor();
    await expectTotal(page, 0);

    // The core agrees: 王丽 now holds the customer.
    const wangli = await coreLogin(app.core, users.manager1.name, users.manager1.password);
    const c = await coreCall(app.core, wangli, 'customers.get', { id: ids['刘秀英'] });
    expect(c.manager).toBe('wangli');
  });
});

describe('full pinyin search', () => {
  it('shan, shanli and shanlihua find 单丽华 (surname 单 = shan) in the list and in the customer picker; dan does not', async () => {
    app = await startApp();
    const { admin } = await seedCustomers(app.core);
    for (const [i, name] of ['单丽华', '单立新', '山丽', '丹丽华'].entries()) {
      await coreCall(app.core, admin, 'customers.create', {
        data: { name, kind: '个人', idNumber: idNumber(`1985020${i + 1}`, 700 + i), mobile: `1370000${String(3000 + i)}`, manager: 'wangli' },
      });
    }
    const page = await openPage(browser, app.url);
    await login(page, ADMIN.name, ADMIN.password, '系统管理员');
    const search = page.getByLabel('快速查找客户');
    const shown = async () => {
      const rows = await page.locator('.ag-row').allTextContents();
      return ['单丽华', '单立新', '山丽', '丹丽华'].filter((n) => rows.some((r) => r.includes(n))).sort();
    };

    // shan: every name that starts with the syllable — 单 read as a surname, and 山.
    await search.fill('shan');
    await expectTotal(page, 3);
    expect(await shown()).toEqual(['单丽华', '单立新', '山丽'].sort());
    await search.fill('shanli');
    await expectTotal(page, 3);
    await search.fill('shanlih');
    await expectTotal(page, 1);
    await search.fill('shanlihua');
    await expectTotal(page, 1);
    await expect.poll(shown).toEqual(['单丽华']);
    await screenshot(page, 'customers-full-pinyin');
    // 丹丽华 is dan li hua; 单 as a surname is never dan.
    await search.fill('danlihua');
    await gridRow(page, '丹丽华').waitFor();
    await expectTotal(page, 1);
    expect(await shown()).toEqual(['丹丽华']);

    // The customer picker of a new visit uses the same search.
    await page.evaluate(() => (window.location.hash = '#/complaints/new'));
    const picker = page.getByRole('combobox', { name: '客户', exact: true });
    await picker.pressSequentially('shanlihua');
    const options = page.getByRole('listbox').getByRole('option');
    await options.filter({ hasText: '单丽华' }).waitFor();
    // The options of the shorter prefixes typed on the way go away.
    await options.nth(1).waitFor({ state: 'detached' });
    expect(await options.allTextContents()).toEqual([expect.stringContaining('单丽华')]);
  });
});

describe('select all for bulk transfer', () => {
  it('Ctrl+A in the grid selects the whole filtered list; the transfer confirms the count and moves them all, only to a 客户经理', async () => {
    app = await startApp();
    const { users, admin } = await seedCustomers(app.core);
    // More than one grid block of 王丽's customers, so "all" is more than the rows loaded.
    for (let i = 0; i < 120; i++) {
      await coreCall(app.core, admin, 'customers.create', {
        data: { name: `批量客户${String(i).padStart(3, '0')}`, kind: '个人', idNumber: idNumber(`19900${(i % 9) + 1}1${i % 10}`, 200 + i), mobile: `1380000${String(5000 + i)}`, manager: 'wangli' },
      });
    }
    const wangli = (await coreCall(app.core, admin, 'customers.list', { managerId: [(await coreCall(app.core, admin, 'users.options', {})).find((u) => u.name === 'wangli')!.id] })).total;
    const page = await openPage(browser, app.url);
    await login(page, users.supervisor.name, users.supervisor.password, '周主管（负责人）');
    await page.getByLabel('客户经理', { exact: true }).selectOption({ label: '王丽' });
    await expectTotal(page, wangli);

    // 手机 and 电话 are separate columns: a firm's landline is not shown as its mobile.
    const firm = gridRow(page, '恒信汽车修理厂');
    expect(await firm.locator('[col-id="mobile"]').textContent()).toBe('');
    expect(await firm.locator('[col-id="phone"]').textContent()).toBe('0571-88001005');

    // Into the grid with ↓, then Ctrl+A.
    await page.getByLabel('快速查找客户').press('ArrowDown');
    await page.keyboard.press('Control+a');
    await page.getByTestId('selected-all').filter({ hasText: `已选当前筛选的全部 ${wangli} 个` }).waitFor();
    await screenshot(page, 'customers-select-all');

    await page.getByRole('button', { name: '移交给…' }).click();
    const dialog = page.getByRole('dialog', { name: `移交客户（已选全部 ${wangli} 个）` });
    // A 负责人 is not offered as a target.
    await dialog.getByLabel('移交给').locator('option', { hasText: '李强' }).waitFor({ state: 'attached' });
    const targets = await dialog.getByLabel('移交给').locator('option').allTextContents();
    expect(targets.sort()).toEqual(['请选择客户经理', '李强（客户经理）', '王丽（客户经理）'].sort());
    await dialog.getByLabel('移交给').selectOption({ label: '李强（客户经理）' });
    await dialog.getByRole('button', { name: '下一步' }).click();
    const confirm = page.getByRole('dialog', { name: '确认移交' });
    await confirm.getByText(`全部 ${wangli}`).waitFor();
    expect(await confirm.textContent()).toContain('客户经理：王丽');
    await screenshot(page, 'customers-transfer-all-confirm');
    await confirm.getByRole('button', { name: '确认移交' }).click();
    await page.getByRole('dialog', { name: '移交完成' }).getByText(`已将 ${wangli} 个客户移交给 李强`).waitFor();
    await page.getByRole('dialog', { name: '移交完成' }).getByRole('button', { name: '确定' }).click();
    await expectTotal(page, 0);
    // One message for the empty list, not the grid's 无显示行 as well.
    await page.getByText('没有符合条件的客户').waitFor();
    expect(await page.getByText('无显示行').count()).toBe(0);
    // Cancelling a select-all: the link under the toolbar.
    await page.getByLabel('客户经理', { exact: true }).selectOption({ label: '李强' });
    await page.getByRole('button', { name: /^全选筛选结果/ }).click();
    await page.getByTestId('selected-all').getByRole('button', { name: '取消全选' }).click();
    expect(await page.getByTestId('selected-all').count()).toBe(0);
    expect(await page.getByRole('button', { name: '移交给…' }).isDisabled()).toBe(true);
  });
});
