import type { SessionUser } from '../../../shared/api/auth';
import type { ApiError } from '../../../shared/api/result';
import { ORGANISATION_KINDS, type CustomerKind, type CustomerStatus } from '../../../shared/domain/constants';
import type { Contact, ContactField, ContactInput, Customer, CustomerInput } from '../../../shared/domain/customers';
import { labelForPath } from '../../../shared/domain/labels';
import {
  toHalfWidth,
  validateCreditCode,
  validateIdCard,
  validateLandline,
  validateMobile,
  validatePhone,
} from '../../../shared/validators';
import type { Db } from '../db/connection';
import { findDictItem } from '../dicts/repo';
import { badInput } from '../errors';
import { findUserByName, type ManagerUser } from '../users/repo';
import { codeProblem, codeTakenMessage, findCodeOwner, normaliseCode, type CodeOwner } from './codes';

/** A contact as stored: optional text is NULL when empty. `id` present = an existing contact of this customer. */
export type ContactValues = Pick<ContactInput, 'id'> & { [K in ContactField]: K extends 'name' | 'isDecisionMaker' ? Contact[K] : Contact[K] | null };

/** A customer that passed every rule, normalised and ready to store. */
export interface CustomerValues {
  /** null: none given, the next automatic code is assigned on insert. */
  code: string | null;
  name: string;
  kind: CustomerKind;
  idNumber: string | null;
  creditCode: string | null;
  licenceNo: string | null;
  mobile: string | null;
  phone: string | null;
  address: string | null;
  region: string | null;
  industry: string | null;
  economicNature: string | null;
  scale: string | null;
  mainBusiness: string | null;
  creditRating: string | null;
  paymentHabit: string | null;
  background: string | null;
  products: string | null;
  monthlyVolume: number | null;
  tier: string | null;
  status: CustomerStatus;
  managerId: number | null;
  keyCustomer: boolean;
  needs: string | null;
  tags: string[];
  notes: string | null;
  contacts: ContactValues[];
}

export interface ValidateOptions {
  /** The stored customer when updating: its code is its own, and values it already has stay allowed. */
  existing?: Customer;
  /** Birth dates in ID numbers must not lie after today. */
  today?: Date;
  /** Where the rules look things up; an import passes ones that remember answers across its rows. */
  lookups?: RuleLookups;
  /** Who is saving: a 客户经理 is not told which other manager's customer holds a code. */
  viewer?: SessionUser;
}

/** The database facts the rules depend on (see dbLookups for what each answers). */
export interface RuleLookups {
  codeOwner(code: string, excludeId?: number): CodeOwner | null;
  dictItem(kind: string, name: string): { active: boolean } | null;
  userByName(name: string): ManagerUser | null;
}

/** Every answer straight from the database: the form's path. */
export function dbLookups(db: Db): RuleLookups {
  return {
    codeOwner: (code, excludeId) => findCodeOwner(db, code, excludeId),
    dictItem: (kind, name) => findDictItem(db, kind, name),
    userByName: (name) => findUserByName(db, name),
  };
}

type Problem = NonNullable<ApiError['fields']>[number];

/** Kinds that must be reachable by phone: people and shops are visited and called, not written to. */
const PHONE_REQUIRED_KINDS: readonly CustomerKind[] = ['个人', '零售户'];
const MANAGER_ROLES = new Set(['manager', 'supervisor']);
const MMDD = /^(\d{2})-(\d{2})$/;
const YYYYMMDD = /^(\d{4})-(\d{2})-(\d{2})$/;

const text = (v: string | null | undefined): string | null => {
  const s = (v ?? '').trim();
  return s === '' ? null : s;
};

function validBirthday(s: string): boolean {
  const full = YYYYMMDD.exec(s);
  const short = MMDD.exec(s);
  const [y, m, d] = full ? [Number(full[1]), Number(full[2]), Number(full[3])] : short ? [2000, Number(short[1]), Number(short[2])] : [0, 0, 0];
  if (!m) return false;
  // 2000 is a leap year, so a year-less 02-29 birthday is accepted.
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900;
}

/** Why this user cannot be given customers, or null when they can. */
export function managerProblem(user: ManagerUser | null, name: string): string | null {
  if (!user) return `找不到用户「${name}」`;
  if (user.disabled) return `用户「${user.name}」已停用，不能负责客户`;
  if (!MANAGER_ROLES.has(user.role)) return `用户「${user.name}」是管理员账号，只有客户经理或负责人可以负责客户`;
  return null;
}

/**
 * One contact's own rules (name, mobile, phone, birthday), normalised. Problems go to
 * `fail` with the field and a message without the field's label. The import's contacts
 * sheet checks its rows with this too.
 */
export function validateContact(c: ContactInput, fail: (field: 'name' | 'mobile' | 'phone' | 'birthday', message: string) => void): ContactValues {
  const contactName = text(c.name);
  if (!contactName) fail('name', '不能为空');
  let mobile: string | null = null;
  if (text(c.mobile)) {
    const r = validateMobile(c.mobile!);
    if (r.ok) mobile = r.value;
    else fail('mobile', r.message);
  }
  let phone: string | null = null;
  if (text(c.phone)) {
    const r = validatePhone(c.phone!);
    if (r.ok) phone = r.value;
    else fail('phone', r.message);
  }
  const birthday = text(c.birthday);
  if (birthday && !validBirthday(birthday)) fail('birthday', '应为 YYYY-MM-DD 或 MM-DD 格式的有效日期');
  return {
    ...(c.id !== undefined ? { id: c.id } : {}),
    name: contactName ?? '',
    role: text(c.role),
    mobile,
    phone,
    isDecisionMaker: c.isDecisionMaker === true,
    birthday,
    notes: text(c.notes),
  };
}

