import { z } from 'zod';
import { method, type MethodDef } from './define';

import { calendarProblems, MAX_CALENDAR_DAYS, type WorkCalendar } from '../domain/calendar';
import { dateSchema } from '../domain/common';
import { type BranchType } from '../domain/constants';
import { empty } from './common';

export interface Settings {
  branchName: string;
  branchType: BranchType;
  idleMinutes: number;
  lockoutMinutes: number;
  /** Generated plans: at most this many visits per manager and working day. */
  planDailyCap: number;
  /** Per tier name: at most this many visits of that tier per manager and day (tiers not named: only the overall cap). */
  planTierCaps: Record<string, number>;
  /** Holidays and 调休 working weekend days. */
  calendar: WorkCalendar;
  /** A printed sign-in sheet not handed back signed after this many days counts as outstanding. */
  outstandingSheetDays: number;
}

/** Messages without the field's name: the router puts the label in front. */
const capNumber = () => z.number().int({ message: '须为整数' }).min(1, { message: '至少1户' }).max(200, { message: '不能超过200户' });

const dayList = (label: string) => z.array(dateSchema(label)).max(MAX_CALENDAR_DAYS, { message: `${label}最多${MAX_CALENDAR_DAYS}天` });

export const calendarSchema = z
  .object({ holidays: dayList('节假日'), workdays: dayList('调休上班日') })
  .strict()
  .superRefine((cal, ctx) => {
    // No path: the message names the list and the day itself.
    for (const p of calendarProblems(cal)) ctx.addIssue({ code: 'custom', path: [], message: `工作日历：${p.message}` });
  });

export const settingsApi = {
  'settings.get': method<Settings>()(empty, 'user'),
  'settings.update': method<Settings>()(
    z
      .object({
        branchName: z.string().trim().min(2).max(50).optional(),
        idleMinutes: z.number().int().min(1, { message: '自动锁定时间至少1分钟' }).max(240, { message: '自动锁定时间不能超过240分钟' }).optional(),
        lockoutMinutes: z.number().int().min(1).max(1440).optional(),
        planDailyCap: capNumber().optional(),
        planTierCaps: z.record(z.string().trim().min(1).max(20), capNumber()).optional(),
        calendar: calendarSchema.optional(),
        outstandingSheetDays: z.number().int({ message: '须为整数' }).min(1, { message: '至少1天' }).max(90, { message: '不能超过90天' }).optional(),
      })
      .strict(),
    ['admin'],
  ),
} satisfies Record<string, MethodDef>;
