import { z } from 'zod';
import { ComplaintRow } from './complaints';
import { FollowUp } from './followups';
import { PlanEntry } from './plans';
import { Visit } from './visits';

export const homeSchema = z
  .object({
    /** How many overdue customers to list (most overdue first). */
    overdueLimit: z.number().int().min(1).max(200).default(20),
  })
  .strict();

export interface OverdueCustomer {
  customerId: number;
  code: string;
  name: string;
  tier: string;
  intervalDays: number;
  /** `YYYY-MM-DD`; null = never visited. */
  lastVisitAt: string | null;
  /** Days past the tier interval (never visited: days since the archive was created). */
  overdueDays: number;
  neverVisited: boolean;
}

export interface HomeToday {
  date: string;
  /** The caller's visit signed in and not yet out. */
  openVisit: Visit | null;
  /** Today's plan of the caller. */
  plan: PlanEntry[];
  followUps: { overdue: FollowUp[]; overdueCount: number; dueToday: FollowUp[] };
  /** Open complaints of the caller's customers (负责人/管理员: all, 待审批 first). */
  complaints: { open: ComplaintRow[]; count: number };
  /** The caller's customers overdue for a visit by their tier, most overdue first. */
  overdueCustomers: { rows: OverdueCustomer[]; total: number };
}