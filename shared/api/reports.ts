import {
  reportDraftSchema,
  reportGetSchema,
  reportListSchema,
  reportReviewSchema,
  reportSaveSchema,
  type MonthlyReport,
  type MonthlyReportSummary,
} from '../domain/monthlyReport';
import { method, type MethodDef } from './define';

export const reportsApi = {
  /** Creates (or refreshes the figures of) a manager's report for a month; a 客户经理 drafts their own. */
  'reports.draft': method<MonthlyReport>()(reportDraftSchema, 'user'),
  'reports.get': method<MonthlyReport>()(reportGetSchema, 'user'),
  'reports.list': method<MonthlyReportSummary[]>()(reportListSchema, 'user'),
  /** The manager's text (问题及原因, 对策措施, 客户意见, 次月预测) while a draft or returned. */
  'reports.save': method<MonthlyReport>()(reportSaveSchema, 'user'),
  /** Submits: a new version is kept with the text and figures as submitted. */
  'reports.submit': method<MonthlyReport>()(reportGetSchema, 'user'),
  /** The supervisor approves or returns (with comments) the submitted version. */
  'reports.review': method<MonthlyReport>()(reportReviewSchema, ['admin', 'supervisor']),
} satisfies Record<string, MethodDef>;
