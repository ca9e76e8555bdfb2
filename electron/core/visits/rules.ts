import type { SessionUser } from '../../../shared/api/auth';
import { SIGNATURE_STATUSES, VISIT_TYPES, type NextFollowUp, type SignatureStatus, type VisitInput, type VisitType } from '../../../shared/domain/visits';
import { addMinutes, checkVisitTimes, findOverlap, weekMonday, type FieldProblem } from '../../../shared/domain/visitRules';
import { normaliseCode } from '../customers/codes';
import { managerProblem } from '../customers/rules';
import { isScopedToOwn } from '../customers/scope';
import { prepared } from '../db/statements';
import type { Db } from '../db/connection';
import { badInput, forbidden } from '../errors';
import { loadPlanEntryState } from '../plans/repo';
import { findUserById, findUserByName } from '../users/repo';

/** A visit that passed every rule, ready to store. */
export interface VisitValues {
  customerId: number;
  managerId: number;
  type: VisitType;
  planned: boolean;
  planEntryId: number | null;
  signIn: string;
  signOut: string | null;
  durationMinutes: number | null;
  location: string | null;
  content: string | null;
  checklist: string[];
  opinions: string | null;
  problems: string | null;
  signature: SignatureStatus;
  signatureNote: string | null;
  nextFollowUp: NextFollowUp | null;
}

/** A refusal of one field; `forbidden` marks data-scope refusals (answered FORBIDDEN, not BAD_INPUT, for a single record). */
export interface Problem extends FieldProblem {
  forbidden?: boolean;
}

/** The writable fields of a visit as the rules read them: create input, or a stored visit with an update laid over it. */
export type VisitDraft = Omit<VisitInput, 'signIn'> & { signIn?: string | null };

/** What the rules need to know about the visit being edited. */
export interface ExistingVisit {
  id: number;
  customerId: number;
  managerId: number;
  planEntryId: number | null;
  checklist: string[];
}

export interface ResolveOptions {
  /** `YYYY-MM-DD HH:mm`: nothing may lie after it. */
  now: string;
  /** The branch's checklist. */
  checklist: readonly string[];
  existing?: ExistingVisit;
  /** A visit signed in and not yet out is allowed (sign-in, editing an open visit). */
  allowOpen?: boolean;
  /** Plan entries other rows of the same batch already fulfil. */
  takenPlanEntries?: ReadonlySet<number>;
}

interface CustomerRef {
  id: number;
  code: string;
  name: string;
  manager_id: number | null;
  deleted_at: string | null;
}

const text = (v: string | null | undefined): string | null => {
  const s = (v ?? '').trim();
  return s === '' ? null : s;
};

function findCustomer(db: Db, draft: VisitDraft): CustomerRef | null | 'none' {
  if (draft.customerId !== undefined) {
    return (prepared(db, 'SELECT id, code, name, manager_id, deleted_at FROM customers WHERE id = ?').get(draft.customerId) as CustomerRef | undefined) ?? null;
  }
  const code = normaliseCode(draft.customer);
  if (!code) return 'none';
  return (prepared(db, 'SELECT id, code, name, manager_id, deleted_at FROM customers WHERE code = ?').get(code) as CustomerRef | undefined) ?? null;
}

/** Open plan entry of this customer and manager in the visit's week: a visit fulfils the plan even when done on another day. */
export function findPlanEntryFor(db: Db, managerId: number, customerId: number, signIn: string): number | null {
  const row = prepared(
    db,
    `SELECT id FROM plan_entries
     WHERE customer_id = ? AND week_monday = ? AND manager_id = ? AND status = '计划' AND visit_id IS NULL AND removed_at IS NULL`,
  ).get(customerId, weekMonday(signIn.slice(0, 10)), managerId) as { id: number } | undefined;
  return row?.id ?? null;
}

interface OtherVisit {
  id: number;
  start: string;
  end: string;
  open: boolean;
  customer_name: string;
}

/**
 * Visits of the manager that overlap [signIn, signOut). Looks from a day before
 * (a visit may run past midnight) up to the sign-out, on the (manager_id, sign_in)
 * index. A visit still open counts until now when it is today's, else as one minute.
 */
