import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeXlsx } from '../../../fixtures/excel';
import { call, createAndLogin, expectOk, setupAndLogin, type TestCore } from '../../helpers/core';
import { importFile, openInlineCore, undoBatch } from '../../helpers/excel';

vi.setConfig({ testTimeout: 60_000 });

let t: TestCore;
let admin: string;
let manager: { id: number; token: string };
const file = (name: string) => path.join(t.dir, name);

beforeEach(async () => {
  t = openInlineCore();
  admin = await setupAndLogin(t.core, 'tobacco');
  manager = await createAndLogin(t.core, admin, 'zhangsan', 'manager');
  expectOk(await call(t.core, admin, 'customers.create', { data: { code: 'V1', name: '一号店', kind: '个人', mobile: '13800000001', manager: 'zhangsan' } }));
  expectOk(await call(t.core, admin, 'customers.create', { data: { code: 'V2', name: '二号店', kind: '个人', mobile: '13800000002' } }));
});
afterEach(() => t.close());

const visits = () => t.db.prepare('SELECT c.code, v.sign_in, v.sign_out, v.content, v.deleted_at IS NOT NULL AS gone FROM visits v JOIN customers c ON c.id = v.customer_id ORDER BY v.sign_in').all();

describe('visit import', () => {
  it('reads dates and times in every form, applies the visit rules, and update/undo round-trips', async () => {
    await writeXlsx(file('走访.xlsx'), [
      ['客户编码', '拜访日期', '到达时间', '离开时间', '走访人', '走访内容', '工作内容清单', '下次跟进日期', '跟进内容'],
      ['V1', new Date(Date.UTC(2026, 10, 2)), '09:30', '10:05', 'zhangsan姓名', '传递公司信息', '传递公司信息、协助陈列', '2026/11/09', '回访订货'],
      ['V1', '2026年11月3日', 0.5, 0.55, '', '第二次', '', null, null],
      ['V2', '20261104', '14:00', '13:00', '', '签退早于签到', '', null, null],
      ['V2', '2026-11-04', '15:00', '15:30', '', '二号店无客户经理', '', null, null],
      ['V1', '2026-11-05', '09:00', '09:20', '', '清单不对', '打扫卫生', null, null],
    ]);
    const first = await importFile(t.core, admin, file('走访.xlsx'), 'visits');
    expect(first.inspection.columns.map((c) => c.field)).toEqual(['customer', 'date', 'signIn', 'signOut', 'manager', 'content', 'checklist', 'nextDue', 'nextContent']);
    expect(first.report).toMatchObject({ inserted: 2, invalid: 3 });
    expect(first.report.errors.map((e) => [e.row, e.column])).toEqual([
      [4, '走访人'],
      [4, '离开时间'],
      [5, '走访人'],
      [6, '工作内容清单'],
    ]);
    expect(first.report.errors[1].message).toBe('签退时间：须晚于签到时间（签到 14:00，签退 13:00）');
    expect(visits()).toEqual([
      { code: 'V1', sign_in: '2026-11-02 09:30', sign_out: '2026-11-02 10:05', content: '传递公司信息', gone: 0 },
      { code: 'V1', sign_in: '2026-11-03 12:00', sign_out: '2026-11-03 13:12', content: '第二次', gone: 0 },
    ]);

    // The same visits with new content: update finds them by customer + sign-in.
    await writeXlsx(file('改.xlsx'), [
      ['客户编码', '签到时间', '签退时间', '工作内容'],
      ['V1', '2026-11-02 09:30', '2026-11-02 10:15', '补录：核对库存'],
    ]);
    const upd = await importFile(t.core, manager.token, file('改.xlsx'), 'visits', { mode: 'update' });
    expect(upd.report).toMatchObject({ updated: 1, inserted: 0, invalid: 0 });
    expect(visits()[0]).toMatchObject({ sign_out: '2026-11-02 10:15', content: '补录：核对库存' });
    const undoUpd = await undoBatch(t.core, admin, upd.report.batchId!);
    expect(undoUpd.restored).toBe(1);
    expect(visits()[0]).toMatchObject({ sign_out: '2026-11-02 10:05', content: '传递公司信息' });

    // Undo of the first batch: its visits leave (soft delete, as the visits module deletes), their follow-up is withdrawn.
    const undo = await undoBatch(t.core, admin, first.report.batchId!);
    expect(undo.softDeleted).toBe(2);
    expect(visits().map((v) => (v as { gone: number }).gone)).toEqual([1, 1]);
    expect(t.db.prepare("SELECT count(*) AS n FROM followups WHERE source_type = 'visit' AND deleted_at IS NULL").get()).toEqual({ n: 0 });
    expect(t.db.prepare("SELECT last_visit_at FROM customers WHERE code = 'V1'").get()).toEqual({ last_visit_at: null });
  });
});
