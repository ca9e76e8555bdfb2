import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createAndLogin, expectErr, expectOk, insertCustomer, login, makeClock, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';
import { RecordingPdfRenderer } from '../../helpers/pdf';

// Printed Friday 2024-06-07 for the week of Mon 2024-06-10; the signed paper comes back the Friday after.
const FRIDAY = new Date(2024, 5, 7, 16, 30);
const BACK = new Date(2024, 5, 14, 18, 0);
const WEEK = '2024-06-10';

let t: TestCore;
let pdf: RecordingPdfRenderer;
let admin: string;
let mgr: { id: number; token: string };
let other: { id: number; token: string };
let sup: { id: number; token: string };
let customers: number[];
let entries: number[];

beforeEach(async () => {
  pdf = new RecordingPdfRenderer();
  t = openTestCore(makeClock(FRIDAY), undefined, { pdf });
  admin = await setupAndLogin(t.core, 'tobacco');
  mgr = await createAndLogin(t.core, admin, 'zhang', 'manager');
  other = await createAndLogin(t.core, admin, 'li', 'manager');
  sup = await createAndLogin(t.core, admin, 'boss', 'supervisor');
  customers = [1, 2, 3].map((i) => insertCustomer(t.db, { code: `Y00${i}`, name: `烟酒店${i}号`, managerId: mgr.id }));
  insertCustomer(t.db, { code: 'L001', name: '李的客户', managerId: other.id });
  entries = customers.map(
    (c, i) =>
      Number(
        t.db
          .prepare("INSERT INTO plan_entries (week_monday, date, customer_id, manager_id, created_at, updated_at) VALUES (?, ?, ?, ?, 't', 't')")
          .run(WEEK, `2024-06-1${i}`, c, mgr.id).lastInsertRowid,
      ),
  );
});
afterEach(() => t.close());

async function printWeek(): Promise<string> {
  return expectOk(await call(t.core, mgr.token, 'print.signIn', { week: WEEK })).sheets[0].sheetNo;
}

/** Moves the clock and logs everyone in again (a jump of days locks idle sessions). */
async function at(d: Date): Promise<void> {
  t.clock.set(d);
  mgr.token = await login(t.core, 'zhang', 'Staff#2024pw');
  other.token = await login(t.core, 'li', 'Staff#2024pw');
  sup.token = await login(t.core, 'boss', 'Staff#2024pw');
}

