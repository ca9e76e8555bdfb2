import type { BranchType, CustomerKind, CustomerStatus } from '../../../shared/domain/constants';
import type { ContactInput, CustomerInput } from '../../../shared/domain/customers';
import { makeCreditCode, makeIdNumber, makeLandline, makeLicenceNo, makeMobile, pickBirthDate } from './identifiers';
import { personName, type Gender } from './names';
import { companyName, contactPerson, dealerName, groupName, ORG_CONTACT_ROLES, shopName } from './orgs';
import { makeAddress, pickBirthCounty, pickHomeCounty, type County } from './places';
import { Rng, WeightedTable } from './prng';

export interface GenerateOptions {
  /** Same seed, same customers: training handouts and benchmark runs are reproducible. */
  seed: number;
  /** User names of the customer managers the customers are spread over. */
  managers: readonly string[];
  /** The branch's dictionary items; values outside them would fail the customer rules. */
  tiers: readonly string[];
  regions: readonly string[];
  tags: readonly string[];
  industries: readonly string[];
  branchType: BranchType;
  /** Customer codes are `C` + 6 digits from this number on (continue after the codes already in use). */
  firstCode?: number;
}

const CODE_PREFIX = 'C';

/** What a branch of each type looks after: a tobacco department is nearly all licensed retailers, a bank mostly people. */
const KIND_MIX: Record<BranchType, readonly (readonly [CustomerKind, number])[]> = {
  tobacco: [['零售户', 94], ['企业', 3], ['经销商', 2], ['个人', 1]],
  bank: [['个人', 80], ['企业', 16], ['集团客户', 2], ['经销商', 1], ['零售户', 1]],
  telecom: [['个人', 74], ['企业', 20], ['集团客户', 5], ['零售户', 1]],
  other: [['个人', 50], ['企业', 30], ['零售户', 10], ['经销商', 7], ['集团客户', 3]],
};

const STATUS_MIX = new WeightedTable<CustomerStatus>([
  ['正式', 82],
  ['潜在', 8],
  ['休眠', 6],
  ['流失', 3],
  ['退网', 1],
]);

const ECONOMIC_NATURE = new WeightedTable([
  ['私营', 55],
  ['有限责任公司', 25],
  ['股份有限公司', 8],
  ['集体', 5],
  ['国有', 4],
  ['外商投资', 3],
]);
const SCALES = ['微型', '小型', '中型', '大型'] as const;
const CREDIT_RATINGS = new WeightedTable([
  ['AAA', 8],
  ['AA', 25],
  ['A', 40],
  ['BBB', 20],
  ['BB', 7],
]);
const PAYMENT_HABITS = ['现结', '月结', '按时付款', '偶有拖欠', '预付款'];

/**
 * Few customers in the top tier, most in the middle: 分级 exists to single out
 * the important few. Weights for k tiers, top first.
 */
function tierTable(tiers: readonly string[]): WeightedTable<string> | null {
  if (!tiers.length) return null;
  const k = tiers.length;
  return new WeightedTable(tiers.map((t, i) => [t, i === 0 ? 1 : i === 1 ? 2.5 : i === k - 1 && k > 2 ? 2.5 : 4] as const));
}

/** Key customers are mostly top-tier; overall about one in ten. */
function keyChance(tierIndex: number): number {
  return tierIndex === 0 ? 0.45 : tierIndex === 1 ? 0.15 : 0.04;
}

interface ManagerSlot {
  name: string;
  region: string | undefined;
}

/**
 * Unique values: a second customer with the same ID number, credit code or
 * mobile would be a duplicate the archive rules reject, so collisions are redrawn.
 */
class UniquePool {
  private readonly seen = new Set<string>();
  take(make: () => string): string {
    for (;;) {
      const v = make();
      if (!this.seen.has(v)) {
        this.seen.add(v);
        return v;
      }
    }
  }
}

const isRural = (region: string | undefined) => !!region && /乡|镇|郊|村/.test(region);

function matchIndustry(industries: readonly string[], wanted: string): string | undefined {
  return industries.includes(wanted) ? wanted : undefined;
}

