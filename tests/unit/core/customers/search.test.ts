import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCustomersBulk, type BulkCustomer } from '../../../../electron/core/customers/bulk';
import { BROAD_SEARCH, buildListQuery } from '../../../../electron/core/customers/list';
import { pinyin } from 'pinyin-pro';
import { PINYIN_SYLLABLES, pinyinReadings } from '../../../../electron/core/customers/fullPinyin';
import { personName } from '../../../../electron/core/seed/names';
import { Rng } from '../../../../electron/core/seed/prng';
import { ftsPhrase, isHan, isSearchChar, nameBigrams, nameInitials, namePinyin, searchPhones, toneless } from '../../../../electron/core/customers/search';
import type { SessionUser } from '../../../../shared/api/auth';
import { customerListQuerySchema, type CustomerListQuery } from '../../../../shared/domain/customers';
import { call, createAndLogin, expectOk, openTestCore, setupAndLogin, type TestCore } from '../../helpers/core';
import { company, createCustomer, person } from '../../helpers/customers';

describe('search columns', () => {
  it('answers Han and searchable characters exactly as the Unicode properties do, fast paths included', () => {
    // Every BMP character and a spread of astral ones (CJK extension B, emoji): the fast
    // ranges must never disagree with \p{Script=Han} / [\p{Script=Han}\p{L}\p{N}].
    const han = /\p{Script=Han}/u;
    const searchable = /[\p{Script=Han}\p{L}\p{N}]/u;
    const chars: string[] = [];
    for (let c = 0; c <= 0xffff; c++) if (c < 0xd800 || c > 0xdfff) chars.push(String.fromCharCode(c));
    for (let c = 0x10000; c <= 0x2ffff; c += 97) chars.push(String.fromCodePoint(c));
    const wrong = chars.filter((ch) => isHan(ch) !== han.test(ch) || isSearchChar(ch.toLowerCase()) !== searchable.test(ch.toLowerCase()));
    expect(wrong.map((ch) => ch.codePointAt(0)!.toString(16))).toEqual([]);
  });

  it("strips tones exactly as pinyin-pro's toneType 'none' with v: true does, for every common Han character and for word readings", () => {
    // search.ts asks pinyin-pro for toned syllables and strips them itself (memoised):
    // the result must be what pinyin-pro's own option gives, ü → v included (绿 lv, 女 nv).
    const chars: string[] = [];
    for (let c = 0x4e00; c <= 0x9fa5; c++) chars.push(String.fromCharCode(c));
    const words = ['中国银行', '重庆重新', '长大成长', '音乐快乐', '一个不对', '嗯呣欸', '绿色女生', '略掠虐', '张记便利店12号', '单于曾解查'];
    const texts = [...chars, ...words];
    const wrong = texts.filter((t) => {
      const ours = pinyin(t, { type: 'array' }).map((s, i) => (isHan(Array.from(t)[i] ?? '') ? toneless(s) : s));
      return ours.join(' ') !== pinyin(t, { type: 'array', toneType: 'none', v: true }).join(' ');
    });
    expect(wrong).toEqual([]);
    expect(namePinyin('绿源女装店')).toBe('lv yuan nv zhuang dian');
  });

  it('derives toneless pinyin for sorting and initials for typing', () => {
    expect(namePinyin('张三')).toBe('zhang san');
    expect(nameInitials('张三')).toBe('zs');
    expect(nameInitials('李四便利店')).toBe('lsbld');
  });

  it('reads surnames as surnames: 单 shan, 曾 zeng, 解 xie', () => {
    expect(nameInitials('单雄')).toBe('sx');
    expect(namePinyin('单雄')).toBe('shan xiong');
    expect(nameInitials('曾国藩')).toBe('zgf');
    expect(namePinyin('解晓东')).toBe('xie xiao dong');
  });

  it('reads the rest of the name with ordinary word readings (中国银行 is yin hang)', () => {
    expect(nameInitials('中国银行')).toBe('zgyh');
    expect(nameInitials('重庆火锅店')).toBe('cqhgd');
  });

  it('keeps latin letters and digits whole and lowercase, and ignores punctuation', () => {
    expect(nameInitials('ABC公司12号')).toBe('abcgs12h');
    expect(namePinyin('ＡＢＣ公司（一店）')).toBe('abc gong si yi dian');
  });

  it('builds 2-character windows plus the last character for FTS', () => {
    expect(nameBigrams('张三丰')).toBe('张三 三丰 丰');
    expect(nameBigrams('张三')).toBe('张三 三');
    expect(nameBigrams('A-B 店')).toBe('ab b店 店');
  });

  it('collects the digits of every phone, the contacts included', () => {
    expect(searchPhones({ mobile: '138 0013 8000', phone: '0571-88886666', contacts: [{ mobile: '13912345678' }, { phone: '' }] })).toBe(
      '13800138000 057188886666 13912345678',
    );
  });

  it('quotes user text as an FTS string, doubling quotes', () => {
    expect(ftsPhrase('a"b')).toBe('"a""b"');
  });
});

