import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createAndLogin, expectErr, expectOk, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';
import { badIdNumber, company, createCustomer, creditCode, formOf, idNumber, nextMobile, person } from '../../helpers/customers';
import type { DuplicateHit } from '../../../../shared/domain/customers';

let t: TestCore;
let admin: string;
let mgr: { id: number; token: string };
let sup: { id: number; token: string };

beforeEach(async () => {
  t = openTestCore();
  admin = await setupAndLogin(t.core);
  mgr = await createAndLogin(t.core, admin, 'zhangmgr', 'manager');
  sup = await createAndLogin(t.core, admin, 'boss', 'supervisor');
});
afterEach(() => t.close());

describe('customers.create: validation', () => {
  it('rejects a wrong ID check digit with a message naming 身份证号', async () => {
    const err = expectErr(await call(t.core, mgr.token, 'customers.create', { data: person('张三', { idNumber: badIdNumber() }) }), 'BAD_INPUT');
    expect(err.field).toBe('idNumber');
    expect(err.message).toContain('身份证号');
    expect(err.message).toContain('校验位');
    expect(t.db.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 0 });
  });

  it('requires a credit code for 企业 and lists every problem at once', async () => {
    const err = expectErr(
      await call(t.core, mgr.token, 'customers.create', {
        data: { name: '城关商贸有限公司', kind: '企业', mobile: '12345', tier: 'Z', tags: ['不存在的标签'] },
      }),
      'BAD_INPUT',
    );
    const byField = Object.fromEntries((err.fields ?? []).map((f) => [f.field, f.message]));
    expect(Object.keys(byField).sort()).toEqual(['creditCode', 'mobile', 'tags', 'tier']);
    expect(byField.creditCode).toContain('统一社会信用代码');
    expect(byField.mobile).toContain('手机号');
    expect(byField.tags).toContain('不存在的标签');
    expect(byField.tier).toContain('客户分级');
    for (const m of Object.values(byField)) expect(err.message).toContain(m);
  });

  it('requires a licence number for 零售户 and a phone for persons and retailers', async () => {
    const err = expectErr(await call(t.core, mgr.token, 'customers.create', { data: { name: '李四烟酒店', kind: '零售户' } }), 'BAD_INPUT');
    const fields = (err.fields ?? []).map((f) => f.field).sort();
    expect(fields).toEqual(['licenceNo', 'mobile']);
    expect(err.message).toContain('许可证号');
    expect(err.message).toMatch(/手机号或固定电话/);
    // An organisation may go without phones.
    expectOk(await call(t.core, mgr.token, 'customers.create', { data: { name: '某集团', kind: '集团客户', creditCode: creditCode() } }));
  });

  it('names the contact row and field when a contact mobile is invalid', async () => {
    const err = expectErr(
      await call(t.core, mgr.token, 'customers.create', {
        data: company('恒达公司', { contacts: [{ name: '王五', mobile: nextMobile() }, { name: '赵六', mobile: '1380000' }] }),
      }),
      'BAD_INPUT',
    );
    expect(err.field).toBe('contacts.1.mobile');
    expect(err.message).toContain('联系人第2行·手机');
  });

  it('normalises values: 15-digit ID to 18 digits, mobile digits, credit code upper-case, status defaults to 潜在', async () => {
    const c = await createCustomer(
      t.core,
      mgr.token,
      person('老张', { idNumber: '110105491231002', mobile: '138 0013 8000', tags: ['高潜力', '新开户', '高潜力'], tier: 'A', region: '城郊片' }),
    );
    expect(c.idNumber).toBe(idNumber('11010519491231002'));
    expect(c.mobile).toBe('13800138000');
    expect(c.status).toBe('潜在');
    expect(c.tags).toEqual(['新开户', '高潜力'].sort());
    expect(c.manager).toBe('zhangmgr');
    expect(c.managerDisplayName).toBe('zhangmgr姓名');
    expect(c.version).toBe(0);
    const org = await createCustomer(t.core, mgr.token, company('小写信用代码公司', { creditCode: creditCode().toLowerCase() }));
    expect(org.creditCode).toBe(creditCode());
  });

  it('refuses an admin, a disabled user or an unknown user as manager', async () => {
    let err = expectErr(await call(t.core, sup.token, 'customers.create', { data: person('甲', { manager: 'admin' }) }), 'BAD_INPUT');
    expect(err.field).toBe('manager');
    expect(err.message).toContain('客户经理');
    err = expectErr(await call(t.core, sup.token, 'customers.create', { data: person('乙', { manager: 'nobody' }) }), 'BAD_INPUT');
    expect(err.message).toContain('nobody');
    t.db.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(mgr.id);
    err = expectErr(await call(t.core, sup.token, 'customers.create', { data: person('丙', { manager: 'zhangmgr' }) }), 'BAD_INPUT');
    expect(err.message).toContain('停用');
  });
});

