import { z } from 'zod';
import { CUSTOMER_KINDS, CUSTOMER_STATUSES } from './constants';
import { CUSTOMER_FIELD_LABELS } from './labels';

const text = (max: number) => z.string().trim().max(max, { message: `不能超过${max}个字` });
const optionalText = (max: number) => text(max).optional();

export const contactInputSchema = z
  .object({
    id: z.number().int().positive().optional(),
    name: text(50).min(1, { message: '联系人姓名不能为空' }),
    role: optionalText(50),
    mobile: optionalText(20),
    phone: optionalText(30),
    isDecisionMaker: z.boolean().optional(),
    /** YYYY-MM-DD or MM-DD (year often unknown). */
    birthday: optionalText(10),
    notes: optionalText(500),
  })
  .strict();
export type ContactInput = z.infer<typeof contactInputSchema>;

/** A contact's fields in the one order the form, the import and export columns and the history use. */
export const CONTACT_FIELDS = ['name', 'role', 'mobile', 'phone', 'isDecisionMaker', 'birthday', 'notes'] as const satisfies readonly Exclude<
  keyof ContactInput,
  'id'
>[];
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** A stored contact as the archive shows it: every field there, empty text as ''. */
export type Contact = { id: number } & Required<Pick<ContactInput, ContactField>>;

/** Fields a user can write. Field names are the CLI/JSON contract of issue 2: extend, never rename. */
export const customerFieldsSchema = z
  .object({
    code: optionalText(40),
    name: text(100).min(1, { message: '客户名称不能为空' }),
    kind: z.enum(CUSTOMER_KINDS, { message: `客户类型须为：${CUSTOMER_KINDS.join('、')}` }),
    idNumber: optionalText(30),
    creditCode: optionalText(30),
    licenceNo: optionalText(40),
    mobile: optionalText(20),
    phone: optionalText(30),
    address: optionalText(200),
    region: optionalText(50),
    industry: optionalText(50),
    economicNature: optionalText(50),
    scale: optionalText(50),
    mainBusiness: optionalText(500),
    creditRating: optionalText(20),
    paymentHabit: optionalText(200),
    background: optionalText(1000),
    products: optionalText(500),
    monthlyVolume: z.number().finite().nonnegative().optional().nullable(),
    tier: optionalText(20),
    status: z.enum(CUSTOMER_STATUSES, { message: `客户状态须为：${CUSTOMER_STATUSES.join('、')}` }).optional(),
    /** User name of the assigned customer manager. */
    manager: optionalText(50),
    keyCustomer: z.boolean().optional(),
    needs: optionalText(200),
    tags: z.array(text(20).min(1)).max(20, { message: '标签最多20个' }).optional(),
    notes: optionalText(2000),
    contacts: z.array(contactInputSchema).max(20, { message: '联系人最多20个' }).optional(),
  })
  .strict();
export type CustomerInput = z.infer<typeof customerFieldsSchema>;

/** An archive field a user writes, contacts aside (they are a list of their own). */
export type CustomerField = Exclude<keyof CustomerInput, 'contacts'>;

/**
 * How a field's value is entered: free text, one of a fixed list, a number, yes/no, or
 * a list (tags). The form edits `text` fields as plain strings; an import reads the
 * cell accordingly.
 */
export type CustomerFieldInput = 'text' | 'choice' | 'number' | 'bool' | 'list';

export interface CustomerFieldDef<K extends CustomerField = CustomerField, I extends CustomerFieldInput = CustomerFieldInput> {
  key: K;
  /** The Chinese name (labels.ts): form, history, import template and export header. */
  label: string;
  input: I;
  /** The archive cannot be saved without it (the schema's non-optional fields). */
  required: boolean;
}

const field = <K extends CustomerField, I extends CustomerFieldInput>(key: K, input: I, required = false): CustomerFieldDef<K, I> => ({
  key,
  label: CUSTOMER_FIELD_LABELS[key],
  input,
  required,
});

/**
 * The archive's fields in the one order the import template, the export columns, the
 * history and the form's text fields follow (the schema above lists them in it too).
 * Every list of customer fields is derived from this one.
 */
