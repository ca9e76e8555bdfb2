import { z } from 'zod';
import { dateSchema, id, mondaySchema } from './common';

export const PLAN_STATUSES = ['计划', '已完成', '未完成'] as const;

export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** How an entry got into a plan: generated, added by hand, or carried over from a missed one. */
export const PLAN_SOURCES = ['auto', 'manual', 'carried'] as const;

export type PlanSource = (typeof PLAN_SOURCES)[number];

export const PLAN_SOURCE_LABELS: Record<PlanSource, string> = { auto: '自动生成', manual: '手工添加', carried: '上周未完成结转' };

/** Visits per manager and day a generated plan holds unless the caller says otherwise. */
export const DEFAULT_PLAN_DAILY_CAP = 20;

export const planWeekSchema = z
  .object({
    week: mondaySchema,
    managerId: id.optional(),
    /** User name of the manager (CLI `--manager`), instead of managerId. */
    manager: z.string().trim().max(30).optional(),
  })
  .strict();

export const planGenerateSchema = z
  .object({
    week: mondaySchema,
    /** One manager; omitted: the caller (客户经理) or every manager (负责人/管理员). */
    managerId: id.optional(),
    /** User name of the manager (CLI `--manager`), instead of managerId. */
    manager: z.string().trim().max(30).optional(),
    dailyCap: z.number().int().min(1, { message: '每日上限至少1户' }).max(200, { message: '每日上限不能超过200户' }).optional(),
    /** Work out what would be added and left out (by tier) without storing anything: the confirmation's counts. */
    dryRun: z.boolean().optional(),
  })
  .strict();

export const planAddSchema = z
  .object({
    customerId: id.optional(),
    customer: z.string().trim().max(40).optional(),
    date: dateSchema('计划日期'),
    managerId: id.optional(),
  })
  .strict();

export const planMoveSchema = z.object({ id, date: dateSchema('计划日期') }).strict();

/** A plan entry. `{ date, customer, manager, status }` is the CLI/JSON contract. */
export interface PlanEntry {
  id: number;
  date: string;
  /** Customer code. */
  customer: string;
  /** User name of the manager. */
  manager: string;
  status: PlanStatus;
  customerId: number;
  customerName: string;
  customerTier: string;
  customerAddress: string;
  managerId: number;
  managerDisplayName: string;
  source: PlanSource;
  carriedFromId: number | null;
  /** Planned date of the missed entry this one carries over. */
  carriedFromDate: string | null;
  visitId: number | null;
  /** `YYYY-MM-DD` of the customer's last visit. */
  lastVisitAt: string | null;
}

export interface PlanWeek {
  week: string;
  days: string[];
  entries: PlanEntry[];
  summary: { total: number; planned: number; done: number; missed: number };
}

/** Counts of one tier (null = 未分级): due this week, added, left out by the daily caps. */
export interface PlanTierCounts {
  tier: string | null;
  due: number;
  added: number;
  unscheduled: number;
}

export interface PlanGenerateResult {
  week: string;
  /** True: nothing was stored (the counts a confirmation shows). */
  dryRun: boolean;
  /** The days that could receive entries (working days of the calendar, not past). */
  days: string[];
  /** All managers' counts by tier, highest tier first. */
  tiers: PlanTierCounts[];
  added: number;
  carried: number;
  /** Earlier entries newly marked 未完成. */
  markedMissed: number;
  managers: {
    managerId: number;
    manager: string;
    managerDisplayName: string;
    due: number;
    added: number;
    carried: number;
    kept: number;
    unscheduled: number;
    tiers: PlanTierCounts[];
  }[];
}