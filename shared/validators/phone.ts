/**
 * 中国大陆手机号与固定电话校验、规范化、脱敏。
 *
 * - 手机号：1[3-9] 开头的 11 位；可带空格、横线、+86 / 86 / 0086 前缀，规范化为纯 11 位数字。
 * - 固定电话：区号（010、020-029 为 3 位，其余为 0[3-9]xx 的 4 位）+ 7-8 位号码，
 *   可带分机（-123、转123、#123、分机123、ext123）；分隔符可用 -、空格、括号，
 *   规范化为 `0571-88886666` 或 `0571-88886666-123`。
 */

import { looksLikeExcelScientific, toHalfWidth } from './idCard';

export type MobileValidation = { ok: true; value: string } | { ok: false; message: string };
export type LandlineValidation = { ok: true; value: string } | { ok: false; message: string };
export type PhoneValidation =
  | { ok: true; value: string; kind: 'mobile' | 'landline' }
  | { ok: false; message: string };

const MOBILE_MESSAGE = '手机号应为以1开头的11位数字（第二位3-9）';
const LANDLINE_MESSAGE = '固定电话应为区号（0开头3-4位）+7-8位号码，如 0571-88886666';
const PHONE_MESSAGE = '电话号码应为11位手机号或带区号的固定电话，如 13800001234、0571-88886666';
const precisionLost = (what: string): string =>
  `${what}精度已丢失（被 Excel 转成了科学计数法），请把该列设为文本后重新填写`;

/** 全角转半角、各种横线统一为 '-'，去首尾空白。 */
function normalise(input: string): string {
  return toHalfWidth(String(input ?? ''))
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .trim();
}

/** 只保留数字（全角数字先转半角）。 */
export function digitsOnly(s: string): string {
  return toHalfWidth(String(s ?? '')).replace(/\D/g, '');
}

/** 校验手机号，成功时返回纯 11 位数字。 */
export function validateMobile(input: string): MobileValidation {
  const raw = normalise(input);
  if (raw === '') return { ok: false, message: '手机号不能为空' };
  if (looksLikeExcelScientific(raw)) return { ok: false, message: precisionLost('手机号') };

  const s = raw.replace(/[\s\-()]/g, '');
  const bad = s.match(/(?!^\+)[^\d]/);
  if (bad) return { ok: false, message: `手机号含非法字符「${bad[0]}」` };

  let d = s;
  if (d.startsWith('+')) {
    if (!d.startsWith('+86')) return { ok: false, message: '仅支持中国大陆手机号（+86）' };
    d = d.slice(3);
  } else if (d.length === 13 && d.startsWith('86')) {
    d = d.slice(2);
  } else if (d.length === 15 && d.startsWith('0086')) {
    d = d.slice(4);
  }

  if (/^1[3-9]\d{9}$/.test(d)) return { ok: true, value: d };
  if (d.length !== 11) return { ok: false, message: `${MOBILE_MESSAGE}，当前为${d.length}位` };
  return { ok: false, message: MOBILE_MESSAGE };
}

function isValidAreaCode(area: string): boolean {
  return /^0(?:10|2\d)$/.test(area) || /^0[3-9]\d\d$/.test(area);
}

/** 校验固定电话，成功时返回 `区号-号码` 或 `区号-号码-分机`。 */
export function validateLandline(input: string): LandlineValidation {
  const raw = normalise(input);
  if (raw === '') return { ok: false, message: '固定电话不能为空' };
  if (looksLikeExcelScientific(raw)) return { ok: false, message: precisionLost('固定电话') };

  // 先取出分机号：转123、分机123、#123、ext123、x123
  let main = raw;
  let ext: string | undefined;
  const extMatch = raw.match(/^(.*?)[\s-]*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i);
  if (extMatch) {
    main = extMatch[1];
    ext = extMatch[2];
  }

  const bad = main.match(/[^\d\s\-()]/);
  if (bad) return { ok: false, message: `固定电话含非法字符「${bad[0]}」` };

  const tokens = main.split(/[\s\-()]+/).filter(Boolean);
  if (tokens.length === 0 || !tokens[0].startsWith('0')) {
    return { ok: false, message: LANDLINE_MESSAGE };
  }

  // 区号：写了分隔符就按用户的切分；连写时按首位推断（010、02x 为 3 位，其余 4 位）
  let area: string;
  let rest: string[];
  const first = tokens[0];
  if (first.length <= 4) {
    area = first;
    rest = tokens.slice(1);
  } else {
    const n = /^0[0-2]/.test(first) ? 3 : 4;
    area = first.slice(0, n);
    rest = [first.slice(n), ...tokens.slice(1)];
  }
  if (!isValidAreaCode(area)) {
    return {
      ok: false,
      message: `固定电话区号「${area}」无效（010、020-029为3位区号，其余为0开头的4位区号）`,
    };
  }
  if (rest.length === 0) return { ok: false, message: LANDLINE_MESSAGE };

  // 号码：允许 8888 6666 这种中间带分隔的写法
  let number = rest[0];
  let i = 1;
  while (number.length < 7 && i < rest.length && (number + rest[i]).length <= 8) {
    number += rest[i];
    i++;
  }
  const remaining = rest.slice(i);
  if (remaining.length === 1 && ext === undefined) {
    ext = remaining[0];
  } else if (remaining.length > 0) {
    return { ok: false, message: LANDLINE_MESSAGE };
  }

  if (!/^[1-9]\d{6,7}$/.test(number)) {
    const detail = /^\d{7,8}$/.test(number) ? '' : `，当前号码部分为${number.length}位`;
    return { ok: false, message: LANDLINE_MESSAGE + detail };
  }
  if (ext !== undefined && !/^\d{1,6}$/.test(ext)) {
    return { ok: false, message: '固定电话分机号应为1-6位数字' };
  }
  return { ok: true, value: ext ? `${area}-${number}-${ext}` : `${area}-${number}` };
}

/** 手机号或固定电话均可；失败时按输入的样子给出最贴切的提示。 */
export function validatePhone(input: string): PhoneValidation {
  const raw = normalise(input);
  if (raw === '') return { ok: false, message: '电话号码不能为空' };
  if (looksLikeExcelScientific(raw)) return { ok: false, message: precisionLost('电话号码') };

  const mobile = validateMobile(raw);
  if (mobile.ok) return { ok: true, value: mobile.value, kind: 'mobile' };
  const landline = validateLandline(raw);
  if (landline.ok) return { ok: true, value: landline.value, kind: 'landline' };

  const compact = raw.replace(/[\s\-()]/g, '');
  if (compact.startsWith('0') && !compact.startsWith('0086')) return landline;
  if (/^(?:1|\+|0086)/.test(compact) || (compact.startsWith('86') && compact.length === 13)) {
    return mobile;
  }
  return { ok: false, message: PHONE_MESSAGE };
}

/** 手机号脱敏：138****1234。能识别为手机号时先规范化（去 +86 等）；过短的值全部打码。 */
export function maskMobile(v: string): string {
  const r = validateMobile(v);
  const s = r.ok ? r.value : digitsOnly(v);
  if (s.length <= 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}
