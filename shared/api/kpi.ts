import { z } from 'zod';
import { kpiQuerySchema, type KpiDashboard, type KpiReport } from '../domain/kpi';
import type { JobStatus } from '../domain/jobs';
import { isValidDate } from '../domain/visitRules';
import { method, type MethodDef } from './define';

export const kpiApi = {
  /** KPIs of a period per manager, per tier and for the branch; a 客户经理 gets only their own. */
  'kpi.report': method<KpiReport>()(kpiQuerySchema, 'user'),
  /** The dashboard: the report, plan completion and coverage by week, on-site bands, open warnings. */
  'kpi.dashboard': method<KpiDashboard>()(kpiQuerySchema, 'user'),
  /** Starts the 考核汇总 workbook job (KPIs, tier coverage, score ranking, overdue follow-ups, warnings, visits). */
  'kpi.summary': method<JobStatus>()(
    z
      .object({ from: z.string().refine(isValidDate, '须为有效日期，格式 YYYY-MM-DD'), to: z.string().refine(isValidDate, '须为有效日期，格式 YYYY-MM-DD') })
      .strict()
      .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] }),
    ['admin', 'supervisor'],
  ),
} satisfies Record<string, MethodDef>;
