import { z } from 'zod';
import { dateSchema, id, page, text } from './common';

export const FOLLOWUP_SOURCES = ['visit', 'complaint', 'manual'] as const;

export type FollowUpSource = (typeof FOLLOWUP_SOURCES)[number];

export const FOLLOWUP_SOURCE_LABELS: Record<FollowUpSource, string> = { visit: '走访', complaint: '投诉反馈', manual: '手工添加' };

export const followUpListSchema = z
  .object({
    ...page,
    status: z.enum(['open', 'overdue', 'done', 'all']).default('open'),
    ownerId: id.optional(),
    customerId: id.optional(),
  })
  .strict();

export const followUpCreateSchema = z
  .object({
    customerId: id,
    due: dateSchema('跟进日期'),
    content: text(500, '跟进内容').min(1, { message: '跟进内容不能为空' }),
    ownerId: id.optional(),
  })
  .strict();

export const followUpDoneSchema = z
  .object({ id, result: text(1000, '跟进结果').min(1, { message: '跟进结果不能为空' }) })
  .strict();

export interface FollowUp {
  id: number;
  customerId: number;
  customer: string;
  customerName: string;
  ownerId: number;
  owner: string;
  ownerDisplayName: string;
  due: string;
  content: string;
  sourceType: FollowUpSource;
  sourceId: number | null;
  done: boolean;
  doneAt: string | null;
  result: string;
  /** Open and due before today. */
  overdue: boolean;
  createdAt: string;
}