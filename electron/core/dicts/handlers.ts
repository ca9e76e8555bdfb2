import type { DictItem } from '../../../shared/api/dicts';
import { DICT_KIND_LABELS, type DictKind } from '../../../shared/domain/constants';
import type { Ctx, HandlerMap } from '../context';
import { badInput, conflict, notFound } from '../errors';
import { localTimestamp } from '../clock';

interface Row {
  id: number;
  kind: DictKind;
  name: string;
  sort: number;
  visit_interval_days: number | null;
  active: number;
}

/** How many live customers use an item: an item in use is deactivated, never deleted, so no archive loses its value. */
function usage(ctx: Ctx, kind: DictKind, name: string): number {
  const sql: Record<DictKind, string> = {
    tier: 'SELECT count(*) AS n FROM customers WHERE tier = ? AND deleted_at IS NULL',
    region: 'SELECT count(*) AS n FROM customers WHERE region = ? AND deleted_at IS NULL',
    industry: 'SELECT count(*) AS n FROM customers WHERE industry = ? AND deleted_at IS NULL',
    tag: 'SELECT count(*) AS n FROM customer_tags WHERE tag = ?',
  };
  return (ctx.db.prepare(sql[kind]).get(name) as { n: number }).n;
}

function toItem(ctx: Ctx, r: Row, withUsage: boolean): DictItem {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    sort: r.sort,
    visitIntervalDays: r.visit_interval_days,
    active: r.active === 1,
    usage: withUsage ? usage(ctx, r.kind, r.name) : 0,
  };
}

function getRow(ctx: Ctx, id: number): Row {
  const row = ctx.db.prepare('SELECT * FROM dict_items WHERE id = ?').get(id) as Row | undefined;
  if (!row) throw notFound(`字典项不存在（ID ${id}）`);
  return row;
}

const FIELD_OF_KIND = { tier: 'tier', region: 'region', industry: 'industry', tag: 'tags' } as const;

/**
 * A rename carries over to every archive that used the old name, and like any other
 * archive change it bumps the version (an edit form opened before the rename cannot
 * silently write the old name back) and leaves a history row on each customer.
 */
function renameInArchives(ctx: Ctx, kind: DictKind, from: string, to: string): void {
  const at = localTimestamp(ctx.now());
  const userId = ctx.user?.id ?? null;
  const field = FIELD_OF_KIND[kind];
  if (kind === 'tag') {
    const ids = (ctx.db.prepare('SELECT customer_id FROM customer_tags WHERE tag = ?').all(from) as { customer_id: number }[]).map(
      (r) => r.customer_id,
    );
    const history = ctx.db.prepare(
      `INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value) VALUES (?, ?, ?, 'update', 'tags', ?, ?)`,
    );
    const bump = ctx.db.prepare('UPDATE customers SET version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?');
    for (const id of ids) {
      history.run(id, at, userId, from, to);
      bump.run(at, userId, id);
    }
    ctx.db.prepare('UPDATE OR IGNORE customer_tags SET tag = ? WHERE tag = ?').run(to, from);
    ctx.db.prepare('DELETE FROM customer_tags WHERE tag = ?').run(from);
    return;
  }
  // `field` comes from the fixed map above, never from input.
  ctx.db
    .prepare(
      `INSERT INTO customer_changes (customer_id, at, user_id, action, field, old_value, new_value)
       SELECT id, ?, ?, 'update', '${field}', ?, ? FROM customers WHERE ${field} = ?`,
    )
    .run(at, userId, from, to, from);
  ctx.db
    .prepare(`UPDATE customers SET ${field} = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE ${field} = ?`)
    .run(to, at, userId, from);
}

export const dictHandlers: HandlerMap<'dicts.list' | 'dicts.save' | 'dicts.delete'> = {
  'dicts.list': (ctx, input) => {
    const rows = (
      input.kind
        ? ctx.db.prepare('SELECT * FROM dict_items WHERE kind = ? ORDER BY sort, id').all(input.kind)
        : ctx.db.prepare('SELECT * FROM dict_items ORDER BY kind, sort, id').all()
    ) as Row[];
    const withUsage = ctx.user?.role === 'admin';
    return rows.map((r) => toItem(ctx, r, withUsage));
  },

  'dicts.save': (ctx, input) => {
    if (input.kind === 'tier' && (input.visitIntervalDays === null || (!input.id && input.visitIntervalDays === undefined))) {
      throw badInput('客户分级必须设置走访间隔（天）', 'visitIntervalDays');
    }
    const label = DICT_KIND_LABELS[input.kind];
    const clash = ctx.db
      .prepare('SELECT id FROM dict_items WHERE kind = ? AND name = ? AND id <> ?')
      .get(input.kind, input.name, input.id ?? 0);
    if (clash) throw conflict(`${label}「${input.name}」已存在`);
    let id = input.id;
    ctx.db.transaction(() => {
      if (id) {
        const before = getRow(ctx, id);
        if (before.kind !== input.kind) throw badInput('不能修改字典项的类别', 'kind');
        ctx.db
          .prepare('UPDATE dict_items SET name = ?, sort = ?, visit_interval_days = ?, active = ? WHERE id = ?')
          .run(
            input.name,
            input.sort ?? before.sort,
            input.kind === 'tier' ? (input.visitIntervalDays ?? before.visit_interval_days) : null,
            input.active === undefined ? before.active : input.active ? 1 : 0,
            id,
          );
        if (before.name !== input.name) renameInArchives(ctx, input.kind, before.name, input.name);
        ctx.audit({ action: 'dict_change', target: `${label}「${input.name}」`, detail: { before: before.name, sort: input.sort, visitIntervalDays: input.visitIntervalDays, active: input.active } });
      } else {
        const maxSort = (ctx.db.prepare('SELECT coalesce(max(sort), -1) AS m FROM dict_items WHERE kind = ?').get(input.kind) as { m: number }).m;
        const r = ctx.db
          .prepare('INSERT INTO dict_items (kind, name, sort, visit_interval_days, active) VALUES (?, ?, ?, ?, ?)')
          .run(input.kind, input.name, input.sort ?? maxSort + 1, input.kind === 'tier' ? (input.visitIntervalDays ?? 30) : null, input.active === false ? 0 : 1);
        id = Number(r.lastInsertRowid);
        ctx.audit({ action: 'dict_change', target: `${label}「${input.name}」`, detail: '新增' });
      }
    })();
    return toItem(ctx, getRow(ctx, id!), true);
  },

  'dicts.delete': (ctx, input) => {
    const row = getRow(ctx, input.id);
    const n = usage(ctx, row.kind, row.name);
    const label = DICT_KIND_LABELS[row.kind];
    if (n > 0) throw conflict(`${label}「${row.name}」正被${n}个客户使用，不能删除；可以改为停用`);
    ctx.db.prepare('DELETE FROM dict_items WHERE id = ?').run(input.id);
    ctx.audit({ action: 'dict_change', target: `${label}「${row.name}」`, detail: '删除' });
    return null;
  },
};
