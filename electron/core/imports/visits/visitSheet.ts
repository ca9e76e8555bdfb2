import type { SessionUser } from '../../../../shared/api/auth';
import type { ImportIssue } from '../../../../shared/domain/imports';
import { visitInputSchema, type VisitInput } from '../../../../shared/domain/visits';
import { checkVisitTimes, overlapsWithin } from '../../../../shared/domain/visitRules';
import { localTimestamp } from '../../clock';
import { normaliseCode } from '../../customers/codes';
import { isScopedToOwn } from '../../customers/scope';
import { prepared } from '../../db/statements';
import type { CellValue, SheetRow } from '../../excel/types';
import { rowSchemaErrors } from '../../visits/bulk';
import { readChecklist } from '../../visits/checklist';
import { loadVisitRecord, parseChecklist, type VisitRecord } from '../../visits/repo';
import { resolveVisit, type VisitValues } from '../../visits/rules';
import { insertVisit, updateVisit } from '../../visits/write';
import { recordBatchRow } from '../engine/batches';
import type { Importer, ImporterEnv, WriteMeta } from '../engine/importer';
import { managerLookup } from '../engine/managers';

interface VisitPlan {
  row: number;
  cells: CellValue[];
  values: VisitValues;
  existing: VisitRecord | null;
  key: string;
  name: string;
}

/** A stored visit as the values the visit rules produce: the before-image an update keeps for undo. */
export function visitValuesOf(r: VisitRecord): VisitValues {
  return {
    customerId: r.customer_id,
    managerId: r.manager_id,
    type: r.type,
    planned: r.planned === 1,
    planEntryId: r.plan_entry_id,
    signIn: r.sign_in,
    signOut: r.sign_out,
    durationMinutes: r.duration_minutes,
    location: r.location,
    content: r.content,
    checklist: parseChecklist(r.checklist),
    opinions: r.opinions,
    problems: r.problems,
    signature: r.signature,
    signatureNote: r.signature_note,
    nextFollowUp: r.next_follow_up_due ? { due: r.next_follow_up_due, content: r.next_follow_up_content ?? '' } : null,
  };
}

/** Fields of a visit rule problem → the import field whose column it names. */
const FIELD_OF: Record<string, string> = {
  customer: 'customer',
  customerId: 'customer',
  'nextFollowUp.due': 'nextDue',
  'nextFollowUp.content': 'nextContent',
  nextFollowUp: 'nextDue',
};

/**
 * Visit history import. Each row is a VisitInput checked by the visits module's own
 * schema and rules (customer scope, times, overlaps, checklist, plan entry), and
 * written with its side effects (plan entry 已完成, follow-up task, last visit).
 * A visit of the same customer with the same sign-in time is "the same visit".
 */
