import { z } from 'zod';
import { isMonday, isValidDate } from './visitRules';

// ---- constants --------------------------------------------------------------

export const VISIT_TYPES = ['常规走访', '特殊访问', '回访', '离网关怀', '投诉处理', '上门服务'] as const;
export type VisitType = (typeof VISIT_TYPES)[number];

/** Status of the customer's signature on the paper 走访签到记录簿. */
export const SIGNATURE_STATUSES = ['待签', '已签', '拒签', '无法签字'] as const;
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];

export const PLAN_STATUSES = ['计划', '已完成', '未完成'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** How an entry got into a plan: generated, added by hand, or carried over from a missed one. */
export const PLAN_SOURCES = ['auto', 'manual', 'carried'] as const;
export type PlanSource = (typeof PLAN_SOURCES)[number];
export const PLAN_SOURCE_LABELS: Record<PlanSource, string> = { auto: '自动生成', manual: '手工添加', carried: '上周未完成结转' };

/** Visits per manager and day a generated plan holds unless the caller says otherwise. */
export const DEFAULT_PLAN_DAILY_CAP = 20;

export const FOLLOWUP_SOURCES = ['visit', 'complaint', 'manual'] as const;
export type FollowUpSource = (typeof FOLLOWUP_SOURCES)[number];
export const FOLLOWUP_SOURCE_LABELS: Record<FollowUpSource, string> = { visit: '走访', complaint: '投诉反馈', manual: '手工添加' };

/** 待处理 → 处理中 → 待审批 → 已批准 (closed) or 已退回 (back to the manager). */
export const COMPLAINT_STATUSES = ['待处理', '处理中', '待审批', '已批准', '已退回'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const OPEN_COMPLAINT_STATUSES: readonly ComplaintStatus[] = ['待处理', '处理中', '待审批', '已退回'];
/** Suggestions for the category field of 商品及服务质量信息反馈单; any short text is accepted. */
export const COMPLAINT_CATEGORIES = ['商品质量', '服务质量', '价格', '配送', '营销政策', '其他'] as const;

export const CUSTOMER_CONFIRMATIONS = ['待确认', '已确认', '拒绝确认'] as const;
export type CustomerConfirmation = (typeof CUSTOMER_CONFIRMATIONS)[number];

/** Scans and photos of signed sheets: images and PDF only. */
export const ATTACHMENT_MIMES = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number];
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export const VISIT_SORT_COLUMNS = ['signIn', 'customer', 'manager', 'type', 'duration', 'signature', 'createdAt'] as const;
export type VisitSortColumn = (typeof VISIT_SORT_COLUMNS)[number];

export const BULK_MAX_ROWS = 500;

/** Chinese names of visit fields, for messages and column headers. */
export const VISIT_FIELD_LABELS: Record<string, string> = {
  customer: '客户',
  customerId: '客户',
  manager: '客户经理',
  type: '走访类型',
  planned: '计划内',
  planEntryId: '走访计划',
  date: '走访日期',
  signIn: '签到时间',
  signOut: '签退时间',
  durationMinutes: '在户时间（分钟）',
  location: '走访地点',
  content: '工作内容',
  checklist: '工作内容清单',
  opinions: '客户意见',
  problems: '发现的问题',
  nextFollowUp: '下次跟进',
  'nextFollowUp.due': '下次跟进日期',
  'nextFollowUp.content': '下次跟进内容',
  signature: '客户签字',
  signatureNote: '签字说明',
  confirmLong: '确认超长走访',
};

// ---- schema helpers -----------------------------------------------------------

const id = z.number().int().positive();
const text = (max: number, label: string) => z.string().trim().max(max, { message: `${label}不能超过${max}个字` });
/** Optional text; null (as a JSON export writes it) means empty. */
const optText = (max: number, label: string) => text(max, label).nullable().optional();
export const dateSchema = (label: string) =>
  z.string().trim().refine(isValidDate, { message: `${label}须为有效日期，格式 YYYY-MM-DD` });
const mondaySchema = z.string().trim().refine(isMonday, { message: '周须用该周星期一的日期表示（YYYY-MM-DD）' });
const page = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
};

export const nextFollowUpSchema = z
  .object({
    due: dateSchema('下次跟进日期'),
    content: text(500, '下次跟进内容').min(1, { message: '下次跟进内容不能为空' }),
  })
  .strict();

