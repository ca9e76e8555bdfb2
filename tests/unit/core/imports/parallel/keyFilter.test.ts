/**
 * The archive's key filter a pipelined import's job thread builds for its check helper
 * (keyFilter.ts): a key that is stored must never be missed (the row would be imported
 * as a new customer next to the existing one), and a "maybe" must be settled by the
 * archive itself.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCustomersBulk, type BulkCustomer } from '../../../../../electron/core/customers/bulk';
import { prefilteredKeys } from '../../../../../electron/core/imports/customers/keys';
import { buildKeyFilter, keyProbe } from '../../../../../electron/core/imports/parallel/keyFilter';
import { openTestCore, setupAndLogin, type TestCore } from '../../../helpers/core';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

let t: TestCore;
beforeEach(async () => {
  t = openTestCore();
  await setupAndLogin(t.core);
  const rows: BulkCustomer[] = [];
  for (let i = 0; i < 3000; i++) {
    rows.push({ code: `K${pad(i, 6)}`, name: `测试客户${i}`, kind: '零售户', mobile: i % 3 ? `139${pad(i, 8)}` : null });
  }
  insertCustomersBulk(t.db, rows, 1);
  // A deleted customer keeps its code and mobile: an import must still meet them.
  t.db.prepare("UPDATE customers SET deleted_at = '2024-06-01 10:00:00' WHERE code = 'K000007'").run();
});
afterEach(() => t.close());

describe('archive key filter', () => {
  it('finds every stored key, deleted customers included, and lets the archive settle a "maybe"', () => {
    const probe = keyProbe(buildKeyFilter(t.db, ['code', 'mobile']));
    const codes = t.db.prepare('SELECT code FROM customers').pluck().all() as string[];
    const mobiles = t.db.prepare('SELECT mobile FROM customers WHERE mobile IS NOT NULL').pluck().all() as string[];
    expect(codes).toHaveLength(3000);
    expect(codes.every((c) => probe('code', c) === true)).toBe(true);
    expect(mobiles.every((m) => probe('mobile', m) === true)).toBe(true);
    expect(probe('code', 'K000007')).toBe(true);

    // Keys the archive does not hold: "no" for (nearly) all of them, and never a match.
    const absent = Array.from({ length: 5000 }, (_, i) => `Q${pad(i, 6)}`);
    expect(absent.filter((c) => probe('code', c)).length).toBeLessThan(5);
    // A column the filter was not built for is not answered by it (the keys' own set then is).
    expect(probe('id_number', '110101199003077777')).toBeUndefined();

    const keys = prefilteredKeys(t.db, probe);
    expect(keys.byCode('K000007')).toMatchObject([{ code: 'K000007', deleted_at: '2024-06-01 10:00:00' }]);
    expect(keys.byCode('Q000001')).toEqual([]);
    expect(keys.byMobile('13900000001')).toMatchObject({ code: 'K000001' });
    expect(keys.byIdNumber('110101199003077777')).toEqual([]);

    // A probe that says "maybe" to everything: the query behind it answers.
    const always = prefilteredKeys(t.db, () => true);
    expect(always.byCode('Q000001')).toEqual([]);
    expect(always.codeOwner('Q000001')).toBeNull();
    expect(always.byCode('K000002')).toMatchObject([{ code: 'K000002' }]);
  });

  it('an empty archive gives a filter that answers "no"', () => {
    t.db.exec('DELETE FROM customers');
    const probe = keyProbe(buildKeyFilter(t.db, ['code']));
    expect(probe('code', 'K000001')).toBe(false);
  });
});
