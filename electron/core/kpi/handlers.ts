import { localDate } from '../../../shared/domain/visitRules';
import { requireUser, type HandlerMap } from '../context';
import { jobUser } from '../jobs/user';
import { rate } from '../../../shared/domain/kpi';
import { kpiReport } from './figures';
import { onSiteDistribution, openWarningCount, weeklySeries } from './repo';
import { kpiScope } from './scope';

type KpiMethods = 'kpi.report' | 'kpi.dashboard' | 'kpi.summary';

export const kpiHandlers: HandlerMap<KpiMethods> = {
  'kpi.report': (ctx, input) => {
    const user = requireUser(ctx);
    const scope = kpiScope(ctx.db, user, input.manager);
    return kpiReport(ctx.db, scope, input.from, input.to, localDate(ctx.now()));
  },

  'kpi.dashboard': (ctx, input) => {
    const user = requireUser(ctx);
    const scope = kpiScope(ctx.db, user, input.manager);
    const report = kpiReport(ctx.db, scope, input.from, input.to, localDate(ctx.now()));
    // A supervisor looking at one manager sees that manager's weeks; the branch otherwise.
    const managerId = scope.managerId;
    const assigned = scope.managerId === null ? report.branch.assigned : (report.managers[0]?.assigned ?? 0);
    const weeks = weeklySeries(ctx.db, input.from, input.to, managerId).map((w) => ({
      ...w,
      planCompletionRate: rate(w.plannedDone, w.planned),
      coverage: rate(w.visitedCustomers, assigned),
    }));
    return { report, weeks, onSite: onSiteDistribution(ctx.db, input.from, input.to, managerId), openWarnings: openWarningCount(ctx.db, managerId) };
  },

  'kpi.summary': (ctx, input) => {
    const user = requireUser(ctx);
    return ctx.jobs.start({ type: 'summary', params: input }, jobUser(ctx.db, user), `导出考核汇总（${input.from} 至 ${input.to}）`);
  },
};
