import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createAndLogin, expectErr, expectOk, insertCustomer, login, makeClock, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';

const PASSWORD = 'Staff#2024pw';

let t: TestCore;
let admin: string;
let mgr: { id: number; token: string };
let other: { id: number; token: string };
let sup: { id: number; token: string };
let c1: number;
let c3: number;

beforeEach(async () => {
  t = openTestCore(makeClock(new Date(2024, 5, 5, 18, 0)));
  admin = await setupAndLogin(t.core, 'tobacco');
  mgr = await createAndLogin(t.core, admin, 'zhang', 'manager');
  other = await createAndLogin(t.core, admin, 'li', 'manager');
  sup = await createAndLogin(t.core, admin, 'boss', 'supervisor');
  c1 = insertCustomer(t.db, { code: 'YC001', name: '张三烟酒店', tier: 'A', managerId: mgr.id });
  c3 = insertCustomer(t.db, { code: 'YC003', name: '李四超市', tier: 'B', managerId: other.id });
});
afterEach(() => t.close());

async function relogin(): Promise<void> {
  mgr.token = await login(t.core, 'zhang', PASSWORD);
  other.token = await login(t.core, 'li', PASSWORD);
  sup.token = await login(t.core, 'boss', PASSWORD);
}

describe('follow-ups', () => {
  it('a visit’s next follow-up becomes a task that turns overdue, shows on the home screen and is marked done', async () => {
    const v = expectOk(
      await call(t.core, mgr.token, 'visits.create', {
        customer: 'YC001',
        signIn: '2024-06-05T09:30',
        signOut: '2024-06-05T10:00',
        nextFollowUp: { due: '2024-06-07', content: '送新品海报' },
      }),
    );
    const open = expectOk(await call(t.core, mgr.token, 'followups.list', {}));
    expect(open.rows).toHaveLength(1);
    expect(open.rows[0]).toMatchObject({
      id: v.followUpId,
      customer: 'YC001',
      owner: 'zhang',
      due: '2024-06-07',
      content: '送新品海报',
      sourceType: 'visit',
      sourceId: v.id,
      done: false,
      overdue: false,
    });

    // Monday after: overdue.
    t.clock.set(new Date(2024, 5, 10, 9, 0));
    await relogin();
    const overdue = expectOk(await call(t.core, mgr.token, 'followups.list', { status: 'overdue' }));
    expect(overdue.rows.map((f) => [f.id, f.overdue])).toEqual([[v.followUpId, true]]);
    const home = expectOk(await call(t.core, mgr.token, 'home.today', {}));
    expect(home.followUps.overdue.map((f) => f.id)).toEqual([v.followUpId]);

    // Only its owner (or a supervisor) marks it done, and a result is required.
    expectErr(await call(t.core, other.token, 'followups.done', { id: v.followUpId!, result: '已送达' }), 'NOT_FOUND');
    const empty = expectErr(await call(t.core, mgr.token, 'followups.done', { id: v.followUpId!, result: '  ' }), 'BAD_INPUT');
    expect(empty.message).toContain('跟进结果');
    const done = expectOk(await call(t.core, mgr.token, 'followups.done', { id: v.followUpId!, result: '海报已送达并张贴' }));
    expect(done).toMatchObject({ done: true, overdue: false, result: '海报已送达并张贴', doneAt: '2024-06-10 09:00:00' });
    expectErr(await call(t.core, mgr.token, 'followups.done', { id: v.followUpId!, result: '再来一次' }), 'CONFLICT');

    expect(expectOk(await call(t.core, mgr.token, 'followups.list', {})).rows).toEqual([]);
    expect(expectOk(await call(t.core, mgr.token, 'followups.list', { status: 'done' })).rows.map((f) => f.id)).toEqual([v.followUpId]);
    expect(expectOk(await call(t.core, mgr.token, 'home.today', {})).followUps.overdueCount).toBe(0);
  });

  it('manual tasks: a manager adds them for their own customers only; a supervisor sees and assigns all', async () => {
    const mine = expectOk(await call(t.core, mgr.token, 'followups.create', { customerId: c1, due: '2024-06-06', content: '电话确认订货量' }));
    expect(mine).toMatchObject({ sourceType: 'manual', owner: 'zhang' });
    expectErr(await call(t.core, mgr.token, 'followups.create', { customerId: c3, due: '2024-06-06', content: 'x' }), 'NOT_FOUND');
    expectErr(await call(t.core, mgr.token, 'followups.create', { customerId: c1, due: '2024-06-06', content: 'x', ownerId: other.id }), 'FORBIDDEN');
    const assigned = expectOk(await call(t.core, sup.token, 'followups.create', { customerId: c3, due: '2024-06-06', content: '核实投诉' }));
    expect(assigned.owner).toBe('li');
    const bad = expectErr(await call(t.core, mgr.token, 'followups.create', { customerId: c1, due: '2024-06-31', content: 'x' }), 'BAD_INPUT');
    expect(bad.message).toContain('跟进日期');

    expect(expectOk(await call(t.core, mgr.token, 'followups.list', { status: 'all' })).rows.map((f) => f.id)).toEqual([mine.id]);
    expect(expectOk(await call(t.core, sup.token, 'followups.list', {})).total).toBe(2);
    expect(expectOk(await call(t.core, sup.token, 'followups.list', { ownerId: other.id })).rows.map((f) => f.id)).toEqual([assigned.id]);
    // A supervisor may close anyone's task.
    expectOk(await call(t.core, sup.token, 'followups.done', { id: assigned.id, result: '已核实' }));
  });
});