const visitCount = () => (t.db.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n;

describe('sheet numbers', () => {
  it('count up per print day and start again the next day; the number is in the document the renderer got', async () => {
    expect(await printWeek()).toBe('QD-20240607-0001');
    expect(expectOk(await call(t.core, mgr.token, 'print.signIn', { blankPages: 1 })).sheets[0].sheetNo).toBe('QD-20240607-0002');
    await at(new Date(2024, 5, 8, 9, 0));
    expect(expectOk(await call(t.core, mgr.token, 'print.signIn', { blankPages: 1 })).sheets[0].sheetNo).toBe('QD-20240608-0001');
    expect(pdf.documents[0]).toContain('QD-20240607-0001');
    expect(pdf.documents[0]).toContain('<svg');
  });

  it('a failed render gives the number back and records nothing; without a renderer the message says what to do', async () => {
    pdf.fail = true;
    expect(expectErr(await call(t.core, mgr.token, 'print.signIn', { week: WEEK }), 'CONFLICT').message).toContain('生成 PDF 失败');
    expect(t.db.prepare('SELECT count(*) AS n FROM sign_sheets').get()).toEqual({ n: 0 });
    pdf.fail = false;
    expect(await printWeek()).toBe('QD-20240607-0001');

    const bare = openTestCore(makeClock(FRIDAY));
    try {
      const a = await setupAndLogin(bare.core, 'tobacco');
      const m = await createAndLogin(bare.core, a, 'zhang', 'manager');
      const e = expectErr(await call(bare.core, m.token, 'print.signIn', { blankPages: 1 }), 'CONFLICT');
      expect(e.message).toContain('BRANCHDESK_CHROMIUM');
      expect(e.message).toContain('Microsoft Edge');
      expect(bare.db.prepare('SELECT count(*) AS n FROM sign_sheets').get()).toEqual({ n: 0 });
    } finally {
      bare.close();
    }
  });
});

describe('回收登记 (sheets.return)', () => {
  it('turns the rows into visits linked to their plan entries, carrying the sheet number and signature status', async () => {
    const no = await printWeek();
    await at(BACK);
    const r = expectOk(
      await call(t.core, mgr.token, 'sheets.return', {
        sheetNo: no.toLowerCase(),
        rows: [
          { row: 1, signIn: '09:30', signOut: '10:10', signature: '已签', content: '检查陈列' },
          { row: 2, signIn: '0900', signOut: '0940', signature: '拒签' },
          { row: 3, customer: 'Y003', signIn: '14:00', signOut: '14:30', signature: '无法签字', reason: '店主外出' },
        ],
      }),
    );
    expect(r).toMatchObject({ sheetNo: no, saved: 3 });
    const list = expectOk(await call(t.core, mgr.token, 'visits.list', { sort: 'signIn', dir: 'asc' }));
    expect(list.rows.map((v) => [v.customer, v.signIn, v.signOut, v.signature, v.signatureNote, v.sheetNo, v.planEntryId, v.content])).toEqual([
      ['Y001', '2024-06-10T09:30', '2024-06-10T10:10', '已签', '', no, entries[0], '检查陈列'],
      ['Y002', '2024-06-11T09:00', '2024-06-11T09:40', '拒签', '', no, entries[1], ''],
      ['Y003', '2024-06-12T14:00', '2024-06-12T14:30', '无法签字', '店主外出', no, entries[2], ''],
    ]);
    expect(t.db.prepare('SELECT status FROM plan_entries ORDER BY id').all()).toEqual([{ status: '已完成' }, { status: '已完成' }, { status: '已完成' }]);
    const s = expectOk(await call(t.core, mgr.token, 'sheets.show', { sheetNo: no }));
    expect(s.returnedAt).toBe('2024-06-14 18:00:00');
    expect(s.visits).toBe(3);
    expect(s.rowsDetail.map((x) => x.visitId)).toEqual(list.rows.map((v) => v.id));
  });

  it('stores no row when any row is bad, and names each bad row by its number with the reason', async () => {
    const no = await printWeek();
    await at(BACK);
    const e = expectErr(
      await call(t.core, mgr.token, 'sheets.return', {
        sheetNo: no,
        rows: [
          { row: 1, signIn: '09:30', signOut: '10:10', signature: '已签' },
          { row: 2, signIn: '09:00', signOut: '08:40', signature: '已签' },
          { row: 3, signIn: '09:00', signOut: '09:30', signature: '无法签字' },
          { row: 4, signIn: '09:00', signature: '已签' },
          { row: 1, signIn: '11:00', signature: '已签' },
        ] as never,
      }),
      'BAD_INPUT',
    );
    expect(e.message).toContain('所有行都未保存');
    expect(e.fields?.map((f) => f.field)).toEqual(['rows.1', 'rows.2', 'rows.3', 'rows.4']);
    const msg = e.fields!.map((f) => f.message).join('\n');
    expect(msg).toContain('第 1 行：这一行填了两次');
    expect(msg).toMatch(/第 2 行：签退时间/);
    expect(msg).toContain('第 3 行：签字说明：客户无法签字时请写明原因');
    expect(msg).toContain('第 4 行：签到簿上没有第 4 行（共 3 行）');
    const wrong = expectErr(
      await call(t.core, mgr.token, 'sheets.return', { sheetNo: no, rows: [{ row: 3, customer: 'Y001', signIn: '09:00', signOut: '09:30', signature: '已签' }] }),
      'BAD_INPUT',
    );
    expect(wrong.message).toContain('第 3 行：客户：与签到簿上印的客户（烟酒店3号，Y003）不一致');
    expect(visitCount()).toBe(0);
    expect(expectOk(await call(t.core, mgr.token, 'sheets.show', { sheetNo: no })).returnedAt).toBeNull();
  });

  it('applies the visit rules: no future times, no overlap between rows or with stored visits, a row registered once', async () => {
    const no = await printWeek();
    await at(new Date(2024, 5, 11, 12, 0)); // Tuesday noon: Wednesday's row is still ahead.
    let e = expectErr(await call(t.core, mgr.token, 'sheets.return', { sheetNo: no, rows: [{ row: 3, signIn: '09:00', signOut: '09:30', signature: '已签' }] }), 'BAD_INPUT');
    expect(e.message).toMatch(/第 3 行：签到时间：2024-06-12 09:00 晚于当前时间/);

    await at(BACK);
    expectOk(await call(t.core, mgr.token, 'visits.create', { customer: 'Y001', planned: false, signIn: '2024-06-11T09:10', signOut: '2024-06-11T09:20' }));
    e = expectErr(await call(t.core, mgr.token, 'sheets.return', { sheetNo: no, rows: [{ row: 2, signIn: '09:00', signOut: '09:40', signature: '已签' }] }), 'BAD_INPUT');
    expect(e.message).toMatch(/第 2 行：.*重叠|第 2 行：.*已有/);

    const blank = expectOk(await call(t.core, mgr.token, 'print.signIn', { blankPages: 1 })).sheets[0].sheetNo;
    e = expectErr(
      await call(t.core, mgr.token, 'sheets.return', {
        sheetNo: blank,
        rows: [
          { row: 1, customer: 'Y001', signIn: '2024-06-13 09:00', signOut: '2024-06-13 10:00', signature: '已签' },
          { row: 2, customer: 'Y002', signIn: '2024-06-13 09:30', signOut: '2024-06-13 10:30', signature: '已签' },
          { row: 3, signIn: '2024-06-13 11:00', signature: '已签' },
        ],
      }),
      'BAD_INPUT',
    );
    expect(e.fields?.map((f) => f.message)).toEqual(['第 2 行：签到时间：与第 1 行的走访时间重叠', '第 3 行：客户：空白行请填写客户编码']);

    expectOk(await call(t.core, mgr.token, 'sheets.return', { sheetNo: no, rows: [{ row: 1, signIn: '09:30', signOut: '10:00', signature: '已签' }] }));
    e = expectErr(await call(t.core, mgr.token, 'sheets.return', { sheetNo: no, rows: [{ row: 1, signIn: '11:30', signOut: '12:00', signature: '已签' }] }), 'BAD_INPUT');
    expect(e.message).toMatch(/第 1 行：这一行已登记过/);
  });

  it('scope: a blank row cannot take another manager’s customer; another manager cannot see or register the sheet', async () => {
    const blank = expectOk(await call(t.core, mgr.token, 'print.signIn', { blankPages: 1 })).sheets[0].sheetNo;
    await at(BACK);
    const e = expectErr(
      await call(t.core, mgr.token, 'sheets.return', { sheetNo: blank, rows: [{ row: 1, customer: 'L001', signIn: '2024-06-13 09:00', signOut: '2024-06-13 09:30', signature: '已签' }] }),
      'BAD_INPUT',
    );
    // Another manager's customer answers like a code that does not exist (issue 15: nothing about it leaks).
    expect(e.message).toContain('找不到客户编码「L001」');
    expect(expectErr(await call(t.core, other.token, 'sheets.show', { sheetNo: blank }), 'FORBIDDEN').message).toContain('属于其他客户经理');
    expect(expectErr(await call(t.core, other.token, 'sheets.return', { sheetNo: blank, rows: [{ row: 1, signIn: '09:00', signature: '已签' }] }), 'FORBIDDEN'));
    expect(expectErr(await call(t.core, mgr.token, 'sheets.show', { sheetNo: 'QD-20990101-0001' }), 'NOT_FOUND').message).toContain('找不到签到簿编号');
    // A supervisor registers any manager's sheet; the visits stay the manager's.
    expectOk(
      await call(t.core, sup.token, 'sheets.return', { sheetNo: blank, rows: [{ row: 1, customer: 'Y002', signIn: '2024-06-13 09:00', signOut: '2024-06-13 09:30', signature: '已签' }] }),
    );
    expect(t.db.prepare('SELECT manager_id FROM visits').all()).toEqual([{ manager_id: mgr.id }]);
  });

  it('lists sheets not returned after the admin’s number of days as outstanding, for the manager and the supervisor', async () => {
    const a = await printWeek();
    await at(new Date(2024, 5, 10, 9, 0));
    const b = expectOk(await call(t.core, mgr.token, 'print.signIn', { blankPages: 1 })).sheets[0].sheetNo;
    await at(new Date(2024, 5, 15, 9, 0)); // 7.7 days after a, 5 after b
    let l = expectOk(await call(t.core, mgr.token, 'sheets.list', { outstanding: true }));
    expect(l.outstandingDays).toBe(7);
    expect(l.rows.map((s) => s.sheetNo)).toEqual([a]);
    expect(expectOk(await call(t.core, sup.token, 'sheets.list', { outstanding: true })).rows.map((s) => s.sheetNo)).toEqual([a]);
    expect(expectOk(await call(t.core, other.token, 'sheets.list', { outstanding: true })).rows).toEqual([]);
    t.db.prepare("INSERT INTO settings (key, value) VALUES ('outstandingSheetDays', '3')").run();
    l = expectOk(await call(t.core, mgr.token, 'sheets.list', { outstanding: true }));
    expect(l.rows.map((s) => s.sheetNo)).toEqual([b, a]);
    const all = expectOk(await call(t.core, mgr.token, 'sheets.list', {}));
    expect(all.rows.map((s) => [s.sheetNo, s.outstanding])).toEqual([
      [b, true],
      [a, true],
    ]);
  });
});
