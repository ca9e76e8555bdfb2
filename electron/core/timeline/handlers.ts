import { localDate } from '../../../shared/domain/visitRules';
import { requireUser, type HandlerMap } from '../context';
import { requireCustomerAccess } from '../customers/scope';
import { customerTimeline } from './repo';

export const timelineHandlers: HandlerMap<'timeline.customer'> = {
  'timeline.customer': (ctx, input) => {
    requireCustomerAccess(ctx.db, requireUser(ctx), input.customerId);
    return customerTimeline(ctx.db, input.customerId, input.limit, input.before, localDate(ctx.now()));
  },
};