/**
 * Checks a whole customer form and returns it normalised (ID numbers upgraded to
 * 18 digits, phones canonical, codes upper-case). Every problem is collected so
 * the form can mark all fields at once; the error message names each field in Chinese.
 */
export function validateCustomer(db: Db, input: CustomerInput, options: ValidateOptions = {}): CustomerValues {
  const { existing } = options;
  const lookups = options.lookups ?? dbLookups(db);
  const problems: Problem[] = [];
  const fail = (path: (string | number)[], message: string, ownWord?: string) => {
    const label = labelForPath(path);
    const named = message.startsWith(label) || (ownWord !== undefined && message.startsWith(ownWord));
    problems.push({ field: path.join('.'), message: named ? message : `${label}：${message}` });
  };

  const name = text(input.name);
  if (!name) fail(['name'], '不能为空');
  const kind = input.kind;

  let code: string | null = null;
  const rawCode = normaliseCode(input.code);
  if (rawCode) {
    const problem = codeProblem(rawCode);
    const owner = problem ? null : lookups.codeOwner(rawCode, existing?.id);
    if (problem) fail(['code'], problem);
    else if (owner) fail(['code'], codeTakenMessage(rawCode, owner, options.viewer), '客户编码');
    else code = rawCode;
  }

  let idNumber: string | null = null;
  if (text(input.idNumber)) {
    const r = validateIdCard(input.idNumber!, options.today);
    if (r.ok) idNumber = r.value;
    else fail(['idNumber'], r.message);
  }

  let creditCode: string | null = null;
  if (text(input.creditCode)) {
    const r = validateCreditCode(input.creditCode!);
    if (r.ok) creditCode = r.value;
    else fail(['creditCode'], r.message);
  } else if (ORGANISATION_KINDS.includes(kind)) {
    fail(['creditCode'], `${kind}客户必须填写统一社会信用代码`);
  }

  const licenceNo = text(toHalfWidth(input.licenceNo ?? '').replace(/\s+/g, ''));
  if (!licenceNo && kind === '零售户') fail(['licenceNo'], '零售户必须填写许可证号');

  let mobile: string | null = null;
  if (text(input.mobile)) {
    const r = validateMobile(input.mobile!);
    if (r.ok) mobile = r.value;
    else fail(['mobile'], r.message);
  }
  let phone: string | null = null;
  if (text(input.phone)) {
    const r = validateLandline(input.phone!);
    if (r.ok) phone = r.value;
    else fail(['phone'], r.message);
  }
  if (!text(input.mobile) && !text(input.phone) && PHONE_REQUIRED_KINDS.includes(kind)) {
    fail(['mobile'], `${kind}客户须至少填写手机号或固定电话`);
  }

  const contacts: ContactValues[] = [];
  const seenContactIds = new Set<number>();
  (input.contacts ?? []).forEach((c, i) => {
    if (c.id !== undefined) {
      if (seenContactIds.has(c.id)) fail(['contacts', i], `联系人重复出现（ID ${c.id}）`);
      seenContactIds.add(c.id);
    }
    contacts.push(validateContact(c, (field, message) => fail(['contacts', i, field], message)));
  });

  // A value the customer already holds stays valid after its dictionary item is retired,
  // so editing an old archive never forces a re-classification.
  const tier = text(input.tier);
  if (tier && tier !== existing?.tier) {
    const item = lookups.dictItem('tier', tier);
    if (!item) fail(['tier'], `「${tier}」不是已设置的客户分级`);
    else if (!item.active) fail(['tier'], `客户分级「${tier}」已停用`);
  }
  const region = text(input.region);
  if (region && region !== existing?.region) {
    const item = lookups.dictItem('region', region);
    if (!item) fail(['region'], `「${region}」不是已设置的片区`);
    else if (!item.active) fail(['region'], `片区「${region}」已停用`);
  }
  const tags = [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))].sort();
  const unknownTags = tags.filter((t) => {
    if (existing?.tags.includes(t)) return false;
    const item = lookups.dictItem('tag', t);
    return !item || !item.active;
  });
  if (unknownTags.length) {
    fail(['tags'], `${unknownTags.map((t) => `「${t}」`).join('、')}不是可用的标签，请先在字典管理中添加`);
  }

  let managerId: number | null = null;
  const managerName = text(input.manager);
  if (managerName) {
    const user = lookups.userByName(managerName);
    const unchanged = user !== null && user.id === existing?.managerId;
    const problem = unchanged ? null : managerProblem(user, managerName);
    if (problem) fail(['manager'], problem);
    else managerId = user!.id;
  }

  if (problems.length) {
    throw badInput(problems.map((p) => p.message).join('；'), problems[0].field, problems);
  }

  return {
    code,
    name: name!,
    kind,
    idNumber,
    creditCode,
    licenceNo,
    mobile,
    phone,
    address: text(input.address),
    region,
    industry: text(input.industry),
    economicNature: text(input.economicNature),
    scale: text(input.scale),
    mainBusiness: text(input.mainBusiness),
    creditRating: text(input.creditRating),
    paymentHabit: text(input.paymentHabit),
    background: text(input.background),
    products: text(input.products),
    monthlyVolume: input.monthlyVolume ?? null,
    tier,
    status: input.status ?? '潜在',
    managerId,
    keyCustomer: input.keyCustomer === true,
    needs: text(input.needs),
    tags,
    notes: text(input.notes),
    contacts,
  };
}
