import { localDate } from '../../../shared/domain/visitRules';
import { requireUser, type HandlerMap } from '../context';
import { kpiReport } from './figures';
import { kpiScope } from './scope';

type KpiMethods = 'kpi.report';

export const kpiHandlers: HandlerMap<KpiMethods> = {
  'kpi.report': (ctx, input) => {
    const user = requireUser(ctx);
    const scope = kpiScope(ctx.db, user, input.manager);
    return kpiReport(ctx.db, scope, input.from, input.to, localDate(ctx.now()));
  },
};