describe('customer codes', () => {
  it('assigns C000001, C000002 … and suggests the next one', async () => {
    expect(expectOk(await call(t.core, mgr.token, 'customers.nextCode', {}))).toBe('C000001');
    const a = await createCustomer(t.core, mgr.token, person('甲一'));
    const b = await createCustomer(t.core, mgr.token, person('乙二'));
    expect([a.code, b.code]).toEqual(['C000001', 'C000002']);
    await createCustomer(t.core, mgr.token, person('丙三', { code: 'C000120' }));
    expect(expectOk(await call(t.core, mgr.token, 'customers.nextCode', {}))).toBe('C000121');
    expect((await createCustomer(t.core, mgr.token, person('丁四'))).code).toBe('C000121');
  });

  it('keeps codes unique, case-insensitively and across deleted customers', async () => {
    const first = await createCustomer(t.core, mgr.token, person('张三', { code: 'C001' }));
    let err = expectErr(await call(t.core, mgr.token, 'customers.create', { data: person('李四', { code: 'c001' }) }), 'BAD_INPUT');
    expect(err.field).toBe('code');
    expect(err.message).toContain('客户编码 C001 已被客户「张三」使用');
    expectOk(await call(t.core, sup.token, 'customers.delete', { id: first.id }));
    err = expectErr(await call(t.core, mgr.token, 'customers.create', { data: person('王五', { code: 'C001' }) }), 'BAD_INPUT');
    expect(err.message).toContain('「张三」');
  });
});

describe('duplicates', () => {
  it('warns about the same ID number and lets the user save anyway with ignoreDuplicates', async () => {
    const first = await createCustomer(t.core, mgr.token, person('张三', { idNumber: idNumber() }));
    const err = expectErr(await call(t.core, mgr.token, 'customers.create', { data: person('张叁', { idNumber: idNumber() }) }), 'CONFLICT');
    expect(err.message).toContain('可能重复');
    const hits = err.details as DuplicateHit[];
    expect(hits).toEqual([{ id: first.id, code: first.code, name: '张三', manager: 'zhangmgr姓名', reason: '身份证号相同', accessible: true }]);
    const saved = await createCustomer(t.core, mgr.token, person('张叁', { idNumber: idNumber() }), { ignoreDuplicates: true });
    expect(saved.id).not.toBe(first.id);
  });

  it('finds a mobile held by a contact, a credit code, and name + address ignoring spaces', async () => {
    const mobile = nextMobile();
    const org = await createCustomer(t.core, sup.token, company('恒达公司', { address: '和平路 12 号', contacts: [{ name: '王五', mobile }] }));
    const hits = expectOk(
      await call(t.core, sup.token, 'customers.checkDuplicates', { data: { name: '恒达公司', address: '和平路12号', mobile, creditCode: creditCode() } }),
    );
    expect(hits).toHaveLength(1);
    expect(hits[0].id).toBe(org.id);
    expect(hits[0].reason.split('、').sort()).toEqual(['名称和地址相同', '手机号相同', '统一社会信用代码相同'].sort());
    // Excluding the customer being edited: it is not its own duplicate.
    expect(expectOk(await call(t.core, sup.token, 'customers.checkDuplicates', { data: { mobile }, excludeId: org.id }))).toEqual([]);
  });

  it("tells a manager that another manager's customer exists, not its name, code, id or manager; marks deleted hits", async () => {
    const other = await createAndLogin(t.core, admin, 'limgr', 'manager');
    const mobile = nextMobile();
    const theirs = await createCustomer(t.core, other.token, person('李四', { mobile }));
    let hits = expectOk(await call(t.core, mgr.token, 'customers.checkDuplicates', { data: { mobile } }));
    // Issue 15: a manager learns nothing about a customer outside their care.
    expect(hits).toEqual([{ id: -1, code: '', name: '（不在您负责范围内的客户）', manager: '其他客户经理', reason: '手机号相同', accessible: false }]);
    const refused = expectErr(await call(t.core, mgr.token, 'customers.create', { data: person('李四', { mobile }) }), 'CONFLICT');
    expect(refused.message).not.toContain(theirs.code);
    expect(JSON.stringify(refused)).not.toContain(theirs.code);
    hits = expectOk(await call(t.core, sup.token, 'customers.checkDuplicates', { data: { mobile } }));
    expect(hits[0]).toMatchObject({ manager: 'limgr姓名', accessible: true });
    expectOk(await call(t.core, sup.token, 'customers.delete', { id: theirs.id }));
    hits = expectOk(await call(t.core, sup.token, 'customers.checkDuplicates', { data: { mobile } }));
    expect(hits[0].reason).toBe('手机号相同（已删除）');
  });
});

