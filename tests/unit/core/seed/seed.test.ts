import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCore } from '../../../../electron/core/app';
import { generateCustomers, seedBranch, type GenerateOptions } from '../../../../electron/core/seed/index';
import { BRANCH_PRESETS, DEFAULT_REGIONS, DEFAULT_TAGS } from '../../../../shared/domain/presets';
import { validateCreditCode, validateIdCard, validateLandline, validateMobile } from '../../../../shared/validators/index';
import { TEST_PASSWORD_COST } from '../../helpers/core';

const tobacco: GenerateOptions = {
  seed: 20261123,
  managers: ['manager01', 'manager02', 'manager03'],
  tiers: BRANCH_PRESETS.tobacco.tiers.map((t) => t.name),
  regions: DEFAULT_REGIONS,
  tags: DEFAULT_TAGS,
  industries: BRANCH_PRESETS.tobacco.industries,
  branchType: 'tobacco',
};
const bank: GenerateOptions = {
  ...tobacco,
  seed: 7,
  branchType: 'bank',
  tiers: BRANCH_PRESETS.bank.tiers.map((t) => t.name),
  industries: BRANCH_PRESETS.bank.industries,
};

describe('generateCustomers', () => {
  const rows = [...generateCustomers(3000, tobacco), ...generateCustomers(3000, { ...bank, firstCode: 3001 })];

  it('produces ID numbers, credit codes, mobiles and landlines the shared validators accept, already normalised', () => {
    const today = new Date(2026, 0, 1);
    let ids = 0;
    let credits = 0;
    for (const c of rows) {
      for (const idNumber of [c.idNumber].filter(Boolean) as string[]) {
        const r = validateIdCard(idNumber, today);
        expect(r, `${c.name} ${idNumber}`).toMatchObject({ ok: true, value: idNumber });
        ids++;
      }
      if (c.creditCode) {
        expect(validateCreditCode(c.creditCode), `${c.name} ${c.creditCode}`).toEqual({ ok: true, value: c.creditCode });
        credits++;
      }
      const mobiles = [c.mobile, ...(c.contacts ?? []).map((x) => x.mobile)].filter(Boolean) as string[];
      for (const m of mobiles) expect(validateMobile(m)).toEqual({ ok: true, value: m });
      const phones = [c.phone, ...(c.contacts ?? []).map((x) => x.phone)].filter(Boolean) as string[];
      for (const p of phones) expect(validateLandline(p)).toEqual({ ok: true, value: p });
    }
    expect(ids).toBeGreaterThan(2000);
    expect(credits).toBeGreaterThan(1000);
  });

  it('gives every customer a unique code, and unique ID numbers, credit codes and mobiles', () => {
    const unique = (values: (string | undefined)[]) => {
      const present = values.filter(Boolean);
      return new Set(present).size === present.length;
    };
    expect(unique(rows.map((c) => c.code))).toBe(true);
    expect(rows[0].code).toBe('C000001');
    expect(rows[3000].code).toBe('C003001');
    expect(unique(rows.map((c) => c.idNumber))).toBe(true);
    expect(unique(rows.map((c) => c.creditCode))).toBe(true);
    expect(unique(rows.map((c) => c.mobile))).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateCustomers(500, tobacco)).toEqual(generateCustomers(500, tobacco));
    expect(generateCustomers(50, { ...tobacco, seed: 1 })).not.toEqual(generateCustomers(50, { ...tobacco, seed: 2 }));
  });

  it('fills what each kind requires and keeps to the branch dictionaries', () => {
    const tob = rows.slice(0, 3000);
    expect(tob.filter((c) => c.kind === '零售户').length).toBeGreaterThan(2600);
    for (const c of rows) {
      expect(c.name.length).toBeGreaterThan(1);
      if (c.kind === '零售户') {
        expect(c.licenceNo).toMatch(/^\d{12}$/);
        expect(c.contacts).toHaveLength(1);
      }
      if (['企业', '经销商', '集团客户'].includes(c.kind)) {
        expect(c.creditCode).toBeTruthy();
        expect(c.contacts!.length).toBeGreaterThanOrEqual(1);
        expect(c.contacts!.length).toBeLessThanOrEqual(5);
        expect(c.contacts!.filter((x) => x.isDecisionMaker)).toHaveLength(1);
      }
      if (c.kind === '个人' || c.kind === '零售户') expect(c.mobile || c.phone).toBeTruthy();
      if (c.tier) expect(tob.includes(c) ? tobacco.tiers : bank.tiers).toContain(c.tier);
      expect(DEFAULT_REGIONS).toContain(c.region);
      for (const t of c.tags ?? []) expect(DEFAULT_TAGS).toContain(t);
      expect(tobacco.managers).toContain(c.manager);
      expect(c.address).toMatch(/号/);
    }
    const key = rows.filter((c) => c.keyCustomer).length / rows.length;
    expect(key).toBeGreaterThan(0.06);
    expect(key).toBeLessThan(0.15);
    const formal = rows.filter((c) => c.status === '正式').length / rows.length;
    expect(formal).toBeGreaterThan(0.7);
  });

  it('uses realistic names, including the polyphonic surnames search must get right', () => {
    const people = generateCustomers(20000, { ...bank, seed: 99 }).filter((c) => c.kind === '个人');
    const surnames = new Set(people.map((c) => c.name[0]));
    for (const s of ['王', '李', '张', '单', '曾', '解']) expect(surnames, s).toContain(s);
    const wang = people.filter((c) => c.name.startsWith('王')).length / people.length;
    expect(wang).toBeGreaterThan(0.04);
    expect(wang).toBeLessThan(0.1);
    for (const c of people) expect(Array.from(c.name).length).toBeGreaterThanOrEqual(2);
  });
});

