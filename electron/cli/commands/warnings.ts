import { table, type Column } from '../output';
import type { ChurnWarning } from '../../../shared/domain/warnings';
import type { CommandDef } from './types';

const COLUMNS: Column<ChurnWarning>[] = [
  { title: 'ID', value: (w) => String(w.id), align: 'right' },
  { title: '客户', value: (w) => `${w.customerName}（${w.customer}）`, max: 30 },
  { title: '客户经理', value: (w) => w.managerDisplayName ?? '' },
  { title: '规则', value: (w) => w.ruleLabel },
  { title: '情况', value: (w) => w.detail, max: 50 },
  { title: '预警时间', value: (w) => w.createdAt.slice(0, 16) },
  { title: '处理', value: (w) => (w.closedAt ? `${w.closedAt.slice(0, 10)} ${w.note ?? ''}` : '未处理'), max: 30 },
];

export const warningsCommand: CommandDef = {
  words: ['warnings'],
  params: [],
  summary: '流失预警（未处理的；客户经理只看到自己客户的）',
  login: true,
  options: [
    { name: 'all', flag: true, description: '也列出已处理的' },
    { name: 'evaluate', flag: true, description: '先按预警规则检查一遍（负责人/管理员）' },
  ],
  notes: ['--json 输出 { total, rows: [ { id, customer, customerName, manager, rule, ruleLabel, detail, followUpId, createdAt, closedAt, closedBy, note } ] }。'],
  async run({ session, opts }) {
    let note: string | undefined;
    if (opts.has('evaluate')) {
      const r = await session.call('warnings.evaluate', {});
      note = `已检查预警规则，新增 ${r.created} 条预警`;
    }
    const page = await session.call('warnings.list', { status: opts.has('all') ? 'all' : 'open', limit: 500 });
    return { json: page, text: page.rows.length ? table(page.rows, COLUMNS) : '没有流失预警', ...(note ? { note } : {}) };
  },
};
