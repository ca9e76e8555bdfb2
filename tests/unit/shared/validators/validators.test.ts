import { describe, it, expect } from 'vitest';
import {
  validateIdCard,
  idCardCheckChar,
  maskIdCard,
  looksLikeExcelScientific,
  validateCreditCode,
  creditCodeCheckChar,
  validateMobile,
  validateLandline,
  validatePhone,
  maskMobile,
  digitsOnly,
} from '../../../../shared/validators/index';

/** 固定"今天"，让出生日期相关的用例不随运行日期变化。 */
const TODAY = new Date(2024, 5, 1); // 2024-06-01（本地时间）

/*
 * 身份证号手算校验位：权重 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2，校验码 = "10X98765432"[Σ mod 11]
 *
 * 前 14 位 "11010119900307"：
 *   1×7 + 1×9 + 0×10 + 1×5 + 0×8 + 1×4 + 1×2 + 9×1 + 9×6 + 0×3 + 0×7 + 3×9 + 0×10 + 7×5
 *   = 7 + 9 + 0 + 5 + 0 + 4 + 2 + 9 + 54 + 0 + 0 + 27 + 0 + 35 = 152
 * 顺序码三位权重为 8 4 2：
 *   "103": 152 + 8 + 0 + 6  = 166, 166 mod 11 = 1  → '0'
 *   "109": 152 + 8 + 0 + 18 = 178, 178 mod 11 = 2  → 'X'（校验值 10）
 *   "102": 152 + 8 + 0 + 4  = 164, 164 mod 11 = 10 → '2'
 *   "108": 152 + 8 + 0 + 16 = 176, 176 mod 11 = 0  → '1'
 *   "123": 152 + 8 + 8 + 6  = 174, 174 mod 11 = 9  → '3'
 */
const ID_CHECK_0 = '110101199003071030';
const ID_CHECK_X = '11010119900307109X';
const ID_MOD_10 = '110101199003071022';
const ID_MOD_0 = '110101199003071081';
const ID_PLAIN = '110101199003071233';

describe('idCardCheckChar', () => {
  it('computes check chars matching the hand-worked sums', () => {
    expect(idCardCheckChar('11010119900307103')).toBe('0');
    expect(idCardCheckChar('11010119900307109')).toBe('X');
    expect(idCardCheckChar('11010119900307102')).toBe('2');
    expect(idCardCheckChar('11010119900307108')).toBe('1');
    expect(idCardCheckChar('11010119900307123')).toBe('3');
    // GB 11643 标准里的例子 11010519491231002X
    expect(idCardCheckChar('11010519491231002')).toBe('X');
  });

  it('throws on anything but 17 digits', () => {
    expect(() => idCardCheckChar('1101011990030710')).toThrow();
    expect(() => idCardCheckChar('1101011990030710A')).toThrow();
  });
});