export const CUSTOMER_FIELDS = [
  field('code', 'text'),
  field('name', 'text', true),
  field('kind', 'choice', true),
  field('idNumber', 'text'),
  field('creditCode', 'text'),
  field('licenceNo', 'text'),
  field('mobile', 'text'),
  field('phone', 'text'),
  field('address', 'text'),
  field('region', 'text'),
  field('industry', 'text'),
  field('economicNature', 'text'),
  field('scale', 'text'),
  field('mainBusiness', 'text'),
  field('creditRating', 'text'),
  field('paymentHabit', 'text'),
  field('background', 'text'),
  field('products', 'text'),
  field('monthlyVolume', 'number'),
  field('tier', 'text'),
  field('status', 'choice'),
  field('manager', 'text'),
  field('keyCustomer', 'bool'),
  field('needs', 'text'),
  field('tags', 'list'),
  field('notes', 'text'),
] as const;

// A field of the schema missing above fails the build here, naming it.
type UnlistedField = Exclude<CustomerField, (typeof CUSTOMER_FIELDS)[number]['key']>;
const _everyFieldListed: [UnlistedField] extends [never] ? true : UnlistedField = true;

/** Fields the archive form edits as plain text. */
export type CustomerTextField = Extract<(typeof CUSTOMER_FIELDS)[number], { input: 'text' }>['key'];

export interface Customer {
  id: number;
  code: string;
  name: string;
  kind: (typeof CUSTOMER_KINDS)[number];
  idNumber: string;
  creditCode: string;
  licenceNo: string;
  mobile: string;
  phone: string;
  address: string;
  region: string;
  industry: string;
  economicNature: string;
  scale: string;
  mainBusiness: string;
  creditRating: string;
  paymentHabit: string;
  background: string;
  products: string;
  monthlyVolume: number | null;
  tier: string;
  status: (typeof CUSTOMER_STATUSES)[number];
  manager: string;
  managerId: number | null;
  managerDisplayName: string;
  keyCustomer: boolean;
  needs: string;
  tags: string[];
  notes: string;
  contacts: Contact[];
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
  /** Optimistic-lock counter: an update names the version it edited. */
  version: number;
}

/** The archive as an editable form (what customers.update receives): every field, contacts copied. */
export function customerInputOf(c: Customer): CustomerInput {
  const input: Record<string, unknown> = {};
  for (const f of CUSTOMER_FIELDS) input[f.key] = c[f.key];
  input.contacts = c.contacts.map((x) => ({ ...x }));
  return input as CustomerInput;
}

/** Row of the customer grid: a subset, cheap to page through. */
export interface CustomerRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  tier: string;
  status: string;
  region: string;
  manager: string;
  managerDisplayName: string;
  mobile: string;
  phone: string;
  address: string;
  industry: string;
  keyCustomer: boolean;
  tags: string[];
  deleted: boolean;
  updatedAt: string;
}

export const CUSTOMER_SORT_COLUMNS = ['name', 'code', 'tier', 'status', 'region', 'manager', 'updatedAt', 'kind'] as const;
export type CustomerSortColumn = (typeof CUSTOMER_SORT_COLUMNS)[number];

export const customerListQuerySchema = z
  .object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
    sort: z.enum(CUSTOMER_SORT_COLUMNS).default('name'),
    dir: z.enum(['asc', 'desc']).default('asc'),
    q: text(50).optional(),
    tier: z.array(text(20)).optional(),
    status: z.array(z.enum(CUSTOMER_STATUSES)).optional(),
    managerId: z.array(z.number().int()).optional(),
    region: z.array(text(50)).optional(),
    keyCustomer: z.boolean().optional(),
    tag: text(20).optional(),
    /** Only 负责人/管理员 may list deleted customers (the recycle bin). */
    deleted: z.boolean().optional(),
  })
  .strict();
export type CustomerListQuery = z.input<typeof customerListQuerySchema>;

export interface CustomerChange {
  id: number;
  at: string;
  userName: string;
  action: 'create' | 'update' | 'delete' | 'restore' | 'transfer' | 'contact';
  /** Chinese label of the field, e.g. 手机号 / 联系人「王五」手机. */
  field: string;
  oldValue: string;
  newValue: string;
}

export interface CustomerTransfer {
  id: number;
  at: string;
  fromManager: string;
  toManager: string;
  byUser: string;
  reason: string;
}

export interface DuplicateHit {
  /** A customer outside a 客户经理's care has no id, code or name here: id is then negative (-1, -2 …), code empty. */
  id: number;
  code: string;
  name: string;
  manager: string;
  /** Why it looks like the same customer, in Chinese (e.g. 身份证号相同). */
  reason: string;
  /** false when the caller may not open it (a manager seeing another manager's customer). */
  accessible: boolean;
}