const visitType = z.enum(VISIT_TYPES, { message: `走访类型须为：${VISIT_TYPES.join('、')}` });
const signature = z.enum(SIGNATURE_STATUSES, { message: `客户签字须为：${SIGNATURE_STATUSES.join('、')}` });
const checklist = z.array(text(30, '清单项')).max(30, { message: '工作内容清单最多30项' });
/** Times are checked by the visit rules (they know `0930` and say which field is wrong), not here. */
const timeText = z.string().trim().max(30, { message: '时间格式不正确' });

/** Fields of a visit a user writes. Names are the CLI/JSON contract (issue 3): extend, never rename. */
const visitWritable = {
  type: visitType.optional(),
  /** Day of the visit; lets signIn/signOut be bare times (`0930`). */
  date: z.string().trim().max(20).nullable().optional(),
  /** `YYYY-MM-DDTHH:mm` (a space also works), or a time of day with `date`. */
  signIn: timeText,
  signOut: timeText.nullable().optional(),
  /** Used only when signOut is missing: sign-out = sign-in + duration. */
  durationMinutes: z.number().int().min(1).max(24 * 60).nullable().optional(),
  location: optText(200, '走访地点'),
  content: optText(2000, '工作内容'),
  checklist: checklist.optional(),
  opinions: optText(1000, '客户意见'),
  problems: optText(1000, '发现的问题'),
  nextFollowUp: nextFollowUpSchema.nullable().optional(),
  signature: signature.optional(),
  signatureNote: optText(200, '签字说明'),
  /** Confirms a visit over 8 hours. */
  confirmLong: z.boolean().optional(),
};

/** Output-only fields of a Visit: accepted and ignored, so JSON printed by `visit list` can be fed back. */
const visitEchoed = {
  id: z.number().optional(),
  customerName: z.string().optional(),
  customerTier: z.string().optional(),
  managerDisplayName: z.string().optional(),
  followUpId: z.number().nullable().optional(),
  attachments: z.array(z.unknown()).optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
};

export const visitInputSchema = z
  .object({
    /** Customer code (客户编码); or give customerId. */
    customer: z.string().trim().max(40).optional(),
    customerId: id.optional(),
    /** User name of the visiting manager; a 客户经理 may only name themselves. Default: the caller (manager) or the customer's manager. */
    manager: z.string().trim().max(30).optional(),
    /** The visiting manager by id (when `manager` is not given). */
    managerId: id.optional(),
    /** false: never link to a plan entry. Otherwise the visit fulfils this week's open plan entry of the customer, if any. */
    planned: z.boolean().optional(),
    planEntryId: id.nullable().optional(),
    ...visitWritable,
    ...visitEchoed,
  })
  .strict();
export type VisitInput = z.input<typeof visitInputSchema>;

export const visitUpdateSchema = z
  .object({
    id,
    customer: z.string().trim().max(40).optional(),
    customerId: id.optional(),
    manager: z.string().trim().max(30).optional(),
    managerId: id.optional(),
    ...visitWritable,
    signIn: timeText.optional(),
  })
  .strict();

export const visitSignInSchema = z
  .object({
    planEntryId: id.optional(),
    customerId: id.optional(),
    customer: z.string().trim().max(40).optional(),
    type: visitType.optional(),
    location: optText(200, '走访地点'),
  })
  .strict();

export const visitSignOutSchema = z
  .object({
    visitId: id,
    /** Default: now. Given for a visit whose sign-out was forgotten. */
    signOut: timeText.optional(),
    type: visitType.optional(),
    location: optText(200, '走访地点'),
    content: optText(2000, '工作内容'),
    checklist: checklist.optional(),
    opinions: optText(1000, '客户意见'),
    problems: optText(1000, '发现的问题'),
    nextFollowUp: nextFollowUpSchema.nullable().optional(),
    signature: signature.optional(),
    signatureNote: optText(200, '签字说明'),
    confirmLong: z.boolean().optional(),
  })
  .strict();

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

