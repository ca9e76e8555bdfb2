import type { PlanEntry } from '../../../shared/domain/plans';
import { isMonday, WEEKDAY_LABELS, dayOfWeek } from '../../../shared/domain/visitRules';
import type { Options, OptionSpec } from '../args';
import { usageError } from '../errors';
import { table } from '../output';
import type { CommandDef } from './types';

const WEEK_OPTIONS: OptionSpec[] = [
  { name: 'week', arg: '<YYYY-MM-DD>', description: '该周星期一的日期', required: true },
  { name: 'manager', arg: '<用户名>', description: '只处理这位客户经理（客户经理本人可省略）' },
];

/** --week and --manager, checked before the database is touched: a wrong date is a usage error (exit 2). */
function weekInput(opts: Options): { week: string; manager?: string } {
  const week = opts.req('week').trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(week) || !isMonday(week)) {
    throw usageError(`--week 须为该周星期一的日期，格式 YYYY-MM-DD（当前为「${week}」）`);
  }
  const manager = opts.str('manager');
  return { week, ...(manager ? { manager } : {}) };
}

export const planGenerateCommand: CommandDef = {
  words: ['plan', 'generate'],
  params: [],
  summary: '按客户分级的走访周期生成一周走访计划（未完成的顺延；负责人/管理员不加 --manager 时为全部客户经理）',
  login: true,
  options: WEEK_OPTIONS,
  notes: ['--json 输出 API 的结果：{ week, added, carried, markedMissed, managers: [...] }。'],
  async run({ session, opts }) {
    const r = await session.call('plans.generate', weekInput(opts));
    const head = `${r.week} 这一周：新增 ${r.added} 户，顺延 ${r.carried} 户，标记未完成 ${r.markedMissed} 条`;
    const text = r.managers.length
      ? `${head}\n\n${table(r.managers, [
          { title: '客户经理', value: (m) => `${m.managerDisplayName || m.manager}（${m.manager}）` },
          { title: '应访', value: (m) => String(m.due), align: 'right' },
          { title: '新增', value: (m) => String(m.added), align: 'right' },
          { title: '顺延', value: (m) => String(m.carried), align: 'right' },
          { title: '已有', value: (m) => String(m.kept), align: 'right' },
          { title: '未排入', value: (m) => String(m.unscheduled), align: 'right' },
        ])}`
      : `${head}（没有客户经理）`;
    return { json: r, text };
  },
};

export const planShowCommand: CommandDef = {
  words: ['plan', 'show'],
  params: [],
  summary: '查看一周走访计划（按日期分组）',
  login: true,
  options: WEEK_OPTIONS,
  notes: ['--json 输出 API 的结果：{ week, days, entries: [{ date, customer, manager, status, … }], summary }。'],
  async run({ session, opts }) {
    const w = await session.call('plans.show', weekInput(opts));
    const byDate = new Map<string, PlanEntry[]>();
    for (const d of w.days) byDate.set(d, []);
    for (const e of w.entries) {
      if (!byDate.has(e.date)) byDate.set(e.date, []);
      byDate.get(e.date)!.push(e);
    }
    const s = w.summary;
    const lines = [`${w.week} 这一周：共 ${s.total} 条，计划 ${s.planned}，已完成 ${s.done}，未完成 ${s.missed}`];
    for (const [date, entries] of [...byDate].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push('', `${date} ${WEEKDAY_LABELS[dayOfWeek(date)]}（${entries.length} 户）`);
      if (!entries.length) continue;
      lines.push(
        table(entries, [
          { title: '客户', value: (e) => `${e.customerName}（${e.customer}）`, max: 32 },
          { title: '分级', value: (e) => e.customerTier },
          { title: '客户经理', value: (e) => e.managerDisplayName || e.manager },
          { title: '状态', value: (e) => e.status },
          { title: '上次走访', value: (e) => e.lastVisitAt ?? '' },
          { title: '备注', value: (e) => (e.carriedFromDate ? `顺延自 ${e.carriedFromDate}` : '') },
          { title: '地址', value: (e) => e.customerAddress, max: 30 },
        ])
          .split('\n')
          .map((l) => `  ${l}`)
          .join('\n'),
      );
    }
    return { json: w, text: lines.join('\n') };
  },
};
