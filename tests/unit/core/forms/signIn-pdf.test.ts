import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPdfRenderer } from '../../../../electron/core/pdf/chromium';
import type { PdfRenderer } from '../../../../electron/core/pdf/renderer';
import { call, createAndLogin, expectErr, expectOk, insertCustomer, makeClock, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';
import { downloadPdf, pdfFacts } from '../../helpers/pdf';

// Friday 2024-06-07, printing the book for next week (Mon 2024-06-10).
const FRIDAY = new Date(2024, 5, 7, 16, 30);
const WEEK = '2024-06-10';
const DAYS = ['2024-06-10', '2024-06-11', '2024-06-12', '2024-06-13', '2024-06-14'];

let renderer: PdfRenderer;
let t: TestCore;
let mgr: { id: number; token: string };
let other: { id: number; token: string };
let admin: string;

beforeAll(async () => {
  const r = systemPdfRenderer();
  if (!r) throw new Error('these tests need Chromium (/usr/bin/chromium or BRANCHDESK_CHROMIUM)');
  renderer = r;
  t = openTestCore(makeClock(FRIDAY), undefined, { pdf: renderer });
  admin = await setupAndLogin(t.core, 'tobacco');
  mgr = await createAndLogin(t.core, admin, 'zhang', 'manager');
  other = await createAndLogin(t.core, admin, 'li', 'manager');
  // 60 planned customers, 12 a day; a phone and an address on each.
  for (let i = 1; i <= 60; i++) {
    const id = insertCustomer(t.db, { code: `Y${String(i).padStart(4, '0')}`, name: `烟酒店${i}号`, tier: 'A', managerId: mgr.id });
    t.db.prepare('UPDATE customers SET mobile = ?, address = ? WHERE id = ?').run(`1390000${String(i).padStart(4, '0')}`, `城关镇解放路${i}号`, id);
    t.db
      .prepare("INSERT INTO plan_entries (week_monday, date, customer_id, manager_id, created_at, updated_at) VALUES (?, ?, ?, ?, 't', 't')")
      .run(WEEK, DAYS[(i - 1) % 5], id, mgr.id);
  }
});
afterAll(async () => {
  t.close();
  await renderer.close?.();
});

describe('营销人员市场走访签到记录簿 as a PDF from Chromium', () => {
  it('60 plan rows → 6 landscape A4 pages of 10 rows, header, branch, sheet number and 第 N 页 共 6 页 on each', async () => {
    const r = expectOk(await call(t.core, mgr.token, 'print.signIn', { week: WEEK }));
    expect(r.sheets).toHaveLength(1);
    const { sheetNo, rows } = r.sheets[0];
    expect(sheetNo).toBe('QD-20240607-0001');
    expect(rows).toBe(60);
    expect(r.pages).toBe(6);

    const pdf = await downloadPdf(t.core, mgr.token, r.fileId!);
    const facts = pdfFacts(pdf);
    expect(facts.pages).toBe(6);
    expect([facts.width, facts.height]).toEqual([842, 595]);
    const seen: number[] = [];
    facts.pageTexts.forEach((text, i) => {
      expect(text).toContain('营销人员市场走访签到记录簿');
      expect(text).toMatch(/客户签字/);
      expect(text).toMatch(/客户经理签字/);
      expect(text).toContain(sheetNo);
      expect(text).toContain('城关烟草营销部');
      expect(text).toContain('打印时间：2024-06-07 16:30');
      expect(text).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*共\\s*6\\s*页`));
      for (const m of text.matchAll(/^\s*(\d{1,2})\s+2024-06-1\d/gm)) seen.push(Number(m[1]));
    });
    // Every row once, in order, none split or lost between pages.
    expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const all = facts.pageTexts.join('\n');
    expect(all).toContain('烟酒店60号（Y0060）');
    expect(all).toContain('城关镇解放路60号');
    // The book goes from customer to customer: phones masked, never in full.
    expect(all).toContain('139****0060');
    expect(all).not.toContain('13900000060');
  });

  it('records the sheet: who printed it, when, for whom, the week and the plan entry of each row', async () => {
    const s = expectOk(await call(t.core, mgr.token, 'sheets.show', { sheetNo: 'qd-20240607-0001' }));
    expect(s).toMatchObject({ sheetNo: 'QD-20240607-0001', printedAt: '2024-06-07 16:30:00', manager: 'zhang', week: WEEK, blank: false, rows: 60, returnedAt: null });
    const entries = t.db.prepare('SELECT id, customer_id, date FROM plan_entries ORDER BY date, id').all() as { id: number; customer_id: number; date: string }[];
    expect(s.rowsDetail.map((r) => [r.row, r.planEntryId, r.customerId, r.date])).toEqual(entries.map((e, i) => [i + 1, e.id, e.customer_id, e.date]));
  });

  it('blank pages: n pages of 10 empty numbered rows under a new number', async () => {
    const r = expectOk(await call(t.core, mgr.token, 'print.signIn', { blankPages: 2 }));
    expect(r.sheets).toEqual([{ sheetNo: 'QD-20240607-0002', rows: 20 }]);
    const facts = pdfFacts(await downloadPdf(t.core, mgr.token, r.fileId!));
    expect(facts.pages).toBe(2);
    facts.pageTexts.forEach((text) => {
      expect(text).toContain('QD-20240607-0002');
      expect(text).toContain('空白签到页');
    });
  });

  it('a 客户经理 prints only their own book; a week without open plan entries is refused with the reason', async () => {
    expect(expectErr(await call(t.core, mgr.token, 'print.signIn', { week: WEEK, manager: 'li' }), 'FORBIDDEN').message).toContain('只能打印自己的签到簿');
    expect(expectErr(await call(t.core, other.token, 'print.signIn', { week: WEEK }), 'BAD_INPUT').message).toContain('没有待走访的计划');
    expect(expectErr(await call(t.core, admin, 'print.signIn', { week: WEEK }), 'BAD_INPUT').message).toContain('请选择签到簿是哪位客户经理的');
  });

  it('the preview is the same document without a number, and records nothing', async () => {
    const before = t.db.prepare('SELECT count(*) AS n FROM sign_sheets').get();
    const r = expectOk(await call(t.core, mgr.token, 'print.signIn', { week: WEEK, output: 'html' }));
    expect(r.html).toContain('营销人员市场走访签到记录簿');
    expect(r.html).toContain('打印时生成');
    expect(r.fileId).toBeNull();
    expect(t.db.prepare('SELECT count(*) AS n FROM sign_sheets').get()).toEqual(before);
  });
});
