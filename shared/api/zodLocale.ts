import { z } from 'zod';

/**
 * zod's generic messages (wrong type, too long, unknown key …) in plain Chinese. zod's own
 * zh-CN locale leaves type names and patterns in English ("期望 object", "必须满足正则表达式
 * /^\d+$/"), which tells an office user nothing; our schemas add field-specific messages on
 * top, and the router puts the field's Chinese name in front of each.
 */
const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是或否',
  object: '对象（{…}）',
  array: '列表（[…]）',
  date: '日期',
  null: '空值',
  undefined: '空',
  nan: '非数字',
  symbol: '符号',
  function: '函数',
  map: '映射',
  set: '集合',
  file: '文件',
};

function typeName(t: string): string {
  return TYPE_NAMES[t] ?? '其他类型';
}

function receivedName(input: unknown): string {
  if (input === null) return '空值';
  if (Array.isArray(input)) return '列表（[…]）';
  if (typeof input === 'number') return Number.isNaN(input) ? '非数字' : Number.isFinite(input) ? '数字' : '无穷大';
  return typeName(typeof input);
}

function shown(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : v === null ? '空值' : '其他值';
}

const FORMAT_NAMES: Record<string, string> = {
  email: '电子邮件地址',
  url: '网址',
  date: '日期（YYYY-MM-DD）',
  datetime: '日期时间',
  time: '时间',
  base64: 'base64 编码',
  json_string: 'JSON 文字',
};

type Issue = z.core.$ZodRawIssue;

function message(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '必填';
      if (issue.expected === 'int' && typeof issue.input === 'number' && Number.isFinite(issue.input)) return '应为整数';
      if (issue.expected === 'number' && typeof issue.input === 'number') return '应为有效的数字';
      return `应为${typeName(issue.expected)}，收到的是${receivedName(issue.input)}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      const limit = issue.inclusive ? max : max - 1;
      switch (issue.origin) {
        case 'string':
          return `不能超过${limit}个字`;
        case 'array':
        case 'set':
          return `最多${limit}项`;
        case 'file':
          return `文件不能超过${limit}字节`;
        case 'number':
        case 'int':
        case 'bigint':
          return issue.inclusive ? `不能大于${max}` : `须小于${max}`;
        default:
          return '超出允许的范围';
      }
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      const limit = issue.inclusive ? min : min + 1;
      switch (issue.origin) {
        case 'string':
          return limit <= 1 ? '不能为空' : `至少${limit}个字`;
        case 'array':
        case 'set':
          return `至少${limit}项`;
        case 'file':
          return '文件是空的';
        case 'number':
        case 'int':
        case 'bigint':
          return issue.inclusive ? `不能小于${min}` : `须大于${min}`;
        default:
          return '低于允许的范围';
      }
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `应为「${shown(issue.values[0])}」` : `须为以下之一：${issue.values.map(shown).join('、')}`;
    case 'invalid_format': {
      if (issue.format === 'starts_with') return `须以「${String((issue as { prefix?: unknown }).prefix)}」开头`;
      if (issue.format === 'ends_with') return `须以「${String((issue as { suffix?: unknown }).suffix)}」结尾`;
      if (issue.format === 'includes') return `须包含「${String((issue as { includes?: unknown }).includes)}」`;
      const name = FORMAT_NAMES[issue.format];
      return name ? `格式不正确，应为${name}` : '格式不正确';
    }
    case 'not_multiple_of':
      return `须为${String(issue.divisor)}的倍数`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_key':
      return '字段名无效';
    case 'invalid_union':
      return '格式不正确';
    case 'invalid_element':
      return '包含无效的值';
    default:
      return '内容无效';
  }
}

z.config({ localeError: (issue) => message(issue) });
