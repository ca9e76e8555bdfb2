import type { z } from 'zod';
import type { SessionUser } from '../../../shared/api/auth';
import { VISIT_FIELD_LABELS, visitInputSchema, type BulkResult, type BulkRowResult, type VisitInput } from '../../../shared/domain/visits';
import { overlapsWithin } from '../../../shared/domain/visitRules';
import type { Db } from '../db/connection';
import { resolveVisit, type VisitValues } from './rules';
import { insertVisit, type WriteMeta } from './write';

type FieldError = { field: string; message: string };

/** zod's view of a bad row, in the words of the bulk-entry grid. */
export function rowSchemaErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const field = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') return { field, message: `不认识的字段：${issue.keys.join('、')}` };
    const label = VISIT_FIELD_LABELS[field] ?? VISIT_FIELD_LABELS[String(issue.path[0] ?? '')] ?? field;
    return { field, message: label && !issue.message.startsWith(label) ? `${label}：${issue.message}` : issue.message };
  });
}

export interface BulkOptions {
  now: string;
  checklist: readonly string[];
  mode: 'valid-only' | 'all-or-nothing';
  dryRun: boolean;
  meta: WriteMeta;
}

/**
 * A week of paper sheets typed in at once: every row is checked on its own
 * (schema, scope, times, overlaps with stored visits) and against the other rows
 * (a manager's rows must not overlap each other); the valid rows are stored in one
 * transaction, so a crash leaves either all of them or none.
 */
export function bulkCreateVisits(db: Db, user: SessionUser, rows: readonly VisitInput[], opts: BulkOptions): BulkResult {
  const results: BulkRowResult[] = rows.map((_, index) => ({ index, ok: false }));
  const valid: { index: number; values: VisitValues }[] = [];
  const takenPlanEntries = new Set<number>();

  rows.forEach((raw, index) => {
    const parsed = visitInputSchema.safeParse(raw);
    if (!parsed.success) {
      results[index].errors = rowSchemaErrors(parsed.error);
      return;
    }
    const { values, problems } = resolveVisit(db, user, parsed.data, { now: opts.now, checklist: opts.checklist, takenPlanEntries });
    if (!values) {
      results[index].errors = problems.map(({ field, message }) => ({ field, message }));
      return;
    }
    if (values.planEntryId !== null) takenPlanEntries.add(values.planEntryId);
    valid.push({ index, values });
  });

  // Overlaps between rows of the same manager.
  const byManager = new Map<number, { index: number; values: VisitValues }[]>();
  for (const v of valid) {
    const list = byManager.get(v.values.managerId);
    if (list) list.push(v);
    else byManager.set(v.values.managerId, [v]);
  }
  const clashing = new Set<number>();
  for (const list of byManager.values()) {
    const hits = overlapsWithin(list.map((v) => ({ start: v.values.signIn, end: v.values.signOut ?? v.values.signIn })));
    for (const hit of hits) {
      const row = list[hit.index].index;
      const other = list[hit.other].index;
      clashing.add(row);
      results[row].errors = [{ field: 'signIn', message: `签到时间：与第${other + 1}行的走访时间重叠，同一客户经理的走访不能重叠` }];
    }
  }
  const toStore = valid.filter((v) => !clashing.has(v.index));
  const anyInvalid = toStore.length < rows.length;
  const store = !opts.dryRun && !(opts.mode === 'all-or-nothing' && anyInvalid);

  if (store && toStore.length) {
    db.transaction(() => {
      for (const v of toStore) results[v.index].id = insertVisit(db, v.values, opts.meta);
    })();
  }
  for (const v of toStore) results[v.index].ok = true;
  if (!store && opts.mode === 'all-or-nothing' && anyInvalid && !opts.dryRun) {
    // Nothing was stored: a valid row is only "ok" in the sense that it has no problem of its own.
    for (const v of toStore) delete results[v.index].id;
  }
  const saved = store ? toStore.length : 0;
  return { saved, failed: rows.length - toStore.length, dryRun: opts.dryRun, results };
}
