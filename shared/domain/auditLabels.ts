import type { AuditAction } from '../api/audit';

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
  score_setup: '评分设置',
  report_change: '月度分析报告',
  warning_change: '流失预警',
};