export const visitBulkSchema = z
  .object({
    /** Each row is checked on its own (visitInputSchema + rules) so one bad row never rejects the rest. */
    rows: z
      .array(z.custom<VisitInput>(isObject, { message: '每一行须为一条走访记录' }))
      .min(1, { message: '没有要保存的行' })
      .max(BULK_MAX_ROWS, { message: `一次最多保存${BULK_MAX_ROWS}行` }),
    /** valid-only: store the valid rows, report the rest; all-or-nothing: store nothing if any row is invalid. */
    mode: z.enum(['valid-only', 'all-or-nothing']).default('valid-only'),
    /** Check only: nothing is stored. */
    dryRun: z.boolean().optional(),
  })
  .strict();

export const visitListSchema = z
  .object({
    ...page,
    sort: z.enum(VISIT_SORT_COLUMNS).default('signIn'),
    dir: z.enum(['asc', 'desc']).default('desc'),
    managerId: z.array(id).max(200).optional(),
    /** User name of the manager (CLI `--manager`). */
    manager: z.string().trim().max(30).optional(),
    customerId: id.optional(),
    /** Customer code. */
    customer: z.string().trim().max(40).optional(),
    from: dateSchema('开始日期').optional(),
    to: dateSchema('结束日期').optional(),
    type: z.array(visitType).max(VISIT_TYPES.length).optional(),
    signature: z.array(signature).max(SIGNATURE_STATUSES.length).optional(),
    tier: z.array(z.string().trim().max(20)).max(20).optional(),
    planned: z.boolean().optional(),
  })
  .strict();

export const planWeekSchema = z
  .object({
    week: mondaySchema,
    managerId: id.optional(),
    /** User name of the manager (CLI `--manager`), instead of managerId. */
    manager: z.string().trim().max(30).optional(),
  })
  .strict();
export const planGenerateSchema = z
  .object({
    week: mondaySchema,
    /** One manager; omitted: the caller (客户经理) or every manager (负责人/管理员). */
    managerId: id.optional(),
    /** User name of the manager (CLI `--manager`), instead of managerId. */
    manager: z.string().trim().max(30).optional(),
    dailyCap: z.number().int().min(1, { message: '每日上限至少1户' }).max(200, { message: '每日上限不能超过200户' }).optional(),
  })
  .strict();
export const planAddSchema = z
  .object({
    customerId: id.optional(),
    customer: z.string().trim().max(40).optional(),
    date: dateSchema('计划日期'),
    managerId: id.optional(),
  })
  .strict();
export const planMoveSchema = z.object({ id, date: dateSchema('计划日期') }).strict();

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

export const receiptItemSchema = z
  .object({
    name: text(50, '物品名称').min(1, { message: '物品名称不能为空' }),
    quantity: z.number({ message: '数量须为数字' }).int({ message: '数量须为整数' }).min(1, { message: '数量至少为1' }).max(100000, { message: '数量不能超过100000' }),
    unit: optText(10, '单位'),
  })
  .strict();
export const receiptCreateSchema = z
  .object({
    customerId: id,
    visitId: id.nullable().optional(),
    /** Day handed out; default: the visit's day, else today. */
    date: dateSchema('签收日期').optional(),
    items: z.array(receiptItemSchema).min(1, { message: '请至少填写一种物品' }).max(50, { message: '一张签收单最多50种物品' }),
    note: optText(500, '备注'),
    signature: signature.optional(),
    signatureNote: optText(200, '签字说明'),
  })
  .strict();
export const receiptUpdateSchema = z
  .object({
    id,
    items: receiptCreateSchema.shape.items.optional(),
    note: optText(500, '备注'),
    signature: signature.optional(),
    signatureNote: optText(200, '签字说明'),
  })
  .strict();
export const receiptListSchema = z.object({ ...page, customerId: id.optional(), visitId: id.optional() }).strict();

export const attachmentAddSchema = z
  .object({
    visitId: id.optional(),
    complaintId: id.optional(),
    name: text(200, '文件名').min(1, { message: '文件名不能为空' }),
    /** What the browser says; the stored type comes from the file's own bytes. */
    mime: z.string().trim().max(100).optional(),
    /** ≤ 10 MB once decoded (base64 is a third larger). */
    dataBase64: z.string().max(Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 16, { message: '附件不能超过10MB' }),
  })
  .strict();

