import { EXPORT_KIND_LABELS } from '../../../shared/domain/exports';
import { requireUser, type HandlerMap } from '../context';
import { requireDeletedAccess } from '../customers/scope';
import { jobUser } from '../jobs/user';

export const exportHandlers: HandlerMap<'exports.start'> = {
  'exports.start': (ctx, input) => {
    const user = requireUser(ctx);
    // Checked here too so a manager asking for the recycle bin is refused at once, not by a failed job.
    if (input.kind === 'customers' && input.filter.deleted) requireDeletedAccess(user);
    return ctx.jobs.start({ type: 'export', params: input }, jobUser(ctx.db, user), `导出${EXPORT_KIND_LABELS[input.kind]}（${input.format}）`);
  },
};
