/**
 * 居民身份证号码（GB 11643-1999）校验。
 *
 * 纯运行时无关代码：不依赖 node / DOM / electron，主进程与渲染进程共用。
 *
 * 关于 15 位老号码：一代证号码（1999 年以前签发，15 位、两位年份、无校验位）在存量客户资料里
 * 仍然常见。我们选择「接受并转换」而不是拒绝：在 6 位地区码之后插入世纪 "19"（15 位号码只可能
 * 是 19xx 年出生），再按 GB 11643 计算第 18 位校验码。出生日期照样校验。转换结果以 18 位形式
 * 存储，并通过 `converted: true` 告诉调用方（例如提示用户核对）。
 */

export type IdCardValidation =
  | {
      ok: true;
      /** 规范化后的 18 位号码（校验位为大写 X）。 */
      value: string;
      /** 输入是 15 位老号码、已转换为 18 位时为 true。 */
      converted: boolean;
      /** 出生日期，YYYY-MM-DD。 */
      birthDate: string;
      gender: '男' | '女';
    }
  | { ok: false; message: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** 身份证前两位：省级行政区代码。 */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83', '91',
]);

/**
 * 把全角数字、全角字母转为半角（用户从中文输入法里输入时常见）。
 * 只处理 U+FF01–U+FF5E 范围及全角空格。
 */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/**
 * 判断一个值是否像被 Excel 转成了科学计数法的长数字（如 `1.10101E+17`、`1.1E+17`、`1.38E+10`）。
 * 这类值的精度已经丢失，无法还原，只能让用户把列设为文本后重新填写。
 */
export function looksLikeExcelScientific(input: string): boolean {
  const s = toHalfWidth(input).replace(/\s+/g, '');
  return /^[+-]?\d+(?:\.\d*)?[eE][+-]?\d+$/.test(s);
}

/**
 * 由前 17 位数字计算第 18 位校验码（'0'-'9' 或 'X'）。
 * 输入不是 17 位数字时抛出错误（属于调用方的编程错误）。
 */
export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new Error(`idCardCheckChar: expected 17 digits, got "${first17}"`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** 校验 YYYYMMDD 出生日期；通过返回 null，否则返回错误信息。 */
function checkBirthDate(yyyymmdd: string, today: Date): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const shown = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    return `身份证号中的出生日期 ${shown} 不存在`;
  }
  if (y < 1900) return `身份证号中的出生日期 ${shown} 早于1900年`;
  const todayKey =
    today.getFullYear() * 10000 + (today.getMonth() + 1) * 100 + today.getDate();
  if (y * 10000 + m * 100 + d > todayKey) {
    const todayShown = `${today.getFullYear()}-${pad2(today.getMonth() + 1)}-${pad2(today.getDate())}`;
    return `身份证号中的出生日期 ${shown} 晚于今天（${todayShown}）`;
  }
  return null;
}

/**
 * 校验并规范化身份证号。
 * - 去掉首尾及中间的空白，全角转半角，小写 x 转大写 X；
 * - 18 位：校验字符、地区码、出生日期、校验位；
 * - 15 位：校验后转换为 18 位（见文件头注释）；
 * - 识别 Excel 科学计数法造成的精度丢失。
 */
export function validateIdCard(input: string, today: Date = new Date()): IdCardValidation {
  const raw = toHalfWidth(String(input ?? '')).replace(/\s+/g, '');
  if (raw === '') return { ok: false, message: '身份证号不能为空' };
  if (looksLikeExcelScientific(raw)) {
    return {
      ok: false,
      message: '身份证号精度已丢失（被 Excel 转成了科学计数法），请把该列设为文本后重新填写',
    };
  }
  const s = raw.toUpperCase();
  const bad = s.match(/[^0-9X]/);
  if (bad) return { ok: false, message: `身份证号含非法字符「${bad[0]}」` };

  let id18: string;
  let converted = false;
  if (s.length === 18) {
    if (s.slice(0, 17).includes('X')) {
      return { ok: false, message: '身份证号含非法字符：只有最后一位可以是X' };
    }
    id18 = s;
  } else if (s.length === 15) {
    if (s.includes('X')) {
      return { ok: false, message: '身份证号含非法字符：15位老号码只能是数字' };
    }
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    // 地区码、日期先校验，校验位在下面计算后补上
    id18 = first17 + '?';
    converted = true;
  } else {
    return { ok: false, message: `身份证号应为18位（当前为${s.length}位）` };
  }

  const province = id18.slice(0, 2);
  if (!PROVINCE_CODES.has(province)) {
    return { ok: false, message: `身份证号地区码无效（前两位为${province}）` };
  }

  const birth = id18.slice(6, 14);
  const dateError = checkBirthDate(birth, today);
  if (dateError) return { ok: false, message: dateError };

  const expected = idCardCheckChar(id18.slice(0, 17));
  if (converted) {
    id18 = id18.slice(0, 17) + expected;
  } else {
    const actual = id18[17];
    if (actual !== expected) {
      const hint = id18.endsWith('000')
        ? '（末三位为000，可能被 Excel 截断了精度，请把该列设为文本后重新填写）'
        : '';
      return {
        ok: false,
        message: `身份证号校验位错误：最后一位应为${expected}，实际为${actual}${hint}`,
      };
    }
  }

  return {
    ok: true,
    value: id18,
    converted,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    gender: Number(id18[16]) % 2 === 1 ? '男' : '女',
  };
}

/**
 * 脱敏显示：保留前 6 位和后 4 位，其余用 * 代替（110101********1234）。
 * 10 位及以下的值全部打码，以免泄露。
 */
export function maskIdCard(v: string): string {
  const s = toHalfWidth(String(v ?? '')).replace(/\s+/g, '').toUpperCase();
  if (s.length <= 10) return '*'.repeat(s.length);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}