describe('customers.update and history', () => {
  it('writes one history row per changed field with Chinese labels and old → new', async () => {
    const c = await createCustomer(t.core, mgr.token, person('张三', { tier: 'B', tags: ['新开户'] }));
    const newMobile = nextMobile();
    const updated = expectOk(
      await call(t.core, mgr.token, 'customers.update', {
        id: c.id,
        version: c.version,
        data: { ...formOf(c), mobile: newMobile, tier: 'A', keyCustomer: true, tags: ['高潜力', '新开户'], address: '解放路1号' },
      }),
    );
    expect(updated.version).toBe(1);
    expect(updated.mobile).toBe(newMobile);
    const { changes } = expectOk(await call(t.core, mgr.token, 'customers.history', { id: c.id }));
    const updates = changes.filter((x) => x.action === 'update');
    const byLabel = Object.fromEntries(updates.map((x) => [x.field, [x.oldValue, x.newValue]]));
    expect(byLabel).toEqual({
      手机号: [c.mobile, newMobile],
      客户分级: ['B', 'A'],
      重点客户: ['否', '是'],
      标签: ['新开户', ['高潜力', '新开户'].sort().join('、')],
      地址: ['', '解放路1号'],
    });
    expect(updates.every((x) => x.userName === 'zhangmgr姓名')).toBe(true);
    expect(changes.at(-1)).toMatchObject({ action: 'create', field: '客户档案' });
    const audit = t.db.prepare("SELECT detail FROM audit_log WHERE action = 'customer_update'").get() as { detail: string };
    expect(JSON.parse(audit.detail).fields).toEqual(expect.arrayContaining(['手机号', '客户分级']));
  });

  it('records contacts added, changed and removed', async () => {
    const c = await createCustomer(
      t.core,
      sup.token,
      company('恒达公司', { contacts: [{ name: '王五', mobile: nextMobile(), role: '经理' }, { name: '赵六', role: '会计' }] }),
    );
    const [wang, zhao] = c.contacts;
    const newMobile = nextMobile();
    const updated = expectOk(
      await call(t.core, sup.token, 'customers.update', {
        id: c.id,
        version: c.version,
        data: { ...formOf(c), contacts: [{ ...wang, mobile: newMobile, isDecisionMaker: true }, { name: '钱七', role: '采购' }] },
      }),
    );
    expect(updated.contacts.map((x) => x.name)).toEqual(['王五', '钱七']);
    expect(updated.contacts[0].id).toBe(wang.id);
    const { changes } = expectOk(await call(t.core, sup.token, 'customers.history', { id: c.id }));
    const contactRows = changes.filter((x) => x.action === 'contact').map((x) => [x.field, x.oldValue, x.newValue]);
    expect(contactRows).toEqual(
      expect.arrayContaining([
        ['联系人「王五」·手机', wang.mobile, newMobile],
        ['联系人「王五」·决策人', '否', '是'],
        ['联系人「钱七」', '', '钱七，采购'],
        ['联系人「赵六」', '赵六，会计', ''],
      ]),
    );
    expect(contactRows).toHaveLength(4);
    // The removed contact is kept, only marked deleted.
    expect(t.db.prepare('SELECT deleted_at IS NOT NULL AS gone FROM contacts WHERE id = ?').get(zhao.id)).toEqual({ gone: 1 });
  });

  it('rejects a stale version (optimistic lock) and leaves the record as the other user saved it', async () => {
    const c = await createCustomer(t.core, mgr.token, person('张三'));
    expectOk(await call(t.core, sup.token, 'customers.update', { id: c.id, version: 0, data: { ...formOf(c), notes: '负责人改的' } }));
    const err = expectErr(await call(t.core, mgr.token, 'customers.update', { id: c.id, version: 0, data: { ...formOf(c), notes: '经理改的' } }), 'CONFLICT');
    expect(err.message).toBe('该客户已被他人修改，请刷新后再编辑');
    expect(expectOk(await call(t.core, mgr.token, 'customers.get', { id: c.id })).notes).toBe('负责人改的');
  });

  it('saves nothing and writes no history when nothing changed', async () => {
    const c = await createCustomer(t.core, mgr.token, person('张三'));
    const same = expectOk(await call(t.core, mgr.token, 'customers.update', { id: c.id, version: 0, data: formOf(c) }));
    expect(same.version).toBe(0);
    expect(expectOk(await call(t.core, mgr.token, 'customers.history', { id: c.id })).changes).toHaveLength(1);
  });

  it('rejects a contact id that belongs to another customer', async () => {
    const a = await createCustomer(t.core, sup.token, company('甲公司', { contacts: [{ name: '王五' }] }));
    const b = await createCustomer(t.core, sup.token, company('乙公司', { creditCode: creditCode('91330100MA2AB1235') }), { ignoreDuplicates: true });
    const err = expectErr(
      await call(t.core, sup.token, 'customers.update', { id: b.id, version: 0, data: { ...formOf(b), contacts: [{ id: a.contacts[0].id, name: '王五' }] } }),
      'BAD_INPUT',
    );
    expect(err.message).toContain('联系人第1行');
  });
});

