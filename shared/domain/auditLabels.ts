import type { AuditAction, AuditHost } from '../api/audit';
import { BRANCH_TYPE_LABELS, type BranchType } from './constants';
import { CUSTOMER_EXPORT_COLUMNS } from './exports';
import { IMPORT_MODE_LABELS, type ImportMode } from './imports';
import { labelForPath } from './labels';
import { VISIT_FIELD_LABELS } from './visits';

/**
 * Chinese names of audit actions. Shared so the audit page's filter and the rows
 * the core answers (actionLabel) always use the same words.
 */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  login: '登录',
  login_failed: '登录失败',
  lockout: '账号锁定',
  logout: '退出登录',
  unlock: '解除锁屏',
  password_change: '修改密码',
  user_create: '新建用户',
  user_update: '修改用户',
  user_reset_password: '重置密码',
  user_unlock: '解锁账号',
  settings_update: '修改设置',
  dict_change: '修改字典',
  customer_create: '新建客户',
  customer_update: '修改客户',
  customer_delete: '删除客户',
  customer_restore: '恢复客户',
  customer_transfer: '移交客户',
  setup: '初始设置',
  visit_create: '新建走访',
  visit_update: '修改走访',
  visit_delete: '删除走访',
  plan_generate: '生成走访计划',
  plan_change: '调整走访计划',
  followup_change: '跟进任务',
  complaint_change: '投诉反馈',
  receipt_change: '物品签收',
  attachment_add: '上传附件',
  import: '导入',
  import_undo: '撤销导入',
  export: '导出',
  sheet_print: '打印签到簿',
  sheet_return: '签到簿回收登记',
  form_print: '打印表单',
  score_setup: '评分设置',
  report_change: '月度分析报告',
  warning_change: '流失预警',
};

export const AUDIT_HOST_LABELS: Record<AuditHost, string> = { desktop: '桌面', web: '网页', cli: '命令行' };

/** Names of the keys the core writes into an entry's details. */
const DETAIL_KEY_LABELS: Record<string, string> = {
  op: '操作',
  id: '记录编号',
  comment: '意见',
  reason: '原因',
  fields: '修改的字段',
  before: '原值',
  after: '新值',
  sort: '顺序',
  active: '启用',
  visitIntervalDays: '走访间隔（天）',
  week: '周',
  managers: '客户经理人数',
  added: '新增',
  carried: '结转',
  markedMissed: '标为未完成',
  date: '日期',
  managerId: '客户经理',
  toManagerId: '移交给',
  customerId: '客户编号',
  visitId: '走访记录编号',
  complaintId: '投诉反馈编号',
  from: '从',
  to: '到',
  role: '角色',
  displayName: '姓名',
  via: '来源',
  count: '数量',
  requested: '选中数量',
  items: '物品',
  signature: '客户签字',
  status: '状态',
  due: '跟进日期',
  branchType: '网点类型',
  branchName: '网点名称',
  idleMinutes: '自动锁定时间（分钟）',
  lockoutMinutes: '锁定时长（分钟）',
  visitChecklist: '走访工作内容清单',
  mime: '文件类型',
  size: '大小',
  planned: '计划内',
  signIn: '签到',
  bulk: '批量录入',
  saved: '保存条数',
  failed: '未保存条数',
  filter: '筛选条件',
  rows: '行数',
  masked: '身份证号和手机号已脱敏',
  cancelled: '已取消',
  columns: '导出列',
  batchId: '导入批次',
  mode: '导入方式',
  total: '总行数',
  inserted: '新增',
  updated: '更新',
  skipped: '跳过',
  invalid: '错误行',
  refused: '有错误行，全部未导入',
  contacts: '联系人工作表',
  contactsInvalid: '联系人错误行',
  sheet: '工作表',
  removed: '删除',
  softDeleted: '移入回收站',
  restored: '恢复',
  conflicts: '导入后被他人修改',
  seed: '随机种子',
};

const OP_LABELS: Record<string, string> = {
  create: '新建',
  update: '修改',
  add: '加入计划',
  remove: '移除',
  move: '调整日期',
  submit: '提交审核',
  approve: '审核通过',
  return: '退回',
  done: '完成',
  attachment_remove: '删除附件',
};

const MIME_LABELS: Record<string, string> = {
  'image/png': 'PNG 图片',
  'image/jpeg': 'JPEG 图片',
  'image/webp': 'WEBP 图片',
  'application/pdf': 'PDF 文件',
};

const EXPORT_COLUMN_LABELS: Record<string, string> = Object.fromEntries(CUSTOMER_EXPORT_COLUMNS.map((c) => [c.key, c.label]));

/** What the formatter may ask the core: a user's display name for the ids in details. */
export interface AuditNames {
  user(id: number): string | undefined;
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

interface Context {
  action: string;
  names: AuditNames;
}

/** A field name the core wrote in English (a visit's or a complaint's changed fields), in Chinese. */
function fieldName(name: string, cx: Context): string {
  const visit = cx.action.startsWith('visit_') ? VISIT_FIELD_LABELS[name] : undefined;
  return visit ?? labelForPath([name], 'audit.');
}

function valueText(key: string, value: unknown, cx: Context): string {
  const { names } = cx;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') {
    if ((key === 'managerId' || key === 'toManagerId') && names.user(value)) return names.user(value)!;
    if (key === 'size') return sizeText(value);
    return String(value);
  }
  if (typeof value === 'string') {
    if (key === 'op') return OP_LABELS[value] ?? value;
    if (key === 'mode') return IMPORT_MODE_LABELS[value as ImportMode] ?? value;
    if (key === 'branchType') return BRANCH_TYPE_LABELS[value as BranchType] ?? value;
    if (key === 'mime') return MIME_LABELS[value] ?? value;
    return value;
  }
  if (Array.isArray(value)) {
    const named = (v: string) => (key === 'columns' ? (EXPORT_COLUMN_LABELS[v] ?? v) : key === 'fields' ? fieldName(v, cx) : v);
    return value.map((v) => (typeof v === 'string' ? named(v) : valueText(key, v, cx))).join('、');
  }
  if (value && typeof value === 'object') return `（${formatFields(value as Record<string, unknown>, cx)}）`;
  return '';
}

function formatFields(obj: Record<string, unknown>, cx: Context): string {
  return Object.entries(obj)
    .filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => {
      // A key that is already Chinese (a user change: 姓名、角色) is its own label.
      const label = DETAIL_KEY_LABELS[k] ?? (/^[\x20-\x7e]+$/.test(k) ? fieldName(k, cx) : k);
      return `${label}：${valueText(k, v, cx)}`;
    })
    .join('；');
}

/**
 * An entry's details as a reader sees them: text stays as it was written, an object becomes
 * "字段：值；…" with Chinese names and values (op: approve → 操作：审核通过, export columns by
 * their column titles, user ids by name).
 */
export function formatAuditDetail(action: string, detail: unknown, names: AuditNames = { user: () => undefined }): string {
  const cx: Context = { action, names };
  if (detail === null || detail === undefined) return '';
  if (typeof detail === 'string') return detail;
  if (typeof detail !== 'object' || Array.isArray(detail)) return valueText('', detail, cx);
  return formatFields(detail as Record<string, unknown>, cx);
}