export const timelineSchema = z
  .object({
    customerId: id,
    limit: z.number().int().min(1).max(200).default(50),
    /** Cursor from the previous page's `nextBefore`. */
    before: z.string().max(60).optional(),
  })
  .strict();

export const homeSchema = z
  .object({
    /** How many overdue customers to list (most overdue first). */
    overdueLimit: z.number().int().min(1).max(200).default(20),
  })
  .strict();

export const checklistSetSchema = z
  .object({
    items: z
      .array(text(30, '清单项').min(1, { message: '清单项不能为空' }))
      .min(1, { message: '走访清单至少要有一项' })
      .max(30, { message: '走访清单最多30项' }),
  })
  .strict();

// ---- output types -------------------------------------------------------------

export interface AttachmentInfo {
  id: number;
  name: string;
  mime: AttachmentMime;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface AttachmentData extends AttachmentInfo {
  dataBase64: string;
}

export interface NextFollowUp {
  due: string;
  content: string;
}

/**
 * A visit record. The first block of fields is the CLI/JSON contract of issue 3
 * (README documents them): never rename them.
 */
export interface Visit {
  id: number;
  /** Customer code. */
  customer: string;
  /** User name of the visiting manager. */
  manager: string;
  type: VisitType;
  planned: boolean;
  /** `YYYY-MM-DDTHH:mm` */
  signIn: string;
  /** `YYYY-MM-DDTHH:mm`; null while signed in and not yet out. */
  signOut: string | null;
  durationMinutes: number | null;
  location: string;
  content: string;
  checklist: string[];
  opinions: string;
  nextFollowUp: NextFollowUp | null;
  signature: SignatureStatus;
  signatureNote: string;
  // Extras:
  customerId: number;
  customerName: string;
  customerTier: string;
  managerId: number;
  managerDisplayName: string;
  problems: string;
  planEntryId: number | null;
  /** The follow-up task created from nextFollowUp. */
  followUpId: number | null;
  attachments: AttachmentInfo[];
  createdAt: string;
  updatedAt: string;
}

/** A row of the visit grid: a Visit without its attachments' details. */
export type VisitRow = Omit<Visit, 'attachments' | 'followUpId'> & { attachmentCount: number };

export interface VisitPage {
  rows: VisitRow[];
  /** Matching rows; when `totalIsLowerBound`, at least this many (counting stops there to keep the grid fast). */
  total: number;
  totalIsLowerBound: boolean;
}

export interface BulkRowResult {
  index: number;
  ok: boolean;
  id?: number;
  errors?: { field: string; message: string }[];
}

export interface BulkResult {
  saved: number;
  failed: number;
  dryRun: boolean;
  results: BulkRowResult[];
}

/** A plan entry. `{ date, customer, manager, status }` is the CLI/JSON contract. */
export interface PlanEntry {
  id: number;
  date: string;
  /** Customer code. */
  customer: string;
  /** User name of the manager. */
  manager: string;
  status: PlanStatus;
  customerId: number;
  customerName: string;
  customerTier: string;
  customerAddress: string;
  managerId: number;
  managerDisplayName: string;
  source: PlanSource;
  carriedFromId: number | null;
  /** Planned date of the missed entry this one carries over. */
  carriedFromDate: string | null;
  visitId: number | null;
  /** `YYYY-MM-DD` of the customer's last visit. */
  lastVisitAt: string | null;
}

export interface PlanWeek {
  week: string;
  days: string[];
  entries: PlanEntry[];
  summary: { total: number; planned: number; done: number; missed: number };
}

export interface PlanGenerateResult {
  week: string;
  added: number;
  carried: number;
  /** Earlier entries newly marked 未完成. */
  markedMissed: number;
  managers: {
    managerId: number;
    manager: string;
    managerDisplayName: string;
    due: number;
    added: number;
    carried: number;
    kept: number;
    unscheduled: number;
  }[];
}

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

export interface ReceiptItem {
  name: string;
  quantity: number;
  unit: string;
}

export interface Receipt {
  id: number;
  customerId: number;
  customer: string;
  customerName: string;
  managerId: number;
  manager: string;
  managerDisplayName: string;
  visitId: number | null;
  date: string;
  items: ReceiptItem[];
  note: string;
  signature: SignatureStatus;
  signatureNote: string;
  createdAt: string;
}

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
