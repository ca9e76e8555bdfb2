import { z } from 'zod';
import { AttachmentInfo } from './attachments';
import { dateSchema, id, optText, page, timeText, text } from './common';


export const VISIT_TYPES = ['常规走访', '特殊访问', '回访', '离网关怀', '投诉处理', '上门服务'] as const;

export type VisitType = (typeof VISIT_TYPES)[number];

/** Status of the customer's signature on the paper 走访签到记录簿. */
export const SIGNATURE_STATUSES = ['待签', '已签', '拒签', '无法签字'] as const;

export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];

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

export const nextFollowUpSchema = z
  .object({
    due: dateSchema('下次跟进日期'),
    content: text(500, '下次跟进内容').min(1, { message: '下次跟进内容不能为空' }),
  })
  .strict();

export const visitType = z.enum(VISIT_TYPES, { message: `走访类型须为：${VISIT_TYPES.join('、')}` });

export const signature = z.enum(SIGNATURE_STATUSES, { message: `客户签字须为：${SIGNATURE_STATUSES.join('、')}` });

export const checklist = z.array(text(30, '清单项')).max(30, { message: '工作内容清单最多30项' });

/** Fields of a visit a user writes. Names are the CLI/JSON contract (issue 3): extend, never rename. */
export const visitWritable = {
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
export const visitEchoed = {
  id: z.number().optional(),
  customerName: z.string().optional(),
  customerTier: z.string().optional(),
  managerDisplayName: z.string().optional(),
  followUpId: z.number().nullable().optional(),
  sheetNo: z.string().nullable().optional(),
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

export const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

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

/** The list's filters without paging and sorting: what visits.count counts exactly. */
export const visitCountSchema = visitListSchema.omit({ offset: true, limit: true, sort: true, dir: true }).strict();

/** One item of the branch's visit checklist (走访内容); a disabled item is no longer offered, visits that have it keep it. */
export interface ChecklistEntry {
  name: string;
  active: boolean;
}

const checklistName = text(30, '清单项').min(1, { message: '清单项不能为空' });

/**
 * `items`: the active list in order (the original form, every item enabled);
 * `entries`: the whole list in order with enabled flags (字典管理 → 走访内容).
 */
export const checklistSetSchema = z
  .object({
    items: z.array(checklistName).min(1, { message: '走访清单至少要有一项' }).max(30, { message: '走访清单最多30项' }).optional(),
    entries: z
      .array(z.object({ name: checklistName, active: z.boolean() }).strict())
      .max(60, { message: '走访清单（含停用项）最多60项' })
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.items === undefined) === (v.entries === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: '走访清单：请给出 items 或 entries 之一' });
      return;
    }
    const names = v.entries ? v.entries.map((e) => e.name) : v.items!;
    const seen = new Set<string>();
    for (const [i, n] of names.entries()) {
      // No path: the message names the item, and the router would put a second label in front.
      if (seen.has(n)) ctx.addIssue({ code: 'custom', path: [], message: `走访清单：第${i + 1}项「${n}」重复` });
      seen.add(n);
    }
    if (v.entries) {
      const active = v.entries.filter((e) => e.active).length;
      if (active === 0) ctx.addIssue({ code: 'custom', path: [], message: '走访清单至少要启用一项' });
      if (active > 30) ctx.addIssue({ code: 'custom', path: [], message: '走访清单最多启用30项' });
    }
  });

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
  /** Number of the paper sign-in sheet this visit was entered from (回收登记), if any. */
  sheetNo: string | null;
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