describe('seedBranch', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'branchdesk-seed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the managers, stores the customers searchable and refuses a customer manager', async () => {
    const core = openCore({ dataDir: dir, passwordCost: TEST_PASSWORD_COST });
    try {
      await core.router.invoke(null, 'setup.init', { branchName: '城关烟草营销部', branchType: 'tobacco', adminName: 'admin', password: 'Admin#2026' });
      const admin = { id: 1, name: 'admin', displayName: 'admin', role: 'admin' as const, mustChangePassword: false };
      const first = await seedBranch(core.db, { user: admin, customers: 300, managers: 3, seed: 5, passwordCost: TEST_PASSWORD_COST });
      expect(first).toMatchObject({ managersCreated: 3, managersReused: 0, customers: 300, firstCode: 'C000001', lastCode: 'C000300' });
      const again = await seedBranch(core.db, { user: admin, customers: 10, managers: 3, seed: 6 });
      expect(again).toMatchObject({ managersCreated: 0, managersReused: 3, firstCode: 'C000301' });

      const login = await core.router.invoke(null, 'auth.login', { name: 'manager02', password: 'Manager#2026' });
      expect(login.result.ok).toBe(true);
      // The search index is filled set-wise by the bulk path: a name from the data must be findable.
      const some = core.db.prepare("SELECT name FROM customers WHERE length(name) >= 4 LIMIT 1").get() as { name: string };
      const admLogin = await core.router.invoke(null, 'auth.login', { name: 'admin', password: 'Admin#2026' });
      const found = await core.router.invoke(admLogin.sessionToken, 'customers.list', { q: some.name.slice(0, 3) });
      expect(found.result.ok && (found.result.value as { total: number }).total).toBeGreaterThan(0);
      const bigram = await core.router.invoke(admLogin.sessionToken, 'customers.list', { q: some.name.slice(1, 3) });
      expect(bigram.result.ok && (bigram.result.value as { total: number }).total).toBeGreaterThan(0);
      const triggers = core.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'customers'").get() as { n: number };
      expect(triggers.n).toBeGreaterThanOrEqual(3);
      // FTS5's own check compares the search index with the customers table it indexes.
      for (const t of ['customer_fts_tri', 'customer_fts_bi']) {
        expect(() => core.db.prepare(`INSERT INTO ${t}(${t}, rank) VALUES ('integrity-check', 1)`).run()).not.toThrow();
      }

      const manager = { id: 2, name: 'manager01', displayName: 'x', role: 'manager' as const, mustChangePassword: false };
      await expect(seedBranch(core.db, { user: manager, customers: 1, managers: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      core.close();
    }
  });
});
