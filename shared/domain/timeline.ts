import { z } from 'zod';
import { id } from './common';

export const timelineSchema = z
  .object({
    customerId: id,
    limit: z.number().int().min(1).max(200).default(50),
    /** Cursor from the previous page's `nextBefore`. */
    before: z.string().max(60).optional(),
  })
  .strict();

export type TimelineKind = 'visit' | 'followup' | 'complaint' | 'receipt' | 'change';

export interface TimelineItem {
  kind: TimelineKind;
  id: number;
  /** `YYYY-MM-DD HH:mm` */
  at: string;
  title: string;
  detail: string;
  /** Display name of who did it. */
  by: string;
  status: string;
}

export interface TimelinePage {
  items: TimelineItem[];
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: string | null;
}