describe('complaints', () => {
  it('goes from open through handling and submission to approval by a supervisor (a manager cannot approve)', async () => {
    const k = expectOk(
      await call(t.core, mgr.token, 'complaints.create', {
        customerId: c1,
        openedAt: '2024-06-03T10:00',
        category: '商品质量',
        content: '一条烟包装破损',
      }),
    );
    expect(k).toMatchObject({ status: '待处理', customer: 'YC001', manager: 'zhang', customerConfirmation: '待确认', openedAt: '2024-06-03T10:00', ageDays: 2 });

    // Submitting needs the handling steps and the result.
    const early = expectErr(await call(t.core, mgr.token, 'complaints.submit', { id: k.id }), 'BAD_INPUT');
    expect(early.fields?.map((f) => f.field)).toEqual(['handlingSteps', 'result']);
    expect(early.message).toContain('处理过程');

    const handled = expectOk(await call(t.core, mgr.token, 'complaints.update', { id: k.id, handlingSteps: '6月4日上门核实，联系物流', result: '已调换' }));
    expect(handled.status).toBe('处理中');
    const submitted = expectOk(await call(t.core, mgr.token, 'complaints.submit', { id: k.id }));
    expect(submitted.status).toBe('待审批');
    expect(submitted.submittedAt).toBe('2024-06-05 18:00:00');

    // Once submitted the handling is frozen, and only a supervisor decides.
    expectErr(await call(t.core, mgr.token, 'complaints.update', { id: k.id, result: '改一下' }), 'CONFLICT');
    const denied = expectErr(await call(t.core, mgr.token, 'complaints.review', { id: k.id, decision: 'approve' }), 'FORBIDDEN');
    expect(denied.message).toMatch(/[\u4e00-\u9fff]/);
    expect(expectOk(await call(t.core, mgr.token, 'complaints.get', { id: k.id })).status).toBe('待审批');

    // Returned with a reason, worked on again, resubmitted, approved.
    expectErr(await call(t.core, sup.token, 'complaints.review', { id: k.id, decision: 'return' }), 'BAD_INPUT');
    const returned = expectOk(await call(t.core, sup.token, 'complaints.review', { id: k.id, decision: 'return', comment: '请补充调换数量' }));
    expect(returned).toMatchObject({ status: '已退回', approvalComment: '请补充调换数量' });
    expect(expectOk(await call(t.core, mgr.token, 'complaints.update', { id: k.id, result: '已调换1条' })).status).toBe('处理中');
    expectOk(await call(t.core, mgr.token, 'complaints.submit', { id: k.id }));
    const approved = expectOk(await call(t.core, sup.token, 'complaints.review', { id: k.id, decision: 'approve', comment: '同意' }));
    expect(approved).toMatchObject({ status: '已批准', approvedBy: 'boss姓名', approvalComment: '同意', closedAt: '2024-06-05 18:00:00' });
    expectErr(await call(t.core, sup.token, 'complaints.review', { id: k.id, decision: 'approve' }), 'CONFLICT');

    // The customer's confirmation is still recorded after approval.
    const confirmed = expectOk(await call(t.core, mgr.token, 'complaints.update', { id: k.id, customerConfirmation: '已确认' }));
    expect(confirmed.customerConfirmation).toBe('已确认');
    expect((t.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'complaint_change'").get() as { n: number }).n).toBe(8);
  });

  it('lists open complaints with their age, within the manager’s scope', async () => {
    const old = expectOk(await call(t.core, mgr.token, 'complaints.create', { customerId: c1, openedAt: '2024-05-20', category: '配送', content: '送货晚到' }));
    expectOk(await call(t.core, mgr.token, 'complaints.create', { customerId: c1, category: '价格', content: '价签不清' }));
    expectOk(await call(t.core, other.token, 'complaints.create', { customerId: c3, category: '服务质量', content: '态度不好' }));
    expectErr(await call(t.core, mgr.token, 'complaints.create', { customerId: c3, category: '价格', content: 'x' }), 'NOT_FOUND');
    const future = expectErr(await call(t.core, mgr.token, 'complaints.create', { customerId: c1, openedAt: '2024-06-06T10:00', category: '价格', content: 'x' }), 'BAD_INPUT');
    expect(future.message).toContain('反馈时间');

    const mine = expectOk(await call(t.core, mgr.token, 'complaints.list', { open: true }));
    expect(mine.rows.map((r) => [r.category, r.ageDays])).toEqual([
      ['配送', 16],
      ['价格', 0],
    ]);
    expect(expectOk(await call(t.core, sup.token, 'complaints.list', { open: true })).total).toBe(3);
    expectErr(await call(t.core, other.token, 'complaints.get', { id: old.id }), 'NOT_FOUND');
  });

  it('a complaint’s next follow-up becomes a task', async () => {
    const k = expectOk(
      await call(t.core, mgr.token, 'complaints.create', {
        customerId: c1,
        category: '配送',
        content: '送货晚到',
        nextFollowUp: { due: '2024-06-07', content: '确认下次送货时间' },
      }),
    );
    const tasks = expectOk(await call(t.core, mgr.token, 'followups.list', {})).rows;
    expect(tasks).toEqual([expect.objectContaining({ sourceType: 'complaint', sourceId: k.id, content: '确认下次送货时间' })]);
  });
});
