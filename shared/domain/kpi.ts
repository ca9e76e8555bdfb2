import { z } from 'zod';
import { validateCreditCode, validateIdCard, validateMobile, validatePhone } from '../validators';
import { CUSTOMER_FIELDS, type CustomerField } from './customers';
import { isValidDate } from './visitRules';

/**
 * The supervisor's figures (DOMAIN.md "What supervisors measure"). The core counts
 * (KpiCounts, SQL); everything derived from counts — rates, means, the branch's sum — is
 * here, pure, so the CLI, the dashboard, the score and the printed report agree.
 * Rates are fractions in [0, 1] and null when their denominator is 0.
 */

/** What the core counts for one manager (or one tier, or the branch) in a period. */
export interface KpiCounts {
  /** Customers assigned at the end of the period (live, status not 流失/退网; created later ones too, see kpi/repo.ts). */
  assigned: number;
  /** Of those, visited at least once in the period (by anyone). */
  visitedCustomers: number;
  /** Plan entries dated in the period (not removed). */
  planned: number;
  /** Of those, done (status 已完成 or linked to a visit). */
  plannedDone: number;
  /** Visits signed in during the period, counted for the visit's own manager. */
  visits: number;
  /** Visits with an on-site duration, and the sum of those minutes. */
  timedVisits: number;
  onSiteMinutes: number;
  specialVisits: number;
  returnVisits: number;
  signedVisits: number;
  /** Follow-ups due in the period (before today) that were not done by their due date. */
  overdueFollowUps: number;
  /** Required archive fields of the assigned customers, and how many are filled and valid. */
  archiveRequired: number;
  archiveValid: number;
  newCustomers: number;
  /** Key customers assigned, and key customers that became 流失/退网 in the period. */
  keyCustomers: number;
  keyCustomersLost: number;
  complaintsOpened: number;
  complaintsClosed: number;
}

export const EMPTY_COUNTS: KpiCounts = {
  assigned: 0,
  visitedCustomers: 0,
  planned: 0,
  plannedDone: 0,
  visits: 0,
  timedVisits: 0,
  onSiteMinutes: 0,
  specialVisits: 0,
  returnVisits: 0,
  signedVisits: 0,
  overdueFollowUps: 0,
  archiveRequired: 0,
  archiveValid: 0,
  newCustomers: 0,
  keyCustomers: 0,
  keyCustomersLost: 0,
  complaintsOpened: 0,
  complaintsClosed: 0,
};

/** The figures of the CLI contract (`kpi --json`), in its order. */
export interface KpiFigures {
  assigned: number;
  planned: number;
  plannedDone: number;
  planCompletionRate: number | null;
  visitedCustomers: number;
  coverage: number | null;
  visits: number;
  avgOnSiteMinutes: number | null;
  specialVisits: number;
  returnVisits: number;
  signatureRate: number | null;
  overdueFollowUps: number;
  archiveCompleteness: number | null;
  newCustomers: number;
  keyCustomersLost: number;
}

/** What the API gives beyond the contract: the other DOMAIN.md figures. */
export interface KpiExtra {
  complaintsOpened: number;
  complaintsClosed: number;
  keyCustomers: number;
  /** 重点客户流失率 = key customers lost / (key customers assigned at the end + those lost). */
  keyCustomerLossRate: number | null;
}

export type KpiRow = KpiFigures & KpiExtra;

export const KPI_CONTRACT_FIELDS = [
  'assigned',
  'planned',
  'plannedDone',
  'planCompletionRate',
  'visitedCustomers',
  'coverage',
  'visits',
  'avgOnSiteMinutes',
  'specialVisits',
  'returnVisits',
  'signatureRate',
  'overdueFollowUps',
  'archiveCompleteness',
  'newCustomers',
  'keyCustomersLost',
] as const satisfies readonly (keyof KpiFigures)[];

/** n/d, null when d is 0. */
export function rate(n: number, d: number): number | null {
  return d === 0 ? null : n / d;
}

