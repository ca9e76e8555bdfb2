import type { SignatureStatus, VisitInput, VisitType } from '../../../../shared/domain/visits';
import { checkVisitTimes, overlapsWithin, parseDate, type FieldProblem, type Interval } from '../../../../shared/domain/visitRules';
import type { PickedCustomer } from '../../components/customerSearch';

/**
 * The bulk-entry grid's rows and their checks, kept free of React so the rules
 * read in one place. Checks are the shared visit rules (times, overlap) plus what
 * only the grid knows (a customer typed but not picked, shorthand that matches nothing).
 */

export const BULK_COLUMNS = ['date', 'customer', 'signIn', 'signOut', 'type', 'signature', 'signatureNote', 'content'] as const;
export type BulkColumn = (typeof BULK_COLUMNS)[number];

export const COLUMN_LABELS: Record<BulkColumn, string> = {
  date: '日期',
  customer: '客户',
  signIn: '签到',
  signOut: '签退',
  type: '类型',
  signature: '签字',
  signatureNote: '签字说明',
  content: '内容',
};

export interface BulkRow {
  key: number;
  date: string;
  /** What is in the customer cell; `customer` is set once a suggestion is picked. */
  customerText: string;
  customer: PickedCustomer | null;
  signIn: string;
  signOut: string;
  type: string;
  signature: string;
  signatureNote: string;
  content: string;
  /** The core's reasons from the last save; cleared when the row is edited. */
  serverErrors: FieldProblem[] | null;
}

let nextKey = 1;
export function newRow(date = ''): BulkRow {
  return { key: nextKey++, date, customerText: '', customer: null, signIn: '', signOut: '', type: '', signature: '', signatureNote: '', content: '', serverErrors: null };
}

/** A row nobody typed in yet (a carried-over date alone does not count). */
export function isBlank(r: BulkRow): boolean {
  return !(r.customerText.trim() || r.signIn.trim() || r.signOut.trim() || r.type.trim() || r.signature.trim() || r.signatureNote.trim() || r.content.trim());
}

/**
 * Dates as written on a sheet: anything parseDate knows, plus the year left out
 * (`11-23`, `11.23`, `1123`, `11月23日`): this year, or last year when that day is still ahead.
 */
export function parseGridDate(raw: string, today: string): string | null {
  const s = raw.trim();
  if (!s) return null;
  const full = parseDate(s);
  if (full) return full;
  const m = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const md = `${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}`;
  const year = Number(today.slice(0, 4));
  const thisYear = parseDate(`${year}-${md}`);
  if (thisYear && thisYear <= today) return thisYear;
  return parseDate(`${year - 1}-${md}`);
}

interface Choice<T extends string> {
  value: T;
  /** Pinyin initials people type without switching the input method. */
  initials: string;
}

export const TYPE_CHOICES: Choice<VisitType>[] = [
  { value: '常规走访', initials: 'cgzf' },
  { value: '特殊访问', initials: 'tsfw' },
  { value: '回访', initials: 'hf' },
  { value: '离网关怀', initials: 'lwgh' },
  { value: '投诉处理', initials: 'tscl' },
  { value: '上门服务', initials: 'smfw' },
];
export const SIGNATURE_CHOICES: Choice<SignatureStatus>[] = [
  { value: '待签', initials: 'dq' },
  { value: '已签', initials: 'yq' },
  { value: '拒签', initials: 'jq' },
  { value: '无法签字', initials: 'wfqz' },
];
export const DEFAULT_TYPE: VisitType = '常规走访';
/** Rows are typed from signed paper sheets, so a blank 签字 cell means signed. */
export const DEFAULT_SIGNATURE: SignatureStatus = '已签';

/** `2` / `特` / `tsfw` / `ts` (when unique) → the full name; null when it matches nothing or several. */
export function matchChoice<T extends string>(raw: string, choices: Choice<T>[]): T | null {
  const s = raw.trim().toLowerCase();
  if (!s) return null;
  if (/^\d$/.test(s)) return choices[Number(s) - 1]?.value ?? null;
  const exact = choices.find((c) => c.value === raw.trim() || c.initials === s);
  if (exact) return exact.value;
  const partial = choices.filter((c) => c.value.startsWith(raw.trim()) || c.initials.startsWith(s));
  return partial.length === 1 ? partial[0].value : null;
}

