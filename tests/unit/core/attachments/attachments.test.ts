import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createAndLogin, expectErr, expectOk, insertCustomer, makeClock, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';

/** Issue 15 item 4: a removed attachment's file (a signed sheet, a photo: personal data) does not stay on disk. */

let t: TestCore;
let mgr: { id: number; token: string };
beforeEach(async () => {
  t = openTestCore(makeClock(new Date(2024, 5, 5, 18, 0)));
  const admin = await setupAndLogin(t.core, 'tobacco');
  mgr = await createAndLogin(t.core, admin, 'zhang', 'manager');
  insertCustomer(t.db, { code: 'YC001', name: '张三烟酒店', managerId: mgr.id });
});
afterEach(() => t.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('signed sheet of 张三')]);

async function visit(signIn: string, signOut: string): Promise<number> {
  return expectOk(await call(t.core, mgr.token, 'visits.create', { customer: 'YC001', signIn, signOut })).id;
}

describe('attachments.remove', () => {
  it('deletes the stored file once no record shows its content any more', async () => {
    const v1 = await visit('2024-06-05T09:30', '2024-06-05T10:00');
    const v2 = await visit('2024-06-05T11:00', '2024-06-05T11:30');
    const a1 = expectOk(await call(t.core, mgr.token, 'attachments.add', { visitId: v1, name: '签到表.png', dataBase64: PNG.toString('base64') }));
    const a2 = expectOk(await call(t.core, mgr.token, 'attachments.add', { visitId: v2, name: '签到表.png', dataBase64: PNG.toString('base64') }));
    // The same content is stored once.
    expect(a2.sha256).toBe(a1.sha256);
    const file = path.join(t.dir, 'attachments', a1.sha256.slice(0, 2), a1.sha256);
    expect(existsSync(file)).toBe(true);

    expectOk(await call(t.core, mgr.token, 'attachments.remove', { id: a1.id }));
    // The other visit still shows it.
    expect(existsSync(file)).toBe(true);
    expect(expectOk(await call(t.core, mgr.token, 'attachments.get', { id: a2.id })).size).toBe(PNG.length);

    expectOk(await call(t.core, mgr.token, 'attachments.remove', { id: a2.id }));
    expect(existsSync(file)).toBe(false);
    expectErr(await call(t.core, mgr.token, 'attachments.get', { id: a2.id }), 'NOT_FOUND');

    // Attached again later: stored again.
    const a3 = expectOk(await call(t.core, mgr.token, 'attachments.add', { visitId: v1, name: '签到表.png', dataBase64: PNG.toString('base64') }));
    expect(existsSync(file)).toBe(true);
    expect(Buffer.from(expectOk(await call(t.core, mgr.token, 'attachments.get', { id: a3.id })).dataBase64, 'base64').equals(PNG)).toBe(true);
  });
});
