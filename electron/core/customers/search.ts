import { pinyin } from 'pinyin-pro';
import { digitsOnly, toHalfWidth } from '../../../shared/validators';
import { pinyinReadings } from './fullPinyin';

/** The derived columns that make customers findable; recomputed on every write of name or phones. */
export interface SearchColumns {
  namePinyin: string;
  nameInitials: string;
  nameBigrams: string;
  searchPhones: string;
}

/** The search columns derived from the name alone (the pinyin is the costly part: an import computes it on helper threads). */
export type NameColumns = Omit<SearchColumns, 'searchPhones'>;

export interface PhoneSource {
  mobile?: string | null;
  phone?: string | null;
  contacts?: readonly { mobile?: string | null; phone?: string | null }[];
}

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

interface Syllable {
  text: string;
  isZh: boolean;
}

const PINYIN_ALL = { toneType: 'none', type: 'all', nonZh: 'consecutive', v: true } as const;
/**
 * Syllables with their tone marks: pinyin-pro's own tone removal runs nine regex
 * replacements on every syllable, a quarter of the cost of a name. `toneless` does the
 * same replacements once per distinct syllable (there are about 1,500).
 */
const PINYIN_ARRAY = { type: 'array' } as const;
const PINYIN_ARRAY_RUNS = { ...PINYIN_ARRAY, nonZh: 'consecutive' } as const;

/** pinyin-pro's tone removal (getPinyinWithoutTone) followed by its `v: true` (ü → v). */
const TONE_MARKS: readonly [RegExp, string][] = [
  [/(ā|á|ǎ|à)/g, 'a'],
  [/(ō|ó|ǒ|ò)/g, 'o'],
  [/(ē|é|ě|è)/g, 'e'],
  [/(ī|í|ǐ|ì)/g, 'i'],
  [/(ū|ú|ǔ|ù)/g, 'u'],
  [/(ǖ|ǘ|ǚ|ǜ)/g, 'ü'],
  [/(n̄|ń|ň|ǹ)/g, 'n'],
  [/(m̄|ḿ|m̌|m̀)/g, 'm'],
  [/(ê̄|ế|ê̌|ề)/g, 'ê'],
];
const TONELESS_MAX = 20_000;
const tonelessCache = new Map<string, string>();

/** A Han character's syllable without its tone mark, `ü` written `v`. Only for Han syllables: other text keeps its accents. */
export function toneless(syllable: string): string {
  let hit = tonelessCache.get(syllable);
  if (hit === undefined) {
    hit = TONE_MARKS.reduce((s, [mark, plain]) => s.replace(mark, plain), syllable).replace(/ü/g, 'v');
    // Bounded: a syllable is a Han character's reading, but a caller could pass anything.
    if (tonelessCache.size >= TONELESS_MAX) tonelessCache.clear();
    tonelessCache.set(syllable, hit);
  }
  return hit;
}
const HAN = /\p{Script=Han}/u;
const SEARCH_CHAR = /[\p{Script=Han}\p{L}\p{N}]/u;

/**
 * The property tests above, with the everyday characters answered first: the common
 * CJK block (all Han since Unicode 1.1) and ASCII letters and digits. Names are almost
 * all made of these, and the Unicode-property regexes cost more than the pinyin itself.
 */
export function isHan(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (ch.length === 1 && c >= 0x4e00 && c <= 0x9fa5) return true;
  if (c < 0x2e80) return false;
  return HAN.test(ch);
}

export function isSearchChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (ch.length === 1 && ((c >= 0x4e00 && c <= 0x9fa5) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) return true;
  if (c < 0x80 && ch.length === 1) return false;
  return SEARCH_CHAR.test(ch);
}

/**
 * One syllable per Han character, one entry per run of other characters. The
 * array form is several times faster than `type: 'all'`, which matters when
 * seeding 200,000 names; Han-ness is recovered by walking the input alongside.
 */
function plainSyllables(name: string, chars: readonly string[]): Syllable[] {
  const parts = pinyin(name, PINYIN_ARRAY_RUNS);
  const out: Syllable[] = [];
  let pos = 0;
  for (const part of parts) {
    const ch = chars[pos] ?? '';
    const isZh = part !== ch && isHan(ch);
    out.push({ text: isZh ? toneless(part) : part, isZh });
    pos += isZh ? 1 : Array.from(part).length;
  }
  if (pos === chars.length) return out;
  // The fast path lost its footing (an unusual character): take the slower, explicit form.
  return pinyin(name, PINYIN_ALL).map((i) => ({ text: i.isZh ? i.pinyin : i.origin, isZh: i.isZh }));
}

/**
 * pinyin-pro's `surname: 'head'` also changes how it reads the rest of the string
 * (中国银行 becomes …yin xing), so the surname reading is taken from the first
 * one or two characters only and the rest keeps the ordinary, word-aware reading.
 * `name` is already half-width and trimmed.
 */
