import { PRECISION_LOST_MESSAGE } from '../../../shared/domain/imports';
import type { ImportFieldType } from '../../../shared/domain/importFields';
import { looksLikeExcelScientific, toHalfWidth } from '../../../shared/validators';
import type { CellValue } from './types';

export type Converted<T = unknown> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Converted<T> => ({ ok: true, value });
const fail = (message: string): Converted<never> => ({ ok: false, message });

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** Largest integer Excel keeps exactly: it stores 15 significant digits. */
const EXACT_DIGITS_LIMIT = 1e14;
const DAY_MS = 86_400_000;
/** 1899-12-30: day 0 of Excel's 1900 date system (the 1900 leap-year bug folded in). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** The neutralising apostrophe our exports put before = + - @ is taken off again on import. */
const NEUTRALISED = /^'(?=[=+\-@\t\r])/;

/** Text a person sees in the cell: integers without exponent, dates as YYYY-MM-DD. */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v.replace(NEUTRALISED, '').trim();
  if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) < 1e21) return BigInt(v).toString();
    return String(Number(v.toPrecision(15)));
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  const h = v.getUTCHours();
  const m = v.getUTCMinutes();
  const s = v.getUTCSeconds();
  const date = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (v.getUTCFullYear() < 1900) return `${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
  return h || m || s ? `${date} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}` : date;
}

/** A number-like identifier (ID, credit code, phone): refuse what Excel already rounded. */
export function identifierText(v: CellValue): Converted<string> {
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || Math.abs(v) >= EXACT_DIGITS_LIMIT) return fail(PRECISION_LOST_MESSAGE);
    return ok(String(v));
  }
  const s = cellText(v);
  if (looksLikeExcelScientific(s)) return fail(PRECISION_LOST_MESSAGE);
  return ok(s);
}

function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const DATE_HINT = '（应为 2026-11-22、2026/11/22、2026年11月22日 或 20261122）';

function fromSerial(n: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.round(n * DAY_MS));
}

interface DateParts {
  y: number;
  m: number;
  d: number;
  time: string | null;
}

const TEXT_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})[:：](\d{1,2})(?:[:：](\d{1,2}))?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const TIME_ONLY = /^(\d{1,2})[:：](\d{1,2})(?:[:：](\d{1,2}))?$/;

function timeText(h: number, m: number): string | null {
  if (h > 23 || m > 59) return null;
  return `${pad(h)}:${pad(m)}`;
}

function dateParts(v: CellValue): Converted<DateParts | { timeOnly: string }> {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return fail('日期无效');
    if (v.getUTCFullYear() < 1900) return ok({ timeOnly: `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}` });
    const hasTime = v.getUTCHours() || v.getUTCMinutes();
    return ok({ y: v.getUTCFullYear(), m: v.getUTCMonth() + 1, d: v.getUTCDate(), time: hasTime ? `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}` : null });
  }
  if (typeof v === 'number') {
    // 20261122 typed as a number is a compact date, not day 20 million.
    if (Number.isInteger(v) && v >= 19000101 && v <= 29991231) return dateParts(String(v));
    if (v > 0 && v < 1) {
      const d = fromSerial(v);
      return ok({ timeOnly: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` });
    }
    if (v >= 1 && v < 2958466) return dateParts(fromSerial(v));
    return fail(`「${cellText(v)}」不是有效的日期${DATE_HINT}`);
  }
  const s = toHalfWidth(cellText(v)).trim();
  const t = TEXT_DATE.exec(s) ?? COMPACT_DATE.exec(s);
  if (t) {
    const [y, m, d] = [Number(t[1]), Number(t[2]), Number(t[3])];
    if (!validYmd(y, m, d)) return fail(`日期「${s}」不存在`);
    let time: string | null = null;
    if (t[4] !== undefined) {
      time = timeText(Number(t[4]), Number(t[5]));
      if (!time) return fail(`时间「${s}」无效`);
    }
    return ok({ y, m, d, time });
  }
  const only = TIME_ONLY.exec(s);
  if (only) {
    const time = timeText(Number(only[1]), Number(only[2]));
    return time ? ok({ timeOnly: time }) : fail(`时间「${s}」无效`);
  }
  return fail(`日期格式无法识别：「${s}」${DATE_HINT}`);
}