describe('pinyinReadings', () => {
  it('cuts typed pinyin into leading syllables every way it reads, the last one possibly unfinished', () => {
    expect(pinyinReadings('shanlihua')).toContain('shan li hua');
    expect(pinyinReadings('shanl')).toEqual(['shan l']);
    expect(pinyinReadings('xian')).toEqual(expect.arrayContaining(['xian', 'xi an']));
    // Initials and bare syllable starts are left to the initials search.
    expect(pinyinReadings('zs')).toEqual([]);
    expect(pinyinReadings('sh')).toEqual([]);
    expect(pinyinReadings('a1')).toEqual([]);
  });

  it('knows every syllable pinyin-pro gives the names the demo data is made of', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 3000; i++) {
      for (const syllable of namePinyin(personName(rng, i % 2 ? '男' : '女', 1950 + (i % 50))).split(' ')) expect(PINYIN_SYLLABLES.has(syllable), syllable).toBe(true);
    }
  });
});

describe('customers.list quick search and sorting', () => {
  let t: TestCore;
  let admin: string;
  const ids: Record<string, number> = {};
  beforeEach(async () => {
    t = openTestCore();
    admin = await setupAndLogin(t.core);
    for (const name of ['张三', '张三丰', '李四', '单雄', '曾小贤', '解晓东', '阿里', '西安', '先锋']) {
      ids[name] = (await createCustomer(t.core, admin, person(name))).id;
    }
    ids['王五商行'] = (
      await createCustomer(t.core, admin, company('王五商行', { code: 'X-77', contacts: [{ name: '赵六', mobile: '13912345678' }] }))
    ).id;
  });
  afterEach(() => t.close());

  const names = async (query: CustomerListQuery) => expectOk(await call(t.core, admin, 'customers.list', query)).rows.map((r) => r.name);

  it('finds a 2-character Chinese name inside longer names, and nothing else', async () => {
    expect((await names({ q: '张三' })).sort()).toEqual(['张三', '张三丰']);
    expect(await names({ q: '三丰' })).toEqual(['张三丰']);
  });

  it('finds a single character anywhere in the name, the last one included', async () => {
    expect((await names({ q: '三' })).sort()).toEqual(['张三', '张三丰']);
    expect(await names({ q: '丰' })).toEqual(['张三丰']);
    expect(await names({ q: '商' })).toEqual(['王五商行']);
  });

  it('finds 3+ character substrings through the trigram index', async () => {
    expect(await names({ q: '张三丰' })).toEqual(['张三丰']);
    expect(await names({ q: '五商行' })).toEqual(['王五商行']);
  });

  it('finds by pinyin initials, surname-aware', async () => {
    expect((await names({ q: 'zs' })).sort()).toEqual(['张三', '张三丰']);
    expect(await names({ q: 'ZSF' })).toEqual(['张三丰']);
    expect(await names({ q: 'sx' })).toEqual(['单雄']);
    expect(await names({ q: 'zxx' })).toEqual(['曾小贤']);
    expect(await names({ q: 'xxd' })).toEqual(['解晓东']);
  });

  it('finds by full pinyin, whole or leading syllables, with the surname readings', async () => {
    // 单 is shan as a surname; the given name is read as usual.
    for (const q of ['shan', 'shanx', 'shanxiong', 'SHANXIONG', 'shan xiong']) expect(await names({ q })).toEqual(['单雄']);
    expect(await names({ q: 'danxiong' })).toEqual([]);
    expect(await names({ q: 'zengxiao' })).toEqual(['曾小贤']);
    expect(await names({ q: 'xiexiaodong' })).toEqual(['解晓东']);
    expect((await names({ q: 'zhangsan' })).sort()).toEqual(['张三', '张三丰']);
    expect(await names({ q: 'zhangsanfeng' })).toEqual(['张三丰']);
    // xian reads as 西安 (xi an) and as 先 (xian).
    expect((await names({ q: 'xian' })).sort()).toEqual(['先锋', '西安'].sort());
    expect(await names({ q: 'xianf' })).toEqual(['先锋']);
    // A syllable in the middle is not a leading one.
    expect(await names({ q: 'sanfeng' })).toEqual([]);
    // A deleted customer is found in the recycle bin by pinyin too.
    expectOk(await call(t.core, admin, 'customers.delete', { id: ids['单雄'], reason: '测试' }));
    expect(await names({ q: 'shanxiong' })).toEqual([]);
    expect(await names({ q: 'shanxiong', deleted: true })).toEqual(['单雄']);
  });

  it("finds a customer by the last 4 digits of a contact's mobile", async () => {
    expect(await names({ q: '5678' })).toEqual(['王五商行']);
  });

  it('finds by code prefix, case-insensitively', async () => {
    expect(await names({ q: 'x-7' })).toEqual(['王五商行']);
    const all = expectOk(await call(t.core, admin, 'customers.list', { q: 'c00000' }));
    expect(all.total).toBe(9);
    expect(await names({ q: 'C000002' })).toEqual(['张三丰']);
  });

  it('treats FTS syntax in the query as plain text', async () => {
    for (const q of ['"', '"张三" OR *', 'NEAR(a b)', '%', '张*', 'a"b"c', '(', '-']) {
      expectOk(await call(t.core, admin, 'customers.list', { q }));
    }
    expect(await names({ q: '%' })).toEqual([]);
  });

  it('sorts names in pinyin order (阿 before 张; 西安 before 先锋), both directions', async () => {
    const asc = await names({ sort: 'name' });
    expect(asc[0]).toBe('阿里');
    expect(asc.indexOf('李四')).toBeLessThan(asc.indexOf('张三'));
    expect(asc.indexOf('西安')).toBeLessThan(asc.indexOf('先锋'));
    expect(asc.indexOf('张三')).toBeLessThan(asc.indexOf('张三丰'));
    expect(await names({ sort: 'name', dir: 'desc' })).toEqual([...asc].reverse());
  });

  it('pages in SQL and reports the total', async () => {
    const first = expectOk(await call(t.core, admin, 'customers.list', { sort: 'name', limit: 3 }));
    const second = expectOk(await call(t.core, admin, 'customers.list', { sort: 'name', limit: 3, offset: 3 }));
    expect(first.total).toBe(10);
    expect(second.total).toBe(10);
    expect(first.rows.map((r) => r.name)).toEqual(['阿里', '李四', '单雄']);
    expect(second.rows.map((r) => r.name)).toEqual(['王五商行', '西安', '先锋']);
  });

  it('filters by tier, status, region, key customer and tag', async () => {
    const c = await createCustomer(
      t.core,
      admin,
      person('钱七', { tier: 'A', status: '正式', region: '城郊片', keyCustomer: true, tags: ['高潜力'] }),
    );
    for (const q of [{ tier: ['A'] }, { status: ['正式' as const] }, { region: ['城郊片'] }, { keyCustomer: true }, { tag: '高潜力' }]) {
      expect(await names(q)).toEqual(['钱七']);
    }
    expect(await names({ tier: ['A', 'B'], q: 'qq' })).toEqual(['钱七']);
    expect(expectOk(await call(t.core, admin, 'customers.list', { keyCustomer: false })).total).toBe(10);
    const row = expectOk(await call(t.core, admin, 'customers.list', { tag: '高潜力' })).rows[0];
    expect(row).toMatchObject({ id: c.id, tier: 'A', tags: ['高潜力'], keyCustomer: true, deleted: false });
  });

  it('sorts by every whitelisted column without error', async () => {
    for (const sort of ['name', 'code', 'tier', 'status', 'region', 'manager', 'updatedAt', 'kind'] as const) {
      expect(expectOk(await call(t.core, admin, 'customers.list', { sort, dir: 'desc' })).total).toBe(10);
    }
  });
});