describe('validateIdCard', () => {
  it('accepts a valid 18-digit ID and derives birth date and gender', () => {
    expect(validateIdCard(ID_PLAIN, TODAY)).toEqual({
      ok: true,
      value: ID_PLAIN,
      converted: false,
      birthDate: '1990-03-07',
      gender: '男', // 第 17 位 '3' 为奇数
    });
  });

  it('accepts check chars 0, X, 2 (Σ mod 11 = 10) and 1 (Σ mod 11 = 0)', () => {
    for (const id of [ID_CHECK_0, ID_CHECK_X, ID_MOD_10, ID_MOD_0, '11010519491231002X']) {
      const r = validateIdCard(id, TODAY);
      expect(r.ok, id).toBe(true);
      if (r.ok) expect(r.value).toBe(id);
    }
  });

  it('normalises lowercase x to X', () => {
    const r = validateIdCard('11010119900307109x', TODAY);
    expect(r).toMatchObject({ ok: true, value: '11010119900307109X', converted: false });
  });

  it('trims and strips inner spaces (including full-width)', () => {
    const r = validateIdCard('  110101 19900307 1030\u3000', TODAY);
    expect(r).toMatchObject({ ok: true, value: ID_CHECK_0 });
  });

  it('derives gender from the 17th digit', () => {
    // ID_CHECK_0 第 17 位为 '3'（奇数）→ 男；ID_MOD_0 第 17 位为 '8'（偶数）→ 女
    expect(validateIdCard(ID_CHECK_0, TODAY)).toMatchObject({ gender: '男' });
    expect(validateIdCard(ID_MOD_0, TODAY)).toMatchObject({ gender: '女' });
  });

  it('reports a wrong check char with expected and actual values', () => {
    expect(validateIdCard('110101199003071035', TODAY)).toEqual({
      ok: false,
      message: '身份证号校验位错误：最后一位应为0，实际为5',
    });
    expect(validateIdCard('110101199003071095', TODAY)).toEqual({
      ok: false,
      message: '身份证号校验位错误：最后一位应为X，实际为5',
    });
    // X where a digit is expected
    expect(validateIdCard('11010119900307103X', TODAY)).toEqual({
      ok: false,
      message: '身份证号校验位错误：最后一位应为0，实际为X',
    });
  });

  it('hints at Excel truncation when the ID ends in 000 and the check fails', () => {
    // 110101199003071233 经 Excel 15 位精度截断后变成 110101199003071000
    const r = validateIdCard('110101199003071000', TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      // 顺序码 "100": 152 + 8 + 0 + 0 = 160, 160 mod 11 = 6 → '6'
      expect(r.message).toBe(
        '身份证号校验位错误：最后一位应为6，实际为0（末三位为000，可能被 Excel 截断了精度，请把该列设为文本后重新填写）',
      );
      expect(r.message).toContain('Excel');
    }
  });

  it('handles Feb 29: 2000 is a leap year, 1900 is not', () => {
    /*
     * "11010520000229001":
     *   1×7 + 1×9 + 0×10 + 1×5 + 0×8 + 5×4 + 2×2 + 0×1 + 0×6 + 0×3 + 0×7 + 2×9 + 2×10 + 9×5 + 0×8 + 0×4 + 1×2
     *   = 7 + 9 + 5 + 20 + 4 + 18 + 20 + 45 + 2 = 130, 130 mod 11 = 9 → '3'
     */
    expect(validateIdCard('110105200002290013', TODAY)).toMatchObject({
      ok: true,
      birthDate: '2000-02-29',
    });
    /*
     * "11010519000229001": 7 + 9 + 5 + 20 + 2 + 9 + 18 + 20 + 45 + 2 = 137, 137 mod 11 = 5 → '7'
     * 校验位正确，但 1900 年不是闰年
     */
    expect(validateIdCard('110105190002290017', TODAY)).toEqual({
      ok: false,
      message: '身份证号中的出生日期 1900-02-29 不存在',
    });
  });

  it('rejects impossible dates', () => {
    expect(validateIdCard('110101202302300000', TODAY)).toEqual({
      ok: false,
      message: '身份证号中的出生日期 2023-02-30 不存在',
    });
    expect(validateIdCard('110101199013010000', TODAY)).toEqual({
      ok: false,
      message: '身份证号中的出生日期 1990-13-01 不存在',
    });
    expect(validateIdCard('110101199004310000', TODAY)).toEqual({
      ok: false,
      message: '身份证号中的出生日期 1990-04-31 不存在',
    });
  });

  it('rejects birth dates after today and before 1900', () => {
    expect(validateIdCard('110101202406020000', TODAY)).toEqual({
      ok: false,
      message: '身份证号中的出生日期 2024-06-02 晚于今天（2024-06-01）',
    });
    expect(validateIdCard('110101189912310000', TODAY)).toEqual({
      ok: false,
      message: '身份证号中的出生日期 1899-12-31 早于1900年',
    });
    // 今天出生的可以
    const todayBorn = '11010120240601001';
    expect(validateIdCard(todayBorn + idCardCheckChar(todayBorn), TODAY)).toMatchObject({
      ok: true,
      birthDate: '2024-06-01',
    });
  });

  it('uses the current date by default', () => {
    expect(validateIdCard('110101209901010000').ok).toBe(false);
    expect(validateIdCard(ID_PLAIN).ok).toBe(true);
  });

  it('reports wrong length', () => {
    expect(validateIdCard('11010119900307103', TODAY)).toEqual({
      ok: false,
      message: '身份证号应为18位（当前为17位）',
    });
    expect(validateIdCard('1101011990030710300', TODAY)).toEqual({
      ok: false,
      message: '身份证号应为18位（当前为19位）',
    });
    expect(validateIdCard('1234', TODAY)).toEqual({
      ok: false,
      message: '身份证号应为18位（当前为4位）',
    });
  });

  it('rejects letters and other illegal characters', () => {
    expect(validateIdCard('11010119900307A030', TODAY)).toEqual({
      ok: false,
      message: '身份证号含非法字符「A」',
    });
    expect(validateIdCard('110101-19900307-1030', TODAY)).toEqual({
      ok: false,
      message: '身份证号含非法字符「-」',
    });
    const midX = validateIdCard('1101011990030710X0', TODAY);
    expect(midX.ok).toBe(false);
    if (!midX.ok) expect(midX.message).toContain('身份证号含非法字符');
  });

  it('rejects an invalid province code', () => {
    // 前两位 99 不是省级代码；其余结构合法
    const first17 = '99010119900307103';
    const r = validateIdCard(first17 + idCardCheckChar(first17), TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('身份证号地区码无效');
    const r2 = validateIdCard('000101199003071030', TODAY);
    expect(r2.ok).toBe(false);
  });

  it('accepts 71 / 81 / 82 / 83 / 91 province codes', () => {
    for (const p of ['71', '81', '82', '83', '91', '15', '46', '54', '65']) {
      const first17 = `${p}010119900307103`;
      expect(validateIdCard(first17 + idCardCheckChar(first17), TODAY).ok, p).toBe(true);
    }
  });

  it('detects Excel scientific notation', () => {
    const msg = '身份证号精度已丢失（被 Excel 转成了科学计数法），请把该列设为文本后重新填写';
    expect(validateIdCard('1.10101E+17', TODAY)).toEqual({ ok: false, message: msg });
    expect(validateIdCard('1.1E+17', TODAY)).toEqual({ ok: false, message: msg });
    expect(validateIdCard(' 1.10101e17 ', TODAY)).toEqual({ ok: false, message: msg });
    expect(looksLikeExcelScientific('1.38E+10')).toBe(true);
    expect(looksLikeExcelScientific(ID_CHECK_X)).toBe(false);
  });

  it('rejects empty input', () => {
    expect(validateIdCard('   ', TODAY)).toEqual({ ok: false, message: '身份证号不能为空' });
  });

  describe('15-digit legacy numbers', () => {
    it('converts to 18 digits', () => {
      /*
       * 130503670401001 → 插入 "19" → 13050319670401001
       *   1×7 + 3×9 + 0×10 + 5×5 + 0×8 + 3×4 + 1×2 + 9×1 + 6×6 + 7×3 + 0×7 + 4×9 + 0×10 + 1×5 + 0×8 + 0×4 + 1×2
       *   = 7 + 27 + 0 + 25 + 0 + 12 + 2 + 9 + 36 + 21 + 0 + 36 + 0 + 5 + 0 + 0 + 2 = 182
       *   182 = 16×11 + 6 → "10X98765432"[6] = '6'
       */
      expect(validateIdCard('130503670401001', TODAY)).toEqual({
        ok: true,
        value: '130503196704010016',
        converted: true,
        birthDate: '1967-04-01',
        gender: '男',
      });
    });

    it('converts when the check char comes out as X', () => {
      /*
       * 110105491231002 → 11010519491231002（GB 11643 示例）
       *   7 + 9 + 0 + 5 + 0 + 20 + 2 + 9 + 24 + 27 + 7 + 18 + 30 + 5 + 0 + 0 + 4 = 167
       *   167 = 15×11 + 2 → 'X'；第 15 位 2 为偶数 → 女
       */
      expect(validateIdCard('110105491231002', TODAY)).toEqual({
        ok: true,
        value: '11010519491231002X',
        converted: true,
        birthDate: '1949-12-31',
        gender: '女',
      });
    });

    it('validates the birth date of a 15-digit number', () => {
      expect(validateIdCard('110105000229001', TODAY)).toEqual({
        ok: false,
        message: '身份证号中的出生日期 1900-02-29 不存在',
      });
      expect(validateIdCard('110105670230001', TODAY)).toEqual({
        ok: false,
        message: '身份证号中的出生日期 1967-02-30 不存在',
      });
    });

    it('rejects X in a 15-digit number and bad province codes', () => {
      expect(validateIdCard('13050367040100X', TODAY).ok).toBe(false);
      const r = validateIdCard('990503670401001', TODAY);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain('身份证号地区码无效');
    });
  });
});

describe('maskIdCard', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskIdCard('110101199003071234')).toBe('110101********1234');
    expect(maskIdCard('11010119900307109x')).toBe('110101********109X');
    expect(maskIdCard(' 110101 199003071234 ')).toBe('110101********1234');
    expect(maskIdCard('130503670401001')).toBe('130503*****1001');
  });

  it('masks short values entirely', () => {
    expect(maskIdCard('1234567890')).toBe('**********');
    expect(maskIdCard('')).toBe('');
  });
});

