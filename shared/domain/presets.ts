import type { BranchType } from './constants';

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