function nameSyllables(name: string): Syllable[] {
  const chars = Array.from(name);
  const out = plainSyllables(name, chars);
  if (!chars.length || !isHan(chars[0])) return out;
  const { surname, compound } = surnameReading(chars.slice(0, 2).join(''));
  out[0] = { text: surname[0], isZh: true };
  if (compound && isHan(chars[1] ?? '')) out[1] = { text: surname[1], isZh: true };
  return out;
}

/**
 * The surname reading depends on the first two characters only, and names share
 * them a lot (张伟, 王芳…): its two pinyin calls cost as much as the whole name's
 * reading, so they are remembered. Bounded: cleared when it grows past HEAD_CACHE_MAX.
 */
const HEAD_CACHE_MAX = 50_000;
const headCache = new Map<string, { surname: string[]; compound: boolean }>();

function surnameReading(head: string): { surname: string[]; compound: boolean } {
  let hit = headCache.get(head);
  if (!hit) {
    // Both readings of the head are Han syllables where it matters (the first one or two characters).
    const surname = pinyin(head, { ...PINYIN_ARRAY, surname: 'head' }).map(toneless);
    const plain = pinyin(head, PINYIN_ARRAY).map(toneless);
    // Only a compound surname (万俟 mo qi) changes the second character too; 单行 must stay word-aware.
    const compound = surname.length > 1 && surname[0] !== plain[0] && surname[1] !== plain[1];
    if (headCache.size >= HEAD_CACHE_MAX) headCache.clear();
    hit = { surname, compound };
    headCache.set(head, hit);
  }
  return hit;
}

const PLAIN_SYLLABLE = /^[a-z]+$/;