export function kpiFromCounts(c: KpiCounts): KpiRow {
  return {
    assigned: c.assigned,
    planned: c.planned,
    plannedDone: c.plannedDone,
    planCompletionRate: rate(c.plannedDone, c.planned),
    visitedCustomers: c.visitedCustomers,
    coverage: rate(c.visitedCustomers, c.assigned),
    visits: c.visits,
    avgOnSiteMinutes: rate(c.onSiteMinutes, c.timedVisits),
    specialVisits: c.specialVisits,
    returnVisits: c.returnVisits,
    signatureRate: rate(c.signedVisits, c.visits),
    overdueFollowUps: c.overdueFollowUps,
    archiveCompleteness: rate(c.archiveValid, c.archiveRequired),
    newCustomers: c.newCustomers,
    keyCustomersLost: c.keyCustomersLost,
    complaintsOpened: c.complaintsOpened,
    complaintsClosed: c.complaintsClosed,
    keyCustomers: c.keyCustomers,
    keyCustomerLossRate: rate(c.keyCustomersLost, c.keyCustomers + c.keyCustomersLost),
  };
}

/** Adds counts (manager rows into the branch row): every count is additive by construction. */
export function addCounts(a: KpiCounts, b: KpiCounts): KpiCounts {
  const out = { ...a };
  for (const k of Object.keys(EMPTY_COUNTS) as (keyof KpiCounts)[]) out[k] = a[k] + b[k];
  return out;
}

/** Only the contract's fields, in its order (the CLI prints exactly these). */
export function contractFigures(row: KpiFigures): KpiFigures {
  const out = {} as Record<string, unknown>;
  for (const k of KPI_CONTRACT_FIELDS) out[k] = row[k];
  return out as unknown as KpiFigures;
}

/**
 * Labels and "higher or lower is better" for every indicator the score may use. Counts
 * that grow with the size of a book (visits) are offered too; the supervisor sets x1/x2.
 */
export const KPI_INDICATORS = {
  planCompletionRate: { label: '拜访计划完成率', unit: '%', higherIsBetter: true },
  coverage: { label: '覆盖率', unit: '%', higherIsBetter: true },
  avgOnSiteMinutes: { label: '平均在户时间', unit: '分钟', higherIsBetter: true },
  signatureRate: { label: '客户签字率', unit: '%', higherIsBetter: true },
  archiveCompleteness: { label: '档案完整率', unit: '%', higherIsBetter: true },
  visits: { label: '走访次数', unit: '次', higherIsBetter: true },
  specialVisits: { label: '特殊访问次数', unit: '次', higherIsBetter: true },
  returnVisits: { label: '回访次数', unit: '次', higherIsBetter: true },
  newCustomers: { label: '新增客户', unit: '户', higherIsBetter: true },
  overdueFollowUps: { label: '逾期待跟进', unit: '条', higherIsBetter: false },
  keyCustomersLost: { label: '重点客户流失', unit: '户', higherIsBetter: false },
  keyCustomerLossRate: { label: '重点客户流失率', unit: '%', higherIsBetter: false },
  complaintsOpened: { label: '新增投诉', unit: '件', higherIsBetter: false },
} as const satisfies Partial<Record<keyof KpiRow, { label: string; unit: string; higherIsBetter: boolean }>>;

export type KpiIndicator = keyof typeof KPI_INDICATORS;
export const KPI_INDICATOR_KEYS = Object.keys(KPI_INDICATORS) as [KpiIndicator, ...KpiIndicator[]];

/**
 * 档案完整率: which archive fields a customer of each kind must have filled and valid.
 * The base is the fields CUSTOMER_FIELDS marks required (name, kind); on top of it the
 * fields the archive cannot do without for that kind: a person's 身份证号 and mobile, an
 * organisation's 统一社会信用代码 and a contact phone, a tobacco retailer's 许可证号; and for
 * everyone the address, the tier and the manager, without which nobody can plan a visit.
 */