describe('list query plans', () => {
  let t: TestCore;
  const sup: SessionUser = { id: 1, name: 'admin', displayName: '管理员', role: 'admin', mustChangePassword: false };
  beforeEach(async () => {
    t = openTestCore();
    await setupAndLogin(t.core);
  });
  afterEach(() => t.close());

  const plan = (query: CustomerListQuery, user = sup) => {
    const p = buildListQuery(t.db, user, customerListQuerySchema.parse(query));
    const detail = (sql: string, params: unknown[]) =>
      (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    return { rows: detail(p.rows.sql, [...p.rows.params, 100, 0]), count: detail(p.count.sql, p.count.params) };
  };

  it('pages a tier by name straight off the (tier, name_pinyin) index, without sorting', () => {
    const p = plan({ tier: ['A'], sort: 'name' });
    expect(p.rows).toContain('customers_tier_name');
    expect(p.rows).not.toContain('TEMP B-TREE');
    expect(plan({ sort: 'name', dir: 'desc' }).rows).toContain('customers_live_name');
  });

  it('drives a narrow quick search from the FTS / initials / code indexes, not a table scan', () => {
    expect(plan({ q: '张三' }).rows).toContain('customer_fts_bi');
    expect(plan({ q: '张三丰' }).rows).toContain('customer_fts_tri');
    const initials = plan({ q: 'zs' }).rows;
    expect(initials).toContain('customers_initials');
    expect(initials).not.toMatch(/SCAN c\b|SCAN customers\b/);
    expect(plan({ q: 'C0001' }).rows).toContain('sqlite_autoindex_customers_1');
  });
});

describe('broad quick searches (more hits than BROAD_SEARCH)', () => {
  let t: TestCore;
  let admin: string;
  let mgr: { id: number; token: string };
  const shops = BROAD_SEARCH + 300;
  beforeEach(async () => {
    t = openTestCore();
    admin = await setupAndLogin(t.core);
    mgr = await createAndLogin(t.core, admin, 'zhangmgr', 'manager');
    const rows: BulkCustomer[] = [];
    for (let i = 0; i < shops; i++) {
      rows.push({ name: `${'赵钱孙李周吴郑王'[i % 8]}${i}便利店`, kind: '零售户', managerId: i % 10 === 0 ? mgr.id : null, tier: i % 2 ? 'A' : 'B' });
    }
    rows.push({ name: '张记五金', kind: '零售户', managerId: mgr.id });
    insertCustomersBulk(t.db, rows, 1);
    t.db.prepare("UPDATE customers SET deleted_at = '2024-06-01 10:00:00' WHERE name IN ('赵0便利店', '王7便利店')").run();
  });
  afterEach(() => t.close());

  it('assigns consecutive codes and search columns in bulk, and leaves the FTS triggers in place', async () => {
    const first = t.db.prepare('SELECT code, name_initials, name_bigrams FROM customers ORDER BY id LIMIT 1').get();
    expect(first).toEqual({ code: 'C000001', name_initials: 'z0bld', name_bigrams: '赵0 0便 便利 利店 店' });
    expect((await createCustomer(t.core, admin, person('新开小卖部'))).code).toBe(`C${String(shops + 2).padStart(6, '0')}`);
    expect(expectOk(await call(t.core, admin, 'customers.list', { q: '新开' })).rows.map((r) => r.name)).toEqual(['新开小卖部']);
    t.db.exec("INSERT INTO customer_fts_tri(customer_fts_tri, rank) VALUES('integrity-check', 1)");
    t.db.exec("INSERT INTO customer_fts_bi(customer_fts_bi, rank) VALUES('integrity-check', 1)");
  });

  it('analyses the customers table once it has outgrown its statistics', async () => {
    t.db.exec('ANALYZE customers');
    t.db.exec("UPDATE sqlite_stat1 SET stat = '10 2' WHERE tbl = 'customers'");
    expectOk(await call(t.core, admin, 'customers.list', {}));
    const n = (t.db.prepare("SELECT max(CAST(stat AS INTEGER)) AS n FROM sqlite_stat1 WHERE tbl = 'customers'").get() as { n: number }).n;
    expect(n).toBe(shops + 1);
  });

  it('returns the same rows and totals as a narrow search would', async () => {
    const page = expectOk(await call(t.core, admin, 'customers.list', { q: '店', limit: 50 }));
    expect(page.total).toBe(shops - 2);
    const expectedFirst = t.db
      .prepare("SELECT id FROM customers WHERE deleted_at IS NULL AND name LIKE '%店%' ORDER BY name_pinyin, id LIMIT 50")
      .all()
      .map((r) => (r as { id: number }).id);
    expect(page.rows.map((r) => r.id)).toEqual(expectedFirst);
    expect(page.rows.map((r) => r.name)).not.toContain('赵0便利店');

    const tierA = expectOk(await call(t.core, admin, 'customers.list', { q: '便利店', tier: ['A'], limit: 10 }));
    const expectedA = (t.db.prepare("SELECT count(*) AS n FROM customers WHERE tier = 'A' AND deleted_at IS NULL AND name LIKE '%便利店%'").get() as { n: number }).n;
    expect(tierA.total).toBe(expectedA);
    expect(tierA.rows.every((r) => r.tier === 'A')).toBe(true);

    const own = expectOk(await call(t.core, mgr.token, 'customers.list', { q: '店', limit: 500 }));
    const expectedOwn = t.db
      .prepare("SELECT id FROM customers WHERE manager_id = ? AND deleted_at IS NULL AND name LIKE '%店%' ORDER BY name_pinyin, id")
      .all(mgr.id)
      .map((r) => (r as { id: number }).id);
    expect(own.total).toBe(expectedOwn.length);
    expect(own.rows.map((r) => r.id)).toEqual(expectedOwn);
  });

  it('counts a broad latin query (initials + code + names) without double-counting', async () => {
    const page = expectOk(await call(t.core, admin, 'customers.list', { q: 'c', limit: 10 }));
    const expected = (t.db.prepare("SELECT count(*) AS n FROM customers WHERE deleted_at IS NULL AND (name_initials LIKE 'c%' OR code LIKE 'C%' OR name LIKE '%c%')").get() as { n: number }).n;
    expect(expected).toBeGreaterThan(BROAD_SEARCH);
    expect(page.total).toBe(expected);
  });
});
