import { readFileSync } from 'node:fs';
import type { InputOf } from '../../../shared/api/contract';
import type { Page } from '../../../shared/domain/common';
import type { Customer, CustomerRow } from '../../../shared/domain/customers';
import { CONTACT_FIELD_LABELS, CUSTOMER_FIELD_LABELS } from '../../../shared/domain/labels';
import type { Options, OptionSpec } from '../args';
import { inputError, usageError } from '../errors';
import { fieldList, table, type Column } from '../output';
import type { CliSession } from '../session';
import type { CommandDef, CommandOutput } from './types';

/** `--data '{…}'`, `--data @客户.json` or `--data @-` (stdin): long JSON is easier to keep in a file. */
/** `--data` as inline JSON, `@file` or `@-` (standard input); shared by every command that takes a record. */
export function readData(raw: string): unknown {
  let text = raw;
  if (raw.startsWith('@')) {
    const file = raw.slice(1);
    try {
      text = readFileSync(file === '-' ? 0 : file, 'utf8').replace(/^\uFEFF/, '');
    } catch {
      throw inputError(`--data 指定的文件无法读取：${file}`, 'data');
    }
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const pos = /position (\d+)/.exec((e as Error).message);
    const where = pos ? `（第 ${Number(pos[1]) + 1} 个字符附近）` : '';
    throw inputError(`--data 不是有效的 JSON${where}，请检查引号、逗号和括号`, 'data');
  }
}

function parseId(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw usageError(`客户 ID 须为正整数（当前为「${raw}」）`);
  }
  return Number(raw);
}

const show = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '是' : '';
  if (Array.isArray(v)) return v.join('、');
  return String(v);
};

