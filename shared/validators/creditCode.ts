/**
 * 统一社会信用代码（GB 32100-2015）校验。
 *
 * 18 位，字符取自 "0123456789ABCDEFGHJKLMNPQRTUWXY"（不使用 I、O、Z、S、V），
 * 第 18 位为校验码：C18 = (31 − Σ(Ci × Wi) mod 31) mod 31，再映射回同一字符集。
 * 这里只校验字符集、长度与校验码，不校验登记管理部门/机构类别/行政区划等编码段。
 */

import { looksLikeExcelScientific, toHalfWidth } from './idCard';

export type CreditCodeValidation = { ok: true; value: string } | { ok: false; message: string };

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const FORBIDDEN = 'IOZSV';

/**
 * 由前 17 位计算第 18 位校验码。
 * 输入不是 17 个合法字符（大写）时抛出错误（属于调用方的编程错误）。
 */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) {
    throw new Error(`creditCodeCheckChar: expected 17 characters, got "${first17}"`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new Error(`creditCodeCheckChar: illegal character "${first17[i]}"`);
    sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** 校验并规范化（去空白、全角转半角、转大写）统一社会信用代码。 */
export function validateCreditCode(input: string): CreditCodeValidation {
  const raw = toHalfWidth(String(input ?? '')).replace(/\s+/g, '');
  if (raw === '') return { ok: false, message: '统一社会信用代码不能为空' };
  if (looksLikeExcelScientific(raw)) {
    return {
      ok: false,
      message: '统一社会信用代码精度已丢失（被 Excel 转成了科学计数法），请把该列设为文本后重新填写',
    };
  }
  const s = raw.toUpperCase();
  for (const ch of s) {
    if (!ALPHABET.includes(ch)) {
      const why = FORBIDDEN.includes(ch) ? '（不使用 I、O、Z、S、V）' : '';
      return { ok: false, message: `统一社会信用代码含非法字符「${ch}」${why}` };
    }
  }
  if (s.length !== 18) {
    return { ok: false, message: `统一社会信用代码应为18位（当前为${s.length}位）` };
  }
  const expected = creditCodeCheckChar(s.slice(0, 17));
  if (s[17] !== expected) {
    return {
      ok: false,
      message: `统一社会信用代码校验位错误：最后一位应为${expected}，实际为${s[17]}`,
    };
  }
  return { ok: true, value: s };
}
