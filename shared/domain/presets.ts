import type { BranchType } from './constants';
import type { KpiIndicator } from './kpi';

export interface TierPreset {
  name: string;
  visitIntervalDays: number;
}

export interface BranchPreset {
  tiers: TierPreset[];
  /** Work-content checklist for visit records (used by the visits module). */
  checklist: string[];
  industries: string[];
}

/**
 * What a new branch starts with, chosen on the setup screen. Everything here is
 * editable afterwards in 字典管理; the numbers follow DOMAIN.md (A weekly, B fortnightly, C monthly).
 */
export const BRANCH_PRESETS: Record<BranchType, BranchPreset> = {
  bank: {
    tiers: [
      { name: '白金', visitIntervalDays: 7 },
      { name: '金', visitIntervalDays: 14 },
      { name: '银', visitIntervalDays: 30 },
      { name: '普通', visitIntervalDays: 90 },
    ],
    checklist: ['产品推介', '需求了解', '资料收集', '风险提示', '满意度回访'],
    industries: ['制造业', '批发零售', '建筑业', '房地产', '农林牧渔', '交通运输', '信息技术', '居民个人'],
  },
  telecom: {
    tiers: [
      { name: 'A', visitIntervalDays: 7 },
      { name: 'B', visitIntervalDays: 14 },
      { name: 'C', visitIntervalDays: 30 },
      { name: 'D', visitIntervalDays: 60 },
    ],
    checklist: ['套餐推介', '需求了解', '故障回访', '合约续约提醒', '资料收集'],
    industries: ['政企', '商业', '教育', '医疗', '居民个人'],
  },
  tobacco: {
    tiers: [
      { name: 'A', visitIntervalDays: 7 },
      { name: 'B', visitIntervalDays: 14 },
      { name: 'C', visitIntervalDays: 30 },
      { name: 'D', visitIntervalDays: 30 },
    ],
    checklist: ['传递公司信息', '收集信息', '核对库存并建议订货', '协助陈列', '检查明码标价'],
    industries: ['食杂店', '便利店', '超市', '烟酒店', '娱乐服务', '其他'],
  },
  other: {
    tiers: [
      { name: 'A', visitIntervalDays: 7 },
      { name: 'B', visitIntervalDays: 14 },
      { name: 'C', visitIntervalDays: 30 },
    ],
    checklist: ['需求了解', '资料收集', '产品推介'],
    industries: ['企业', '个人'],
  },
};

export const DEFAULT_REGIONS = ['城区一片', '城区二片', '城郊片', '乡镇片'];
export const DEFAULT_TAGS = ['新开户', '高潜力', '价格敏感', '需重点维护'];

/**
 * A starting service-score set-up per branch type (服务质量评分): indicators with their
 * laggard (x1) and advanced (x2) points — rates as fractions — and the upper triangle of
 * the judgment matrix. The supervisor edits them on the 服务质量评分 screen; a test
 * keeps every preset's CR below 0.1.
 */
export interface ScorePreset {
  indicators: { key: KpiIndicator; x1: number; x2: number }[];
  upper: number[][];
}

const COMMON_SCORE: ScorePreset['indicators'] = [
  { key: 'planCompletionRate', x1: 0.6, x2: 1 },
  { key: 'coverage', x1: 0.5, x2: 1 },
  { key: 'signatureRate', x1: 0.6, x2: 1 },
  { key: 'archiveCompleteness', x1: 0.7, x2: 1 },
  { key: 'overdueFollowUps', x1: 10, x2: 0 },
];
// Plan completion and coverage matter most, equally; signatures and archives next; overdue tasks in between.
const COMMON_UPPER = [[1, 3, 3, 2], [3, 3, 2], [1, 1 / 2], [1 / 2]];

export const SCORE_PRESETS: Record<BranchType, ScorePreset> = {
  bank: {
    indicators: [...COMMON_SCORE, { key: 'keyCustomerLossRate', x1: 0.2, x2: 0 }],
    upper: [[1, 3, 3, 2, 1], [3, 3, 2, 1], [1, 1 / 2, 1 / 3], [1 / 2, 1 / 3], [1 / 2]],
  },
  telecom: {
    indicators: [...COMMON_SCORE, { key: 'keyCustomerLossRate', x1: 0.2, x2: 0 }],
    upper: [[1, 3, 3, 2, 1], [3, 3, 2, 1], [1, 1 / 2, 1 / 3], [1 / 2, 1 / 3], [1 / 2]],
  },
  tobacco: {
    indicators: [...COMMON_SCORE, { key: 'avgOnSiteMinutes', x1: 10, x2: 30 }],
    upper: [[1, 3, 3, 2, 3], [3, 3, 2, 3], [1, 1 / 2, 1], [1 / 2, 1], [2]],
  },
  other: { indicators: COMMON_SCORE, upper: COMMON_UPPER },
};