/** The archive as a card: every filled field under its Chinese label, then the contacts. */
export function customerCard(c: Customer): string {
  const skip = new Set(['name', 'code', 'contacts', 'manager']);
  const pairs: [string, string][] = Object.keys(CUSTOMER_FIELD_LABELS)
    .filter((k) => !skip.has(k))
    .map((k) => [CUSTOMER_FIELD_LABELS[k], show((c as unknown as Record<string, unknown>)[k])]);
  const manager = c.manager ? `${c.managerDisplayName || c.manager}（${c.manager}）` : '未分配';
  pairs.splice(pairs.findIndex(([k]) => k === CUSTOMER_FIELD_LABELS.status) + 1, 0, [CUSTOMER_FIELD_LABELS.manager, manager]);
  pairs.push(['建档时间', c.createdAt], ['最后修改', `${c.updatedAt}（第 ${c.version} 版）`]);
  const head = `${c.name}（编码 ${c.code}，ID ${c.id}）${c.deleted ? ' [已删除]' : ''}`;
  const lines = [head, fieldList(pairs)];
  if (c.contacts.length) {
    lines.push(`联系人（${c.contacts.length}）：`);
    lines.push(
      table(c.contacts, [
        { title: CONTACT_FIELD_LABELS.name, value: (x) => x.name },
        { title: CONTACT_FIELD_LABELS.role, value: (x) => x.role },
        { title: CONTACT_FIELD_LABELS.mobile, value: (x) => x.mobile },
        { title: CONTACT_FIELD_LABELS.phone, value: (x) => x.phone },
        { title: CONTACT_FIELD_LABELS.isDecisionMaker, value: (x) => (x.isDecisionMaker ? '是' : '') },
        { title: CONTACT_FIELD_LABELS.birthday, value: (x) => x.birthday },
        { title: CONTACT_FIELD_LABELS.notes, value: (x) => x.notes, max: 30 },
      ])
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
  }
  return lines.join('\n');
}

const ROW_COLUMNS: Column<CustomerRow | Customer>[] = [
  { title: 'ID', value: (r) => String(r.id), align: 'right' },
  { title: '编码', value: (r) => r.code },
  { title: '客户名称', value: (r) => r.name, max: 32 },
  { title: '类型', value: (r) => r.kind },
  { title: '分级', value: (r) => r.tier },
  { title: '状态', value: (r) => r.status },
  { title: '片区', value: (r) => r.region },
  { title: '客户经理', value: (r) => r.managerDisplayName || r.manager },
  { title: '电话', value: (r) => r.mobile || r.phone },
  { title: '重点', value: (r) => (r.keyCustomer ? '★' : '') },
];

const PAGE_OPTIONS: OptionSpec[] = [
  { name: 'limit', arg: '<条数>', description: '最多显示多少条（1–500，默认 50）' },
  { name: 'offset', arg: '<起始>', description: '跳过前面多少条（翻页用，默认 0）' },
  { name: 'full', flag: true, description: '输出完整档案（含身份证号、信用代码、联系人等），而不是列表摘要' },
];

/**
 * One page of customers.list as the caller sees it (a manager gets only their
 * own). With --full each row is re-read through customers.get, so the JSON is
 * the same Customer object `customer get` prints.
 */
async function listPage(session: CliSession, opts: Options, q: string | undefined): Promise<CommandOutput> {
  const limit = opts.int('limit', 1, 500) ?? 50;
  const offset = opts.int('offset', 0, 10_000_000) ?? 0;
  const page: Page<CustomerRow> = await session.call('customers.list', { limit, offset, sort: 'name', ...(q ? { q } : {}) });
  const rows: (CustomerRow | Customer)[] = opts.flag('full')
    ? await Promise.all(page.rows.map((r) => session.call('customers.get', { id: r.id })))
    : page.rows;
  let text: string;
  if (!rows.length) {
    text = q ? `没有找到与「${q}」匹配的客户` : page.total ? `第 ${offset + 1} 条之后没有更多客户（共 ${page.total} 个）` : '还没有客户';
  } else {
    const range = rows.length < page.total ? `，以下为第 ${offset + 1}–${offset + rows.length} 个（用 --offset 翻页）` : '';
    text = `${table(rows, ROW_COLUMNS)}\n\n${q ? `与「${q}」匹配的客户共 ` : '共 '}${page.total} 个${q ? '' : '客户'}${range}`;
  }
  return { json: { total: page.total, rows }, text };
}

export const customerAddCommand: CommandDef = {
  words: ['customer', 'add'],
  params: [],
  summary: '新建客户档案（字段同 API，如 {"name":"张三","kind":"个人","mobile":"13800001234"}）',
  login: true,
  options: [
    { name: 'data', arg: "<JSON|@文件>", description: '客户字段的 JSON；@文件名 读文件，@- 读标准输入', required: true },
    { name: 'ignore-duplicates', flag: true, description: '疑似重复客户时仍然新建' },
  ],
  notes: ['成功时标准输出只打印新客户的 ID（便于脚本使用）；加 --json 输出完整客户档案。'],
  async run({ session, opts }) {
    const data = readData(opts.req('data'));
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw inputError('--data 须为一个 JSON 对象（客户字段），如 {"name":"张三","kind":"个人","mobile":"13800001234"}', 'data');
    }
    const customer = await session.call('customers.create', {
      data: data as InputOf<'customers.create'>['data'],
      ...(opts.flag('ignore-duplicates') ? { ignoreDuplicates: true } : {}),
    });
    return {
      json: customer,
      text: String(customer.id),
      note: `已新建客户「${customer.name}」（编码 ${customer.code}，ID ${customer.id}）`,
    };
  },
};

export const customerGetCommand: CommandDef = {
  words: ['customer', 'get'],
  params: ['<id>'],
  summary: '查看一个客户的完整档案',
  login: true,
  options: [],
  async run({ session, args }) {
    const customer = await session.call('customers.get', { id: parseId(args[0]) });
    return { json: customer, text: customerCard(customer) };
  },
};

export const customerSearchCommand: CommandDef = {
  words: ['customer', 'search'],
  params: ['<文字>'],
  summary: '快速查找：名称片段、拼音首字母（如 zs）、客户编码或电话号码片段',
  login: true,
  options: PAGE_OPTIONS,
  run: ({ session, opts, args }) => listPage(session, opts, args[0]),
};

export const customerListCommand: CommandDef = {
  words: ['customer', 'list'],
  params: [],
  summary: '客户列表（按名称拼音排序；客户经理只看到自己的客户）',
  login: true,
  options: PAGE_OPTIONS,
  run: ({ session, opts }) => listPage(session, opts, undefined),
};
