import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_NAME, ADMIN_PASSWORD, call, createAndLogin, expectErr, expectOk, insertCustomer, login, makeClock, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';
import { RecordingPdfRenderer } from '../../helpers/pdf';

// Printed Friday 2024-06-07 for the week of Mon 2024-06-10; back the Friday after.
const FRIDAY = new Date(2024, 5, 7, 16, 30);
const BACK = new Date(2024, 5, 14, 18, 0);
const WEEK = '2024-06-10';
/** The smallest PNG there is: 1×1, enough for the file sniffer. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

let t: TestCore;
let admin: string;
let mgr: { id: number; token: string };
let other: { id: number; token: string };
let sheetNo: string;

beforeEach(async () => {
  t = openTestCore(makeClock(FRIDAY), undefined, { pdf: new RecordingPdfRenderer() });
  admin = await setupAndLogin(t.core, 'tobacco');
  mgr = await createAndLogin(t.core, admin, 'zhang', 'manager');
  other = await createAndLogin(t.core, admin, 'li', 'manager');
  [1, 2].forEach((i) => {
    const c = insertCustomer(t.db, { code: `Y00${i}`, name: `烟酒店${i}号`, managerId: mgr.id });
    t.db
      .prepare("INSERT INTO plan_entries (week_monday, date, customer_id, manager_id, created_at, updated_at) VALUES (?, ?, ?, ?, 't', 't')")
      .run(WEEK, `2024-06-1${i}`, c, mgr.id);
  });
  sheetNo = expectOk(await call(t.core, mgr.token, 'print.signIn', { week: WEEK })).sheets[0].sheetNo;
  t.clock.set(BACK);
  mgr.token = await login(t.core, 'zhang', 'Staff#2024pw');
  other.token = await login(t.core, 'li', 'Staff#2024pw');
  admin = await login(t.core, ADMIN_NAME, ADMIN_PASSWORD);
});
afterEach(() => t.close());

const scan = (no = sheetNo, data = PNG) => ({ sheetNo: no, name: '签到簿扫描.png', dataBase64: data });

describe('a scan of the returned paper', () => {
  it('is refused before the sheet is registered, with what to do first', async () => {
    expect(expectErr(await call(t.core, mgr.token, 'sheets.attachScan', scan()), 'BAD_INPUT').message).toContain('请先保存回收登记');
  });

  it('goes on every visit the rows became, stored once; sheets.show lists it once; a re-send adds nothing', async () => {
    const r = expectOk(
      await call(t.core, mgr.token, 'sheets.return', {
        sheetNo,
        rows: [
          { row: 1, signIn: '09:00', signOut: '09:30', signature: '已签' },
          { row: 2, signIn: '10:00', signOut: '10:20', signature: '拒签', reason: '店主不在' },
        ],
      }),
    );
    const a = expectOk(await call(t.core, mgr.token, 'sheets.attachScan', scan(sheetNo.toLowerCase())));
    expect(a).toMatchObject({ sheetNo, visits: 2, scan: { name: '签到簿扫描.png', mime: 'image/png' } });
    for (const visitId of r.visitIds) {
      const v = expectOk(await call(t.core, mgr.token, 'visits.get', { id: visitId }));
      expect(v.attachments.map((x) => x.name)).toEqual(['签到簿扫描.png']);
    }
    expectOk(await call(t.core, mgr.token, 'sheets.attachScan', scan()));
    expect(t.db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 2 });
    const shown = expectOk(await call(t.core, mgr.token, 'sheets.show', { sheetNo }));
    expect(shown.scans.map((s) => s.name)).toEqual(['签到簿扫描.png']);
    // Each row shows what it was registered as.
    expect(shown.rowsDetail.map((r) => r.visit)).toEqual([
      { signIn: '2024-06-11 09:00', signOut: '2024-06-11 09:30', signature: '已签', signatureNote: '' },
      { signIn: '2024-06-12 10:00', signOut: '2024-06-12 10:20', signature: '拒签', signatureNote: '店主不在' },
    ]);
  });

  it('is checked like any attachment, and only by who may change the visits', async () => {
    expectOk(await call(t.core, mgr.token, 'sheets.return', { sheetNo, rows: [{ row: 1, signIn: '09:00', signOut: '09:30', signature: '已签' }] }));
    expect(expectErr(await call(t.core, mgr.token, 'sheets.attachScan', scan(sheetNo, Buffer.from('hello').toString('base64'))), 'BAD_INPUT').message).toContain('不是图片');
    expect(expectErr(await call(t.core, other.token, 'sheets.attachScan', scan()), 'FORBIDDEN').message).toContain('其他客户经理');
    expect(t.db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 0 });
  });
});

describe('the days after which a sheet is outstanding', () => {
  it('is set by the admin only, within 1–90 days (the bounds of the 系统设置 field), and drives the list', async () => {
    expect(expectOk(await call(t.core, mgr.token, 'sheets.list', { outstanding: true })).rows.map((s) => s.sheetNo)).toEqual([sheetNo]);
    expect(expectErr(await call(t.core, mgr.token, 'sheets.setOutstandingDays', { days: 10 }), 'FORBIDDEN')).toBeTruthy();
    expect(expectErr(await call(t.core, admin, 'sheets.setOutstandingDays', { days: 0 }), 'BAD_INPUT').message).toContain('至少为 1 天');
    expect(expectErr(await call(t.core, admin, 'sheets.setOutstandingDays', { days: 91 }), 'BAD_INPUT').message).toContain('不能超过 90 天');
    expect(expectOk(await call(t.core, admin, 'sheets.setOutstandingDays', { days: 10 }))).toEqual({ outstandingDays: 10 });
    // One setting: 系统设置 shows what the 回收登记 page set.
    expect(expectOk(await call(t.core, admin, 'settings.get', {})).outstandingSheetDays).toBe(10);
    const l = expectOk(await call(t.core, mgr.token, 'sheets.list', { outstanding: true }));
    expect(l.outstandingDays).toBe(10);
    expect(l.rows).toEqual([]);
    const audit = t.db.prepare("SELECT detail FROM audit_log WHERE action = 'settings_update'").all() as { detail: string }[];
    expect(audit.map((a) => JSON.parse(a.detail))).toEqual([{ outstandingSheetDays: '7 → 10' }]);
  });
});