export function findOverlappingVisit(db: Db, managerId: number, signIn: string, signOut: string, now: string, excludeId: number): OtherVisit | null {
  const rows = prepared(
    db,
    `SELECT v.id, v.sign_in, v.sign_out, c.name AS customer_name FROM visits v JOIN customers c ON c.id = v.customer_id
     WHERE v.manager_id = ? AND v.deleted_at IS NULL AND v.sign_in >= ? AND v.sign_in < ? AND v.id <> ?`,
  ).all(managerId, addMinutes(signIn, -24 * 60), signOut, excludeId) as { id: number; sign_in: string; sign_out: string | null; customer_name: string }[];
  const intervals: OtherVisit[] = rows.map((r) => ({
    id: r.id,
    start: r.sign_in,
    end: r.sign_out ?? (r.sign_in.slice(0, 10) === now.slice(0, 10) && now > r.sign_in ? now : addMinutes(r.sign_in, 1)),
    open: r.sign_out === null,
    customer_name: r.customer_name,
  }));
  return findOverlap({ start: signIn, end: signOut }, intervals);
}

export function overlapMessage(other: { start: string; end: string; open: boolean; customer_name: string }): string {
  const end = other.open ? '尚未签退' : other.end.slice(11);
  return `签到时间：与本人的另一条走访时间重叠（客户「${other.customer_name}」${other.start.slice(0, 10)} ${other.start.slice(11)}–${end}），同一客户经理的走访不能重叠`;
}

/**
 * Checks one visit against every rule and returns it ready to store, or the list of
 * problems, each naming its field in Chinese. Collects all problems of the record
 * (a form marks them at once), except that nothing after an unknown customer or an
 * unreadable time can be checked.
 */
