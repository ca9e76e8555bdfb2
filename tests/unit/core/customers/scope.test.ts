import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createAndLogin, expectErr, expectOk, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';
import { createCustomer, formOf, person } from '../../helpers/customers';
import type { Customer } from '../../../../shared/domain/customers';

let t: TestCore;
let admin: string;
let zhang: { id: number; token: string };
let li: { id: number; token: string };
let sup: { id: number; token: string };
let zhangs: Customer;
let lis: Customer;

beforeEach(async () => {
  t = openTestCore();
  admin = await setupAndLogin(t.core);
  zhang = await createAndLogin(t.core, admin, 'zhangmgr', 'manager');
  li = await createAndLogin(t.core, admin, 'limgr', 'manager');
  sup = await createAndLogin(t.core, admin, 'boss', 'supervisor');
  zhangs = await createCustomer(t.core, zhang.token, person('张家小店'));
  lis = await createCustomer(t.core, li.token, person('李家小店'));
});
afterEach(() => t.close());

/** Issue 15: another manager's customer answers exactly like one that does not exist. */
const OTHERS = (id: number) => `客户不存在（ID ${id}）`;

describe("a manager cannot reach another manager's customers", () => {
  it('get, update and history answer NOT_FOUND, word for word like a missing id', async () => {
    expect(expectErr(await call(t.core, zhang.token, 'customers.get', { id: lis.id }), 'NOT_FOUND').message).toBe(OTHERS(lis.id));
    expect(expectErr(await call(t.core, zhang.token, 'customers.history', { id: lis.id }), 'NOT_FOUND').message).toBe(OTHERS(lis.id));
    const err = expectErr(
      await call(t.core, zhang.token, 'customers.update', { id: lis.id, version: lis.version, data: { ...formOf(lis), notes: '越权修改' } }),
      'NOT_FOUND',
    );
    expect(err.message).toBe(OTHERS(lis.id));
    expect(expectOk(await call(t.core, li.token, 'customers.get', { id: lis.id })).notes).toBe('');
  });

  it('a missing id is NOT_FOUND, naming the id', async () => {
    expect(expectErr(await call(t.core, zhang.token, 'customers.get', { id: 9999 }), 'NOT_FOUND').message).toBe('客户不存在（ID 9999）');
    expectErr(await call(t.core, sup.token, 'customers.history', { id: 9999 }), 'NOT_FOUND');
  });

  it('the list shows only their own customers, whatever filters they send', async () => {
    const own = expectOk(await call(t.core, zhang.token, 'customers.list', {}));
    expect(own.rows.map((r) => r.id)).toEqual([zhangs.id]);
    expect(own.total).toBe(1);
    expect(expectOk(await call(t.core, zhang.token, 'customers.list', { managerId: [li.id] })).total).toBe(0);
    expect(expectOk(await call(t.core, zhang.token, 'customers.list', { q: '李家' })).total).toBe(0);
    const all = expectOk(await call(t.core, sup.token, 'customers.list', {}));
    expect(all.rows.map((r) => r.id).sort()).toEqual([zhangs.id, lis.id].sort());
    expect(expectOk(await call(t.core, sup.token, 'customers.list', { managerId: [li.id] })).rows.map((r) => r.id)).toEqual([lis.id]);
  });
});

describe('who may assign a customer', () => {
  it("a manager's new customer is their own; assigning it to someone else is FORBIDDEN", async () => {
    expect(zhangs.manager).toBe('zhangmgr');
    expectErr(await call(t.core, zhang.token, 'customers.create', { data: person('王家小店', { manager: 'limgr' }) }), 'FORBIDDEN');
    const explicit = await createCustomer(t.core, zhang.token, person('赵家小店', { manager: 'ZhangMgr' }));
    expect(explicit.managerId).toBe(zhang.id);
  });

  it('a manager cannot change the manager field on update; leaving it empty keeps it', async () => {
    expectErr(
      await call(t.core, zhang.token, 'customers.update', { id: zhangs.id, version: 0, data: { ...formOf(zhangs), manager: 'limgr' } }),
      'FORBIDDEN',
    );
    const kept = expectOk(
      await call(t.core, zhang.token, 'customers.update', { id: zhangs.id, version: 0, data: { ...formOf(zhangs), manager: '', notes: '补充' } }),
    );
    expect(kept.managerId).toBe(zhang.id);
  });

  it('a supervisor changing the manager on the form is logged as a transfer', async () => {
    const moved = expectOk(
      await call(t.core, sup.token, 'customers.update', { id: zhangs.id, version: 0, data: { ...formOf(zhangs), manager: 'limgr' } }),
    );
    expect(moved.managerId).toBe(li.id);
    const h = expectOk(await call(t.core, li.token, 'customers.history', { id: zhangs.id }));
    expect(h.transfers).toHaveLength(1);
    expect(h.transfers[0]).toMatchObject({ fromManager: 'zhangmgr姓名', toManager: 'limgr姓名', byUser: 'boss姓名' });
    expect(h.changes[0]).toMatchObject({ action: 'transfer', field: '客户经理', oldValue: 'zhangmgr姓名', newValue: 'limgr姓名' });
    expectErr(await call(t.core, zhang.token, 'customers.get', { id: zhangs.id }), 'NOT_FOUND');
  });

  it('a supervisor may create an unassigned customer, which no manager sees', async () => {
    const orphan = await createCustomer(t.core, sup.token, person('无主小店'));
    expect(orphan.managerId).toBeNull();
    expectErr(await call(t.core, zhang.token, 'customers.get', { id: orphan.id }), 'NOT_FOUND');
    expect(expectOk(await call(t.core, sup.token, 'customers.list', { managerId: [0] })).rows.map((r) => r.id)).toEqual([orphan.id]);
  });
});
