import type { InputOf } from '../../../shared/api/contract';
import type { VisitRow } from '../../../shared/domain/visits';
import { isValidDate } from '../../../shared/domain/visitRules';
import type { Options } from '../args';
import { inputError, usageError } from '../errors';
import { table, type Column } from '../output';
import type { CommandDef } from './types';
import { readData } from './customer';

/** A `YYYY-MM-DD` option, checked before the database is touched (a wrong format is a usage error, exit 2). */
export function dateOption(opts: Options, name: string, label: string): string | undefined {
  const v = opts.str(name)?.trim();
  if (v === undefined) return undefined;
  if (!isValidDate(v)) throw usageError(`${label} --${name} 须为有效日期，格式 YYYY-MM-DD（当前为「${v}」）`);
  return v;
}

const time = (t: string | null) => (t ? t.replace('T', ' ') : '');

const VISIT_COLUMNS: Column<VisitRow>[] = [
  { title: '日期', value: (v) => v.signIn.slice(0, 10) },
  { title: '客户', value: (v) => `${v.customerName}（${v.customer}）`, max: 32 },
  { title: '客户经理', value: (v) => v.managerDisplayName || v.manager },
  { title: '类型', value: (v) => v.type },
  { title: '签到', value: (v) => v.signIn.slice(11) },
  { title: '签退', value: (v) => (v.signOut ? (v.signOut.slice(0, 10) === v.signIn.slice(0, 10) ? v.signOut.slice(11) : time(v.signOut)) : '未签退') },
  { title: '在户(分钟)', value: (v) => (v.durationMinutes === null ? '' : String(v.durationMinutes)), align: 'right' },
  { title: '签字', value: (v) => v.signature },
  { title: '签到簿', value: (v) => v.sheetNo ?? '' },
];

export const visitAddCommand: CommandDef = {
  words: ['visit', 'add'],
  params: [],
  summary: '登记一次走访（字段同 API，如 {"customer":"C000001","signIn":"2026-03-02T09:30","durationMinutes":40}）',
  login: true,
  options: [{ name: 'data', arg: '<JSON|@文件>', description: '走访字段的 JSON；@文件名 读文件，@- 读标准输入', required: true }],
  notes: [
    '字段：customer（客户编码）、manager（客户经理用户名，默认本人或客户的客户经理）、type、planned、',
    '  signIn / signOut（YYYY-MM-DDTHH:mm）、durationMinutes（无签退时用）、location、content、checklist、',
    '  opinions、nextFollowUp（{"due":"YYYY-MM-DD","content":"…"} 或 null）、signature、signatureNote。',
    '成功时标准输出只打印新走访的 ID；加 --json 输出完整走访记录。',
  ],
  async run({ session, opts }) {
    const data = readData(opts.req('data'));
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw inputError('--data 须为一个 JSON 对象（走访字段），如 {"customer":"C000001","signIn":"2026-03-02T09:30","durationMinutes":40}', 'data');
    }
    const visit = await session.call('visits.create', data as InputOf<'visits.create'>);
    return {
      json: visit,
      text: String(visit.id),
      note: `已登记走访：${visit.customerName}（${visit.customer}），${time(visit.signIn)}${visit.signOut ? `–${time(visit.signOut).slice(11)}` : ''}（ID ${visit.id}）`,
    };
  },
};

export const visitListCommand: CommandDef = {
  words: ['visit', 'list'],
  params: [],
  summary: '走访记录列表（按签到时间倒序；客户经理只看到自己的走访）',
  login: true,
  options: [
    { name: 'from', arg: '<YYYY-MM-DD>', description: '签到日期从这一天起' },
    { name: 'to', arg: '<YYYY-MM-DD>', description: '签到日期到这一天止' },
    { name: 'manager', arg: '<用户名>', description: '只看这位客户经理的走访' },
    { name: 'customer', arg: '<客户编码>', description: '只看这个客户的走访' },
    { name: 'limit', arg: '<条数>', description: '最多显示多少条（1–500，默认 50）' },
    { name: 'offset', arg: '<起始>', description: '跳过前面多少条（翻页用，默认 0）' },
  ],
  notes: ['--json 输出 API 的结果：{ total, totalIsLowerBound, rows }，rows 中字段名与 visit add --json 相同。'],
  async run({ session, opts }) {
    const from = dateOption(opts, 'from', '开始日期');
    const to = dateOption(opts, 'to', '结束日期');
    if (from && to && from > to) throw usageError(`开始日期 ${from} 晚于结束日期 ${to}`);
    const limit = opts.int('limit', 1, 500) ?? 50;
    const offset = opts.int('offset', 0, 10_000_000) ?? 0;
    const manager = opts.str('manager');
    const customer = opts.str('customer');
    const page = await session.call('visits.list', {
      limit,
      offset,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(manager ? { manager } : {}),
      ...(customer ? { customer } : {}),
    });
    // The list stops counting past its page on broad filters; the text tells the exact total (JSON keeps the API's answer).
    const exact = page.totalIsLowerBound
      ? (
          await session.call('visits.count', {
            ...(from ? { from } : {}),
            ...(to ? { to } : {}),
            ...(manager ? { manager } : {}),
            ...(customer ? { customer } : {}),
          })
        ).total
      : page.total;
    const total = `${exact} 条`;
    let text: string;
    if (!page.rows.length) {
      text = page.total ? `第 ${offset + 1} 条之后没有更多走访记录（共 ${total}）` : '没有符合条件的走访记录';
    } else {
      const range = page.rows.length < exact ? `，以下为第 ${offset + 1}–${offset + page.rows.length} 条（用 --offset 翻页）` : '';
      text = `${table(page.rows, VISIT_COLUMNS)}\n\n共 ${total}走访记录${range}`;
    }
    return { json: page, text };
  },
};