/*
 * 统一社会信用代码手算：字符集 "0123456789ABCDEFGHJKLMNPQRTUWXY"（A=10 … H=17, J=18, K=19, L=20,
 * M=21, N=22, P=23, Q=24, R=25, T=26, U=27, W=28, X=29, Y=30）
 * 权重 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28，校验码 = (31 − Σ mod 31) mod 31
 *
 * 91350100M000100Y4:
 *   9×1 + 1×3 + 3×9 + 5×27 + 0×19 + 1×26 + 0×16 + 0×17 + M(21)×20 + 0×29 + 0×25 + 0×13
 *   + 1×8 + 0×24 + 0×10 + Y(30)×30 + 4×28
 *   = 9 + 3 + 27 + 135 + 0 + 26 + 0 + 0 + 420 + 0 + 0 + 0 + 8 + 0 + 0 + 900 + 112 = 1640
 *   1640 = 52×31 + 28 → 31 − 28 = 3 → '3'  ⇒ 91350100M000100Y43 有效
 *
 * 91350100M000100Y3: 同上但末位 3×28 = 84 → Σ = 1640 − 112 + 84 = 1612 = 52×31
 *   → Σ mod 31 = 0 → (31 − 0) mod 31 = 0 → '0'  ⇒ 91350100M000100Y30 有效
 *
 * 91110108MA01A1B2C:
 *   9 + 3 + 9 + 27 + 0 + 26 + 0 + 8×17 + M(21)×20 + A(10)×29 + 0 + 1×13 + A(10)×8 + 1×24
 *   + B(11)×10 + 2×30 + C(12)×28
 *   = 9 + 3 + 9 + 27 + 0 + 26 + 0 + 136 + 420 + 290 + 0 + 13 + 80 + 24 + 110 + 60 + 336 = 1543
 *   1543 = 49×31 + 24 → 31 − 24 = 7 → '7'  ⇒ 91110108MA01A1B2C7 有效
 */
