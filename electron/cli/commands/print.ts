import { closeSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FileChunk } from '../../../shared/domain/jobs';
import type { PrintResult } from '../../../shared/domain/sheets';
import { MAX_BLANK_PAGES } from '../../../shared/domain/sheets';
import { MAX_ARCHIVE_CARDS } from '../../../shared/domain/printForms';
import { isMonday } from '../../../shared/domain/visitRules';
import type { OptionSpec, Options } from '../args';
import { usageError } from '../errors';
import type { CliSession } from '../session';
import type { CommandDef } from './types';

const OUT: OptionSpec = { name: 'out', arg: '<文件.pdf>', description: '保存 PDF 的文件', required: true };

function outPath(opts: Options): string {
  const out = opts.req('out');
  if (!/\.pdf$/i.test(out)) throw usageError(`--out 须为 .pdf 文件（当前为「${out}」）`);
  return path.resolve(out);
}

/** Fetches the PDF the core made, piece by piece, into `dest` (written whole or not at all). */
export async function savePdf(session: CliSession, fileId: string, dest: string): Promise<void> {
  const tmp = `${dest}.part`;
  closeSync(openSync(tmp, 'w'));
  try {
    let offset: number | null = 0;
    while (offset !== null) {
      const chunk: FileChunk = await session.call('print.download', { fileId, offset });
      writeFileSync(tmp, Buffer.from(chunk.data, 'base64'), { flag: 'a' });
      offset = chunk.nextOffset;
    }
    renameSync(tmp, dest);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** `{ out, pages, sheets }` is the contract of every `print` command's --json. */
async function finish(session: CliSession, r: PrintResult, out: string, what: string) {
  await savePdf(session, r.fileId!, out);
  const json = { out, pages: r.pages, sheets: r.sheets };
  const sheets = r.sheets.map((s) => `签到簿编号 ${s.sheetNo}（${s.rows} 行）`).join('；');
  return { json, text: `${what}已保存到 ${out}，共 ${r.pages} 页${sheets ? `；${sheets}` : ''}` };
}

function weekOption(opts: Options): string | undefined {
  const week = opts.str('week')?.trim();
  if (week !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(week) || !isMonday(week))) {
    throw usageError(`--week 须为该周星期一的日期，格式 YYYY-MM-DD（当前为「${week}」）`);
  }
  return week;
}

/** A record id option (--complaint 12): a positive integer. */
function idOption(opts: Options, name: string, label: string): number {
  const v = opts.req(name).trim();
  if (!/^\d+$/.test(v) || Number(v) < 1) throw usageError(`--${name} 须为${label}的 ID（正整数，当前为「${v}」）`);
  return Number(v);
}

const JSON_NOTE = '--json 输出：{ "out", "pages", "sheets": [] }（sheets 只有签到簿才有）。';
const MANAGER: OptionSpec = { name: 'manager', arg: '<用户名>', description: '哪位客户经理的（客户经理本人可省略）' };

export const printSignInCommand: CommandDef = {
  words: ['print', 'sign-in'],
  params: [],
  summary: '打印营销人员市场走访签到记录簿（按一周计划预填，或空白页），生成带编号的 A4 PDF',
  login: true,
  options: [
    OUT,
    { name: 'week', arg: '<YYYY-MM-DD>', description: '按这一周（星期一的日期）的走访计划预填' },
    { name: 'manager', arg: '<用户名>', description: '哪位客户经理的签到簿（客户经理本人可省略）' },
    { name: 'blank-pages', arg: '<页数>', description: `打印空白签到页（1–${MAX_BLANK_PAGES}），不与 --week 同用` },
  ],
  notes: [
    '每次打印得到一个签到簿编号（如 QD-20261207-0007），印在每一页上并登记；纸面收回后用 `sheet return` 登记。',
    '--json 输出：{ "out", "pages", "sheets": [ { "sheetNo", "rows" } ] }。',
  ],
  async run({ session, opts }) {
    const out = outPath(opts);
    const week = weekOption(opts);
    const blankPages = opts.int('blank-pages', 1, MAX_BLANK_PAGES);
    if (week === undefined && blankPages === undefined) throw usageError('请给出 --week（按计划预填）或 --blank-pages（空白页）');
    if (week !== undefined && blankPages !== undefined) throw usageError('--week 和 --blank-pages 只能选一个');
    const manager = opts.str('manager');
    const r = await session.call('print.signIn', {
      output: 'pdf',
      ...(week ? { week } : {}),
      ...(blankPages !== undefined ? { blankPages } : {}),
      ...(manager ? { manager } : {}),
    });
    return finish(session, r, out, '走访签到记录簿');
  },
};

export const printArchiveCardCommand: CommandDef = {
  words: ['print', 'archive-card'],
  params: [],
  summary: '打印客户档案卡（每位客户一页）',
  login: true,
  options: [OUT, { name: 'customer', arg: '<ID 或编码>', description: `要打印的客户，可重复（最多 ${MAX_ARCHIVE_CARDS} 位）`, required: true, repeatable: true }],
  notes: ['示例：print archive-card --out 档案卡.pdf --customer 12 --customer C000123', JSON_NOTE],
  async run({ session, opts }) {
    const out = outPath(opts);
    // `--customer 12 13` as well as `--customer 12 --customer 13`; ids are numbers, anything else a code.
    const refs = opts
      .all('customer')
      .flatMap((o) => String(o.value).split(/[\s,，]+/))
      .filter(Boolean)
      .map((v) => (/^\d+$/.test(v) ? Number(v) : v));
    if (!refs.length) throw usageError('请用 --customer 给出至少一位客户');
    const r = await session.call('print.archiveCards', { output: 'pdf', customers: refs });
    return finish(session, r, out, '客户档案卡');
  },
};

export const printWeekPlanCommand: CommandDef = {
  words: ['print', 'week-plan'],
  params: [],
  summary: '打印客户访问日程表（一位客户经理一周的走访计划）',
  login: true,
  options: [OUT, { name: 'week', arg: '<YYYY-MM-DD>', description: '计划周（星期一的日期）', required: true }, MANAGER],
  notes: [JSON_NOTE],
  async run({ session, opts }) {
    const out = outPath(opts);
    const manager = opts.str('manager');
    const r = await session.call('print.weekPlan', { output: 'pdf', week: weekOption(opts)!, ...(manager ? { manager } : {}) });
    return finish(session, r, out, '客户访问日程表');
  },
};

export const printComplaintCommand: CommandDef = {
  words: ['print', 'complaint'],
  params: [],
  summary: '打印商品及服务质量信息反馈单（一条投诉反馈，带客户确认签字栏）',
  login: true,
  options: [OUT, { name: 'complaint', arg: '<ID>', description: '投诉反馈的 ID', required: true }],
  notes: [JSON_NOTE],
  async run({ session, opts }) {
    const out = outPath(opts);
    const r = await session.call('print.complaint', { output: 'pdf', id: idOption(opts, 'complaint', '投诉反馈') });
    return finish(session, r, out, '商品及服务质量信息反馈单');
  },
};

export const printReceiptCommand: CommandDef = {
  words: ['print', 'receipt'],
  params: [],
  summary: '打印宣传促销品签收单（一张签收记录）',
  login: true,
  options: [OUT, { name: 'receipt', arg: '<ID>', description: '签收单的 ID', required: true }],
  notes: [JSON_NOTE],
  async run({ session, opts }) {
    const out = outPath(opts);
    const r = await session.call('print.receipt', { output: 'pdf', id: idOption(opts, 'receipt', '签收单') });
    return finish(session, r, out, '宣传促销品签收单');
  },
};

export const printMonthlyReportCommand: CommandDef = {
  words: ['print', 'monthly-report'],
  params: [],
  summary: '打印客户月度销售情况分析报告（版式、客户数与当月走访；销售数据待负责人功能提供）',
  login: true,
  options: [OUT, { name: 'month', arg: '<YYYY-MM>', description: '报告月份（默认本月）' }, MANAGER],
  notes: [JSON_NOTE],
  async run({ session, opts }) {
    const out = outPath(opts);
    const month = opts.str('month')?.trim() ?? thisMonth();
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw usageError(`--month 须为 YYYY-MM（当前为「${month}」）`);
    const manager = opts.str('manager');
    const r = await session.call('print.monthlyReport', { output: 'pdf', month, ...(manager ? { manager } : {}) });
    return finish(session, r, out, '客户月度销售情况分析报告');
  },
};

function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