function words(s: Syllable): string[] {
  // Almost every syllable is already one lower-case word: skip the Unicode split for it.
  if (PLAIN_SYLLABLE.test(s.text)) return [s.text];
  return s.text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Full pinyin and initials of the syllables, each syllable split into words once. */
function readingOf(syllables: readonly Syllable[]): { pinyin: string; initials: string } {
  const all: string[] = [];
  let initials = '';
  for (const s of syllables) {
    for (const w of words(s)) {
      all.push(w);
      initials += s.isZh ? w[0] : w;
    }
  }
  return { pinyin: all.join(' '), initials };
}

const cleanName = (name: string) => toHalfWidth(name).trim();

/** Full toneless pinyin, syllables separated by spaces (西安 "xi an" sorts before 先 "xian"). */
export function namePinyin(name: string): string {
  return readingOf(nameSyllables(cleanName(name))).pinyin;
}

/** First letters of each Chinese syllable (surname-aware: 单 shan, 曾 zeng); latin letters and digits kept whole, lowercase. */
export function nameInitials(name: string): string {
  return readingOf(nameSyllables(cleanName(name))).initials;
}

/**
 * Every 2-character window of the name's letters, digits and Han characters,
 * then the last character alone: 张三丰 → "张三 三丰 丰". FTS tokens are whole
 * windows, so a 2-character search is an exact token match, and a 1-character
 * search is a prefix match ("店"*) that reaches every position, the last one
 * through the trailing single character (便利店 ends in 店).
 */
export function nameBigrams(name: string): string {
  return bigramsOf(toHalfWidth(name));
}

function bigramsOf(halfWidth: string): string {
  const chars = Array.from(halfWidth.toLowerCase()).filter(isSearchChar);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  if (chars.length) out.push(chars[chars.length - 1]);
  return out.join(' ');
}

/** Digits of the customer's and all contacts' phones, so a search on any of them finds the customer. */
export function searchPhones(src: PhoneSource): string {
  const all = [src.mobile, src.phone, ...(src.contacts ?? []).flatMap((c) => [c.mobile, c.phone])];
  const digits = all.map((p) => digitsOnly(p ?? '')).filter((d) => d.length >= 3);
  return [...new Set(digits)].join(' ');
}

export function searchColumns(src: PhoneSource & { name: string }): SearchColumns {
  const half = toHalfWidth(src.name);
  const reading = readingOf(nameSyllables(half.trim()));
  return {
    namePinyin: reading.pinyin,
    nameInitials: reading.initials,
    nameBigrams: bigramsOf(half),
    searchPhones: searchPhones(src),
  };
}

/** An FTS5 string literal: the user's text stays data, never query syntax. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Smallest string greater than every string starting with `prefix` (prefix is ASCII here). */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

export interface QuickSearch {
  /** SELECT of matching customer ids, answered from indexes (FTS, b-tree ranges); may repeat an id. */
  ids: SqlFragment;
  /** The same ids, each once (costs a sort when there are several branches). */
  /** The same test written against one row of `c`: cheap when the rows are being read anyway. */
  row: SqlFragment;
}

/**
 * A quick search: name substring, pinyin-initials prefix, full-pinyin prefix by
 * syllables (shanli → 单丽华, fullPinyin.ts), code prefix or phone digits. Each branch has an index (FTS trigram for 3+ characters, FTS bigram
 * for 1–2, b-tree ranges for prefixes) and an equivalent per-row test; the list
 * query picks whichever is cheaper for how many customers match. UNION ALL: a
 * repeated id is absorbed by `IN (…)` without the sort a UNION would cost.
 * Returns null for a blank query (no filter).
 */
export function quickSearch(q: string): QuickSearch | null {
  const text = toHalfWidth(q).replace(/\s+/g, '');
  if (!text) return null;
  const lower = text.toLowerCase();
  const nameKey = Array.from(lower)
    .filter((c) => SEARCH_CHAR.test(c))
    .join('');
  const ids: SqlFragment[] = [];
  const row: SqlFragment[] = [];
  const branch = (idSql: string, rowSql: string, idParams: unknown[], rowParams: unknown[]) => {
    ids.push({ sql: idSql, params: idParams });
    row.push({ sql: rowSql, params: rowParams });
  };
  // Trigram indexes name, code, initials and phones together, case-insensitively.
  const anyColumn = '(instr(lower(c.name), ?) OR instr(lower(c.code), ?) OR instr(c.name_initials, ?) OR instr(c.search_phones, ?))';

  if (Array.from(text).length >= 3) {
    branch('SELECT rowid AS id FROM customer_fts_tri WHERE customer_fts_tri MATCH ?', anyColumn, [ftsPhrase(text)], [lower, lower, lower, lower]);
  } else if (Array.from(nameKey).length === 2) {
    branch(
      'SELECT rowid AS id FROM customer_fts_bi WHERE customer_fts_bi MATCH ?',
      "instr(' ' || c.name_bigrams || ' ', ?)",
      [ftsPhrase(nameKey)],
      [` ${nameKey} `],
    );
  } else if (Array.from(nameKey).length === 1) {
    branch('SELECT rowid AS id FROM customer_fts_bi WHERE customer_fts_bi MATCH ?', 'instr(c.name_bigrams, ?)', [`${ftsPhrase(nameKey)}*`], [nameKey]);
  }

  if (/^[a-z0-9]+$/.test(lower) && /[a-z]/.test(lower)) {
    const range = [lower, prefixEnd(lower)];
    branch('SELECT id FROM customers INDEXED BY customers_initials WHERE name_initials >= ? AND name_initials < ?', '(c.name_initials >= ? AND c.name_initials < ?)', range, range);
  }

  // Full pinyin: each reading is a prefix of name_pinyin, a range on (deleted_at, name_pinyin); the recycle bin's few rows are scanned apart.
  for (const reading of pinyinReadings(lower)) {
    const range = [reading, prefixEnd(reading)];
    branch(
      'SELECT id FROM customers INDEXED BY customers_live_name WHERE deleted_at IS NULL AND name_pinyin >= ? AND name_pinyin < ? UNION ALL SELECT id FROM customers INDEXED BY customers_live_name WHERE deleted_at IS NOT NULL AND name_pinyin >= ? AND name_pinyin < ?',
      '(c.name_pinyin >= ? AND c.name_pinyin < ?)',
      [...range, ...range],
      range,
    );
  }

  if (/^[a-z0-9._-]+$/.test(lower)) {
    const upper = text.toUpperCase();
    const range = [upper, prefixEnd(upper)];
    branch('SELECT id FROM customers WHERE code >= ? AND code < ?', '(c.code >= ? AND c.code < ?)', range, range);
  }

  // 0571-8888 or (0571)8888: phones are indexed as bare digits.
  const digits = text.replace(/[-()]/g, '');
  if (digits !== text && /^\d{3,}$/.test(digits)) {
    branch('SELECT rowid AS id FROM customer_fts_tri WHERE customer_fts_tri MATCH ?', anyColumn, [ftsPhrase(digits)], [digits, digits, digits, digits]);
  }

  // Something typed that no branch can match (a lone "%"): match nothing rather than everything.
  if (!ids.length) {
    const none = { sql: 'SELECT 0 AS id WHERE 0', params: [] };
    return { ids: none, row: { sql: '0', params: [] } };
  }
  const params = ids.flatMap((b) => b.params);
  return {
    ids: { sql: ids.map((b) => b.sql).join(' UNION ALL '), params },
    row: { sql: `(${row.map((b) => b.sql).join(' OR ')})`, params: row.flatMap((b) => b.params) },
  };
}

/** The quick search as an index-driven condition on `c` (customers). */
export function quickSearchFilter(q: string): SqlFragment | null {
  const s = quickSearch(q);
  return s ? { sql: `c.id IN (${s.ids.sql})`, params: s.ids.params } : null;
}
