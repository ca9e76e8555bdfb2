import { planAddSchema, planGenerateSchema, planMoveSchema, planWeekSchema, type PlanEntry, type PlanGenerateResult, type PlanWeek } from '../domain/plans';
import { byId } from './common';
import { method, type MethodDef } from './define';

export const plansApi = {
  'plans.generate': method<PlanGenerateResult>()(planGenerateSchema, 'user'),
  'plans.show': method<PlanWeek>()(planWeekSchema, 'user'),
  'plans.add': method<PlanEntry>()(planAddSchema, 'user'),
  'plans.remove': method<null>()(byId, 'user'),
  'plans.move': method<PlanEntry>()(planMoveSchema, 'user'),
} satisfies Record<string, MethodDef>;
