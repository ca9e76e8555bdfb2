import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../../shared/api/result';
import { writeCsv } from '../../../fixtures/excel';
import { callRaw, createAndLogin, expectOk, insertCustomer, makeClock, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';
import { importFile } from '../../helpers/excel';

/**
 * Issue 15 item 5: a 客户经理 learns nothing about customers outside their care. A dry-run
 * visits.bulkCreate over ids 1000–1199 listed other managers' customers by name and code;
 * every method that takes an id or a code must answer such a customer exactly like one that
 * does not exist.
 */

let t: TestCore;
let zhang: { id: number; token: string };
let li: { id: number; token: string };
const theirs: { id: number; code: string; name: string; mobile: string }[] = [];
let own: number;
let tmp: string;

beforeEach(async () => {
  t = openTestCore(makeClock(new Date(2024, 5, 5, 18, 0)));
  const admin = await setupAndLogin(t.core, 'tobacco');
  zhang = await createAndLogin(t.core, admin, 'zhang', 'manager');
  li = await createAndLogin(t.core, admin, 'li', 'manager');
  own = insertCustomer(t.db, { code: 'Z000001', name: '张家自己的店', managerId: zhang.id });
  theirs.length = 0;
  for (let i = 0; i < 40; i++) {
    const code = `L${String(i).padStart(6, '0')}`;
    const name = `李家秘密客户${i}`;
    const id = insertCustomer(t.db, { code, name, managerId: li.id });
    const mobile = `139${String(10000000 + i)}`;
    t.db.prepare('UPDATE customers SET mobile = ?, id_number = ? WHERE id = ?').run(mobile, `11010519491231${String(1000 + i)}`, id);
    theirs.push({ id, code, name, mobile });
  }
  tmp = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-scope-'));
});
afterEach(() => {
  t.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Nothing of li's customers in an answer: no name, no code (but the codes the caller sent, echoed back). */
function expectNoTrace(value: unknown, sent: string[] = []): void {
  const text = JSON.stringify(value);
  for (const c of theirs) {
    expect(text).not.toContain(c.name);
    if (!sent.includes(c.code)) expect(text).not.toContain(c.code);
  }
  expect(text).not.toContain('李家秘密客户');
  expect(text).not.toContain('其他客户经理负责');
}

/** The answer with ids and codes replaced, so one for li's customer compares with one for a missing customer. */
function shape(r: Result<unknown>, idOrCode: string | number, placeholder: string | number): string {
  return JSON.stringify(r).split(String(idOrCode)).join(String(placeholder));
}

const MISSING_ID = 99_999;
const MISSING_CODE = 'Q999999';

describe('a dry-run bulk entry over a range of ids', () => {
  it('answers every other manager’s customer like a missing id: no names, no codes', async () => {
    const rows = theirs.map((c, i) => ({ customerId: c.id, signIn: `2024-06-0${1 + (i % 4)}T${String(8 + (i % 9)).padStart(2, '0')}:00`, signOut: `2024-06-0${1 + (i % 4)}T${String(8 + (i % 9)).padStart(2, '0')}:30` }));
    const r = expectOk(await callRaw(t.core, zhang.token, 'visits.bulkCreate', { rows: [...rows, { customerId: MISSING_ID, signIn: '2024-06-05T08:00', signOut: '2024-06-05T08:30' }], dryRun: true })) as {
      results: { ok: boolean; errors?: { field: string; message: string }[] }[];
    };
    expectNoTrace(r);
    const missing = r.results[rows.length].errors!;
    expect(missing).toEqual([{ field: 'customer', message: `客户：客户不存在（ID ${MISSING_ID}）` }]);
    theirs.forEach((c, i) => expect(r.results[i].errors).toEqual([{ field: 'customer', message: `客户：客户不存在（ID ${c.id}）` }]));
  });
});

describe('every method that takes a customer id or code answers li’s customer like a missing one', () => {
  const byId: [string, (id: number) => unknown][] = [
    ['customers.get', (id) => ({ id })],
    ['customers.history', (id) => ({ id })],
    ['customers.update', (id) => ({ id, version: 0, data: { name: 'x', kind: '个人', mobile: '13800000000' } })],
    ['timeline.customer', (id) => ({ customerId: id })],
    ['volumes.list', (id) => ({ customerId: id })],
    ['followups.create', (id) => ({ customerId: id, due: '2024-06-10', content: '回访' })],
    ['complaints.create', (id) => ({ customerId: id, category: '价格', content: '价签' })],
    ['receipts.create', (id) => ({ customerId: id, items: [{ name: '海报', quantity: 1 }] })],
    ['receipts.list', (id) => ({ customerId: id })],
    ['plans.add', (id) => ({ customerId: id, date: '2024-06-07' })],
    ['visits.create', (id) => ({ customerId: id, signIn: '2024-06-05T09:00', signOut: '2024-06-05T09:30' })],
    ['visits.signIn', (id) => ({ customerId: id })],
  ];
  it.each(byId)('%s by id', async (method, input) => {
    const c = theirs[0];
    const hidden = await callRaw(t.core, zhang.token, method, input(c.id));
    const missing = await callRaw(t.core, zhang.token, method, input(MISSING_ID));
    expect(hidden.ok).toBe(false);
    expectNoTrace(hidden);
    expect(shape(hidden, c.id, 'ID')).toBe(shape(missing, MISSING_ID, 'ID'));
  });

  const byCode: [string, (code: string) => unknown][] = [
    ['plans.add', (code) => ({ customer: code, date: '2024-06-07' })],
    ['visits.create', (code) => ({ customer: code, signIn: '2024-06-05T09:00', signOut: '2024-06-05T09:30' })],
    ['visits.signIn', (code) => ({ customer: code })],
  ];
  it.each(byCode)('%s by code', async (method, input) => {
    const c = theirs[1];
    const hidden = await callRaw(t.core, zhang.token, method, input(c.code));
    const missing = await callRaw(t.core, zhang.token, method, input(MISSING_CODE));
    expect(hidden.ok).toBe(false);
    expectNoTrace(hidden, [c.code]);
    expect(shape(hidden, c.code, 'CODE')).toBe(shape(missing, MISSING_CODE, 'CODE'));
  });

  it('customers.create with li’s code, mobile or ID number: refused without naming the customer', async () => {
    const c = theirs[2];
    const code = await callRaw(t.core, zhang.token, 'customers.create', { data: { name: '新店', kind: '个人', mobile: '13700000001', code: c.code } });
    expect(code.ok).toBe(false);
    expectNoTrace(code, [c.code]);
    const dup = await callRaw(t.core, zhang.token, 'customers.create', { data: { name: '新店', kind: '个人', mobile: c.mobile } });
    expect(dup.ok).toBe(false);
    expectNoTrace(dup);
    expectNoTrace(await callRaw(t.core, zhang.token, 'customers.checkDuplicates', { data: { mobile: c.mobile, idNumber: `11010519491231${1002}` } }));
    expect(own).toBeGreaterThan(0);
  });

  it('an export filtered by li’s customer id does not name it in its title or audit entry', async () => {
    const r = expectOk(await callRaw(t.core, zhang.token, 'exports.start', { kind: 'visits', format: 'csv', filter: { customerId: theirs[3].id } })) as { jobId: string };
    const done = await t.core.jobs.wait(r.jobId, { id: zhang.id, role: 'manager' });
    expectNoTrace(done);
    expectNoTrace(t.db.prepare("SELECT detail FROM audit_log WHERE action = 'export'").all());
  });
});

describe('imports by a manager', () => {
  it('visits and volumes naming li’s codes answer like unknown codes; customers and contacts do not name them', async () => {
    const c = theirs[4];
    const visits = writeCsv(path.join(tmp, '走访.csv'), [['客户编码', '签到时间', '签退时间'], [c.code, '2024-06-04 09:00', '2024-06-04 09:30'], [MISSING_CODE, '2024-06-04 10:00', '2024-06-04 10:30']], 'utf-8');
    const v = await importFile(t.core, zhang.token, visits, 'visits', { dryRun: true });
    expectNoTrace(v.report, [c.code]);
    const [hidden, missing] = v.report.errors;
    expect(hidden.message.split(c.code).join('X')).toBe(missing.message.split(MISSING_CODE).join('X'));

    const customers = writeCsv(
      path.join(tmp, '客户.csv'),
      [['客户编码', '客户名称', '客户类型', '手机号', '身份证号'], [c.code, '改名', '个人', '13700000002', ''], ['', '新客户', '个人', theirs[5].mobile, ''], ['', '又一个', '个人', '13700000003', `11010519491231${1006}`]],
      'utf-8',
    );
    for (const mode of ['add', 'update', 'skip'] as const) expectNoTrace((await importFile(t.core, zhang.token, customers, 'customers', { dryRun: true, mode })).report, [c.code]);
  }, 30_000);
});
