import { describe, expect, it } from 'vitest';
import {
  addCounts,
  archiveFieldValid,
  archiveScore,
  ARCHIVE_REQUIRED,
  contractFigures,
  EMPTY_COUNTS,
  KPI_CONTRACT_FIELDS,
  kpiFromCounts,
  kpiQuerySchema,
} from '../../../../shared/domain/kpi';

const TODAY = new Date(2026, 11, 8);
// Valid by their check digits (ISO 7064 MOD 11-2, GB 32100 MOD 31).
const ID = '110101199003074514';
const CREDIT = '91350100M000100Y43';

describe('KPI figures from counts', () => {
  it('an empty period: counts are 0 and every rate is null (no denominator)', () => {
    const k = kpiFromCounts(EMPTY_COUNTS);
    expect(k).toMatchObject({
      assigned: 0,
      planCompletionRate: null,
      coverage: null,
      avgOnSiteMinutes: null,
      signatureRate: null,
      archiveCompleteness: null,
      keyCustomerLossRate: null,
      visits: 0,
    });
  });
  it('hand-computed rates', () => {
    const k = kpiFromCounts({
      ...EMPTY_COUNTS,
      assigned: 8,
      visitedCustomers: 6,
      planned: 10,
      plannedDone: 7,
      visits: 12,
      timedVisits: 10,
      onSiteMinutes: 425,
      signedVisits: 9,
      archiveRequired: 40,
      archiveValid: 30,
      keyCustomers: 3,
      keyCustomersLost: 1,
    });
    expect(k.planCompletionRate).toBe(0.7);
    expect(k.coverage).toBe(0.75);
    expect(k.avgOnSiteMinutes).toBe(42.5);
    expect(k.signatureRate).toBe(0.75);
    expect(k.archiveCompleteness).toBe(0.75);
    expect(k.keyCustomerLossRate).toBe(0.25);
  });
  it('the branch adds the managers’ counts, then takes the rates (not the mean of rates)', () => {
    const a = { ...EMPTY_COUNTS, assigned: 10, visitedCustomers: 10 };
    const b = { ...EMPTY_COUNTS, assigned: 30, visitedCustomers: 0 };
    expect(kpiFromCounts(addCounts(a, b)).coverage).toBe(0.25);
  });
  it('the contract figures are exactly the CLI fields, in order', () => {
    expect(Object.keys(contractFigures(kpiFromCounts(EMPTY_COUNTS)))).toEqual([...KPI_CONTRACT_FIELDS]);
  });
});

describe('archive completeness', () => {
  it('each kind has the fields CUSTOMER_FIELDS marks required, plus its own', () => {
    for (const fields of Object.values(ARCHIVE_REQUIRED)) expect(fields.slice(0, 2)).toEqual(['name', 'kind']);
    expect(ARCHIVE_REQUIRED['个人']).toContain('idNumber');
    expect(ARCHIVE_REQUIRED['企业']).toContain('creditCode');
    expect(ARCHIVE_REQUIRED['零售户']).toContain('licenceNo');
  });
  it('filled and valid: a wrong check digit or a bad mobile does not count', () => {
    expect(archiveFieldValid('idNumber', ID, TODAY)).toBe(true);
    expect(archiveFieldValid('idNumber', '110101199003074515', TODAY)).toBe(false);
    expect(archiveFieldValid('creditCode', CREDIT, TODAY)).toBe(true);
    expect(archiveFieldValid('creditCode', '91350100M000100Y44', TODAY)).toBe(false);
    expect(archiveFieldValid('mobile', '13800138000', TODAY)).toBe(true);
    expect(archiveFieldValid('mobile', '12800138000', TODAY)).toBe(false);
    expect(archiveFieldValid('address', '  ', TODAY)).toBe(false);
    expect(archiveFieldValid('tier', null, TODAY)).toBe(false);
  });
  it('a person: 7 required fields, 5 of them filled and valid', () => {
    const score = archiveScore('个人', { name: '张三', kind: '个人', idNumber: ID, mobile: '123', address: '', tier: 'A', manager: 'zhang' }, TODAY);
    expect(score).toEqual([7, 5]);
  });
  it('a kind outside the list is held to the base and the common fields', () => {
    expect(archiveScore('社团', { name: '某协会', kind: '社团' }, TODAY)).toEqual([5, 2]);
  });
});

describe('period input', () => {
  it('refuses a reversed period and a bad date in Chinese', () => {
    const r = kpiQuerySchema.safeParse({ from: '2026-11-30', to: '2026-11-01' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe('开始日期不能晚于结束日期');
    expect(kpiQuerySchema.safeParse({ from: '2026-02-30', to: '2026-03-01' }).error?.issues[0].message).toBe('须为有效日期，格式 YYYY-MM-DD');
  });
});
