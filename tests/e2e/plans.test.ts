import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../electron/core/app';
import { MIN_PASSWORD_COST } from '../../electron/core/auth/password';
import { startWebHost } from '../../electron/web/server';
import { addDays, dayOfWeek, weekMonday } from '../../shared/domain/visitRules';
import { ADMIN, coreCall, coreLogin, idNumber, launchBrowser, loginThroughUi, openPage, screenshot, seedBranch, type RunningApp } from './harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A clock the test moves: the plan needs "today" to be a working day whatever day
 * the suite runs on, and a sign-out needs time to pass after the sign-in. The core
 * and the browser are set to the same moment.
 */
class TestClock {
  private ms: number;
  constructor(start: Date) {
    this.ms = start.getTime();
  }
  now = () => new Date(this.ms);
  advanceMinutes(min: number) {
    this.ms += min * 60_000;
  }
}

/** startApp() of the harness, with the core on the test clock. */
async function startAppAt(clock: TestClock): Promise<RunningApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-e2e-'));
  const core = openCore({ dataDir, now: clock.now, passwordCost: MIN_PASSWORD_COST });
  const host = await startWebHost({ core, staticDir: path.join(root, 'out/renderer') });
  return {
    url: host.url,
    core,
    dataDir,
    close: async () => {
      await host.close();
      core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Wednesday 10:00 of the week the suite runs in: a working day with days before and after it. */
function wednesdayOfThisWeek(): Date {
  const real = ymd(new Date());
  const wed = addDays(weekMonday(real), 2);
  return new Date(`${wed}T10:00:00`);
}

/** 王丽's customers, by name: tiers 白金 7 / 金 14 / 银 30 / 普通 90 days. */
const CUSTOMERS: { name: string; tier: string; lastVisitDaysAgo?: number }[] = [
  { name: '陈建国', tier: '白金', lastVisitDaysAgo: 12 },
  { name: '刘秀英', tier: '金' },
  { name: '杨志强', tier: '银', lastVisitDaysAgo: 41 },
  { name: '黄丽娟', tier: '普通' },
  { name: '赵德明', tier: '金', lastVisitDaysAgo: 20 },
  { name: '周晓燕', tier: '白金' },
  { name: '吴海涛', tier: '银' },
];

async function arrange(core: Core, today: string) {
  const seeded = await seedBranch(core);
  // The test moves the clock by half an hour between sign-in and sign-out: keep the session unlocked.
  await coreCall(core, seeded.admin, 'settings.update', { idleMinutes: 120 });
  const manager = await coreLogin(core, seeded.users.manager1.name, seeded.users.manager1.password);
  const ids: Record<string, number> = {};
  for (const [i, c] of CUSTOMERS.entries()) {
    const created = await coreCall(core, manager, 'customers.create', {
      data: { name: c.name, kind: '个人', tier: c.tier, idNumber: idNumber(`19${70 + i}0${(i % 9) + 1}15`, 200 + i), mobile: `1380000${1000 + i}`, address: `城关镇解放路${20 + i}号` },
    });
    ids[c.name] = created.id;
    if (c.lastVisitDaysAgo) {
      // Earlier visits make some customers overdue for their tier (今日 lists them).
      await coreCall(core, manager, 'visits.create', {
        customerId: created.id,
        date: addDays(today, -c.lastVisitDaysAgo),
        signIn: '0930',
        signOut: '1010',
        content: '例行走访',
        signature: '已签',
      });
    }
  }
  // A follow-up two days overdue (it shows in red on 今日).
  await coreCall(core, manager, 'followups.create', { customerId: ids['赵德明'], due: addDays(today, -2), content: '确认贷款资料是否备齐' });
  // An open complaint of one of her customers, three days old.
  await coreCall(core, manager, 'complaints.create', {
    customerId: ids['黄丽娟'],
    openedAt: `${addDays(today, -3)}T15:20`,
    category: '服务质量',
    content: '柜台排队时间过长，客户希望增加窗口',
  });
  return { ...seeded, ids };
}

async function login(page: Page, name: string, password: string, who: string) {
  await loginThroughUi(page, name, password);
  await page.getByTestId('current-user').filter({ hasText: who }).waitFor();
}

function nav(page: Page, label: string) {
  return page.locator('aside nav').getByRole('link', { name: label, exact: true }).click();
}

function dayColumn(page: Page, date: string) {
  return page.locator(`section.vx-day[data-date="${date}"]`);
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

describe('weekly plan → sign-in/out → follow-up on 今日', () => {
  it("generates next week's plan, signs in and out of today's planned visit, and completes the follow-up it created", async () => {
    const clock = new TestClock(wednesdayOfThisWeek());
    const today = ymd(clock.now());
    expect(dayOfWeek(today)).toBe(3);
    app = await startAppAt(clock);
    const { users } = await arrange(app.core, today);

    const page = await openPage(browser, app.url);
    await page.clock.setFixedTime(clock.now());
    await page.reload();
    await login(page, users.manager1.name, users.manager1.password, '王丽（客户经理）');

    // 今日 is the landing page.
    await page.getByRole('heading', { name: '今日', exact: true }).waitFor();
    const overdue = page.getByRole('region', { name: '超期未访客户' });
    await overdue.getByRole('link', { name: '杨志强' }).waitFor();
    // Most overdue first: 杨志强 (银, 41 days ago → 11 days over) before 陈建国 (白金, 12 days ago → 5 over).
    const overdueNames = await overdue.locator('tbody tr td:first-child').allTextContents();
    expect(overdueNames.indexOf('杨志强')).toBeLessThan(overdueNames.indexOf('陈建国'));

    // 走访计划: this week by default (a Wednesday); generate next week's.
    await nav(page, '走访计划');
    const monday = weekMonday(today);
    const nextMonday = addDays(monday, 7);
    await page.getByTestId('plan-week').filter({ hasText: '（本周）' }).waitFor();
    await page.getByRole('button', { name: '下一周' }).click();
    await page.getByTestId('plan-week').filter({ hasText: '（下周）' }).waitFor();
    await page.getByRole('button', { name: '生成计划' }).click();
    await page.getByRole('dialog', { name: '生成走访计划' }).getByRole('button', { name: `生成（新增 ${CUSTOMERS.length} 户）` }).click();
    await page.getByRole('status').filter({ hasText: `已生成计划：新增 ${CUSTOMERS.length} 户` }).waitFor();
    await page.getByTestId('plan-entry').first().waitFor();
    expect(await page.getByTestId('plan-entry').count()).toBe(CUSTOMERS.length);
    await page.getByTestId('plan-summary').filter({ hasText: `共 ${CUSTOMERS.length} 户` }).waitFor();
    // Spread over the working days: every day of next week has entries.
    for (let i = 0; i < 5; i++) expect(await dayColumn(page, addDays(nextMonday, i)).getByTestId('plan-entry').count()).toBeGreaterThan(0);
    await screenshot(page, 'plan');

    // Move one entry to Friday with the keyboard-reachable menu.
    const firstEntry = dayColumn(page, nextMonday).getByTestId('plan-entry').first();
    const movedName = (await firstEntry.locator('.vx-entry-name').textContent())!;
    await firstEntry.getByRole('button', { name: `调整 ${movedName}` }).click();
    await page.getByRole('menuitem', { name: /^移到.*周五$/ }).click();
    await dayColumn(page, addDays(nextMonday, 4)).getByTestId('plan-entry').filter({ hasText: movedName }).waitFor();
    await page.getByRole('status').filter({ hasText: `已把「${movedName}」移到` }).waitFor();

    // Back to this week: put 刘秀英 on today's column through the quick search (pinyin initials).
    await page.getByRole('button', { name: '上一周' }).click();
    await page.getByTestId('plan-week').filter({ hasText: '（本周）' }).waitFor();
    await dayColumn(page, today).getByRole('button', { name: /^添加客户到/ }).click();
    const dialog = page.getByRole('dialog', { name: '添加到走访计划' });
    await dialog.getByRole('combobox', { name: '客户' }).pressSequentially('lxy');
    await dialog.getByRole('option', { name: /刘秀英/ }).waitFor();
    await page.keyboard.press('Enter');
    expect(await dialog.getByRole('combobox', { name: '客户' }).inputValue()).toContain('刘秀英');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const todayEntry = dayColumn(page, today).getByTestId('plan-entry').filter({ hasText: '刘秀英' });
    await todayEntry.waitFor();
    // Past days of the week take no additions.
    expect(await dayColumn(page, monday).getByRole('button', { name: /^添加客户到/ }).count()).toBe(0);

    // 签到 stamps the sign-in time.
    await todayEntry.getByRole('button', { name: '签到' }).click();
    await page.getByRole('status').filter({ hasText: '已签到：刘秀英（10:00）' }).waitFor();

    // Half an hour at the customer's, then 签退 from 今日.
    clock.advanceMinutes(35);
    await page.clock.setFixedTime(clock.now());
    await nav(page, '今日');
    const banner = page.locator('.vx-open-visit');
    await banner.filter({ hasText: '正在走访 刘秀英（10:00 签到）' }).waitFor();
    await banner.getByRole('button', { name: '签退' }).click();

    await page.getByRole('heading', { name: '走访中 · 签退' }).waitFor();
    await page.getByRole('checkbox', { name: '产品推介' }).check();
    await page.getByRole('checkbox', { name: '需求了解' }).check();
    await page.getByLabel('工作内容', { exact: true }).fill('介绍新发行的理财产品，了解客户资金到期安排');
    await page.getByLabel('客户意见').fill('希望收益更稳定一些');
    await page.getByLabel('下次跟进日期').fill(today);
    await page.getByLabel('下次跟进内容').fill('送理财产品说明书');
    await page.getByLabel('客户签字').selectOption('已签');
    await page.getByLabel('走访地点').fill('客户家中');
    await screenshot(page, 'visit-form');
    await page.getByRole('button', { name: '签退', exact: true }).click();

    // Back on 今日: the visit is done and its follow-up is due today.
    await page.getByRole('status').filter({ hasText: '已签退：刘秀英，在户35分钟' }).waitFor();
    const followUps = page.getByRole('region', { name: '待跟进' });
    const task = followUps.locator('li').filter({ hasText: '送理财产品说明书' });
    await task.waitFor();
    expect(await task.textContent()).toContain('刘秀英');
    expect(await task.textContent()).toContain('今天到期');
    const plan = page.getByRole('region', { name: '今日计划' });
    await plan.getByTestId('today-plan-item').filter({ hasText: '已完成' }).waitFor();
    expect(await page.locator('.vx-open-visit').count()).toBe(0);
    // The open complaint of her customer shows with its age.
    await page.getByRole('region', { name: '我的客户的未结投诉' }).locator('li').filter({ hasText: '黄丽娟' }).filter({ hasText: '已 3 天' }).waitFor();
    await screenshot(page, 'home');

    // 完成 the follow-up with its result.
    await task.getByRole('button', { name: '完成' }).click();
    const done = page.getByRole('dialog', { name: '完成跟进' });
    await done.getByLabel('跟进结果').fill('已送达说明书，客户下周到网点办理');
    await done.getByRole('button', { name: '完成' }).click();
    await page.getByRole('status').filter({ hasText: '已完成跟进：刘秀英' }).waitFor();
    await task.waitFor({ state: 'detached' });
    // The overdue one stays, in red.
    expect(await followUps.locator('li.overdue').filter({ hasText: '确认贷款资料是否备齐' }).count()).toBe(1);

    // 待跟进 lists it as done; the plan shows the entry 已完成.
    await nav(page, '待跟进');
    await page.getByRole('tab', { name: '已完成' }).click();
    await page.getByTestId('followup-row').filter({ hasText: '已送达说明书' }).waitFor();
    await nav(page, '走访计划');
    await dayColumn(page, today).getByTestId('plan-entry').filter({ hasText: '刘秀英' }).filter({ hasText: '已完成' }).waitFor();
  });

  it('a 负责人 sees every manager\'s plan and generates for all', async () => {
    const clock = new TestClock(wednesdayOfThisWeek());
    app = await startAppAt(clock);
    const { users } = await arrange(app.core, ymd(clock.now()));
    const page = await openPage(browser, app.url);
    await page.clock.setFixedTime(clock.now());
    await page.reload();
    await login(page, users.supervisor.name, users.supervisor.password, '周主管（负责人）');
    await nav(page, '走访计划');
    await page.getByRole('button', { name: '下一周' }).click();
    await page.getByLabel('客户经理').selectOption({ label: '全部客户经理' });
    await page.getByRole('button', { name: '生成计划' }).click();
    await page.getByRole('dialog', { name: '生成走访计划' }).getByRole('button', { name: /^生成（新增/ }).click();
    await page.getByRole('status').filter({ hasText: '已生成计划' }).waitFor();
    await page.getByTestId('plan-entry').first().waitFor();
    // With all managers shown, each entry says whose it is.
    expect(await page.getByTestId('plan-entry').first().textContent()).toContain('王丽');
    await page.getByLabel('客户经理').selectOption({ label: '李强' });
    await page.getByTestId('plan-summary').filter({ hasText: '共 0 户' }).waitFor();
  });
});

describe('tier-first plans under the settings and the calendar', () => {
  it('the admin sets a daily cap and a holiday on 系统设置; generating asks with the counts by tier and plans 白金 and 金 first', async () => {
    const clock = new TestClock(wednesdayOfThisWeek());
    const today = ymd(clock.now());
    app = await startAppAt(clock);
    await arrange(app.core, today);
    const nextMonday = addDays(weekMonday(today), 7);
    const page = await openPage(browser, app.url);
    await page.clock.setFixedTime(clock.now());
    await page.reload();
    await login(page, ADMIN.name, ADMIN.password, '系统管理员');

    await nav(page, '系统设置');
    await page.getByLabel('每日计划上限（户）').fill('1');
    // Typed the way the notice writes it; stored as YYYY-MM-DD.
    const [y, m, d] = nextMonday.split('-').map(Number);
    await page.getByLabel('节假日', { exact: true }).fill(`${y}/${m}/${d}  # 节日`);
    await page.getByLabel('调休上班日', { exact: true }).fill('2026-13-01');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.locator('.field-error').filter({ hasText: '第1行：「2026-13-01」不是有效日期' }).waitFor();
    await page.getByLabel('调休上班日', { exact: true }).fill('');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('设置已保存').waitFor();
    expect(await page.getByLabel('节假日', { exact: true }).inputValue()).toBe(nextMonday);
    await screenshot(page, 'settings-plan-calendar');

    await nav(page, '走访计划');
    await page.getByRole('button', { name: '下一周' }).click();
    await page.getByTestId('plan-week').filter({ hasText: '（下周）' }).waitFor();
    await page.getByRole('button', { name: '生成计划' }).click();
    const dialog = page.getByRole('dialog', { name: '生成走访计划' });
    const preview = dialog.getByTestId('plan-preview');
    await preview.waitFor();
    // Four working days (Monday is the holiday), one visit a day: both 白金 and both 金, none of 银/普通.
    const rows = await preview.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['白金', '2', '2', '0'],
      ['金', '2', '2', '0'],
      ['银', '2', '0', '2'],
      ['普通', '1', '0', '1'],
    ]);
    expect(await preview.textContent()).toContain('共 3 户超出每日上限未排入');
    expect(await preview.textContent()).not.toContain(nextMonday.slice(5));
    await screenshot(page, 'plan-generate-confirm');
    // Cancelling stores nothing.
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(await page.getByTestId('plan-entry').count()).toBe(0);

    await page.getByRole('button', { name: '生成计划' }).click();
    await dialog.getByRole('button', { name: '生成（新增 4 户）' }).click();
    await page.getByRole('status').filter({ hasText: '3 户超出每日上限未排入（银 2，普通 1）' }).waitFor();
    await page.getByTestId('plan-entry').first().waitFor();
    expect(await dayColumn(page, nextMonday).count()).toBe(0);
    const names = await page.locator('.vx-entry-name').allTextContents();
    expect(names.sort()).toEqual(['刘秀英', '周晓燕', '赵德明', '陈建国'].sort());
    await screenshot(page, 'plan-tier-first');
  });
});