describe('delete, restore and transfer', () => {
  it('lets a supervisor soft-delete and restore, with history and audit; a manager is refused', async () => {
    const c = await createCustomer(t.core, mgr.token, person('张三'));
    expectErr(await call(t.core, mgr.token, 'customers.delete', { id: c.id }), 'FORBIDDEN');
    expectOk(await call(t.core, sup.token, 'customers.delete', { id: c.id, reason: '重复建档' }));
    expect(t.db.prepare('SELECT deleted_at IS NOT NULL AS d, deleted_by FROM customers WHERE id = ?').get(c.id)).toEqual({ d: 1, deleted_by: sup.id });
    expect(expectOk(await call(t.core, sup.token, 'customers.list', {})).total).toBe(0);
    expect(expectOk(await call(t.core, sup.token, 'customers.list', { deleted: true })).rows.map((r) => r.id)).toEqual([c.id]);
    expectErr(await call(t.core, mgr.token, 'customers.list', { deleted: true }), 'FORBIDDEN');
    expectErr(await call(t.core, mgr.token, 'customers.get', { id: c.id }), 'NOT_FOUND');
    expectErr(await call(t.core, sup.token, 'customers.delete', { id: c.id }), 'CONFLICT');

    expectOk(await call(t.core, sup.token, 'customers.restore', { id: c.id }));
    const back = expectOk(await call(t.core, mgr.token, 'customers.get', { id: c.id }));
    expect(back.deleted).toBe(false);
    const { changes } = expectOk(await call(t.core, mgr.token, 'customers.history', { id: c.id }));
    expect(changes.map((x) => x.action)).toEqual(['restore', 'delete', 'create']);
    expect(changes[1].newValue).toContain('重复建档');
    const actions = (t.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'customer_%' ORDER BY id").all() as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['customer_create', 'customer_delete', 'customer_restore']);
  });

  it('transfers customers to another manager in one go and logs each move', async () => {
    const other = await createAndLogin(t.core, admin, 'limgr', 'manager');
    const a = await createCustomer(t.core, mgr.token, person('张三'));
    const b = await createCustomer(t.core, mgr.token, person('张四'));
    const already = await createCustomer(t.core, other.token, person('李五'));
    expectErr(await call(t.core, mgr.token, 'customers.transfer', { ids: [a.id], toManagerId: other.id }), 'FORBIDDEN');
    const r = expectOk(await call(t.core, sup.token, 'customers.transfer', { ids: [a.id, b.id, already.id], toManagerId: other.id, reason: '岗位调整' }));
    expect(r.count).toBe(2);
    const h = expectOk(await call(t.core, other.token, 'customers.history', { id: a.id }));
    expect(h.transfers).toEqual([expect.objectContaining({ fromManager: 'zhangmgr姓名', toManager: 'limgr姓名', byUser: 'boss姓名', reason: '岗位调整' })]);
    expect(h.changes[0]).toMatchObject({ action: 'transfer', field: '客户经理', oldValue: 'zhangmgr姓名', newValue: 'limgr姓名' });
    expect(expectOk(await call(t.core, other.token, 'customers.get', { id: a.id })).version).toBe(1);
    expectErr(await call(t.core, mgr.token, 'customers.get', { id: a.id }), 'NOT_FOUND');
    const audit = t.db.prepare("SELECT detail FROM audit_log WHERE action = 'customer_transfer'").get() as { detail: string };
    expect(JSON.parse(audit.detail).count).toBe(2);
    expect(t.db.prepare('SELECT count(*) AS n FROM customer_transfers').get()).toEqual({ n: 2 });
  });

  it('transfers every customer of a filter (全选) when the confirmed count still holds', async () => {
    const other = await createAndLogin(t.core, admin, 'limgr', 'manager');
    for (const name of ['张三', '张四', '张五']) await createCustomer(t.core, mgr.token, person(name));
    await createCustomer(t.core, other.token, person('李五'));
    const filter = { managerId: [mgr.id] };
    expectErr(await call(t.core, mgr.token, 'customers.transfer', { filter, expectedCount: 3, toManagerId: other.id }), 'FORBIDDEN');
    // The list changed since the user confirmed: refused, nothing moves.
    const changed = expectErr(await call(t.core, sup.token, 'customers.transfer', { filter, expectedCount: 2, toManagerId: other.id }), 'CONFLICT');
    expect(changed.message).toContain('确认时 2 个，现在 3 个');
    expect(expectOk(await call(t.core, sup.token, 'customers.list', { managerId: [mgr.id] })).total).toBe(3);
    // Both forms at once, or a filter without its count, are refused by the contract.
    expectErr(await call(t.core, sup.token, 'customers.transfer', { ids: [1], filter, expectedCount: 3, toManagerId: other.id }), 'BAD_INPUT');
    expectErr(await call(t.core, sup.token, 'customers.transfer', { filter, toManagerId: other.id }), 'BAD_INPUT');
    const r = expectOk(await call(t.core, sup.token, 'customers.transfer', { filter, expectedCount: 3, toManagerId: other.id, reason: '岗位调整' }));
    expect(r.count).toBe(3);
    expect(expectOk(await call(t.core, sup.token, 'customers.list', { managerId: [other.id] })).total).toBe(4);
    expect(t.db.prepare('SELECT count(*) AS n FROM customer_transfers').get()).toEqual({ n: 3 });
    // A search filter works the same way (pinyin initials).
    const back = expectOk(await call(t.core, sup.token, 'customers.transfer', { filter: { q: 'zw' }, expectedCount: 1, toManagerId: mgr.id }));
    expect(back.count).toBe(1);
  });

  it('refuses a transfer to an admin, and rolls back entirely when one id is missing', async () => {
    const a = await createCustomer(t.core, mgr.token, person('张三'));
    expectErr(await call(t.core, sup.token, 'customers.transfer', { ids: [a.id], toManagerId: 1 }), 'BAD_INPUT');
    const err = expectErr(await call(t.core, sup.token, 'customers.transfer', { ids: [a.id, 9999], toManagerId: sup.id }), 'NOT_FOUND');
    expect(err.message).toContain('9999');
    expect(expectOk(await call(t.core, sup.token, 'customers.get', { id: a.id })).manager).toBe('zhangmgr');
  });
});
