import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPdfRenderer } from '../../../../electron/core/pdf/chromium';
import type { PdfRenderer } from '../../../../electron/core/pdf/renderer';
import { call, createAndLogin, expectErr, expectOk, insertCustomer, makeClock, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';
import { downloadPdf, pdfFacts, type PdfFacts } from '../../helpers/pdf';

// Friday 2024-06-07 16:30 at the 城关烟草营销部 (a tobacco branch).
const NOW = new Date(2024, 5, 7, 16, 30);
const WEEK = '2024-06-10';
const LONG = '店主反映本月到货的卷烟外包装多处破损，'.repeat(12) + '要求尽快更换并说明原因。';

let renderer: PdfRenderer;
let t: TestCore;
let mgr: { id: number; token: string };
let other: { id: number; token: string };
let admin: string;
const ids: number[] = [];
let otherCustomer: number;

async function pdfOf(token: string, method: 'print.archiveCards' | 'print.weekPlan' | 'print.complaint' | 'print.receipt' | 'print.monthlyReport', input: object): Promise<{ facts: PdfFacts; all: string; pages: number | null; sheets: unknown[] }> {
  const r = expectOk(await call(t.core, token, method, input as never));
  const facts = pdfFacts(await downloadPdf(t.core, token, r.fileId!));
  return { facts, all: facts.pageTexts.join('\n'), pages: r.pages, sheets: r.sheets };
}

/** The page frame every form has: portrait A4, branch, print time and 第 N 页 共 M 页 on each page. */
function expectFrame(facts: PdfFacts, title: string) {
  expect([facts.width, facts.height]).toEqual([595, 842]);
  facts.pageTexts.forEach((text, i) => {
    expect(text).toContain('城关烟草营销部');
    expect(text).toContain('打印时间：2024-06-07 16:30');
    expect(text).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*共\\s*${facts.pages}\\s*页`));
  });
  expect(facts.pageTexts[0].replace(/\s+/g, '')).toContain(title);
}

beforeAll(async () => {
  const r = systemPdfRenderer();
  if (!r) throw new Error('these tests need Chromium (/usr/bin/chromium or BRANCHDESK_CHROMIUM)');
  renderer = r;
  t = openTestCore(makeClock(NOW), undefined, { pdf: renderer });
  admin = await setupAndLogin(t.core, 'tobacco');
  mgr = await createAndLogin(t.core, admin, 'zhang', 'manager');
  other = await createAndLogin(t.core, admin, 'li', 'manager');
  for (let i = 1; i <= 3; i++) {
    const id = insertCustomer(t.db, { code: `A000${i}`, name: `解放路${i}号烟酒店`, tier: 'A', managerId: mgr.id });
    t.db
      .prepare('UPDATE customers SET mobile = ?, id_number = ?, address = ?, background = ? WHERE id = ?')
      .run(`1390000000${i}`, `11010119900307123${i}`, `城关镇解放路${i}号`, i === 1 ? LONG : null, id);
    ids.push(id);
  }
  otherCustomer = insertCustomer(t.db, { code: 'B0001', name: '李四便利店', managerId: other.id });
  DAYS.forEach((d, i) =>
    t.db
      .prepare("INSERT INTO plan_entries (week_monday, date, customer_id, manager_id, created_at, updated_at) VALUES (?, ?, ?, ?, 't', 't')")
      .run(WEEK, d, ids[i % 3], mgr.id),
  );
  const visit = t.db.prepare(
    `INSERT INTO visits (manager_id, customer_id, type, sign_in, sign_out, duration_minutes, content, signature, created_at, updated_at)
     VALUES (?, ?, '常规走访', ?, ?, 30, ?, ?, 't', 't')`,
  );
  visit.run(mgr.id, ids[0], '2024-06-03 09:00:00', '2024-06-03 09:30:00', '了解新品铺货情况', '已签');
  visit.run(mgr.id, ids[1], '2024-06-04 10:00:00', '2024-06-04 10:30:00', '宣传政策', '拒签');
  visit.run(mgr.id, ids[0], '2024-05-31 10:00:00', '2024-05-31 10:30:00', '上月的走访', '已签');
});
const DAYS = ['2024-06-10', '2024-06-11', '2024-06-13'];
afterAll(async () => {
  t.close();
  await renderer.close?.();
});

describe('客户档案卡', () => {
  it('3 selected customers → 3 pages, one card each, in the order chosen; ID masked; long text wraps in full', async () => {
    const { facts, pages, sheets } = await pdfOf(mgr.token, 'print.archiveCards', { customers: [ids[2], 'a0001', ids[1]] });
    expect(pages).toBe(3);
    expect(sheets).toEqual([]);
    expect(facts.pages).toBe(3);
    expectFrame(facts, '客户档案卡');
    expect(facts.pageTexts.map((p) => /解放路(\d)号烟酒店/.exec(p)?.[1])).toEqual(['3', '1', '2']);
    facts.pageTexts.forEach((p) => expect(p.replace(/\s+/g, '')).toContain('客户档案卡'));
    expect(facts.pageTexts[1]).toContain('110101********1231');
    expect(facts.pageTexts.join('')).not.toContain('110101199003071231');
    expect(facts.pageTexts[1]).toContain('13900000001');
    // Every character of the long background is on the page (wrapped, not cut off).
    // (pdftotext puts the label of the cell amid the wrapped lines, so it is taken out.)
    expect(facts.pageTexts[1].replace(/\s+/g, '').replace('经营背景', '')).toContain(LONG);
  });

  it("a 客户经理 cannot print another manager's customer; an unknown code is named", async () => {
    expect(expectErr(await call(t.core, mgr.token, 'print.archiveCards', { customers: [ids[0], otherCustomer] }), 'NOT_FOUND').message).toContain(`客户不存在（ID ${otherCustomer}）`);
    expect(expectErr(await call(t.core, mgr.token, 'print.archiveCards', { customers: [ids[0], 'NOPE'] }), 'NOT_FOUND').message).toContain('第 2 个客户');
  });
});

describe('客户档案卡 of a deleted customer', () => {
  it('prints for the admin, marked as deleted; a manager cannot reach it', async () => {
    const gone = insertCustomer(t.db, { code: 'D0001', name: '已关店烟酒店', managerId: mgr.id, deletedAt: '2024-06-01 10:00:00' });
    const { all } = await pdfOf(admin, 'print.archiveCards', { customers: [gone] });
    expect(all).toContain('已关店烟酒店');
    expect(all).toMatch(/状态\s+潜在（已删除）/);
    expect(expectErr(await call(t.core, mgr.token, 'print.archiveCards', { customers: [gone] }), 'NOT_FOUND').message).toContain('已删除');
  });
});

describe('客户访问日程表', () => {
  it("a manager's week: every planned customer with its day, A4 portrait", async () => {
    const { facts, all } = await pdfOf(mgr.token, 'print.weekPlan', { week: WEEK });
    expect(facts.pages).toBe(1);
    expectFrame(facts, '客户访问日程表');
    expect(all).toContain('计划周：2024-06-10 至 2024-06-16');
    expect(all).toMatch(/2024-06-13\s+(周四|星期四)/);
    expect(all).toContain('城关镇解放路1号');
    expect(all).toContain('共 3 户次，3 个走访日');
  });

  it('the admin names the manager; a manager may not print a colleague’s plan', async () => {
    const { all } = await pdfOf(admin, 'print.weekPlan', { week: WEEK, manager: 'zhang' });
    expect(all).toContain('客户经理：zhang');
    expect(expectErr(await call(t.core, other.token, 'print.weekPlan', { week: WEEK, manager: 'zhang' }), 'FORBIDDEN').message).toContain('只能打印自己的访问日程表');
    expect(expectErr(await call(t.core, other.token, 'print.weekPlan', { week: WEEK }), 'BAD_INPUT').message).toContain('没有走访计划');
  });

  it('60 entries run over pages with the table header on each and no row lost', async () => {
    const many = Array.from({ length: 60 }, (_, i) => insertCustomer(t.db, { code: `M${String(i + 1).padStart(3, '0')}`, name: `多页客户${i + 1}`, managerId: other.id }));
    many.forEach((id, i) =>
      t.db
        .prepare("INSERT INTO plan_entries (week_monday, date, customer_id, manager_id, created_at, updated_at) VALUES (?, ?, ?, ?, 't', 't')")
        .run(WEEK, DAYS[i % 3], id, other.id),
    );
    const { facts } = await pdfOf(other.token, 'print.weekPlan', { week: WEEK });
    expect(facts.pages).toBeGreaterThan(1);
    expectFrame(facts, '客户访问日程表');
    facts.pageTexts.forEach((p) => expect(p).toMatch(/序号\s+日期\s+客户名称（编码）/));
    const seen = facts.pageTexts.flatMap((p) => [...p.matchAll(/多页客户(\d+)（/g)].map((m) => Number(m[1])));
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });
});

describe('商品及服务质量信息反馈单', () => {
  it('from a complaint: its texts, the 客户确认 signature box, the phone masked', async () => {
    const k = expectOk(await call(t.core, mgr.token, 'complaints.create', { customerId: ids[0], openedAt: '2024-06-05T10:00', category: '商品质量', content: LONG }));
    const { facts, all } = await pdfOf(mgr.token, 'print.complaint', { id: k.id });
    expectFrame(facts, '商品及服务质量信息反馈单');
    expect(all).toContain(`FK-${String(k.id).padStart(6, '0')}`);
    expect(all).toContain('解放路1号烟酒店（A0001）');
    expect(all).toContain('2024-06-05 10:00');
    expect(all.replace(/\s+/g, '').replace('反馈内容', '')).toContain(LONG);
    expect(all).toContain('客户确认');
    expect(all).toMatch(/客户签字（盖章）/);
    expect(all).toContain('139****0001');
    expect(all).not.toContain('13900000001');
    expect(expectErr(await call(t.core, other.token, 'print.complaint', { id: k.id }), 'NOT_FOUND').message).toContain(`投诉反馈不存在（ID ${k.id}）`);
  });
});

describe('宣传促销品签收单', () => {
  it('from a receipt: the items, quantities, signature lines; phone masked; scope', async () => {
    const r = expectOk(
      await call(t.core, mgr.token, 'receipts.create', {
        customerId: ids[1],
        date: '2024-06-06',
        items: [
          { name: '品牌雨伞', quantity: 2, unit: '把' },
          { name: '宣传海报', quantity: 10, unit: '张' },
        ],
        note: '端午促销',
      }),
    );
    const { facts, all } = await pdfOf(mgr.token, 'print.receipt', { id: r.id });
    expect(facts.pages).toBe(1);
    expectFrame(facts, '宣传促销品签收单');
    expect(all).toMatch(/1\s+品牌雨伞\s+2\s+把/);
    expect(all).toMatch(/2\s+宣传海报\s+10\s+张/);
    expect(all).toContain('共 2 种，12 件');
    expect(all).toContain('端午促销');
    expect(all).toContain('客户签字（盖章）');
    expect(all).toContain('139****0002');
    expect(all).not.toContain('13900000002');
    expect(expectErr(await call(t.core, other.token, 'print.receipt', { id: r.id }), 'NOT_FOUND').message).toContain(`签收单不存在（ID ${r.id}）`);
  });
});

describe('客户月度销售情况分析报告', () => {
  it('the layout with what exists: manager, month, customer count, the month’s visits, empty analysis boxes', async () => {
    const { facts, all } = await pdfOf(mgr.token, 'print.monthlyReport', { month: '2024-06' });
    expectFrame(facts, '客户月度销售情况分析报告');
    expect(all).toContain('2024 年 6 月');
    expect(all).toMatch(/负责客户数\s+3 户/);
    expect(all).toMatch(/本月走访\s+2 次/);
    expect(all).toMatch(/走访客户数\s+2 户/);
    expect(all).toContain('了解新品铺货情况');
    expect(all).not.toContain('上月的走访');
    for (const box of ['问题及原因', '对策措施', '客户意见', '次月预测']) expect(all).toContain(box);
    expect(expectErr(await call(t.core, mgr.token, 'print.monthlyReport', { month: '2024-06', manager: 'li' }), 'FORBIDDEN').message).toContain('只能打印自己的');
  });
});

describe('preview', () => {
  it('output html answers the document and makes no PDF', async () => {
    const r = expectOk(await call(t.core, mgr.token, 'print.archiveCards', { customers: [ids[0]], output: 'html' }));
    expect(r.fileId).toBeNull();
    expect(r.html).toContain('客户档案卡');
    expect(r.html).toContain('解放路1号烟酒店');
  });
});
