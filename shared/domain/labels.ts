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
  id: '编号',
};

const GENERIC_LABELS: Record<string, string> = {
  forecast: '次月预测',
  measures: '对策措施',
  opinions: '客户意见',
  problems: '问题及原因',
  setupId: '评分方案',
  indicators: '评分指标',
  x1: '落后值',
  x2: '先进值',
  upper: '判断矩阵上三角',
  matrix: '判断矩阵',
  names: '指标名称',
  complaintOpenDays: '投诉未结天数',
  dormant: '转为休眠',
  keyOnly: '只看重点客户',
  notVisitedFactor: '未走访倍数',
  volumeDropPercent: '业务量下降百分比',
  holidays: '节假日',
  workdays: '调休上班日',
  expectedCount: '确认的客户数',
  sheetNo: '签到簿编号',
  entries: '清单项',
  outstanding: '只看未回收',
  days: '天数',
  manager: '客户经理',
  blankPages: '空白页数',
  output: '输出方式',
  customers: '客户',
  month: '月份',
  fileId: '文件编号',
  password: '密码',
  newPassword: '新密码',
  oldPassword: '原密码',
  adminName: '管理员用户名',
  adminDisplayName: '管理员姓名',
  branchName: '网点名称',
  branchType: '网点类型',
  displayName: '姓名',
  role: '角色',
  disabled: '停用',
  fullExport: '完整导出权限',
  idleMinutes: '自动锁定时间',
  lockoutMinutes: '锁定时长',
  visitIntervalDays: '走访间隔（天）',
  planDailyCap: '每日计划上限',
  planTierCaps: '分级每日上限',
  calendar: '工作日历',
  outstandingSheetDays: '签到簿待回收天数',
  id: '编号',
  ids: '客户列表',
  excludeId: '排除的客户',
  version: '版本号',
  ignoreDuplicates: '忽略重复提示',
  reason: '原因',
  toManagerId: '移交给',
  offset: '起始位置',
  limit: '每页条数',
  sort: '排序列',
  dir: '排序方向',
  q: '关键字',
  from: '开始日期',
  to: '结束日期',
  before: '截止时间',
  action: '操作类型',
  userName: '用户名',
  managerId: '客户经理',
  ownerId: '负责人',
  customerId: '客户',
  customer: '客户',
  visitId: '走访记录',
  complaintId: '投诉反馈',
  planEntryId: '走访计划',
  batchId: '导入批次',
  jobId: '任务编号',
  uploadId: '上传编号',
  fileName: '文件名',
  file: '文件',
  data: '内容',
  dataBase64: '文件内容',
  mime: '文件类型',
  kind: '类型',
  format: '格式',
  columns: '导出列',
  filter: '筛选条件',
  deleted: '回收站',
  keyCustomer: '重点客户',
  tag: '标签',
  tier: '客户分级',
  region: '片区',
  status: '状态',
  open: '未结',
  planned: '计划内',
  type: '类型',
  signature: '客户签字',
  week: '周',
  date: '日期',
  dailyCap: '每天最多',
  due: '跟进日期',
  content: '内容',
  result: '结果',
  category: '类别',
  openedAt: '反馈时间',
  handlingSteps: '处理经过',
  customerConfirmation: '客户确认',
  confirmationNote: '确认说明',
  decision: '审核结论',
  comment: '审核意见',
  items: '明细',
  quantity: '数量',
  unit: '单位',
  note: '备注',
  sheet: '工作表',
  headerRow: '表头行',
  mapping: '列对应',
  contactsSheet: '联系人工作表',
  contactsHeaderRow: '联系人表头行',
  mode: '方式',
  allOrNothing: '全部正确才导入',
  dryRun: '只预检',
  metrics: '指标名称',
  rows: '行',
  key: '设置项',
  value: '设置值',
  overdueLimit: '逾期条数',
  active: '启用',
  name: '名称',
  // A visit as read, sent back (its output-only fields are accepted and ignored).
  customerName: '客户名称',
  customerTier: '客户分级',
  managerDisplayName: '客户经理姓名',
  followUpId: '跟进任务',
  attachments: '附件',
  createdAt: '录入时间',
  updatedAt: '修改时间',
};

/** Labels that depend on the method: `name` is a user name at login but a customer name on a customer. */
const METHOD_LABELS: Record<string, Record<string, string>> = {
  'auth.login': { name: '用户名' },
  'users.create': { name: '用户名' },
  'dicts.save': { name: '名称', kind: '字典类型' },
  'dicts.list': { kind: '字典类型' },
  'imports.inspect': { kind: '导入类型' },
  'imports.start': { kind: '导入类型', mode: '导入方式', contacts: '联系人工作表' },
  'imports.template': { kind: '导入类型' },
  'imports.batches': { kind: '导入类型' },
  'exports.start': { kind: '导出类型', format: '导出格式' },
  'jobs.download': { file: '文件类型', offset: '下载位置' },
  'imports.upload': { data: '文件内容' },
  'visits.bulkCreate': { mode: '保存方式', rows: '走访记录' },
  'checklist.set': { items: '清单项' },
  'receipts.create': { items: '物品' },
  'receipts.update': { items: '物品' },
  'followups.done': { result: '跟进结果' },
  'timeline.customer': { before: '截止时间' },
};

/** A key inside a list or an object of another field: 物品第2项·数量. */
function partLabel(part: string | number): string {
  if (typeof part === 'number') return `第${part + 1}项`;
  return GENERIC_LABELS[part] ?? VISIT_FIELD_LABELS[part] ?? CUSTOMER_FIELD_LABELS[part] ?? part;
}

function joinParts(first: string, rest: readonly (string | number)[]): string {
  return rest.reduce<string>((label, part) => (typeof part === 'number' ? `${label}${partLabel(part)}` : `${label}·${partLabel(part)}`), first);
}

/**
 * `data.contacts.1.mobile` → `联系人第2行·手机`, `items.1.quantity` → `物品第2项·数量`; a key
 * no method declares (only ever an unknown key, which the router names itself) is returned as given.
 * Customer labels apply to customer methods (and to paths under `data`, the customer
 * payload); other methods use their own or the generic labels.
 */
export function labelForPath(path: readonly (string | number)[], method = 'customers.'): string {
  const own = METHOD_LABELS[method]?.[String(path[0])];
  if (own) return joinParts(own, path.slice(1));
  if (/^(visits|plans|followups|complaints|receipts|attachments)\./.test(method)) {
    const exact = VISIT_FIELD_LABELS[path.join('.')];
    if (exact) return exact;
    const label = VISIT_FIELD_LABELS[String(path[0])];
    if (label) return joinParts(label, path.slice(1));
  }
  const customerContext = method.startsWith('customers.') || path[0] === 'data';
  const parts = path.filter((p) => p !== 'data');
  if (!parts.length) return customerContext && method.startsWith('customers.') ? '客户资料' : GENERIC_LABELS.data;
  if (parts[0] === 'contacts' && typeof parts[1] === 'number') {
    const rest = parts[2] !== undefined ? `·${CONTACT_FIELD_LABELS[String(parts[2])] ?? String(parts[2])}` : '';
    return `联系人第${parts[1] + 1}行${rest}`;
  }
  const key = String(parts[0] ?? '');
  const first = (customerContext ? CUSTOMER_FIELD_LABELS[key] : undefined) ?? GENERIC_LABELS[key];
  return first ? joinParts(first, parts.slice(1)) : parts.join('.');
}
