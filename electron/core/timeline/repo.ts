import type { TimelineItem, TimelinePage } from '../../../shared/domain/timeline';
import { formatDuration } from '../../../shared/domain/visitRules';
import { fieldLabel } from '../customers/history';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';
import { badInput } from '../errors';
import { receiptItemsOf, receiptItemsText } from '../receipts/repo';

/**
 * One time-ordered history of a customer from five tables. Each source is read
 * newest first on its (customer_id, time) index, `limit + 1` rows at most, and the
 * lists are merged here: cheap at any table size, since no source is ever read
 * past the page. Order: minute DESC, then source rank DESC, then id DESC; the
 * cursor `before` carries that triple, so pages never skip or repeat an item.
 */

interface Source {
  kind: TimelineItem['kind'];
  rank: number;
  /** Selects id, at (`YYYY-MM-DD HH:mm`) and the columns `toItems` reads, for customer ?; `%CURSOR%` is replaced by the cursor condition. */
  sql: string;
  toItems(db: Db, rows: Record<string, unknown>[], today: string): TimelineItem[];
}

/** A source whose rows each carry everything their item shows. */
const eachRow =
  (toItem: (row: Record<string, unknown>, today: string) => TimelineItem): Source['toItems'] =>
  (_db, rows, today) =>
    rows.map((r) => toItem(r, today));

const CHANGE_TITLES: Record<string, string> = {
  create: '新建档案',
  update: '修改档案',
  contact: '修改联系人',
  transfer: '移交客户经理',
  delete: '删除档案',
  restore: '恢复档案',
};

const SOURCES: Source[] = [
  {
    kind: 'visit',
    rank: 5,
    sql: `SELECT v.id, v.sign_in AS at, v.type, v.duration_minutes, v.sign_out, v.content, v.checklist, v.signature, u.display_name AS by
          FROM visits v JOIN users u ON u.id = v.manager_id
          WHERE v.customer_id = ? AND v.deleted_at IS NULL %CURSOR(v.sign_in, v.id)%
          ORDER BY v.sign_in DESC, v.id DESC LIMIT ?`,
    toItems: eachRow((r) => {
      const checklist = (JSON.parse(String(r.checklist ?? '[]')) as string[]).join('、');
      const duration = r.duration_minutes === null ? '尚未签退' : `在户${formatDuration(Number(r.duration_minutes))}`;
      return {
        kind: 'visit',
        id: Number(r.id),
        at: String(r.at),
        title: `${String(r.type)} · ${duration}`,
        detail: [checklist, r.content].filter(Boolean).join('；'),
        by: String(r.by ?? ''),
        status: String(r.signature),
      };
    }),
  },
  {
    kind: 'followup',
    rank: 4,
    sql: `SELECT f.id, substr(f.created_at, 1, 16) AS at, f.due, f.content, f.done_at, f.result, u.display_name AS by
          FROM followups f JOIN users u ON u.id = f.owner_id
          WHERE f.customer_id = ? AND f.deleted_at IS NULL %CURSOR(substr(f.created_at, 1, 16), f.id)%
          ORDER BY f.created_at DESC, f.id DESC LIMIT ?`,
    toItems: eachRow((r, today) => ({
      kind: 'followup',
      id: Number(r.id),
      at: String(r.at),
      title: `跟进任务：${String(r.content)}`,
      detail: `截止 ${String(r.due)}${r.result ? `；结果：${String(r.result)}` : ''}`,
      by: String(r.by ?? ''),
      status: r.done_at ? '已完成' : String(r.due) < today ? '已逾期' : '待跟进',
    })),
  },
  {
    kind: 'complaint',
    rank: 3,
    sql: `SELECT k.id, k.opened_at AS at, k.category, k.content, k.result, k.status, u.display_name AS by
          FROM complaints k JOIN users u ON u.id = k.manager_id
          WHERE k.customer_id = ? AND k.deleted_at IS NULL %CURSOR(k.opened_at, k.id)%
          ORDER BY k.opened_at DESC, k.id DESC LIMIT ?`,
    toItems: eachRow((r) => ({
      kind: 'complaint',
      id: Number(r.id),
      at: String(r.at),
      title: `投诉反馈：${String(r.category)}`,
      detail: [r.content, r.result && `处理结果：${String(r.result)}`].filter(Boolean).join('；'),
      by: String(r.by ?? ''),
      status: String(r.status),
    })),
  },
  {
    kind: 'receipt',
    rank: 2,
    sql: `SELECT r.id, r.handed_at AS at, r.signature, u.display_name AS by
          FROM receipts r JOIN users u ON u.id = r.manager_id
          WHERE r.customer_id = ? AND r.deleted_at IS NULL %CURSOR(r.handed_at, r.id)%
          ORDER BY r.handed_at DESC, r.id DESC LIMIT ?`,
    // The items come from the receipts' own reader, so the timeline lists them as the receipt does.
    toItems: (db, rows) => {
      const items = receiptItemsOf(
        db,
        rows.map((r) => Number(r.id)),
      );
      return rows.map((r) => ({
        kind: 'receipt',
        id: Number(r.id),
        at: String(r.at),
        title: '宣传促销品签收',
        detail: receiptItemsText(items.get(Number(r.id)) ?? []),
        by: String(r.by ?? ''),
        status: String(r.signature),
      }));
    },
  },
  {
    kind: 'change',
    rank: 1,
    // One item per save (the rows of one edit share time and batch).
    sql: `SELECT * FROM (
            SELECT min(ch.id) AS id, substr(ch.at, 1, 16) AS at, group_concat(DISTINCT ch.action) AS actions,
                   json_group_array(json_object('f', ch.field, 'o', ch.old_value, 'n', ch.new_value)) AS fields,
                   u.display_name AS by
            FROM customer_changes ch LEFT JOIN users u ON u.id = ch.user_id
            WHERE ch.customer_id = ?
            GROUP BY ch.at, ch.batch_id, ch.user_id
          ) WHERE 1 %CURSOR(at, id)%
          ORDER BY at DESC, id DESC LIMIT ?`,
    toItems: eachRow((r) => {
      const actions = String(r.actions ?? '').split(',');
      const action = ['transfer', 'delete', 'restore', 'create', 'update', 'contact'].find((a) => actions.includes(a)) ?? 'update';
      const fields = JSON.parse(String(r.fields ?? '[]')) as { f: string; o: string | null; n: string | null }[];
      const detail = fields
        .map((f) => (f.f === 'record' ? (f.n ?? '') : `${fieldLabel(f.f)}：${f.o || '（空）'} → ${f.n || '（空）'}`))
        .join('；');
      return { kind: 'change', id: Number(r.id), at: String(r.at), title: CHANGE_TITLES[action] ?? '修改档案', detail, by: String(r.by ?? ''), status: '' };
    }),
  },
];

