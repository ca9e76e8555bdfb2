import type { Role } from '../api/define';

export const CUSTOMER_KINDS = ['个人', '企业', '零售户', '经销商', '集团客户'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
/** Kinds that are organisations: they carry a credit code instead of an ID number. */
export const ORGANISATION_KINDS: readonly CustomerKind[] = ['企业', '经销商', '集团客户'];

export const CUSTOMER_STATUSES = ['潜在', '正式', '休眠', '流失', '退网'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const BRANCH_TYPES = ['bank', 'telecom', 'tobacco', 'other'] as const;
export type BranchType = (typeof BRANCH_TYPES)[number];
export const BRANCH_TYPE_LABELS: Record<BranchType, string> = {
  bank: '银行',
  telecom: '电信',
  tobacco: '烟草',
  other: '其他',
};

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  supervisor: '负责人',
  manager: '客户经理',
};

export const DICT_KINDS = ['tier', 'region', 'industry', 'tag'] as const;
export type DictKind = (typeof DICT_KINDS)[number];
export const DICT_KIND_LABELS: Record<DictKind, string> = {
  tier: '客户分级',
  region: '片区',
  industry: '行业',
  tag: '标签',
};

export const PASSWORD_MIN_LENGTH = 8;
export const MAX_FAILED_LOGINS = 5;