export function choiceHint<T extends string>(choices: Choice<T>[]): string {
  return choices.map((c, i) => `${i + 1} ${c.value}`).join('，');
}

export function resolvedType(r: BulkRow): VisitType | null {
  return r.type.trim() ? matchChoice(r.type, TYPE_CHOICES) : DEFAULT_TYPE;
}

export function resolvedSignature(r: BulkRow): SignatureStatus | null {
  return r.signature.trim() ? matchChoice(r.signature, SIGNATURE_CHOICES) : DEFAULT_SIGNATURE;
}

/** Problems of every non-blank row, by row key, checked as typed. */
export function validateRows(rows: readonly BulkRow[], now: string): Map<number, FieldProblem[]> {
  const out = new Map<number, FieldProblem[]>();
  const today = now.slice(0, 10);
  const intervals: (Interval | null)[] = [];
  const managerOf: string[] = [];
  rows.forEach((r) => {
    const problems: FieldProblem[] = [];
    intervals.push(null);
    managerOf.push(r.customer?.manager ?? '');
    if (isBlank(r)) {
      out.set(r.key, problems);
      return;
    }
    const date = parseGridDate(r.date, today);
    if (!r.date.trim()) problems.push({ field: 'date', message: '走访日期：请填写' });
    else if (!date) problems.push({ field: 'date', message: `走访日期：「${r.date.trim()}」不是有效日期，请写成 2024-06-03 或 0603` });
    if (!r.customer) {
      problems.push({
        field: 'customer',
        message: r.customerText.trim() ? '客户：请从候选列表中选择（输入名称、拼音首字母或编码后按 Enter）' : '客户：请填写',
      });
    }
    if (date) {
      const times = checkVisitTimes({ signIn: r.signIn, signOut: r.signOut, date, now });
      problems.push(...times.problems.filter((p) => p.field !== 'date'));
      if (!times.problems.length && times.signIn && times.signOut) intervals[intervals.length - 1] = { start: times.signIn, end: times.signOut };
    }
    if (!resolvedType(r)) problems.push({ field: 'type', message: `走访类型：「${r.type.trim()}」无法识别，可填 ${choiceHint(TYPE_CHOICES)}` });
    const sig = resolvedSignature(r);
    if (!sig) problems.push({ field: 'signature', message: `客户签字：「${r.signature.trim()}」无法识别，可填 ${choiceHint(SIGNATURE_CHOICES)}` });
    if (sig === '无法签字' && !r.signatureNote.trim()) problems.push({ field: 'signatureNote', message: '签字说明：客户无法签字时请写明原因' });
    out.set(r.key, problems);
  });
  // Overlaps are per manager (a 负责人 may type sheets of several managers at once).
  const byManager = new Map<string, number[]>();
  managerOf.forEach((m, i) => {
    if (!intervals[i]) return;
    const list = byManager.get(m);
    if (list) list.push(i);
    else byManager.set(m, [i]);
  });
  for (const indexes of byManager.values()) {
    for (const hit of overlapsWithin(indexes.map((i) => intervals[i]))) {
      const row = indexes[hit.index];
      const other = indexes[hit.other];
      out.get(rows[row].key)!.push({ field: 'signIn', message: `签到时间：与第${other + 1}行的走访时间重叠，同一客户经理的走访不能重叠` });
    }
  }
  return out;
}

/** The grid column a problem of the core or of the rules belongs to; null: the row as a whole. */
export function columnOf(field: string): BulkColumn | null {
  if (field === 'customerId' || field === 'customer') return 'customer';
  if (field === 'durationMinutes') return 'signOut';
  return (BULK_COLUMNS as readonly string[]).includes(field) ? (field as BulkColumn) : null;
}

/** One row as visits.bulkCreate takes it: whatever could not be resolved goes as typed, for the core to explain. */
export function toInput(r: BulkRow, today: string): VisitInput {
  return {
    ...(r.customer ? { customerId: r.customer.id } : { customer: r.customerText.trim() }),
    date: parseGridDate(r.date, today) ?? r.date.trim(),
    signIn: r.signIn.trim(),
    signOut: r.signOut.trim() || null,
    type: (resolvedType(r) ?? r.type.trim()) as VisitType,
    signature: (resolvedSignature(r) ?? r.signature.trim()) as SignatureStatus,
    signatureNote: r.signatureNote.trim(),
    content: r.content.trim(),
  };
}
