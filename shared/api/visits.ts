import { z } from 'zod';
import { method, type MethodDef } from './define';
import type { Page } from './contract';
import { attachmentAddSchema, type AttachmentData, type AttachmentInfo } from '../domain/attachments';
import { checklistSetSchema, visitBulkSchema, visitInputSchema, visitListSchema, visitSignInSchema, visitSignOutSchema, visitUpdateSchema, type BulkResult, type Visit, type VisitPage } from '../domain/visits';
import { complaintCreateSchema, complaintListSchema, complaintReviewSchema, complaintUpdateSchema, type Complaint, type ComplaintRow } from '../domain/complaints';
import { followUpCreateSchema, followUpDoneSchema, followUpListSchema, type FollowUp } from '../domain/followups';
import { homeSchema, type HomeToday } from '../domain/home';
import { planAddSchema, planGenerateSchema, planMoveSchema, planWeekSchema, type PlanEntry, type PlanGenerateResult, type PlanWeek } from '../domain/plans';
import { receiptCreateSchema, receiptListSchema, receiptUpdateSchema, type Receipt } from '../domain/receipts';
import { timelineSchema, type TimelinePage } from '../domain/timeline';

const empty = z.object({}).strict();
const byId = z.object({ id: z.number().int().positive() }).strict();
const supervisors = ['admin', 'supervisor'] as const;

/**
 * Visits, plans, follow-ups, complaints, receipts, attachments, home and timeline
 * (issue 3). Merged into `api` in contract.ts. Access here is the role gate; every
 * handler also checks data scope (a 客户经理's own customers, plans and visits).
 */
export const visitsApi = {
  'visits.create': method<Visit>()(visitInputSchema, 'user'),
  'visits.update': method<Visit>()(visitUpdateSchema, 'user'),
  'visits.delete': method<null>()(z.object({ id: z.number().int().positive(), reason: z.string().trim().max(200).optional() }).strict(), 'user'),
  'visits.get': method<Visit>()(byId, 'user'),
  'visits.list': method<VisitPage>()(visitListSchema, 'user'),
  'visits.signIn': method<Visit>()(visitSignInSchema, 'user'),
  'visits.signOut': method<Visit>()(visitSignOutSchema, 'user'),
  'visits.bulkCreate': method<BulkResult>()(visitBulkSchema, 'user'),

  'checklist.get': method<{ items: string[] }>()(empty, 'user'),
  'checklist.set': method<{ items: string[] }>()(checklistSetSchema, ['admin']),

  'plans.generate': method<PlanGenerateResult>()(planGenerateSchema, 'user'),
  'plans.show': method<PlanWeek>()(planWeekSchema, 'user'),
  'plans.add': method<PlanEntry>()(planAddSchema, 'user'),
  'plans.remove': method<null>()(byId, 'user'),
  'plans.move': method<PlanEntry>()(planMoveSchema, 'user'),

  'followups.list': method<Page<FollowUp>>()(followUpListSchema, 'user'),
  'followups.create': method<FollowUp>()(followUpCreateSchema, 'user'),
  'followups.done': method<FollowUp>()(followUpDoneSchema, 'user'),

  'complaints.create': method<Complaint>()(complaintCreateSchema, 'user'),
  'complaints.update': method<Complaint>()(complaintUpdateSchema, 'user'),
  'complaints.submit': method<Complaint>()(byId, 'user'),
  'complaints.review': method<Complaint>()(complaintReviewSchema, supervisors),
  'complaints.get': method<Complaint>()(byId, 'user'),
  'complaints.list': method<Page<ComplaintRow>>()(complaintListSchema, 'user'),

  'receipts.create': method<Receipt>()(receiptCreateSchema, 'user'),
  'receipts.update': method<Receipt>()(receiptUpdateSchema, 'user'),
  'receipts.get': method<Receipt>()(byId, 'user'),
  'receipts.list': method<Page<Receipt>>()(receiptListSchema, 'user'),

  'attachments.add': method<AttachmentInfo>()(attachmentAddSchema, 'user'),
  'attachments.get': method<AttachmentData>()(byId, 'user'),
  'attachments.remove': method<null>()(byId, 'user'),

  'home.today': method<HomeToday>()(homeSchema, 'user'),
  'timeline.customer': method<TimelinePage>()(timelineSchema, 'user'),
} satisfies Record<string, MethodDef>;

export type VisitsMethodName = keyof typeof visitsApi;
