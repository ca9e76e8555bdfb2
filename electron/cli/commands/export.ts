import path from 'node:path';
import type { InputOf } from '../../../shared/api/contract';
import { CUSTOMER_STATUSES } from '../../../shared/domain/constants';
import { CUSTOMER_EXPORT_COLUMNS, EXPORT_KINDS, type ExportKind, type ExportReport } from '../../../shared/domain/exports';
import { COMPLAINT_STATUSES } from '../../../shared/domain/complaints';
import { SIGNATURE_STATUSES, VISIT_TYPES } from '../../../shared/domain/visits';
import type { Options } from '../args';
import { inputError, usageError } from '../errors';
import type { CliSession } from '../session';
import type { CommandDef } from './types';
import { downloadJobFile, waitForJob } from './import';

/** Which filter options each export kind understands. */
const APPLIES: Record<string, readonly ExportKind[]> = {
  q: ['customers'],
  tier: ['customers', 'visits'],
  status: ['customers', 'followups', 'complaints'],
  manager: ['customers', 'visits', 'followups', 'complaints'],
  region: ['customers'],
  tag: ['customers'],
  'key-customer': ['customers'],
  deleted: ['customers'],
  columns: ['customers'],
  from: ['visits'],
  to: ['visits'],
  customer: ['visits', 'followups', 'complaints'],
  type: ['visits'],
  signature: ['visits'],
};

const list = (v: string | undefined) =>
  v
    ?.split(/[,，、]/)
    .map((s) => s.trim())
    .filter(Boolean);

function oneOfList<T extends string>(values: string[] | undefined, allowed: readonly T[], option: string): T[] | undefined {
  if (!values) return undefined;
  const bad = values.filter((v) => !(allowed as readonly string[]).includes(v));
  if (bad.length) throw usageError(`--${option} 的值须为 ${allowed.join(' / ')}（「${bad.join('、')}」不是）`);
  return values as T[];
}

async function userIds(session: CliSession, names: string[]): Promise<number[]> {
  const users = await session.call('users.options', {});
  return names.map((n) => {
    const u = users.find((x) => x.name.toLowerCase() === n.toLowerCase() || x.displayName === n);
    if (!u) throw inputError(`找不到用户「${n}」`, 'manager');
    return u.id;
  });
}

async function customerId(session: CliSession, code: string): Promise<number> {
  const page = await session.call('customers.list', { q: code, limit: 50 });
  const hit = page.rows.find((r) => r.code.toUpperCase() === code.trim().toUpperCase());
  if (!hit) throw inputError(`找不到客户编码「${code}」`, 'customer');
  return hit.id;
}

async function buildInput(session: CliSession, kind: ExportKind, format: 'xlsx' | 'csv', opts: Options): Promise<InputOf<'exports.start'>> {
  for (const [name, kinds] of Object.entries(APPLIES)) {
    if (opts.has(name) && !kinds.includes(kind)) throw usageError(`选项 --${name} 不适用于导出 ${kind}（适用于：${kinds.join('、')}）`);
  }
  const managers = list(opts.str('manager'));
  if (kind === 'customers') {
    const columns = list(opts.str('columns'))?.map((c) => {
      const def = CUSTOMER_EXPORT_COLUMNS.find((d) => d.key === c || d.label === c);
      if (!def) throw usageError(`--columns 中的「${c}」不是可导出的列（可用：${CUSTOMER_EXPORT_COLUMNS.map((d) => d.label).join('、')}）`);
      return def.key;
    });
    return {
      kind,
      format,
      filter: {
        ...(opts.str('q') ? { q: opts.str('q') } : {}),
        ...(list(opts.str('tier')) ? { tier: list(opts.str('tier')) } : {}),
        ...(opts.has('status') ? { status: oneOfList(list(opts.str('status')), CUSTOMER_STATUSES, 'status') } : {}),
        ...(managers ? { managerId: await userIds(session, managers) } : {}),
        ...(list(opts.str('region')) ? { region: list(opts.str('region')) } : {}),
        ...(opts.str('tag') ? { tag: opts.str('tag') } : {}),
        ...(opts.flag('key-customer') ? { keyCustomer: true } : {}),
        ...(opts.flag('deleted') ? { deleted: true } : {}),
      },
      ...(columns ? { columns } : {}),
    };
  }
  if (kind === 'visits') {
    return {
      kind,
      format,
      filter: {
        ...(opts.str('from') ? { from: opts.str('from') } : {}),
        ...(opts.str('to') ? { to: opts.str('to') } : {}),
        ...(managers ? { managerId: await userIds(session, managers) } : {}),
        ...(opts.str('customer') ? { customer: opts.str('customer') } : {}),
        ...(opts.has('type') ? { type: oneOfList(list(opts.str('type')), VISIT_TYPES, 'type') } : {}),
        ...(opts.has('signature') ? { signature: oneOfList(list(opts.str('signature')), SIGNATURE_STATUSES, 'signature') } : {}),
        ...(list(opts.str('tier')) ? { tier: list(opts.str('tier')) } : {}),
      },
    };
  }
  const customer = opts.str('customer');
  if (kind === 'followups') {
    const status = opts.oneOf('status', ['open', 'overdue', 'done', 'all'] as const, '--status') ?? 'all';
    return {
      kind,
      format,
      filter: {
        status,
        ...(managers ? { ownerId: (await userIds(session, managers.slice(0, 1)))[0] } : {}),
        ...(customer ? { customerId: await customerId(session, customer) } : {}),
      },
    };
  }
  return {
    kind,
    format,
    filter: {
      ...(opts.has('status') ? { status: oneOfList(list(opts.str('status')), COMPLAINT_STATUSES, 'status') } : {}),
      ...(managers ? { managerId: (await userIds(session, managers.slice(0, 1)))[0] } : {}),
      ...(customer ? { customerId: await customerId(session, customer) } : {}),
    },
  };
}