function birthday(rng: Rng, year: number): string {
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  const mmdd = `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  // Managers often know the day but not the year of a contact's birthday.
  return rng.chance(0.5) ? `${year}-${mmdd}` : mmdd;
}

/**
 * Realistic demo customers for training and benchmarks. Every ID number, credit
 * code, licence number and mobile is well-formed and passes the shared
 * validators; names, addresses and the kind mix follow the branch type. Output
 * uses the contract's field names (manager = user name), ready for the
 * customers module's bulk insert.
 */
export function generateCustomers(n: number, options: GenerateOptions): CustomerInput[] {
  const rng = new Rng(options.seed);
  const home = pickHomeCounty(rng);
  const kinds = new WeightedTable(KIND_MIX[options.branchType]);
  const tiers = tierTable(options.tiers);
  const slots: ManagerSlot[] = options.managers.map((name, i) => ({
    name,
    region: options.regions.length ? options.regions[i % options.regions.length] : undefined,
  }));
  // Managers do not carry equal loads: weights 0.6–1.4 give a believable spread.
  const managerTable = slots.length ? new WeightedTable(slots.map((s) => [s, 0.6 + rng.next() * 0.8] as const)) : null;
  const ids = new UniquePool();
  const credits = new UniquePool();
  const mobiles = new UniquePool();
  const firstCode = options.firstCode ?? 1;
  let licenceSerial = rng.int(1000, 9000);
  // A tobacco dictionary lists shop types (便利店, 超市…); a wholesaler or firm is none of those.
  const orgIndustries =
    options.branchType === 'tobacco'
      ? options.industries.filter((x) => x === '其他')
      : options.industries.filter((x) => x !== '居民个人');

  const out: CustomerInput[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const kind = kinds.pick(rng);
    const slot = managerTable?.pick(rng);
    const region = slot?.region && rng.chance(0.85) ? slot.region : options.regions.length ? rng.pick(options.regions) : undefined;
    const tier = tiers && rng.chance(0.97) ? tiers.pick(rng) : undefined;
    const tierIndex = tier ? options.tiers.indexOf(tier) : options.tiers.length;
    const status = STATUS_MIX.pick(rng);
    const keyCustomer = rng.chance(keyChance(tierIndex));

    const c: CustomerInput = {
      code: `${CODE_PREFIX}${String(firstCode + i).padStart(6, '0')}`,
      name: '',
      kind,
      status,
      keyCustomer,
    };
    if (tier) c.tier = tier;
    if (region) c.region = region;
    if (slot) c.manager = slot.name;

    const rural = isRural(region);
    if (kind === '个人') {
      fillPerson(rng, c, home, rural, ids, mobiles, options.industries);
    } else if (kind === '零售户') {
      fillRetailer(rng, c, home, rural, ids, credits, mobiles, licenceSerial++, options.industries);
    } else {
      fillOrganisation(rng, c, home, rural, credits, mobiles, orgIndustries);
    }
    c.monthlyVolume = monthlyVolume(rng, options.branchType, kind, tierIndex);
    const tags = pickTags(rng, options.tags, status, keyCustomer);
    if (tags.length) c.tags = tags;
    out[i] = c;
  }
  return out;
}

function fillPerson(
  rng: Rng,
  c: CustomerInput,
  home: County,
  rural: boolean,
  ids: UniquePool,
  mobiles: UniquePool,
  industries: readonly string[],
): void {
  const gender: Gender = rng.chance(0.52) ? '男' : '女';
  const birth = pickBirthDate(rng);
  c.name = personName(rng, gender, birth.year);
  // A few archives are incomplete, as real ones are: completeness is one of the KPIs.
  if (rng.chance(0.97)) c.idNumber = ids.take(() => makeIdNumber(rng, pickBirthCounty(rng, home), birth, gender));
  if (rng.chance(0.96)) c.mobile = mobiles.take(() => makeMobile(rng));
  if (!c.mobile || rng.chance(0.05)) c.phone = makeLandline(rng, home);
  c.address = makeAddress(rng, home, rural, !rural).text;
  const industry = matchIndustry(industries, '居民个人');
  if (industry) c.industry = industry;
}

function fillRetailer(
  rng: Rng,
  c: CustomerInput,
  home: County,
  rural: boolean,
  ids: UniquePool,
  credits: UniquePool,
  mobiles: UniquePool,
  serial: number,
  industries: readonly string[],
): void {
  const gender: Gender = rng.chance(0.55) ? '男' : '女';
  const birth = pickBirthDate(rng);
  const owner = personName(rng, gender, birth.year);
  const address = makeAddress(rng, home, rural, false);
  const shop = shopName(rng, address.town, owner);
  c.name = shop.name;
  c.licenceNo = makeLicenceNo(home, serial);
  c.address = address.text;
  // Every retailer is reachable: the owner's mobile, a shop landline, or both.
  if (rng.chance(0.95)) c.mobile = mobiles.take(() => makeMobile(rng));
  if (!c.mobile || rng.chance(0.35)) c.phone = makeLandline(rng, home);
  if (rng.chance(0.6)) c.creditCode = credits.take(() => makeCreditCode(rng, home, 'individual'));
  if (rng.chance(0.5)) c.idNumber = ids.take(() => makeIdNumber(rng, pickBirthCounty(rng, home), birth, gender));
  c.economicNature = '个体工商户';
  c.scale = rng.chance(0.8) ? '微型' : '小型';
  c.paymentHabit = rng.pick(PAYMENT_HABITS);
  c.industry = matchIndustry(industries, shop.industry) ?? (industries.length ? rng.pick(industries) : undefined);
  if (!c.industry) delete c.industry;
  const contact: ContactInput = { name: owner, role: '经营者', isDecisionMaker: true };
  if (c.mobile) contact.mobile = c.mobile;
  if (rng.chance(0.3)) contact.birthday = birthday(rng, birth.year);
  c.contacts = [contact];
}

function fillOrganisation(
  rng: Rng,
  c: CustomerInput,
  home: County,
  rural: boolean,
  credits: UniquePool,
  mobiles: UniquePool,
  industries: readonly string[],
): void {
  // Firms outside the home county but in its province appear too (branch offices, suppliers).
  const seat = rng.chance(0.85) ? home : pickBirthCounty(rng, home);
  const industry = industries.length ? rng.pick(industries) : undefined;
  c.name =
    c.kind === '经销商' ? dealerName(rng, seat) : c.kind === '集团客户' ? groupName(rng, seat) : companyName(rng, seat, industry);
  c.creditCode = credits.take(() => makeCreditCode(rng, seat, 'enterprise'));
  if (industry) c.industry = industry;
  c.address = makeAddress(rng, home, rural, false).text;
  if (rng.chance(0.75)) c.phone = makeLandline(rng, home);
  if (!c.phone || rng.chance(0.4)) c.mobile = mobiles.take(() => makeMobile(rng));
  c.economicNature = ECONOMIC_NATURE.pick(rng);
  c.scale = c.kind === '集团客户' ? rng.pick(['中型', '大型']) : rng.pick(SCALES.slice(0, 3));
  c.creditRating = CREDIT_RATINGS.pick(rng);
  c.paymentHabit = rng.pick(PAYMENT_HABITS);

  // The seeds ask for 3–5 contacts at a big customer; ordinary firms have one to three.
  const count = c.kind === '集团客户' ? rng.int(3, 5) : rng.int(1, 3);
  const roles = ORG_CONTACT_ROLES.slice();
  const contacts: ContactInput[] = [];
  for (let k = 0; k < count; k++) {
    const p = contactPerson(rng);
    const role = roles.splice(k === 0 ? rng.int(0, 1) : rng.int(0, roles.length - 1), 1)[0];
    const contact: ContactInput = { name: p.name, role, isDecisionMaker: k === 0 };
    contact.mobile = mobiles.take(() => makeMobile(rng));
    if (rng.chance(0.3)) contact.phone = makeLandline(rng, home);
    if (rng.chance(0.35)) contact.birthday = birthday(rng, p.birthYear);
    if (k === 0 && rng.chance(0.2)) contact.notes = rng.pick(['拍板人，周一上午在公司', '喜欢喝茶，聊本地新闻', '约见须提前一天电话']);
    contacts.push(contact);
  }
  c.contacts = contacts;
}

/** A plausible monthly figure in the branch's own unit (tobacco: 条 sold; bank: 元 of assets; telecom: 元 spent). */
function monthlyVolume(rng: Rng, branchType: BranchType, kind: CustomerKind, tierIndex: number): number {
  const boost = tierIndex === 0 ? 4 : tierIndex === 1 ? 2 : 1;
  const spread = 0.4 + rng.next() * 1.2;
  const org = kind === '企业' || kind === '集团客户' || kind === '经销商';
  let base: number;
  if (branchType === 'tobacco') base = kind === '经销商' ? 2000 : 120;
  else if (branchType === 'bank') base = org ? 800_000 : 60_000;
  else if (branchType === 'telecom') base = org ? 6_000 : 120;
  else base = org ? 20_000 : 1_000;
  return Math.round(base * boost * spread);
}

function pickTags(rng: Rng, tags: readonly string[], status: CustomerStatus, key: boolean): string[] {
  if (!tags.length) return [];
  const out = new Set<string>();
  if (key && tags.includes('需重点维护') && rng.chance(0.6)) out.add('需重点维护');
  if (status === '潜在' && tags.includes('高潜力') && rng.chance(0.5)) out.add('高潜力');
  if (rng.chance(0.3)) out.add(rng.pick(tags));
  if (rng.chance(0.06)) out.add(rng.pick(tags));
  return [...out];
}
