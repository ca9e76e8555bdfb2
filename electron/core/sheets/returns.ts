import type { SessionUser } from '../../../shared/api/auth';
import { sheetReturnRowSchema, type SheetRow } from '../../../shared/domain/sheets';
import { overlapsWithin } from '../../../shared/domain/visitRules';
import type { Db } from '../db/connection';
import { findUserById } from '../users/repo';
import { resolveVisit, type VisitDraft, type VisitValues } from '../visits/rules';

export interface RowProblem {
  row: number;
  message: string;
}

export interface CheckedReturn {
  rows: { row: number; values: VisitValues }[];
  problems: RowProblem[];
}

/**
 * The rows of a returned sheet, each checked by the same rules as any visit (scope,
 * future times, overlaps with stored visits, its plan entry) and against the other
 * rows (one manager cannot be at two customers at once). A pre-filled row keeps the
 * customer and day printed on it; a blank row needs its customer and a full date.
 */
export function checkReturnRows(
  db: Db,
  user: SessionUser,
  sheet: { managerId: number; rows: readonly SheetRow[] },
  raw: readonly unknown[],
  opts: { now: string; checklist: readonly string[] },
): CheckedReturn {
  const problems: RowProblem[] = [];
  const ok: { row: number; values: VisitValues }[] = [];
  const byNo = new Map(sheet.rows.map((r) => [r.row, r]));
  const seen = new Set<number>();
  const takenPlanEntries = new Set<number>();
  const managerName = findUserById(db, sheet.managerId)?.name;

  raw.forEach((input, i) => {
    const parsed = sheetReturnRowSchema.safeParse(input);
    const rowNo = typeof (input as { row?: unknown }).row === 'number' ? (input as { row: number }).row : i + 1;
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const msg = issue.code === 'unrecognized_keys' ? `不认识的字段：${issue.keys.join('、')}` : issue.message;
      problems.push({ row: rowNo, message: msg });
      return;
    }
    const r = parsed.data;
    const printed = byNo.get(r.row);
    if (!printed) return void problems.push({ row: r.row, message: `签到簿上没有第 ${r.row} 行（共 ${sheet.rows.length} 行）` });
    if (seen.has(r.row)) return void problems.push({ row: r.row, message: '这一行填了两次' });
    seen.add(r.row);
    if (printed.visitId !== null) return void problems.push({ row: r.row, message: `这一行已登记过（走访记录 ID ${printed.visitId}）` });
    if (r.signature === '待签') return void problems.push({ row: r.row, message: '客户签字：回收的行须为 已签、拒签 或 无法签字' });

    let customer: Pick<VisitDraft, 'customer' | 'customerId'>;
    if (r.customer === undefined || r.customer === '') {
      if (printed.customerId === null) return void problems.push({ row: r.row, message: '客户：空白行请填写客户编码' });
      customer = { customerId: printed.customerId };
    } else {
      customer = typeof r.customer === 'number' ? { customerId: r.customer } : { customer: r.customer };
      const differs =
        printed.customerId !== null &&
        (typeof r.customer === 'number' ? r.customer !== printed.customerId : r.customer.trim().toUpperCase() !== (printed.customer ?? '').toUpperCase());
      if (differs) return void problems.push({ row: r.row, message: `客户：与签到簿上印的客户（${printed.customerName}，${printed.customer}）不一致` });
    }

    const draft: VisitDraft = {
      ...customer,
      ...(managerName ? { manager: managerName } : {}),
      type: '常规走访',
      date: printed.date,
      signIn: r.signIn,
      signOut: r.signOut ?? null,
      signature: r.signature,
      signatureNote: r.reason ?? null,
      content: r.content ?? null,
      ...(printed.planEntryId !== null ? { planEntryId: printed.planEntryId } : { planned: false }),
    };
    const { values, problems: rowProblems } = resolveVisit(db, user, draft, { now: opts.now, checklist: opts.checklist, takenPlanEntries });
    if (!values) return void problems.push({ row: r.row, message: rowProblems.map((p) => p.message).join('；') });
    if (values.planEntryId !== null) takenPlanEntries.add(values.planEntryId);
    ok.push({ row: r.row, values });
  });

  const hits = overlapsWithin(ok.map((v) => ({ start: v.values.signIn, end: v.values.signOut ?? v.values.signIn })));
  const clashing = new Set<number>();
  for (const hit of hits) {
    if (clashing.has(hit.index)) continue;
    clashing.add(hit.index);
    problems.push({ row: ok[hit.index].row, message: `签到时间：与第 ${ok[hit.other].row} 行的走访时间重叠` });
  }
  problems.sort((a, b) => a.row - b.row);
  return { rows: ok.filter((_, i) => !clashing.has(i)), problems };
}
