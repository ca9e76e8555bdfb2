import { usageError } from '../errors';
import type { CommandDef } from './types';

const pct = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`);

export const reportDraftCommand: CommandDef = {
  words: ['report', 'draft'],
  params: [],
  summary: '起草客户月度销售情况分析报告（业务量、走访、投诉和客户意见的数字由系统生成）',
  login: true,
  options: [
    { name: 'month', arg: '<YYYY-MM>', description: '报告月份，如 2026-11', required: true },
    { name: 'manager', arg: '<用户名>', description: '为这位客户经理起草（负责人用；客户经理只能起草自己的）' },
  ],
  notes: ['已有草稿或被退回的报告会刷新数字；已提交或已批准的报告原样输出。--json 输出完整报告（含各版本）。'],
  async run({ session, opts }) {
    const month = opts.req('month').trim();
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw usageError(`--month 须为 YYYY-MM，如 2026-11（当前为「${month}」）`);
    const manager = opts.str('manager')?.trim();
    const r = await session.call('reports.draft', { month, ...(manager ? { manager } : {}) });
    const f = r.figures;
    const lines = [
      `客户月度销售情况分析报告 ${r.month} · ${r.managerDisplayName}（${r.status}，${r.due} 前提交${r.late ? '，已逾期' : ''}）`,
      ...f.metrics.map((m) => `${m.metric}：${m.total}，环比 ${pct(m.changeVsLastMonth)}，同比 ${pct(m.changeVsLastYear)}`),
      `走访 ${f.visits.visits} 次，覆盖 ${f.visits.visitedCustomers}/${f.visits.assigned} 户；投诉 新增 ${f.complaints.opened} 件，办结 ${f.complaints.closed} 件；客户意见 ${f.opinions.length} 条`,
    ];
    return { json: r, text: lines.join('\n') };
  },
};
