import { ORGANISATION_KINDS, type CustomerKind, type CustomerStatus } from '../../../../shared/domain/constants';
import { CUSTOMER_FIELDS, type Contact, type Customer, type CustomerInput, type CustomerTextField } from '../../../../shared/domain/customers';

/** Text fields of the archive form, edited as plain strings (the archive's fields whose input is text). */
export const TEXT_FIELDS: readonly TextField[] = CUSTOMER_FIELDS.filter((f): f is Extract<typeof f, { input: 'text' }> => f.input === 'text').map((f) => f.key);
export type TextField = CustomerTextField;

/** A contact being edited. `key`: stable React key, since contacts without an id still need one while rows are added and removed. */
export type ContactDraft = Omit<Contact, 'id'> & { key: string; id?: number };

export type CustomerDraft = Record<TextField, string> & {
  kind: CustomerKind;
  status: CustomerStatus;
  /** Kept as typed so "12,5" can be reported instead of silently becoming NaN. */
  monthlyVolume: string;
  keyCustomer: boolean;
  tags: string[];
  contacts: ContactDraft[];
};

/** field path (`idNumber`, `contacts.1.mobile`) → message shown under that input. */
export type FieldErrors = Record<string, string>;

let keySeq = 0;
export const newContactKey = () => `n${++keySeq}`;

export function emptyContact(): ContactDraft {
  return { key: newContactKey(), name: '', role: '', mobile: '', phone: '', isDecisionMaker: false, birthday: '', notes: '' };
}

export function emptyDraft(manager: string): CustomerDraft {
  const d = Object.fromEntries(TEXT_FIELDS.map((f) => [f, ''])) as Record<TextField, string>;
  return { ...d, manager, kind: '个人', status: '潜在', monthlyVolume: '', keyCustomer: false, tags: [], contacts: [] };
}

export function draftFromCustomer(c: Customer): CustomerDraft {
  const d = Object.fromEntries(TEXT_FIELDS.map((f) => [f, String(c[f] ?? '')])) as Record<TextField, string>;
  return {
    ...d,
    kind: c.kind,
    status: c.status,
    monthlyVolume: c.monthlyVolume === null ? '' : String(c.monthlyVolume),
    keyCustomer: c.keyCustomer,
    tags: [...c.tags],
    contacts: c.contacts.map((ct) => ({
      key: `c${ct.id}`,
      id: ct.id,
      name: ct.name,
      role: ct.role,
      mobile: ct.mobile,
      phone: ct.phone,
      isDecisionMaker: ct.isDecisionMaker,
      birthday: ct.birthday,
      notes: ct.notes,
    })),
  };
}

/** Client-side checks that the server cannot make for us (a number field that is not a number). */
export function localProblems(d: CustomerDraft): FieldErrors {
  const errors: FieldErrors = {};
  const v = d.monthlyVolume.trim().replace(/,/g, '');
  if (v && !(Number.isFinite(Number(v)) && Number(v) >= 0)) errors.monthlyVolume = '月业务量须为不小于0的数字';
  return errors;
}

/**
 * The draft as the contract wants it. Empty strings are sent (not omitted) so that
 * clearing a field on update really clears it; the core stores them as NULL.
 */
export function toInput(d: CustomerDraft): CustomerInput {
  const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, d[f].trim()])) as Record<TextField, string>;
  const volume = d.monthlyVolume.trim().replace(/,/g, '');
  return {
    ...text,
    kind: d.kind,
    status: d.status,
    monthlyVolume: volume === '' ? null : Number(volume),
    keyCustomer: d.keyCustomer,
    tags: d.tags,
    contacts: d.contacts.map((c) => ({
      ...(c.id !== undefined ? { id: c.id } : {}),
      name: c.name.trim(),
      role: c.role.trim(),
      mobile: c.mobile.trim(),
      phone: c.phone.trim(),
      isDecisionMaker: c.isDecisionMaker,
      birthday: c.birthday.trim(),
      notes: c.notes.trim(),
    })),
  };
}

/** Which identity fields the kind asks for, and which of them are mandatory (mirrors the core rules). */
export function identityFields(kind: CustomerKind): { field: 'idNumber' | 'creditCode' | 'licenceNo'; required: boolean }[] {
  if (kind === '个人') return [{ field: 'idNumber', required: false }];
  if (kind === '零售户') return [{ field: 'licenceNo', required: true }];
  if (ORGANISATION_KINDS.includes(kind)) return [{ field: 'creditCode', required: true }];
  return [];
}

/** 个人 and 零售户 must be reachable by phone (one of mobile / landline). */
export function phoneRequired(kind: CustomerKind): boolean {
  return kind === '个人' || kind === '零售户';
}

/** The server names fields `data.idNumber` (schema errors) or `idNumber` (rule errors): one spelling for the form. */
export function normalisePath(path: string): string {
  return path.replace(/^data\./, '');
}

/** DOM id of the input for a field path, so a message can focus it. */
export function inputId(path: string): string {
  return `cf-${normalisePath(path).replace(/\./g, '-')}`;
}

/** "身份证号：校验位不正确" under the 身份证号 input reads better as "校验位不正确". */
export function stripLabel(message: string, label: string): string {
  return message.startsWith(`${label}：`) ? message.slice(label.length + 1) : message;
}

export function sameDraft(a: CustomerDraft, b: CustomerDraft): boolean {
  const strip = (d: CustomerDraft) => ({ ...d, contacts: d.contacts.map(({ key: _key, ...rest }) => rest) });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}
