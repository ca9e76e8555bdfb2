import { kpiQuerySchema, type KpiDashboard, type KpiReport } from '../domain/kpi';
import { method, type MethodDef } from './define';

export const kpiApi = {
  /** KPIs of a period per manager, per tier and for the branch; a 客户经理 gets only their own. */
  'kpi.report': method<KpiReport>()(kpiQuerySchema, 'user'),
  /** The dashboard: the report, plan completion and coverage by week, on-site bands, open warnings. */
  'kpi.dashboard': method<KpiDashboard>()(kpiQuerySchema, 'user'),
} satisfies Record<string, MethodDef>;