export const exportCommand: CommandDef = {
  words: ['export'],
  params: ['<customers|visits|followups|complaints>', '<输出.xlsx|输出.csv>'],
  summary: '导出客户档案、走访记录、跟进任务或投诉反馈为 .xlsx（标题行、冻结表头、筛选）或 .csv（UTF-8 带 BOM）',
  login: true,
  options: [
    { name: 'q', arg: '<关键词>', description: '客户：名称/拼音首字母/编码/电话' },
    { name: 'tier', arg: '<A,B>', description: '客户、走访：客户分级' },
    { name: 'status', arg: '<状态>', description: '客户：潜在/正式/休眠/流失/退网；跟进：open/overdue/done/all；投诉：待处理/处理中/待审批/已批准/已退回' },
    { name: 'manager', arg: '<用户名>', description: '客户经理（用户名或姓名，客户和走访可逗号分隔多个）' },
    { name: 'region', arg: '<片区>', description: '客户：片区' },
    { name: 'tag', arg: '<标签>', description: '客户：标签' },
    { name: 'key-customer', flag: true, description: '客户：只导出重点客户' },
    { name: 'deleted', flag: true, description: '客户：导出回收站（负责人/管理员）' },
    { name: 'columns', arg: '<列,列>', description: '客户：导出哪些列（字段名或中文列名，按给出的顺序）' },
    { name: 'from', arg: '<YYYY-MM-DD>', description: '走访：开始日期' },
    { name: 'to', arg: '<YYYY-MM-DD>', description: '走访：结束日期' },
    { name: 'customer', arg: '<客户编码>', description: '走访、跟进、投诉：某个客户' },
    { name: 'type', arg: '<类型>', description: '走访：走访类型' },
    { name: 'signature', arg: '<签字状态>', description: '走访：待签/已签/拒签/无法签字' },
  ],
  notes: ['格式由输出文件的扩展名决定；客户经理导出的身份证号和手机号会脱敏，除非管理员授予“完整导出”权限。每次导出都记入审计日志。'],
  async run({ session, opts, args, json }) {
    const kind = args[0] as ExportKind;
    if (!(EXPORT_KINDS as readonly string[]).includes(kind)) throw usageError(`导出类型须为 ${EXPORT_KINDS.join(' / ')}（当前为「${args[0]}」）`);
    const ext = path.extname(args[1]).toLowerCase();
    if (ext !== '.xlsx' && ext !== '.csv') throw usageError(`输出文件须以 .xlsx 或 .csv 结尾（当前为「${args[1]}」）`);
    const input = await buildInput(session, kind, ext === '.xlsx' ? 'xlsx' : 'csv', opts);
    const started = await session.call('exports.start', input);
    const done = await waitForJob(session, started, !json && process.stderr.isTTY);
    const r = done.result as ExportReport;
    const size = await downloadJobFile(session, done.jobId, 'output', args[1]);
    const file = path.resolve(args[1]);
    return { json: { file, rows: r.rows, masked: r.masked, bytes: size }, text: `${r.summary}，已写入 ${file}` };
  },
};
