import { creditCodeCheckChar, idCardCheckChar } from '../../../shared/validators';
import type { Gender } from './names';
import type { County } from './places';
import type { Rng } from './prng';

export interface BirthDate {
  year: number;
  month: number;
  day: number;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * An adult's birth date. The range is fixed (not "today minus 18 years") so that
 * the same seed gives the same people whatever day the generator runs.
 */
export function pickBirthDate(rng: Rng): BirthDate {
  // Customers cluster in working age: a triangular-ish spread over 1950–2005.
  const year = Math.round(1950 + ((rng.next() + rng.next()) / 2) * 55);
  const month = rng.int(1, 12);
  const dim = month === 2 && isLeap(year) ? 29 : DAYS[month - 1];
  return { year, month, day: rng.int(1, dim) };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** 18-digit 居民身份证号: birthplace code, birth date, sequence (odd = male), MOD 11-2 check. */
export function makeIdNumber(rng: Rng, county: County, birth: BirthDate, gender: Gender): string {
  const seq = pad(rng.int(0, 99), 2);
  const genderDigit = rng.int(0, 4) * 2 + (gender === '男' ? 1 : 0);
  const first17 = `${county.code}${birth.year}${pad(birth.month, 2)}${pad(birth.day, 2)}${seq}${genderDigit}`;
  return first17 + idCardCheckChar(first17);
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Check char of a GB 11714 organisation code (the 9th char of its 9-char block). */
function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i];
    const v = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    sum += v * ORG_WEIGHTS[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export type CreditEntity = 'enterprise' | 'individual';

/**
 * 统一社会信用代码 laid out as the real ones are: 9 (market regulator) + 1
 * (enterprise) or 2 (个体工商户) + the county code + a 9-char organisation code
 * (post-2015 ones start with MA) + the GB 32100 check char.
 */
export function makeCreditCode(rng: Rng, county: County, entity: CreditEntity): string {
  let body: string;
  if (rng.chance(0.5)) {
    body = 'MA';
    for (let i = 0; i < 6; i++) body += CREDIT_ALPHABET[rng.int(0, CREDIT_ALPHABET.length - 1)];
  } else {
    body = rng.digits(8);
  }
  const first17 = `9${entity === 'enterprise' ? '1' : '2'}${county.code}${body}${orgCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
}

/** 烟草专卖零售许可证号: county code + 6-digit serial, 12 digits in all. */
export function makeLicenceNo(county: County, serial: number): string {
  return `${county.code}${pad(serial % 1_000_000, 6)}`;
}

/** Number segments in real use by the three carriers. */
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '145', '147', '150', '151', '152', '153', '155',
  '156', '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '184', '185', '186',
  '187', '188', '189', '191', '193', '195', '198', '199',
];

export function makeMobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

/** A landline in the county's area code: 8 digits after a 3-digit code, 7 or 8 after a 4-digit one. */
export function makeLandline(rng: Rng, county: County): string {
  const length = county.area.length === 3 || rng.chance(0.7) ? 8 : 7;
  return `${county.area}-${rng.int(2, 8)}${rng.digits(length - 1)}`;
}
