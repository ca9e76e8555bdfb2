import { z } from 'zod';
import type { Page } from '../domain/common';
import {
  warningCloseSchema,
  warningListSchema,
  warningRulesSchema,
  type ChurnWarning,
  type WarningEvaluation,
  type WarningRules,
} from '../domain/warnings';
import { method, type MethodDef } from './define';

export const warningsApi = {
  /** Open (or closed) warnings; a 客户经理 sees those of their own customers. Evaluates the rules first, once a day. */
  'warnings.list': method<Page<ChurnWarning>>()(warningListSchema, 'user'),
  /** Evaluates the rules now; returns how many warnings were raised. */
  'warnings.evaluate': method<WarningEvaluation>()(z.object({}).strict(), ['admin', 'supervisor']),
  /** Handled: closes the warning and its 必访 follow-up with the note. */
  'warnings.close': method<ChurnWarning>()(warningCloseSchema, 'user'),
  'warnings.rules': method<WarningRules>()(z.object({}).strict(), 'user'),
  'warnings.saveRules': method<WarningRules>()(warningRulesSchema, ['admin', 'supervisor']),
} satisfies Record<string, MethodDef>;
