import { z } from 'zod';
import { page } from './common';

/**
 * Churn warnings (流失预警 / 离网必访, DOMAIN.md "Churn warning"): configurable rules flag
 * a customer; each flag makes a 必访 follow-up for the customer's manager and stays open
 * until someone handles it with a note.
 */
export const WARNING_RULES = ['not_visited', 'volume_drop', 'complaint_open', 'dormant'] as const;
export type WarningRule = (typeof WARNING_RULES)[number];

export const WARNING_RULE_LABELS: Record<WarningRule, string> = {
  not_visited: '超期未访',
  volume_drop: '业务量下降',
  complaint_open: '投诉未结',
  dormant: '转为休眠',
};

export interface WarningRules {
  /** A key customer not visited for longer than k × its tier's interval. */
  notVisitedFactor: number;
  /** Monthly volume down more than X % against the previous three months' average. */
  volumeDropPercent: number;
  /** A complaint open longer than N days. */
  complaintOpenDays: number;
  /** A change to 休眠. */
  dormant: boolean;
  /** Volume, complaint and 休眠 rules only for key customers (重点客户), as DOMAIN.md says; off: every customer. */
  keyOnly: boolean;
}

export const DEFAULT_WARNING_RULES: WarningRules = { notVisitedFactor: 2, volumeDropPercent: 30, complaintOpenDays: 7, dormant: true, keyOnly: true };

export const warningRulesSchema = z
  .object({
    notVisitedFactor: z.number({ error: '倍数须为数字' }).min(1, '倍数不能小于 1').max(12, '倍数不能大于 12'),
    volumeDropPercent: z.number({ error: '降幅须为数字' }).gt(0, '降幅须大于 0').max(100, '降幅不能大于 100'),
    complaintOpenDays: z.number({ error: '天数须为整数' }).int('天数须为整数').min(1, '天数不能小于 1').max(365, '天数不能大于 365'),
    dormant: z.boolean(),
    keyOnly: z.boolean(),
  })
  .strict();

export const warningListSchema = z
  .object({
    ...page,
    status: z.enum(['open', 'closed', 'all']).default('open'),
  })
  .strict();

export const warningCloseSchema = z
  .object({
    id: z.number().int().positive(),
    note: z.string().trim().min(1, '处理说明不能为空').max(500, '处理说明最多 500 字'),
  })
  .strict();

export interface ChurnWarning {
  id: number;
  customerId: number;
  customer: string;
  customerName: string;
  managerId: number | null;
  manager: string | null;
  managerDisplayName: string | null;
  rule: WarningRule;
  ruleLabel: string;
  detail: string;
  followUpId: number | null;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
  note: string | null;
}

export interface WarningEvaluation {
  created: number;
  byRule: Record<WarningRule, number>;
}
