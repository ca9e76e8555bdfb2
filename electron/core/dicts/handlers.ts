import type { DictItem } from '../../../shared/api/dicts';
import { DICT_KIND_LABELS } from '../../../shared/domain/constants';
import type { Ctx, HandlerMap } from '../context';
import { badInput, conflict, notFound } from '../errors';
import { localTimestamp } from '../clock';
import {
  deleteDictItem,
  dictNameTaken,
  dictUsage,
  insertDictItem,
  listDictRecords,
  loadDictRecord,
  renameInArchives,
  updateDictItem,
  type DictRecord,
} from './repo';

function toItem(ctx: Ctx, r: DictRecord, withUsage: boolean): DictItem {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    sort: r.sort,
    visitIntervalDays: r.visit_interval_days,
    active: r.active === 1,
    usage: withUsage ? dictUsage(ctx.db, r.kind, r.name) : 0,
  };
}

function getRow(ctx: Ctx, id: number): DictRecord {
  const row = loadDictRecord(ctx.db, id);
  if (!row) throw notFound(`字典项不存在（ID ${id}）`);
  return row;
}

export const dictHandlers: HandlerMap<'dicts.list' | 'dicts.save' | 'dicts.delete'> = {
  'dicts.list': (ctx, input) => {
    const rows = listDictRecords(ctx.db, input.kind);
    const withUsage = ctx.user?.role === 'admin';
    return rows.map((r) => toItem(ctx, r, withUsage));
  },

  'dicts.save': (ctx, input) => {
    if (input.kind === 'tier' && (input.visitIntervalDays === null || (!input.id && input.visitIntervalDays === undefined))) {
      throw badInput('客户分级必须设置走访间隔（天）', 'visitIntervalDays');
    }
    const label = DICT_KIND_LABELS[input.kind];
    if (dictNameTaken(ctx.db, input.kind, input.name, input.id ?? 0)) throw conflict(`${label}「${input.name}」已存在`);
    let id = input.id;
    ctx.db.transaction(() => {
      if (id) {
        const before = getRow(ctx, id);
        if (before.kind !== input.kind) throw badInput('不能修改字典项的类别', 'kind');
        updateDictItem(ctx.db, id, {
          name: input.name,
          sort: input.sort ?? before.sort,
          visitIntervalDays: input.kind === 'tier' ? (input.visitIntervalDays ?? before.visit_interval_days) : null,
          active: input.active === undefined ? before.active === 1 : input.active,
        });
        if (before.name !== input.name) {
          renameInArchives(ctx.db, input.kind, before.name, input.name, { at: localTimestamp(ctx.now()), userId: ctx.user?.id ?? null });
        }
        ctx.audit({ action: 'dict_change', target: `${label}「${input.name}」`, detail: { before: before.name, sort: input.sort, visitIntervalDays: input.visitIntervalDays, active: input.active } });
      } else {
        id = insertDictItem(ctx.db, input.kind, {
          name: input.name,
          sort: input.sort,
          visitIntervalDays: input.kind === 'tier' ? (input.visitIntervalDays ?? 30) : null,
          active: input.active !== false,
        });
        ctx.audit({ action: 'dict_change', target: `${label}「${input.name}」`, detail: '新增' });
      }
    })();
    return toItem(ctx, getRow(ctx, id!), true);
  },

  'dicts.delete': (ctx, input) => {
    const row = getRow(ctx, input.id);
    const n = dictUsage(ctx.db, row.kind, row.name);
    const label = DICT_KIND_LABELS[row.kind];
    // An item in use is deactivated, never deleted, so no archive loses its value.
    if (n > 0) throw conflict(`${label}「${row.name}」正被${n}个客户使用，不能删除；可以改为停用`);
    ctx.db.transaction(() => {
      deleteDictItem(ctx.db, input.id);
      ctx.audit({ action: 'dict_change', target: `${label}「${row.name}」`, detail: '删除' });
    })();
    return null;
  },
};