interface Cursor {
  at: string;
  rank: number;
  id: number;
}

function parseCursor(raw: string | undefined): Cursor | null {
  if (raw === undefined || raw === '') return null;
  const m = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2})\|(\d)\|(\d+)$/.exec(raw);
  if (!m) throw badInput('翻页位置（before）无效，请从第一页重新加载', 'before');
  return { at: m[1], rank: Number(m[2]), id: Number(m[3]) };
}

/** The condition "strictly after the cursor in display order" for one source, on its own time and id columns. */
function cursorSql(source: Source, cursor: Cursor | null): { sql: string; params: unknown[] } {
  const m = /%CURSOR\((.+), (\S+)\)%/.exec(source.sql)!;
  const [atCol, idCol] = [m[1], m[2]];
  let cond = '';
  let params: unknown[] = [];
  if (cursor) {
    if (source.rank < cursor.rank) [cond, params] = [`AND ${atCol} <= ?`, [cursor.at]];
    else if (source.rank > cursor.rank) [cond, params] = [`AND ${atCol} < ?`, [cursor.at]];
    else [cond, params] = [`AND (${atCol} < ? OR (${atCol} = ? AND ${idCol} < ?))`, [cursor.at, cursor.at, cursor.id]];
  }
  return { sql: source.sql.replace(m[0], cond), params };
}

export function customerTimeline(db: Db, customerId: number, limit: number, before: string | undefined, today: string): TimelinePage {
  const cursor = parseCursor(before);
  const merged: { item: TimelineItem; rank: number }[] = [];
  for (const source of SOURCES) {
    const { sql, params } = cursorSql(source, cursor);
    const rows = prepared(db, sql).all(customerId, ...params, limit + 1) as Record<string, unknown>[];
    for (const item of source.toItems(db, rows, today)) merged.push({ item, rank: source.rank });
  }
  merged.sort((a, b) => (a.item.at !== b.item.at ? (a.item.at < b.item.at ? 1 : -1) : a.rank !== b.rank ? b.rank - a.rank : b.item.id - a.item.id));
  const page = merged.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((p) => p.item),
    nextBefore: merged.length > limit && last ? `${last.item.at}|${last.rank}|${last.item.id}` : null,
  };
}
