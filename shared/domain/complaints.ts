import { z } from 'zod';
import { AttachmentInfo } from './attachments';
import { id, optText, page, timeText, text } from './common';
import { nextFollowUpSchema } from './visits';

/** 待处理 → 处理中 → 待审批 → 已批准 (closed) or 已退回 (back to the manager). */
export const COMPLAINT_STATUSES = ['待处理', '处理中', '待审批', '已批准', '已退回'] as const;

export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const OPEN_COMPLAINT_STATUSES: readonly ComplaintStatus[] = ['待处理', '处理中', '待审批', '已退回'];

/** Suggestions for the category field of 商品及服务质量信息反馈单; any short text is accepted. */
export const COMPLAINT_CATEGORIES = ['商品质量', '服务质量', '价格', '配送', '营销政策', '其他'] as const;

export const CUSTOMER_CONFIRMATIONS = ['待确认', '已确认', '拒绝确认'] as const;

export type CustomerConfirmation = (typeof CUSTOMER_CONFIRMATIONS)[number];

const complaintText = {
  category: text(20, '问题类别').min(1, { message: '问题类别不能为空' }),
  content: text(2000, '反馈内容').min(1, { message: '反馈内容不能为空' }),
  handlingSteps: optText(2000, '处理过程'),
  result: optText(1000, '处理结果'),
};

export const complaintCreateSchema = z
  .object({
    customerId: id,
    /** When the customer raised it: `YYYY-MM-DDTHH:mm` or a date; default now. */
    openedAt: timeText.optional(),
    visitId: id.nullable().optional(),
    ...complaintText,
    nextFollowUp: nextFollowUpSchema.nullable().optional(),
  })
  .strict();

export const complaintUpdateSchema = z
  .object({
    id,
    openedAt: timeText.optional(),
    category: complaintText.category.optional(),
    content: complaintText.content.optional(),
    handlingSteps: complaintText.handlingSteps,
    result: complaintText.result,
    customerConfirmation: z.enum(CUSTOMER_CONFIRMATIONS, { message: `客户确认须为：${CUSTOMER_CONFIRMATIONS.join('、')}` }).optional(),
    confirmationNote: optText(200, '确认说明'),
    nextFollowUp: nextFollowUpSchema.nullable().optional(),
  })
  .strict();

export const complaintReviewSchema = z
  .object({
    id,
    decision: z.enum(['approve', 'return'], { message: '审批结果须为 approve（批准）或 return（退回）' }),
    comment: optText(500, '审批意见'),
  })
  .strict();

export const complaintListSchema = z
  .object({
    ...page,
    /** true: not yet approved; false: approved. */
    open: z.boolean().optional(),
    status: z.array(z.enum(COMPLAINT_STATUSES)).max(COMPLAINT_STATUSES.length).optional(),
    customerId: id.optional(),
    managerId: id.optional(),
  })
  .strict();

export interface Complaint {
  id: number;
  customerId: number;
  customer: string;
  customerName: string;
  managerId: number;
  manager: string;
  managerDisplayName: string;
  visitId: number | null;
  /** `YYYY-MM-DDTHH:mm` */
  openedAt: string;
  category: string;
  content: string;
  handlingSteps: string;
  result: string;
  status: ComplaintStatus;
  submittedAt: string | null;
  approvedBy: string;
  approvedAt: string | null;
  approvalComment: string;
  returnedAt: string | null;
  customerConfirmation: CustomerConfirmation;
  confirmationNote: string;
  closedAt: string | null;
  /** Days from openedAt to closing (or today while open). */
  ageDays: number;
  attachments: AttachmentInfo[];
  createdAt: string;
  updatedAt: string;
}

export type ComplaintRow = Omit<Complaint, 'attachments'>;