export function visitImporter(env: ImporterEnv): Importer {
  const { db, columns, collector, mode } = env;
  const user: SessionUser = { id: env.user.id, name: env.user.name, displayName: env.user.displayName, role: env.user.role, mustChangePassword: false };
  const now = localTimestamp(env.now).slice(0, 16);
  const checklist = readChecklist(db);
  const resolveManager = managerLookup(db);
  const plans: VisitPlan[] = [];
  const seen = new Map<string, number>();
  const takenPlanEntries = new Set<number>();
  const customerByCode = prepared(db, 'SELECT id, name, manager_id FROM customers WHERE code = ?');
  const scoped = isScopedToOwn(user);
  const sameVisit = prepared(db, 'SELECT id FROM visits WHERE customer_id = ? AND sign_in = ? AND deleted_at IS NULL LIMIT 1');

  const columnOf = (field: string) => columns.label(FIELD_OF[field] ?? field);

  return {
    add({ row, cells }: SheetRow) {
      collector.counts.total++;
      const { values: v, issues } = columns.convert(row, cells);
      const code = typeof v.customer === 'string' ? normaliseCode(v.customer) : '';
      const givenName = typeof v.customerName === 'string' ? v.customerName : '';
      const fail = (more: ImportIssue[] = []) => collector.invalid(row, cells, [...issues, ...more], code, givenName);
      if (issues.length) return fail();

      const draft: Record<string, unknown> = {};
      for (const k of ['customer', 'date', 'signIn', 'signOut', 'type', 'location', 'content', 'checklist', 'opinions', 'problems', 'signature', 'signatureNote']) {
        if (v[k] !== undefined) draft[k] = v[k];
      }
      if (v.durationMinutes !== undefined) {
        const n = v.durationMinutes as number;
        if (!Number.isInteger(n)) return fail([{ row, column: columns.label('durationMinutes'), message: '在户时间应为整数分钟' }]);
        draft.durationMinutes = n;
      }
      if (v.nextDue !== undefined || v.nextContent !== undefined) draft.nextFollowUp = { due: v.nextDue ?? '', content: v.nextContent ?? '' };
      if (typeof v.manager === 'string') {
        const m = resolveManager(v.manager);
        if (typeof m !== 'string') return fail([{ row, column: columns.label('manager'), message: m.error }]);
        draft.manager = m;
      }
      const parsed = visitInputSchema.safeParse(draft as VisitInput);
      if (!parsed.success) return fail(rowSchemaErrors(parsed.error).map((e) => ({ row, column: columnOf(e.field), message: e.message })));

      // The same visit already stored (customer + sign-in minute)? Another manager's customer is,
      // to a 客户经理, a code that does not exist (the rules answer 找不到客户编码), never a name.
      const stored = code ? (customerByCode.get(code) as { id: number; name: string; manager_id: number | null } | undefined) : undefined;
      const customer = stored && (!scoped || stored.manager_id === user.id) ? stored : undefined;
      const times = checkVisitTimes({ signIn: parsed.data.signIn, signOut: parsed.data.signOut, date: parsed.data.date, durationMinutes: parsed.data.durationMinutes, now });
      let existing: VisitRecord | null = null;
      if (customer && times.signIn) {
        const key = `${customer.id}|${times.signIn}`;
        const first = seen.get(key);
        if (first !== undefined) return fail([{ row, column: columns.label('signIn'), message: `与第${first}行重复（同一客户同一签到时间）` }]);
        seen.set(key, row);
        const hit = sameVisit.get(customer.id, times.signIn) as { id: number } | undefined;
        if (hit) {
          if (mode === 'add') return fail([{ row, column: columns.label('signIn'), message: `该走访已存在（${customer.name} ${times.signIn}）；如需覆盖请选择“更新已有记录”` }]);
          if (mode === 'skip') {
            collector.counts.skipped++;
            collector.planned(row, 'skip', code, customer.name, '该走访已存在，按“跳过”处理');
            return;
          }
          existing = loadVisitRecord(db, hit.id);
          // A visit of their customer logged by someone else (before a transfer) is theirs to read, not to overwrite.
          if (existing && scoped && existing.manager_id !== user.id) {
            return fail([{ row, column: columns.label('signIn'), message: '该走访由其他客户经理登记，客户经理只能覆盖自己登记的走访' }]);
          }
        }
      }
      const { values, problems } = resolveVisit(db, user, parsed.data, {
        now,
        checklist,
        takenPlanEntries,
        existing: existing
          ? { id: existing.id, customerId: existing.customer_id, managerId: existing.manager_id, planEntryId: existing.plan_entry_id, checklist: parseChecklist(existing.checklist) }
          : undefined,
      });
      if (!values) return fail(problems.map((p) => ({ row, column: columnOf(p.field), message: p.message })));
      if (values.planEntryId !== null) takenPlanEntries.add(values.planEntryId);
      const name = customer?.name ?? givenName;
      if (givenName && customer && givenName !== customer.name) {
        collector.warning({ row, column: columns.label('customerName'), message: `客户名称「${givenName}」与编码 ${code} 对应的「${customer.name}」不一致，已按编码导入` });
      }
      plans.push({ row, cells, values, existing, key: `${code} ${values.signIn}`, name });
    },

    async ready() {
      // Rows of one manager must not overlap each other (the stored visits were checked row by row).
      const byManager = new Map<number, VisitPlan[]>();
      for (const p of plans) {
        const list = byManager.get(p.values.managerId);
        if (list) list.push(p);
        else byManager.set(p.values.managerId, [p]);
      }
      const clashing = new Set<VisitPlan>();
      for (const list of byManager.values()) {
        for (const hit of overlapsWithin(list.map((p) => ({ start: p.values.signIn, end: p.values.signOut ?? p.values.signIn })))) {
          const p = list[hit.index];
          if (clashing.has(p)) continue;
          clashing.add(p);
          collector.invalid(p.row, p.cells, [{ row: p.row, column: columns.label('signIn'), message: `与第${list[hit.other].row}行的走访时间重叠，同一客户经理的走访不能重叠` }], p.key, p.name);
        }
      }
      const kept = plans.filter((p) => !clashing.has(p));
      plans.length = 0;
      for (const p of kept) {
        plans.push(p);
        p.cells = [];
        collector.planned(p.row, p.existing ? 'update' : 'insert', p.key, p.name, p.existing ? '覆盖已有走访' : '');
      }
    },

    planned() {
      const updates = plans.filter((p) => p.existing).length;
      return { inserts: plans.length - updates, updates };
    },

    write(meta: WriteMeta, progress) {
      const at = { at: meta.at, userId: meta.userId };
      let written = 0;
      for (const p of plans) {
        if (p.existing) {
          const before = visitValuesOf(p.existing);
          updateVisit(db, { id: p.existing.id, customerId: p.existing.customer_id, planEntryId: p.existing.plan_entry_id }, p.values, at);
          recordBatchRow(db, { batchId: meta.batchId, row: p.row, target: 'visit', targetId: p.existing.id, key: p.key, action: 'update', before, after: p.values });
        } else {
          const id = insertVisit(db, p.values, at);
          recordBatchRow(db, { batchId: meta.batchId, row: p.row, target: 'visit', targetId: id, key: p.key, action: 'insert' });
        }
        progress(++written);
      }
    },

    close() {},
  };
}