/** A date as YYYY-MM-DD from an Excel serial, a Date cell or the usual Chinese spellings. */
export function parseDate(v: CellValue): Converted<string> {
  const p = dateParts(v);
  if (!p.ok) return p;
  if ('timeOnly' in p.value) return fail(`「${cellText(v)}」只有时间，没有日期${DATE_HINT}`);
  const { y, m, d } = p.value;
  return ok(`${y}-${pad(m)}-${pad(d)}`);
}

/** A date-time `YYYY-MM-DD HH:mm`, or a bare time `HH:mm` (the row's date completes it). */
export function parseDateTime(v: CellValue): Converted<string> {
  const p = dateParts(v);
  if (!p.ok) return p;
  if ('timeOnly' in p.value) return ok(p.value.timeOnly);
  const { y, m, d, time } = p.value;
  return ok(`${y}-${pad(m)}-${pad(d)} ${time ?? '00:00'}`);
}

const TEXT_MONTH = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:\s*[-/.]\s*\d{1,2}\s*日?)?$/;
const COMPACT_MONTH = /^(\d{4})(\d{2})$/;

/** A month as YYYY-MM: 2026-11, 2026/11, 2026年11月, 202611, or a date cell. */
export function parseMonth(v: CellValue): Converted<string> {
  if (v instanceof Date || (typeof v === 'number' && !(Number.isInteger(v) && v >= 190001 && v <= 299912))) {
    const d = parseDate(v);
    return d.ok ? ok(d.value.slice(0, 7)) : fail(`月份「${cellText(v)}」无法识别（应为 2026-11、2026/11、2026年11月 或 202611）`);
  }
  const s = toHalfWidth(cellText(v)).trim();
  const t = TEXT_MONTH.exec(s) ?? COMPACT_MONTH.exec(s);
  if (t) {
    const y = Number(t[1]);
    const m = Number(t[2]);
    if (y >= 1900 && y <= 2999 && m >= 1 && m <= 12) return ok(`${y}-${pad(m)}`);
  }
  return fail(`月份「${s}」无法识别（应为 2026-11、2026/11、2026年11月 或 202611）`);
}

/** A number; thousands separators, currency signs and 元 are tolerated. */
export function parseNumber(v: CellValue): Converted<number> {
  if (typeof v === 'number') return Number.isFinite(v) ? ok(v) : fail('不是有效的数字');
  const s = toHalfWidth(cellText(v)).replace(/[,\s¥￥元]/g, '');
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return ok(Number(s));
  return fail(`「${cellText(v)}」不是数字`);
}

const TRUE_WORDS = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '✔', '对', '重点', '有']);
const FALSE_WORDS = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '不是', '非', '无']);

export function parseBool(v: CellValue): Converted<boolean> {
  if (typeof v === 'boolean') return ok(v);
  const s = toHalfWidth(cellText(v)).trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return ok(true);
  if (FALSE_WORDS.has(s)) return ok(false);
  return fail(`「${cellText(v)}」应填写“是”或“否”`);
}

export function parseList(v: CellValue): string[] {
  return cellText(v)
    .split(/[,，、;；|/\s]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/** Converts a non-blank cell by the field's type; blank cells are the caller's business. */
export function convertCell(v: CellValue, type: ImportFieldType): Converted {
  switch (type) {
    case 'idNumber':
    case 'creditCode':
    case 'mobile':
    case 'phone':
      return identifierText(v);
    case 'date':
      return parseDate(v);
    case 'datetime':
      return parseDateTime(v);
    case 'month':
      return parseMonth(v);
    case 'number':
      return parseNumber(v);
    case 'bool':
      return parseBool(v);
    case 'list':
      return ok(parseList(v));
    case 'code':
    case 'text':
    default:
      return ok(cellText(v));
  }
}

