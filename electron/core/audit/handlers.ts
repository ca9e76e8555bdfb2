import type { AuditAction, AuditRow } from '../../../shared/api/audit';
import type { HandlerMap } from '../context';
import { AUDIT_ACTION_LABELS } from '../../../shared/domain/auditLabels';

export { AUDIT_ACTION_LABELS };

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
