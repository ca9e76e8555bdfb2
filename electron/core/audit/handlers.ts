import type { AuditRow } from '../../../shared/api/audit';
import type { HandlerMap } from '../context';
import { AUDIT_ACTION_LABELS } from '../../../shared/domain/auditLabels';
import { listAudit } from './repo';

export { AUDIT_ACTION_LABELS };

export const auditHandlers: HandlerMap<'audit.list'> = {
  'audit.list': (ctx, input) => {
    const { total, rows } = listAudit(ctx.db, input, input.limit, input.offset);
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
