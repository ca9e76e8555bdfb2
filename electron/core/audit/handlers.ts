import type { AuditRow } from '../../../shared/api/audit';
import type { HandlerMap } from '../context';
import { AUDIT_ACTION_LABELS, AUDIT_HOST_LABELS, formatAuditDetail, type AuditNames } from '../../../shared/domain/auditLabels';
import type { Db } from '../db/connection';
import { findUserById } from '../users/repo';
import { decodeAuditDetail } from './detail';
import { listAudit } from './repo';

export { AUDIT_ACTION_LABELS };

/** Display names of the user ids details mention (a plan's 客户经理, a transfer's 移交给), looked up once per page. */
function userNames(db: Db): AuditNames {
  const cache = new Map<number, string | undefined>();
  return {
    user: (id) => {
      if (!cache.has(id)) {
        const u = findUserById(db, id);
        cache.set(id, u ? `${u.display_name}（${u.name}）` : undefined);
      }
      return cache.get(id);
    },
  };
}

export const auditHandlers: HandlerMap<'audit.list'> = {
  'audit.list': (ctx, input) => {
    const { total, rows } = listAudit(ctx.db, input, input.limit, input.offset);
    const names = userNames(ctx.db);
    return {
      total,
      rows: rows.map((r): AuditRow => {
        const { host, detail } = decodeAuditDetail(r.detail);
        return {
          id: r.id,
          at: r.at,
          userName: r.user_name ?? '',
          action: r.action,
          actionLabel: AUDIT_ACTION_LABELS[r.action] ?? r.action,
          target: r.target ?? '',
          detail: formatAuditDetail(r.action, detail, names),
          ok: r.ok === 1,
          host,
          hostLabel: host ? AUDIT_HOST_LABELS[host] : '',
        };
      }),
    };
  },
};
