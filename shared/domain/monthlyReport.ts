import { z } from 'zod';
import type { KpiRow } from './kpi';

/**
 * The monthly analysis report (客户月度销售情况分析报告, DOMAIN.md): the app drafts the
 * figures, the manager writes the text, the supervisor approves or returns it. The
 * figures are computed here from plain rows so the printed form (shared/forms/) and
 * the screen show the same numbers: `monthlyReportFigures` is the one function to call.
 */
export const REPORT_STATUSES = ['草稿', '已提交', '已退回', '已批准'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** Due by this day of the following month unless the settings say otherwise. */
export const DEFAULT_REPORT_DUE_DAY = 5;
const TOP = 5;

export interface VolumeInputRow {
  customerId: number;
  code: string;
  name: string;
  month: string;
  metric: string;
  value: number;
}

export interface MetricFigures {
  metric: string;
  total: number;
  lastMonth: number | null;
  /** (total − lastMonth) / lastMonth; null without last month's figures or when it was 0. */
  changeVsLastMonth: number | null;
  sameMonthLastYear: number | null;
  changeVsLastYear: number | null;
}

export interface Mover {
  customerId: number;
  code: string;
  name: string;
  metric: string;
  value: number;
  previous: number;
  change: number;
}

export interface ReportComplaint {
  openedAt: string;
  customer: string;
  customerName: string;
  category: string;
  content: string;
  status: string;
}

export interface ReportOpinion {
  date: string;
  customer: string;
  customerName: string;
  text: string;
}

export interface MonthlyFigures {
  month: string;
  metrics: MetricFigures[];
  /** Of the first metric: the largest rises and falls against last month. */
  risers: Mover[];
  fallers: Mover[];
  visits: Pick<KpiRow, 'assigned' | 'visits' | 'visitedCustomers' | 'coverage' | 'avgOnSiteMinutes' | 'signatureRate' | 'planCompletionRate' | 'specialVisits' | 'returnVisits'>;
  complaints: { opened: number; closed: number; items: ReportComplaint[] };
  opinions: ReportOpinion[];
}

export function previousMonth(month: string, back = 1): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(y, m - 1 - back, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

const change = (now: number, before: number | null) => (before === null || before === 0 ? null : (now - before) / before);

/**
 * The report's figures from the volumes of the manager's customers (this month, last
 * month and the same month last year), the month's KPIs, complaints and opinions.
 */
export function monthlyReportFigures(input: {
  month: string;
  metrics: readonly string[];
  volumes: readonly VolumeInputRow[];
  kpi: KpiRow;
  complaints: { opened: number; closed: number; items: ReportComplaint[] };
  opinions: ReportOpinion[];
}): MonthlyFigures {
  const last = previousMonth(input.month);
  const lastYear = previousMonth(input.month, 12);
  const sum = (month: string, metric: string) => {
    const rows = input.volumes.filter((v) => v.month === month && v.metric === metric);
    return rows.length ? rows.reduce((s, v) => s + v.value, 0) : null;
  };
  const present = input.metrics.filter((m) => input.volumes.some((v) => v.metric === m));
  const metrics = present.map((metric) => {
    const total = sum(input.month, metric) ?? 0;
    const lastMonth = sum(last, metric);
    const sameMonthLastYear = sum(lastYear, metric);
    return { metric, total, lastMonth, changeVsLastMonth: change(total, lastMonth), sameMonthLastYear, changeVsLastYear: change(total, sameMonthLastYear) };
  });
  const movers: Mover[] = [];
  const main = present[0];
  if (main) {
    const before = new Map(input.volumes.filter((v) => v.month === last && v.metric === main).map((v) => [v.customerId, v.value]));
    for (const v of input.volumes) {
      if (v.month !== input.month || v.metric !== main || !before.has(v.customerId)) continue;
      const previous = before.get(v.customerId)!;
      movers.push({ customerId: v.customerId, code: v.code, name: v.name, metric: main, value: v.value, previous, change: v.value - previous });
    }
  }
  const byCode = (a: Mover, b: Mover) => a.code.localeCompare(b.code);
  const risers = movers.filter((m) => m.change > 0).sort((a, b) => b.change - a.change || byCode(a, b)).slice(0, TOP);
  const fallers = movers.filter((m) => m.change < 0).sort((a, b) => a.change - b.change || byCode(a, b)).slice(0, TOP);
  const k = input.kpi;
  return {
    month: input.month,
    metrics,
    risers,
    fallers,
    visits: {
      assigned: k.assigned,
      visits: k.visits,
      visitedCustomers: k.visitedCustomers,
      coverage: k.coverage,
      avgOnSiteMinutes: k.avgOnSiteMinutes,
      signatureRate: k.signatureRate,
      planCompletionRate: k.planCompletionRate,
      specialVisits: k.specialVisits,
      returnVisits: k.returnVisits,
    },
    complaints: input.complaints,
    opinions: input.opinions,
  };
}

/** The report is due on `dueDay` of the month after `month`. */
export function reportDue(month: string, dueDay = DEFAULT_REPORT_DUE_DAY): string {
  const next = previousMonth(month, -1);
  return `${next}-${String(dueDay).padStart(2, '0')}`;
}

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份须为 YYYY-MM，如 2026-11');
const text = (label: string) => z.string().max(5000, `${label}最多 5000 字`);

export const reportDraftSchema = z.object({ month: monthSchema, manager: z.string().trim().min(1).optional() }).strict();
export const reportGetSchema = z.object({ id: z.number().int().positive() }).strict();
export const reportListSchema = z.object({ month: monthSchema.optional(), status: z.enum(REPORT_STATUSES).optional() }).strict();
export const reportSaveSchema = z
  .object({ id: z.number().int().positive(), problems: text('问题及原因'), measures: text('对策措施'), opinions: text('客户意见'), forecast: text('次月预测') })
  .strict();
export const reportReviewSchema = z
  .object({ id: z.number().int().positive(), decision: z.enum(['已批准', '已退回']), comment: z.string().trim().max(2000) })
  .strict()
  .refine((r) => r.decision === '已批准' || r.comment.length > 0, { message: '退回时须填写审阅意见', path: ['comment'] });

export interface ReportVersion {
  version: number;
  submittedAt: string;
  submittedBy: string | null;
  problems: string;
  measures: string;
  opinions: string;
  forecast: string;
  figures: MonthlyFigures;
  decision: '已批准' | '已退回' | null;
  comment: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface MonthlyReport {
  id: number;
  managerId: number;
  manager: string;
  managerDisplayName: string;
  month: string;
  status: ReportStatus;
  due: string;
  /** Submitted after the due date, or not submitted and the due date has passed. */
  late: boolean;
  firstSubmittedAt: string | null;
  figures: MonthlyFigures;
  problems: string;
  measures: string;
  opinions: string;
  forecast: string;
  versions: ReportVersion[];
}

export type MonthlyReportSummary = Omit<MonthlyReport, 'figures' | 'versions'> & { versionCount: number };