describe('creditCodeCheckChar', () => {
  it('matches the hand-worked sums', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('91350100M000100Y3')).toBe('0');
    expect(creditCodeCheckChar('91110108MA01A1B2C')).toBe('7');
  });

  it('throws on bad input', () => {
    expect(() => creditCodeCheckChar('91350100M000100Y')).toThrow();
    expect(() => creditCodeCheckChar('91350100M000100I4')).toThrow();
  });
});

describe('validateCreditCode', () => {
  it('accepts valid codes', () => {
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(validateCreditCode('91110108MA01A1B2C7')).toEqual({ ok: true, value: '91110108MA01A1B2C7' });
  });

  it('accepts a code whose check value is 0', () => {
    expect(validateCreditCode('91350100M000100Y30')).toEqual({ ok: true, value: '91350100M000100Y30' });
    expect(validateCreditCode('91350100M000100Y3Y')).toEqual({
      ok: false,
      message: '统一社会信用代码校验位错误：最后一位应为0，实际为Y',
    });
  });

  it('uppercases and trims the input', () => {
    expect(validateCreditCode('  91350100m000100y43 ')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(validateCreditCode('9135 0100 M000 100Y 43')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it('reports a wrong check char', () => {
    expect(validateCreditCode('91350100M000100Y44')).toEqual({
      ok: false,
      message: '统一社会信用代码校验位错误：最后一位应为3，实际为4',
    });
  });

  it('reports wrong length', () => {
    expect(validateCreditCode('91350100M000100Y')).toEqual({
      ok: false,
      message: '统一社会信用代码应为18位（当前为16位）',
    });
    expect(validateCreditCode('91350100M000100Y430')).toEqual({
      ok: false,
      message: '统一社会信用代码应为18位（当前为19位）',
    });
  });

  it('rejects forbidden letters I O Z S V (also in lowercase)', () => {
    for (const ch of ['I', 'O', 'Z', 'S', 'V']) {
      expect(validateCreditCode(`91350100M000100${ch}43`)).toEqual({
        ok: false,
        message: `统一社会信用代码含非法字符「${ch}」（不使用 I、O、Z、S、V）`,
      });
    }
    expect(validateCreditCode('91350100m000100o43')).toEqual({
      ok: false,
      message: '统一社会信用代码含非法字符「O」（不使用 I、O、Z、S、V）',
    });
    expect(validateCreditCode('91350100-M000100Y43')).toEqual({
      ok: false,
      message: '统一社会信用代码含非法字符「-」',
    });
  });

  it('rejects empty and scientific-notation input', () => {
    expect(validateCreditCode('')).toEqual({ ok: false, message: '统一社会信用代码不能为空' });
    const r = validateCreditCode('9.13501E+17');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('精度已丢失');
  });
});

describe('validateMobile', () => {
  it('accepts valid mobiles', () => {
    for (const m of ['13800001234', '19912345678', '15000000000', '16612345678', '17012345678']) {
      expect(validateMobile(m)).toEqual({ ok: true, value: m });
    }
  });

  it('strips spaces, dashes and the +86 / 86 / 0086 prefixes', () => {
    expect(validateMobile(' 138 0000 1234 ')).toEqual({ ok: true, value: '13800001234' });
    expect(validateMobile('138-0000-1234')).toEqual({ ok: true, value: '13800001234' });
    expect(validateMobile('+8613800001234')).toEqual({ ok: true, value: '13800001234' });
    expect(validateMobile('+86 138 0000 1234')).toEqual({ ok: true, value: '13800001234' });
    expect(validateMobile('(+86)13800001234')).toEqual({ ok: true, value: '13800001234' });
    expect(validateMobile('8613800001234')).toEqual({ ok: true, value: '13800001234' });
    expect(validateMobile('008613800001234')).toEqual({ ok: true, value: '13800001234' });
    expect(validateMobile('１３８００００１２３４')).toEqual({ ok: true, value: '13800001234' });
  });

  it('rejects 12 and 10 digits with the length in the message', () => {
    expect(validateMobile('138000012345')).toEqual({
      ok: false,
      message: '手机号应为以1开头的11位数字（第二位3-9），当前为12位',
    });
    expect(validateMobile('1380000123')).toEqual({
      ok: false,
      message: '手机号应为以1开头的11位数字（第二位3-9），当前为10位',
    });
  });

  it('rejects a second digit of 0-2 and a first digit other than 1', () => {
    expect(validateMobile('12800001234')).toEqual({
      ok: false,
      message: '手机号应为以1开头的11位数字（第二位3-9）',
    });
    expect(validateMobile('10800001234').ok).toBe(false);
    expect(validateMobile('23800001234').ok).toBe(false);
  });

  it('rejects other country codes, letters and empty input', () => {
    expect(validateMobile('+85291234567')).toEqual({ ok: false, message: '仅支持中国大陆手机号（+86）' });
    expect(validateMobile('1380000123a')).toEqual({ ok: false, message: '手机号含非法字符「a」' });
    expect(validateMobile('')).toEqual({ ok: false, message: '手机号不能为空' });
  });

  it('detects Excel scientific notation', () => {
    expect(validateMobile('1.38E+10')).toEqual({
      ok: false,
      message: '手机号精度已丢失（被 Excel 转成了科学计数法），请把该列设为文本后重新填写',
    });
  });
});

describe('validateLandline', () => {
  const BASE = '固定电话应为区号（0开头3-4位）+7-8位号码，如 0571-88886666';

  it('accepts 3-digit and 4-digit area codes', () => {
    expect(validateLandline('010-12345678')).toEqual({ ok: true, value: '010-12345678' });
    expect(validateLandline('021-62345678')).toEqual({ ok: true, value: '021-62345678' });
    expect(validateLandline('0571-88886666')).toEqual({ ok: true, value: '0571-88886666' });
    expect(validateLandline('0571-8888666')).toEqual({ ok: true, value: '0571-8888666' });
    expect(validateLandline('0755 26881234')).toEqual({ ok: true, value: '0755-26881234' });
  });

  it('accepts parentheses and unseparated numbers', () => {
    expect(validateLandline('(0571)88886666')).toEqual({ ok: true, value: '0571-88886666' });
    expect(validateLandline('（0571）88886666')).toEqual({ ok: true, value: '0571-88886666' });
    expect(validateLandline('057188886666')).toEqual({ ok: true, value: '0571-88886666' });
    expect(validateLandline('01012345678')).toEqual({ ok: true, value: '010-12345678' });
    expect(validateLandline('02162345678')).toEqual({ ok: true, value: '021-62345678' });
    expect(validateLandline('0571 8888 6666')).toEqual({ ok: true, value: '0571-88886666' });
  });

  it('accepts extensions', () => {
    expect(validateLandline('0571-88886666-123')).toEqual({ ok: true, value: '0571-88886666-123' });
    expect(validateLandline('0571-88886666转123')).toEqual({ ok: true, value: '0571-88886666-123' });
    expect(validateLandline('0571-88886666 转 8001')).toEqual({ ok: true, value: '0571-88886666-8001' });
    expect(validateLandline('0571-88886666#123')).toEqual({ ok: true, value: '0571-88886666-123' });
    expect(validateLandline('010-12345678分机66')).toEqual({ ok: true, value: '010-12345678-66' });
    expect(validateLandline('(010)12345678-9')).toEqual({ ok: true, value: '010-12345678-9' });
  });

  it('rejects invalid area codes', () => {
    expect(validateLandline('012-12345678')).toEqual({
      ok: false,
      message: '固定电话区号「012」无效（010、020-029为3位区号，其余为0开头的4位区号）',
    });
    expect(validateLandline('057-18888666').ok).toBe(false); // 057 不是 3 位区号
    expect(validateLandline('0201-8888666').ok).toBe(false); // 02x 只有 3 位
    expect(validateLandline('0012345678').ok).toBe(false);
  });

  it('rejects missing area codes and wrong number lengths', () => {
    expect(validateLandline('88886666')).toEqual({ ok: false, message: BASE });
    expect(validateLandline('0571-888866')).toEqual({ ok: false, message: `${BASE}，当前号码部分为6位` });
    expect(validateLandline('0571-888866661')).toEqual({ ok: false, message: `${BASE}，当前号码部分为9位` });
    expect(validateLandline('0571-08886666')).toEqual({ ok: false, message: BASE });
    expect(validateLandline('0571')).toEqual({ ok: false, message: BASE });
    expect(validateLandline('13800001234')).toEqual({ ok: false, message: BASE });
    expect(validateLandline('0571-8888666a')).toEqual({ ok: false, message: '固定电话含非法字符「a」' });
  });
});

describe('validatePhone', () => {
  it('accepts either kind', () => {
    expect(validatePhone('+86 138 0000 1234')).toEqual({ ok: true, value: '13800001234', kind: 'mobile' });
    expect(validatePhone('(0571)88886666转12')).toEqual({
      ok: true,
      value: '0571-88886666-12',
      kind: 'landline',
    });
  });

  it('gives the message that fits the input', () => {
    expect(validatePhone('1380000123')).toEqual({
      ok: false,
      message: '手机号应为以1开头的11位数字（第二位3-9），当前为10位',
    });
    expect(validatePhone('0571-888866')).toEqual({
      ok: false,
      message: '固定电话应为区号（0开头3-4位）+7-8位号码，如 0571-88886666，当前号码部分为6位',
    });
    expect(validatePhone('88886666')).toEqual({
      ok: false,
      message: '电话号码应为11位手机号或带区号的固定电话，如 13800001234、0571-88886666',
    });
    expect(validatePhone('')).toEqual({ ok: false, message: '电话号码不能为空' });
    expect(validatePhone('1.38E+10')).toEqual({
      ok: false,
      message: '电话号码精度已丢失（被 Excel 转成了科学计数法），请把该列设为文本后重新填写',
    });
  });
});

describe('maskMobile / digitsOnly', () => {
  it('masks the middle four digits', () => {
    expect(maskMobile('13800001234')).toBe('138****1234');
    expect(maskMobile('+86 138-0000-1234')).toBe('138****1234');
    expect(maskMobile('1234567')).toBe('*******');
  });

  it('keeps digits only', () => {
    expect(digitsOnly('+86 (138) 0000-1234')).toBe('8613800001234');
    expect(digitsOnly('ab')).toBe('');
    expect(digitsOnly('０５７１')).toBe('0571');
  });
});