/** The fields an archive may be required to have (the core checks exactly these). */
export type ArchiveField = Extract<CustomerField, 'name' | 'kind' | 'idNumber' | 'creditCode' | 'licenceNo' | 'mobile' | 'phone' | 'address' | 'tier' | 'manager'>;
const BASE_REQUIRED = CUSTOMER_FIELDS.filter((f) => f.required).map((f) => f.key as ArchiveField);
const EVERYONE: ArchiveField[] = ['address', 'tier', 'manager'];
export const ARCHIVE_REQUIRED: Record<string, readonly ArchiveField[]> = {
  个人: [...BASE_REQUIRED, 'idNumber', 'mobile', ...EVERYONE],
  企业: [...BASE_REQUIRED, 'creditCode', 'phone', ...EVERYONE],
  集团客户: [...BASE_REQUIRED, 'creditCode', 'phone', ...EVERYONE],
  零售户: [...BASE_REQUIRED, 'licenceNo', 'mobile', ...EVERYONE],
  经销商: [...BASE_REQUIRED, 'creditCode', 'licenceNo', 'phone', ...EVERYONE],
};
/** A kind outside the list (a branch's own) is held to the base and the common fields. */
export const ARCHIVE_REQUIRED_OTHER: readonly ArchiveField[] = [...BASE_REQUIRED, ...EVERYONE];

/** The kinds whose archive requires `field` (the core fetches a value to check only for those). */
export function kindsRequiring(field: ArchiveField): string[] {
  return Object.entries(ARCHIVE_REQUIRED)
    .filter(([, fields]) => fields.includes(field))
    .map(([kind]) => kind);
}

export type ArchiveValues = Partial<Record<CustomerField, string | number | null>>;

/** Is one required field filled and valid? (the same checks the archive form makes). */
export function archiveFieldValid(field: CustomerField, value: string | number | null | undefined, today = new Date()): boolean {
  if (value === null || value === undefined) return false;
  const s = String(value).trim();
  if (!s) return false;
  switch (field) {
    case 'idNumber':
      return validateIdCard(s, today).ok;
    case 'creditCode':
      return validateCreditCode(s).ok;
    case 'mobile':
      return validateMobile(s).ok;
    case 'phone':
      return validatePhone(s).ok;
    default:
      return true;
  }
}

/** [required, filled and valid] for one customer's archive. */
export function archiveScore(kind: string, values: ArchiveValues, today = new Date()): [number, number] {
  const fields = ARCHIVE_REQUIRED[kind] ?? ARCHIVE_REQUIRED_OTHER;
  let valid = 0;
  for (const f of fields) if (archiveFieldValid(f, values[f], today)) valid++;
  return [fields.length, valid];
}

const date = z.string().refine(isValidDate, '须为有效日期，格式 YYYY-MM-DD');
export const kpiQuerySchema = z
  .object({
    from: date,
    to: date,
    /** Only this manager (user name); a 客户经理 always sees only themselves. */
    manager: z.string().trim().min(1).optional(),
  })
  .strict()
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type KpiQuery = z.infer<typeof kpiQuerySchema>;

export interface KpiManagerRow extends KpiRow {
  managerId: number;
  /** The user name (the CLI contract's `manager`). */
  manager: string;
  managerDisplayName: string;
}

export interface KpiTierRow {
  tier: string;
  assigned: number;
  visitedCustomers: number;
  coverage: number | null;
  visits: number;
}

export interface KpiReport {
  from: string;
  to: string;
  managers: KpiManagerRow[];
  tiers: KpiTierRow[];
  branch: KpiRow;
}

/** Labels of the on-site bands (electron/core/kpi/repo.ts ON_SITE_BOUNDS). */
export const ON_SITE_BAND_LABELS = ['15 分钟以下', '15–30 分钟', '30–45 分钟', '45–60 分钟', '60–90 分钟', '90 分钟以上'];

export interface KpiWeek {
  /** Monday of the week. */
  week: string;
  planned: number;
  plannedDone: number;
  planCompletionRate: number | null;
  visits: number;
  visitedCustomers: number;
  /** Customers visited that week / customers assigned at the end of the period. */
  coverage: number | null;
}

export interface KpiDashboard {
  report: KpiReport;
  weeks: KpiWeek[];
  /** Visits per on-site band (ON_SITE_BAND_LABELS). */
  onSite: number[];
  openWarnings: number;
}
