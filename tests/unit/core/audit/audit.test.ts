import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRow } from '../../../../shared/api/audit';
import { openCore, type Core, type CoreOptions } from '../../../../electron/core/app';
import { ADMIN_NAME, ADMIN_PASSWORD, call, createAndLogin, expectOk, insertCustomer, login, makeClock, setupAndLogin } from '../../helpers/core';

/**
 * Issue 15 item 7: the audit log is read by an auditor, not a programmer. Details show Chinese
 * field names and values ("op：approve；id：1；comment：" was what they saw), and each entry says
 * where it was made: 桌面 / 网页 / 命令行 (CLI use looked like ordinary logins).
 */

const opened: { core: Core; dir: string }[] = [];
afterEach(() => {
  for (const { core, dir } of opened.splice(0)) {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

function open(options: Omit<CoreOptions, 'dataDir'> = {}, dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-audit-'))): Core {
  const core = openCore({ dataDir: dir, now: makeClock(new Date(2024, 5, 5, 18, 0)).now, jobs: { inline: true }, ...options });
  opened.push({ core, dir });
  return core;
}

async function rows(core: Core, admin: string): Promise<AuditRow[]> {
  return expectOk(await call(core, admin, 'audit.list', { limit: 500 })).rows;
}

/** An ASCII word of four letters or more: a raw key (comment, columns), an English value (approve). */
const RAW = /[A-Za-z]{4,}/;

describe('audit details in words an auditor reads', () => {
  it('complaint review, export columns, settings, a plan and a dictionary change show Chinese names and values', async () => {
    const core = open({ host: 'cli' });
    const admin = await setupAndLogin(core);
    const mgr = await createAndLogin(core, admin, 'zhang', 'manager');
    const sup = await createAndLogin(core, admin, 'boss', 'supervisor');
    const c = insertCustomer(core.db, { code: 'YC001', name: '张三烟酒店', managerId: mgr.id });
    const k = expectOk(await call(core, mgr.token, 'complaints.create', { customerId: c, category: '商品质量', content: '包装破损' }));
    expectOk(await call(core, mgr.token, 'complaints.update', { id: k.id, handlingSteps: '上门核实', result: '已调换' }));
    expectOk(await call(core, mgr.token, 'complaints.submit', { id: k.id }));
    expectOk(await call(core, sup.token, 'complaints.review', { id: k.id, decision: 'approve' }));
    const job = expectOk(await call(core, admin, 'exports.start', { kind: 'customers', format: 'csv', filter: {}, columns: ['code', 'name', 'mobile'] }));
    await core.jobs.wait(job.jobId, { id: 1, role: 'admin' });
    expectOk(await call(core, admin, 'settings.update', { idleMinutes: 20 }));
    expectOk(await call(core, sup.token, 'plans.add', { customerId: c, date: '2024-06-07' }));
    const tier = expectOk(await call(core, admin, 'dicts.save', { kind: 'tier', name: 'VIP', sort: 9, visitIntervalDays: 7 }));
    expectOk(await call(core, admin, 'dicts.delete', { id: tier.id }));

    const all = await rows(core, admin);
    const review = all.find((r) => r.action === 'complaint_change' && r.detail.includes('审核'))!;
    expect(review.detail).toBe(`操作：审核通过；记录编号：${k.id}`);
    const exported = all.find((r) => r.action === 'export')!;
    expect(exported.detail).toContain('导出列：客户编码、客户名称、手机号');
    expect(exported.detail).toContain('身份证号和手机号已脱敏：否');
    expect(all.find((r) => r.action === 'settings_update')!.detail).toBe('自动锁定时间（分钟）：15 → 20');
    expect(all.find((r) => r.action === 'plan_change')!.detail).toContain('操作：加入计划');
    expect(all.find((r) => r.action === 'plan_change')!.detail).toContain('客户经理：zhang姓名（zhang）');
    expect(all.find((r) => r.action === 'dict_change' && r.detail === '删除')).toBeDefined();
    // Login names are the users' own (zhang, boss); nothing else in a detail is English.
    for (const r of all) expect(r.detail.replace(/\b(zhang|boss|admin)\b/g, ''), `${r.action}: ${r.detail}`).not.toMatch(RAW);
  });
});

describe('the host of each entry', () => {
  it('is recorded by the core each host opens and shown as 桌面 / 网页 / 命令行', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-audit-'));
    const cli = open({ host: 'cli' }, dir);
    await setupAndLogin(cli);
    cli.close();
    opened.splice(0);
    const web = open({ host: 'web' }, dir);
    const token = await login(web, ADMIN_NAME, ADMIN_PASSWORD);
    const all = await rows(web, token);
    expect(all.filter((r) => r.action === 'login').map((r) => [r.host, r.hostLabel])).toEqual([
      ['web', '网页'],
      ['cli', '命令行'],
    ]);
    expect(all.find((r) => r.action === 'setup')).toMatchObject({ host: 'cli', hostLabel: '命令行', detail: '网点类型：烟草' });
    // A failed login from the desktop app, whose detail is text.
    const desktop = open({ host: 'desktop' }, dir);
    expect((await desktop.router.invoke(null, 'auth.login', { name: 'nobody', password: 'x'.repeat(8) })).result.ok).toBe(false);
    expect((await rows(web, token)).find((r) => r.action === 'login_failed')).toMatchObject({ host: 'desktop', hostLabel: '桌面', detail: '用户名不存在' });
  });

  it('entries written before hosts were recorded (or by a core opened without one) show no host, their details unchanged', async () => {
    const core = open();
    const admin = await setupAndLogin(core);
    core.db.prepare("INSERT INTO audit_log (at, user_name, action, target, detail, ok) VALUES ('2024-06-01 09:00:00', 'x', 'login_failed', 'x', '用户名不存在', 0)").run();
    const all = await rows(core, admin);
    expect(all.find((r) => r.detail === '用户名不存在')).toMatchObject({ host: null, hostLabel: '' });
    expect(core.db.prepare("SELECT detail FROM audit_log WHERE action = 'setup'").get()).toEqual({ detail: '{"branchType":"tobacco"}' });
  });
});
