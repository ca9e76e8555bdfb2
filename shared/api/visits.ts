import { z } from 'zod';
import { checklistSetSchema, visitBulkSchema, visitInputSchema, visitListSchema, visitSignInSchema, visitSignOutSchema, visitUpdateSchema, type BulkResult, type ChecklistEntry, visitCountSchema, type Visit, type VisitPage } from '../domain/visits';
import { byId, empty } from './common';
import { method, type MethodDef } from './define';

export const visitsApi = {
  'visits.create': method<Visit>()(visitInputSchema, 'user'),
  'visits.update': method<Visit>()(visitUpdateSchema, 'user'),
  'visits.delete': method<null>()(z.object({ id: z.number().int().positive(), reason: z.string().trim().max(200).optional() }).strict(), 'user'),
  'visits.get': method<Visit>()(byId, 'user'),
  'visits.list': method<VisitPage>()(visitListSchema, 'user'),
  'visits.signIn': method<Visit>()(visitSignInSchema, 'user'),
  'visits.signOut': method<Visit>()(visitSignOutSchema, 'user'),
  'visits.bulkCreate': method<BulkResult>()(visitBulkSchema, 'user'),
  /** The exact number of visits matching the list's filters (the list itself stops counting past its page). */
  'visits.count': method<{ total: number }>()(visitCountSchema, 'user'),
  'checklist.get': method<{ items: string[]; entries: ChecklistEntry[] }>()(empty, 'user'),
  'checklist.set': method<{ items: string[]; entries: ChecklistEntry[] }>()(checklistSetSchema, ['admin']),
} satisfies Record<string, MethodDef>;
