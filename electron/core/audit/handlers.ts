import type { AuditAction, AuditRow } from '../../../shared/api/contract';
import type { HandlerMap } from '../context';

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
};

export const auditHandlers: HandlerMap<'audit.list'> = {
  'audit.list': (ctx, input) => {
    // Every filter is a fixed clause with a bound value; no user text becomes SQL.
    const where: string[] = [];
    const params: unknown[] = [];
    if (input.action) {
      where.push('action = ?');
      params.push(input.action);
    }
    if (input.userName) {
      where.push('user_name = ?');
      params.push(input.userName);
    }
    if (input.from) {
      where.push('at >= ?');
      params.push(`${input.from} 00:00:00`);
    }
    if (input.to) {
      where.push('at <= ?');
      params.push(`${input.to} 23:59:59`);
    }
    if (input.q) {
      where.push("(target LIKE ? ESCAPE '\\' OR detail LIKE ? ESCAPE '\\')");
      const like = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      params.push(like, like);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (ctx.db.prepare(`SELECT count(*) AS n FROM audit_log ${clause}`).get(...params) as { n: number }).n;
    const rows = ctx.db
      .prepare(`SELECT * FROM audit_log ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...params, input.limit, input.offset) as {
      id: number;
      at: string;
      user_name: string | null;
      action: AuditAction;
      target: string | null;
      detail: string | null;
      ok: number;
    }[];
    return {
      total,
      rows: rows.map(
        (r): AuditRow => ({
          id: r.id,
          at: r.at,
          userName: r.user_name ?? '',
          action: r.action,
          actionLabel: AUDIT_ACTION_LABELS[r.action] ?? r.action,
          target: r.target ?? '',
          detail: r.detail ?? '',
          ok: r.ok === 1,
        }),
      ),
    };
  },
};
