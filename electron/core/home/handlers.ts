import { localDate } from '../../../shared/domain/visitRules';
import { openComplaints, toComplaintRow } from '../complaints/repo';
import { requireUser, type HandlerMap } from '../context';
import { isScopedToOwn } from '../customers/scope';
import { followUpsDueOn, overdueBefore, overdueFollowUpsOf, toFollowUp } from '../followups/repo';
import { entriesOfDay } from '../plans/repo';
import { openVisitOf, toVisit } from '../visits/repo';
import { overdueCustomers } from './overdue';

/** How many rows each home-screen list shows; the counts say how many there are in all. */
const LIST_LIMIT = 50;

export const homeHandlers: HandlerMap<'home.today'> = {
  'home.today': (ctx, input) => {
    const user = requireUser(ctx);
    const today = localDate(ctx.now());
    const open = openVisitOf(ctx.db, user.id);
    const branchWide = !isScopedToOwn(user);
    const overdueFrom = overdueBefore(ctx.db, today);
    const overdue = overdueFollowUpsOf(ctx.db, user.id, overdueFrom, LIST_LIMIT);
    const complaints = openComplaints(ctx.db, branchWide ? null : user.id, LIST_LIMIT);
    return {
      date: today,
      openVisit: open ? toVisit(ctx.db, open) : null,
      plan: entriesOfDay(ctx.db, user.id, today),
      followUps: {
        overdue: overdue.rows.map((r) => toFollowUp(r, overdueFrom)),
        overdueCount: overdue.total,
        dueToday: followUpsDueOn(ctx.db, user.id, today, LIST_LIMIT).map((r) => toFollowUp(r, overdueFrom)),
      },
      complaints: { open: complaints.rows.map((r) => toComplaintRow(r, today)), count: complaints.total },
      overdueCustomers: overdueCustomers(ctx.db, branchWide ? null : user.id, today, input.overdueLimit),
    };
  },
};