export function resolveVisit(db: Db, user: SessionUser, draft: VisitDraft, opts: ResolveOptions): { values: VisitValues | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const existing = opts.existing;

  // Customer and data scope. Another manager's customer is, to a 客户经理, one that does not
  // exist: the same words, no name or code of it (a dry run over a range of ids must not list them).
  const found = findCustomer(db, draft);
  const outOfScope = !!found && found !== 'none' && isScopedToOwn(user) && found.manager_id !== user.id && found.id !== existing?.customerId;
  let customer: CustomerRef | null = null;
  if (found === 'none') problems.push({ field: 'customer', message: '客户：请填写客户编码' });
  else if (!found || outOfScope) {
    problems.push({
      field: 'customer',
      message: draft.customerId !== undefined ? `客户：客户不存在（ID ${draft.customerId}）` : `客户：找不到客户编码「${normaliseCode(draft.customer)}」`,
    });
  } else if (found.deleted_at !== null && found.id !== existing?.customerId) {
    problems.push({ field: 'customer', message: `客户：「${found.name}」（${found.code}）已删除，不能登记走访` });
  } else customer = found;

  // Who visited.
  let managerId: number | null = null;
  let managerName = text(draft.manager);
  if (!managerName && draft.managerId !== undefined) managerName = findUserById(db, draft.managerId)?.name ?? `ID ${draft.managerId}`;
  if (isScopedToOwn(user)) {
    if (managerName && managerName.toLowerCase() !== user.name.toLowerCase()) {
      problems.push({ field: 'manager', message: `客户经理：客户经理只能登记自己的走访，不能以「${managerName}」的名义登记`, forbidden: true });
    }
    managerId = existing?.managerId ?? user.id;
  } else if (managerName) {
    const u = findUserByName(db, managerName);
    const problem = u && u.id === existing?.managerId ? null : managerProblem(u, managerName);
    if (problem) problems.push({ field: 'manager', message: `客户经理：${problem}` });
    else managerId = u!.id;
  } else if (existing) {
    managerId = existing.managerId;
  } else if (customer?.manager_id) {
    managerId = customer.manager_id;
  } else if (user.role === 'supervisor') {
    managerId = user.id;
  } else if (customer) {
    problems.push({ field: 'manager', message: '客户经理：该客户尚未分配客户经理，请填写走访的客户经理（manager）' });
  }

  // Times.
  const times = checkVisitTimes({
    signIn: draft.signIn,
    signOut: draft.signOut,
    date: draft.date,
    durationMinutes: draft.durationMinutes,
    now: opts.now,
    confirmLong: draft.confirmLong,
    allowOpen: opts.allowOpen,
  });
  problems.push(...times.problems);

  // Kind, signature, checklist, follow-up.
  const type: VisitType = draft.type ?? '常规走访';
  if (!VISIT_TYPES.includes(type)) problems.push({ field: 'type', message: `走访类型：须为 ${VISIT_TYPES.join('、')}` });
  const signature: SignatureStatus = draft.signature ?? '待签';
  if (!SIGNATURE_STATUSES.includes(signature)) problems.push({ field: 'signature', message: `客户签字：须为 ${SIGNATURE_STATUSES.join('、')}` });
  const signatureNote = text(draft.signatureNote);
  if (signature === '无法签字' && !signatureNote) {
    problems.push({ field: 'signatureNote', message: '签字说明：客户无法签字时请写明原因' });
  }

  const allowed = new Set([...opts.checklist, ...(existing?.checklist ?? [])]);
  const checklist = [...new Set((draft.checklist ?? []).map((s) => s.trim()).filter(Boolean))];
  const unknown = checklist.filter((item) => !allowed.has(item));
  if (unknown.length) {
    problems.push({
      field: 'checklist',
      message: `工作内容清单：${unknown.map((s) => `「${s}」`).join('、')}不在本网点的走访清单中（可选：${opts.checklist.join('、') || '无'}）`,
    });
  }

  const next = draft.nextFollowUp ? { due: draft.nextFollowUp.due.trim(), content: draft.nextFollowUp.content.trim() } : null;
  if (next && times.signIn && next.due < times.signIn.slice(0, 10)) {
    problems.push({ field: 'nextFollowUp.due', message: `下次跟进日期：不能早于走访日期（${times.signIn.slice(0, 10)}）` });
  }

  // Overlap with the manager's other visits: only meaningful once times and manager are known.
  if (managerId !== null && times.signIn && !times.problems.length) {
    const end = times.signOut ?? (times.signIn.slice(0, 10) === opts.now.slice(0, 10) && opts.now > times.signIn ? opts.now : addMinutes(times.signIn, 1));
    const other = findOverlappingVisit(db, managerId, times.signIn, end, opts.now, existing?.id ?? 0);
    if (other) problems.push({ field: 'signIn', message: overlapMessage(other) });
  }

  // Plan entry this visit fulfils.
  let planEntryId: number | null = null;
  if (customer && managerId !== null && times.signIn) {
    if (draft.planEntryId) {
      const entry = loadPlanEntryState(db, draft.planEntryId);
      const mine = existing !== undefined && entry?.visit_id === existing.id;
      // Another manager's entry is, to a 客户经理, a missing one.
      const hidden = !!entry && isScopedToOwn(user) && entry.manager_id !== user.id && !mine;
      if (!entry || entry.removed_at !== null || hidden) problems.push({ field: 'planEntryId', message: `走访计划：计划条目不存在或已移除（ID ${draft.planEntryId}）` });
      else if (entry.customer_id !== customer.id) problems.push({ field: 'planEntryId', message: '走访计划：该计划条目不是这个客户的' });
      else if (entry.manager_id !== managerId) problems.push({ field: 'planEntryId', message: '走访计划：该计划条目属于其他客户经理' });
      else if (!mine && (entry.status !== '计划' || entry.visit_id !== null)) problems.push({ field: 'planEntryId', message: `走访计划：该计划条目已是「${entry.status}」状态` });
      else planEntryId = entry.id;
    } else if (existing && existing.planEntryId !== null && existing.customerId === customer.id && existing.managerId === managerId) {
      planEntryId = existing.planEntryId;
    } else if (draft.planned !== false && draft.planEntryId !== null) {
      const id = findPlanEntryFor(db, managerId, customer.id, times.signIn);
      if (id !== null && !opts.takenPlanEntries?.has(id)) planEntryId = id;
    }
  }

  if (problems.length || !customer || managerId === null || !times.signIn) return { values: null, problems };
  return {
    problems,
    values: {
      customerId: customer.id,
      managerId,
      type,
      planned: planEntryId !== null || draft.planned === true,
      planEntryId,
      signIn: times.signIn,
      signOut: times.signOut,
      durationMinutes: times.durationMinutes,
      location: text(draft.location),
      content: text(draft.content),
      checklist,
      opinions: text(draft.opinions),
      problems: text(draft.problems),
      signature,
      signatureNote,
      nextFollowUp: next,
    },
  };
}

/** For a single record: FORBIDDEN when the refusal is about data scope, else BAD_INPUT with every field problem. */
export function throwProblems(problems: Problem[]): never {
  const scope = problems.find((p) => p.forbidden);
  if (scope) throw forbidden(scope.message);
  throw badInput(problems.map((p) => p.message).join('；'), problems[0]?.field, problems.map(({ field, message }) => ({ field, message })));
}

/** The manager's display name for messages. */
export function managerDisplayName(db: Db, id: number): string {
  return findUserById(db, id)?.display_name ?? `ID ${id}`;
}
