import { requireUser, type HandlerMap } from '../context';
import { requireCustomerAccess } from '../customers/scope';
import { listCustomerVolumes } from './repo';

export const volumeHandlers: HandlerMap<'volumes.list'> = {
  'volumes.list': (ctx, input) => {
    requireCustomerAccess(ctx.db, requireUser(ctx), input.customerId);
    return listCustomerVolumes(ctx.db, input.customerId, input.from, input.to);
  },
};
