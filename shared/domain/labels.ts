import { VISIT_FIELD_LABELS } from './visits';

/** Chinese names of customer fields: used by history, error messages and exports. */
export const CUSTOMER_FIELD_LABELS: Record<string, string> = {
  code: '客户编码',
  name: '客户名称',
  kind: '客户类型',
  idNumber: '身份证号',
  creditCode: '统一社会信用代码',
  licenceNo: '许可证号',
  mobile: '手机号',
  phone: '固定电话',
  address: '地址',
  region: '片区',
  industry: '行业',
  economicNature: '经济性质',
  scale: '经营规模',
  mainBusiness: '主营业务及绩效',
  creditRating: '资信等级',
  paymentHabit: '付款习惯',
  background: '客户经理背景说明',
  products: '已持有产品/服务',
  monthlyVolume: '月业务量',
  tier: '客户分级',
  status: '客户状态',
  manager: '客户经理',
  keyCustomer: '重点客户',
  needs: '需求分类',
  tags: '标签',
  notes: '备注',
  contacts: '联系人',
};

export const CONTACT_FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  role: '职务',
  mobile: '手机',
  phone: '电话',
  isDecisionMaker: '决策人',
  birthday: '生日',
  notes: '备注',
};

const GENERIC_LABELS: Record<string, string> = {
  password: '密码',
  newPassword: '新密码',
  oldPassword: '原密码',
  adminName: '管理员用户名',
  branchName: '网点名称',
  branchType: '网点类型',
  displayName: '姓名',
  role: '角色',
  idleMinutes: '自动锁定时间',
  lockoutMinutes: '锁定时长',
  visitIntervalDays: '走访间隔（天）',
  planDailyCap: '每日计划上限',
  planTierCaps: '分级每日上限',
  calendar: '工作日历',
  outstandingSheetDays: '签到簿待回收天数',
};

/** Labels that depend on the method: `name` is a user name at login but a customer name on a customer. */
const METHOD_LABELS: Record<string, Record<string, string>> = {
  'auth.login': { name: '用户名' },
  'users.create': { name: '用户名' },
  'dicts.save': { name: '名称' },
};

/**
 * `data.contacts.1.mobile` → `联系人第2行·手机`; unknown paths are returned as given.
 * Customer labels apply to customer methods (and to paths under `data`, the customer
 * payload); other methods use their own or the generic labels.
 */
export function labelForPath(path: readonly (string | number)[], method = 'customers.'): string {
  const own = METHOD_LABELS[method]?.[String(path[0])];
  if (own) return own;
  if (/^(visits|plans|followups|complaints|receipts|attachments)\./.test(method)) {
    const exact = VISIT_FIELD_LABELS[path.join('.')];
    if (exact) return exact;
    const label = VISIT_FIELD_LABELS[String(path[0])];
    if (label) return typeof path[1] === 'number' ? `${label}第${path[1] + 1}项` : label;
  }
  const customerContext = method.startsWith('customers.') || path[0] === 'data';
  const parts = path.filter((p) => p !== 'data');
  if (parts[0] === 'contacts' && typeof parts[1] === 'number') {
    const rest = parts[2] !== undefined ? `·${CONTACT_FIELD_LABELS[String(parts[2])] ?? String(parts[2])}` : '';
    return `联系人第${parts[1] + 1}行${rest}`;
  }
  const key = String(parts[0] ?? '');
  if (customerContext) return CUSTOMER_FIELD_LABELS[key] ?? GENERIC_LABELS[key] ?? parts.join('.');
  return GENERIC_LABELS[key] ?? parts.join('.');
}
