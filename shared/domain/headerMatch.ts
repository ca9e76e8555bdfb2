import { toHalfWidth } from '../validators';
import { CONTACT_SHEET_FIELDS, CONTACT_SHEET_KEY_FIELDS, CONTACT_SHEET_KEY_LABEL, CUSTOMER_IMPORT_FIELDS, ImportField } from './importFields';

/** Title rows above the header are skipped; the header must be within these first rows. */
export const HEADER_SEARCH_ROWS = 20;

/**
 * Whether a sheet's header row is a contacts list: a customer key, the contact's name
 * and at least one more contact column — and no 客户类型 column, which every customer
 * list has (a list of person customers also has 姓名 and 手机).
 */
export function looksLikeContactsHeader(headers: readonly unknown[]): boolean {
  const keys = new Set(suggestMapping(headers, CONTACT_SHEET_FIELDS).filter((k): k is string => k !== null));
  if (!CONTACT_SHEET_KEY_FIELDS.some((k) => keys.has(k)) || !keys.has('contact.name')) return false;
  if ([...keys].filter((k) => k.startsWith('contact.')).length < 2) return false;
  const customerTable = synonymTable(CUSTOMER_IMPORT_FIELDS);
  return !headers.some((h) => matchHeader(h, customerTable) === 'kind');
}

/** What a contacts-sheet mapping still lacks (labels), as `missingRequired` lists it. */
export function missingContactFields(mapping: readonly (string | null)[]): string[] {
  const missing = missingRequired(mapping, CONTACT_SHEET_FIELDS).map((f) => f.label);
  if (!CONTACT_SHEET_KEY_FIELDS.some((k) => mapping.includes(k))) missing.unshift(CONTACT_SHEET_KEY_LABEL);
  return missing;
}

// Requirement markers that templates and forms put around header text.
const MARKERS = /[([【<《](?:必填|必输|必须|选填|可选|非必填|可空)[)\]】>》]|^(?:必填|选填)[:：]?/g;

const TRAILING_BRACKET = /[([【][^()[\]【】]*[)\]】]$/;

/**
 * One spelling for every way a header is written: full-width → half-width,
 * whitespace and line breaks removed, *, ※ and (必填) markers removed, trailing
 * colon removed, latin letters lower-cased. 客户名称（必填）* and 客户名称 are equal.
 */
export function normaliseHeader(raw: unknown): string {
  let s = toHalfWidth(String(raw ?? ''));
  s = s.replace(/[\s\u00a0\u200b\ufeff]+/g, '');
  s = s.replace(/[*※]/g, '');
  s = s.replace(MARKERS, '');
  s = s.replace(/[:：]+$/, '');
  return s.toLowerCase();
}

/** Synonym table of one field list: normalised header → field key (first definition wins). */
export function synonymTable(fields: readonly ImportField[]): Map<string, string> {
  const table = new Map<string, string>();
  for (const f of fields) {
    for (const s of [f.label, ...f.synonyms]) {
      const key = normaliseHeader(s);
      if (key && !table.has(key)) table.set(key, f.key);
    }
  }
  return table;
}

/** The field a header means, or null. 金额（元） falls back to 金额 when the full text is unknown. */
export function matchHeader(raw: unknown, table: Map<string, string>): string | null {
  const h = normaliseHeader(raw);
  if (!h) return null;
  const exact = table.get(h);
  if (exact) return exact;
  const bare = h.replace(TRAILING_BRACKET, '');
  return bare !== h ? (table.get(bare) ?? null) : null;
}

/** Column-by-column suggestion; when two columns mean the same field the first one gets it. */
export function suggestMapping(headers: readonly unknown[], fields: readonly ImportField[]): (string | null)[] {
  const table = synonymTable(fields);
  const used = new Set<string>();
  return headers.map((h) => {
    const key = matchHeader(h, table);
    if (!key || used.has(key)) return null;
    used.add(key);
    return key;
  });
}

/**
 * Index of the header row among the first rows: the first row where at least two
 * cells are known headers (titles like “2026年11月客户名单” above it are skipped).
 * A one-column file counts with one match. -1 when none qualifies.
 */
export function findHeaderRow(rows: readonly (readonly unknown[])[], fields: readonly ImportField[]): number {
  const table = synonymTable(fields);
  let best = -1;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const keys = new Set(rows[i].map((c) => matchHeader(c, table)).filter((k): k is string => k !== null));
    if (keys.size >= 2) return i;
    if (keys.size === 1 && best < 0 && rows[i].filter((c) => String(c ?? '').trim() !== '').length === 1) best = i;
  }
  return best;
}

/** Required fields that no column is mapped to. */
export function missingRequired(mapping: readonly (string | null)[], fields: readonly ImportField[]): ImportField[] {
  const mapped = new Set(mapping.filter((m): m is string => !!m));
  return fields.filter((f) => f.required && !mapped.has(f.key));
}