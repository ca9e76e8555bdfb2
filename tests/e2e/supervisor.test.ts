import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../shared/domain/visitRules';
import { coreCall, coreLogin, idNumber, launchBrowser, loginThroughUi, openPage, screenshot, seedBranch, startApp, type RunningApp } from './harness';

let browser: Browser;
let app: RunningApp | null = null;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-e2e-desk-'));

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

async function login(page: Page, name: string, password: string, who: string) {
  await loginThroughUi(page, name, password);
  await page.getByTestId('current-user').filter({ hasText: who }).waitFor();
}

const today = localDate(new Date());
const month = (back: number) => {
  const d = new Date();
  d.setDate(1);
  d.setMonth(d.getMonth() - back);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

describe("the supervisor's desk", () => {
  it('the dashboard shows the figures of a seeded branch, for the 负责人 and, for himself only, a manager', async () => {
    app = await startApp();
    const { users } = await seedBranch(app.core);
    const m1 = await coreLogin(app.core, users.manager1.name, users.manager1.password);
    const m2 = await coreLogin(app.core, users.manager2.name, users.manager2.password);
    const a = await coreCall(app.core, m1, 'customers.create', { data: { name: '孙立新', kind: '个人', tier: '金', idNumber: idNumber('19750301', 401), mobile: '13700003001' } });
    await coreCall(app.core, m1, 'customers.create', { data: { name: '马春梅', kind: '个人', tier: '银', idNumber: idNumber('19750302', 402), mobile: '13700003002' } });
    await coreCall(app.core, m2, 'customers.create', { data: { name: '赵大海', kind: '个人', tier: '金', mobile: '13700003003' } });
    const day = addDays(today, -3);
    await coreCall(app.core, m1, 'visits.create', { customerId: a.id, signIn: `${day}T09:00`, signOut: `${day}T09:30`, signature: '已签' });
    await coreCall(app.core, m1, 'visits.create', { customerId: a.id, type: '回访', signIn: `${day}T14:00`, signOut: `${day}T14:50` });

    const page = await openPage(browser, app.url);
    await login(page, users.supervisor.name, users.supervisor.password, '周主管');
    await page.locator('aside nav').getByRole('link', { name: '工作看板', exact: true }).click();
    await page.getByLabel('开始日期').fill(addDays(today, -7));
    await page.getByLabel('结束日期').fill(today);
    // Three customers, one visited; two visits of 30 and 50 minutes, one signed.
    await page.getByTestId('kpi-覆盖率').filter({ hasText: '33.3%' }).waitFor();
    expect(await page.getByTestId('kpi-覆盖率').textContent()).toBe('覆盖率33.3%1/3 户');
    expect(await page.getByTestId('kpi-走访').textContent()).toBe('走访2特殊访问 0 · 回访 1');
    expect(await page.getByTestId('kpi-平均在户时间').textContent()).toBe('平均在户时间40.0 分钟');
    expect(await page.getByTestId('kpi-签字率').textContent()).toBe('签字率50.0%');
    const rows = page.getByTestId('manager-row');
    expect(await rows.count()).toBe(2);
    expect(await rows.filter({ hasText: '王丽' }).locator('td').allTextContents()).toEqual(['王丽', '2', '—', '50.0%', '2', '40.0', '50.0%', '0', expect.stringMatching(/%$/), '2']);
    await page.getByRole('img', { name: '在户时间分布' }).locator('svg').waitFor();
    await page.getByRole('img', { name: '各客户经理的计划完成率、覆盖率和签字率' }).locator('svg').waitFor();
    await screenshot(page, 'dashboard-supervisor');
    // A figure opens its records.
    await page.getByTestId('kpi-走访').click();
    await page.waitForURL(/#\/visits$/);

    // The manager sees the same dashboard for himself only.
    await page.getByRole('button', { name: '退出登录' }).click();
    await login(page, users.manager2.name, users.manager2.password, '李强');
    await page.goto(`${app.url}#/dashboard`);
    await page.getByRole('heading', { name: '我的指标' }).waitFor();
    await page.getByLabel('开始日期').fill(addDays(today, -7));
    await page.getByTestId('kpi-覆盖率').filter({ hasText: '0.0%' }).waitFor();
    expect(await page.getByTestId('manager-row').allTextContents()).toEqual([expect.stringContaining('李强')]);
    await screenshot(page, 'dashboard-manager');
  });

  it('a warning appears on 今日 after a volume-drop import and closes when handled with a note', async () => {
    app = await startApp();
    const { users } = await seedBranch(app.core);
    const m1 = await coreLogin(app.core, users.manager1.name, users.manager1.password);
    const c = await coreCall(app.core, m1, 'customers.create', {
      data: { name: '冯记粮油店', kind: '个人', tier: '金', keyCustomer: true, idNumber: idNumber('19660606', 301), mobile: '13944440001' },
    });
    const { code } = app.core.db.prepare('SELECT code FROM customers WHERE id = ?').get(c.id) as { code: string };
    // A visit yesterday: the not-visited rule stays quiet; three months of history at 1000.
    await coreCall(app.core, m1, 'visits.create', { customerId: c.id, signIn: `${addDays(today, -1)}T09:00`, signOut: `${addDays(today, -1)}T09:30` });
    for (const m of [month(4), month(3), month(2)]) {
      app.core.db.prepare("INSERT INTO customer_volumes (customer_id, month, metric, value, updated_at) VALUES (?, ?, '销量', 1000, 't')").run(c.id, m);
    }
    const file = path.join(tmp, '业务量.csv');
    writeFileSync(file, `客户编码,月份,销量\r\n${code},${month(1)},400\r\n`);

    const page = await openPage(browser, app.url);
    await login(page, users.manager1.name, users.manager1.password, '王丽（客户经理）');
    const warnings = page.getByRole('region', { name: '流失预警' });
    await warnings.getByText('没有未处理的流失预警').waitFor();
    await page.locator('aside nav').getByRole('link', { name: '数据导入', exact: true }).click();
    await page.getByRole('radio', { name: '月度业务量' }).check();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('mapping-main').waitFor();
    await page.getByRole('button', { name: '预检（不写入数据）' }).click();
    await page.getByTestId('import-report').waitFor();
    await page.getByRole('button', { name: /^开始导入/ }).click();
    await page.getByTestId('import-summary').waitFor();

    await page.locator('aside nav').getByRole('link', { name: '今日', exact: true }).click();
    const item = warnings.getByTestId('warning-item');
    await item.waitFor();
    expect(await item.textContent()).toContain(`${month(1)} 销量 400，比前 3 个月平均 1000 下降 60%`);
    expect(await item.textContent()).toContain('业务量下降');
    // Its 必访 task is among the follow-ups due today.
    await page.getByRole('region', { name: '待跟进' }).getByText(/必访（流失预警）/).waitFor();
    await screenshot(page, 'home-warning');
    await item.getByRole('button', { name: '处理' }).click();
    await page.getByRole('button', { name: '处理完毕' }).click();
    await page.getByText('请填写处理说明').waitFor();
    await page.getByLabel('处理说明').fill('已上门，竞品促销所致，已申请促销支持');
    await screenshot(page, 'warning-close-dialog');
    await page.getByRole('button', { name: '处理完毕' }).click();
    await page.getByText('已处理流失预警：冯记粮油店').waitFor();
    await warnings.getByText('没有未处理的流失预警').waitFor();
    await page.getByRole('region', { name: '待跟进' }).getByText(/必访（流失预警）/).waitFor({ state: 'detached' });
    const row = app.core.db.prepare('SELECT note, closed_at IS NOT NULL AS closed FROM churn_warnings').get();
    expect(row).toEqual({ note: '已上门，竞品促销所致，已申请促销支持', closed: 1 });
  });

  it('a monthly report goes draft → submitted → returned → resubmitted → approved through the screens, every version kept', async () => {
    app = await startApp();
    const { users } = await seedBranch(app.core);
    const m1 = await coreLogin(app.core, users.manager1.name, users.manager1.password);
    const c = await coreCall(app.core, m1, 'customers.create', { data: { name: '冯记粮油店', kind: '个人', tier: '金', mobile: '13944440001' } });
    for (const [m, v] of [
      [month(2), 1000],
      [month(1), 800],
    ] as const) {
      app.core.db.prepare("INSERT INTO customer_volumes (customer_id, month, metric, value, updated_at) VALUES (?, ?, '销量', ?, 't')").run(c.id, m, v);
    }
    const page = await openPage(browser, app.url);
    await login(page, users.manager1.name, users.manager1.password, '王丽（客户经理）');
    await page.locator('aside nav').getByRole('link', { name: '月度报告', exact: true }).click();
    await page.getByRole('button', { name: `起草 ${month(1)} 报告` }).click();
    await page.getByRole('heading', { name: new RegExp(`客户月度销售情况分析报告 · ${month(1)} · 王丽`) }).waitFor();
    const volumes = page.getByRole('table', { name: '业务量' });
    expect(await volumes.locator('tbody tr').first().locator('td').allTextContents()).toEqual(['销量', '800', '1000', '-20.0%', '—', '—']);
    await page.getByText('冯记粮油店 1000 → 800（-200）').waitFor();
    await page.getByLabel('问题及原因').fill('冯记粮油店销量下滑');
    await page.getByLabel('对策措施').fill('加密走访');
    await page.getByLabel('次月预测').fill('持平');
    await screenshot(page, 'report-editor');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('report-status').filter({ hasText: '已提交' }).waitFor();

    await page.getByRole('button', { name: '退出登录' }).click();
    await login(page, users.supervisor.name, users.supervisor.password, '周主管');
    await page.goto(`${app.url}#/reports`);
    await page.getByTestId('report-row').filter({ hasText: '王丽' }).getByRole('link', { name: '打开' }).click();
    await page.getByLabel('审阅意见').fill('请写明下滑原因');
    await page.getByRole('button', { name: '退回' }).click();
    await page.getByTestId('report-status').filter({ hasText: '已退回' }).waitFor();

    await page.getByRole('button', { name: '退出登录' }).click();
    await login(page, users.manager1.name, users.manager1.password, '王丽（客户经理）');
    await page.goto(`${app.url}#/reports`);
    await page.getByTestId('report-row').getByRole('link', { name: '打开' }).click();
    await page.getByText('退回意见（周主管').waitFor();
    await page.getByLabel('问题及原因').fill('冯记粮油店销量下滑：附近新开超市分流');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('report-status').filter({ hasText: '已提交' }).waitFor();

    await page.getByRole('button', { name: '退出登录' }).click();
    await login(page, users.supervisor.name, users.supervisor.password, '周主管');
    await page.goto(`${app.url}#/reports`);
    await page.getByTestId('report-row').filter({ hasText: '王丽' }).getByRole('link', { name: '打开' }).click();
    await page.getByRole('button', { name: '批准' }).click();
    await page.getByTestId('report-status').filter({ hasText: '已批准' }).waitFor();
    expect(await page.getByTestId('report-version').allTextContents()).toEqual([
      expect.stringMatching(/^第 1 版.*已退回（周主管）请写明下滑原因$/),
      expect.stringMatching(/^第 2 版.*已批准（周主管）$/),
    ]);
    await screenshot(page, 'report-approved');
    const versions = app.core.db.prepare('SELECT version, problems, decision FROM monthly_report_versions ORDER BY version').all();
    expect(versions).toEqual([
      { version: 1, problems: '冯记粮油店销量下滑', decision: '已退回' },
      { version: 2, problems: '冯记粮油店销量下滑：附近新开超市分流', decision: '已批准' },
    ]);
  });

  it('the score set-up shows weights and CR as judgments change, refuses an inconsistent matrix and ranks the managers', async () => {
    app = await startApp();
    const { users } = await seedBranch(app.core);
    const page = await openPage(browser, app.url);
    await login(page, users.supervisor.name, users.supervisor.password, '周主管');
    await page.locator('aside nav').getByRole('link', { name: '服务质量评分', exact: true }).click();
    const consistency = page.getByTestId('consistency');
    await consistency.filter({ hasText: '通过一致性检验' }).waitFor();
    // The bank preset: six indicators.
    expect(await page.getByTestId('weight').count()).toBe(6);
    await page.getByLabel('拜访计划完成率 对 客户签字率').selectOption({ label: '1/9' });
    await page.getByLabel('覆盖率 对 档案完整率').selectOption({ label: '1/9' });
    await consistency.filter({ hasText: '未通过一致性检验' }).waitFor();
    await page.getByText(/判断矩阵一致性比率 CR = 0\.\d{3}，须小于 0.1，请修改判断后重试：「/).waitFor();
    expect(await page.getByRole('button', { name: '保存方案' }).isDisabled()).toBe(true);
    await screenshot(page, 'score-inconsistent');
    await page.getByLabel('拜访计划完成率 对 客户签字率').selectOption({ label: '3' });
    await page.getByLabel('覆盖率 对 档案完整率').selectOption({ label: '3' });
    await consistency.filter({ hasText: /^λmax.*通过一致性检验$/ }).waitFor();
    await page.getByLabel('方案名称').fill('十二月方案');
    await page.getByRole('button', { name: '保存方案' }).click();
    await page.getByText(/已保存评分方案「十二月方案」，CR = 0\.0\d\d/).waitFor();
    await page.getByRole('table', { name: '评分排名' }).getByText('十二月方案').or(page.getByText('方案：十二月方案')).first().waitFor();
    expect(await page.getByTestId('rank-row').count()).toBe(2);
    await screenshot(page, 'score-setup');
    const saved = app.core.db.prepare('SELECT name, cr FROM score_setups').all() as { name: string; cr: number }[];
    expect(saved.map((x) => x.name)).toEqual(['十二月方案']);
    expect(saved[0].cr).toBeLessThan(0.1);
  });
});
