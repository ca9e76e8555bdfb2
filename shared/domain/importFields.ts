import { CUSTOMER_KINDS, CUSTOMER_STATUSES } from './constants';
import { CONTACT_FIELDS, CUSTOMER_FIELDS, type ContactField, type CustomerField, type CustomerFieldInput } from './customers';
import { CONTACT_FIELD_LABELS, CUSTOMER_FIELD_LABELS } from './labels';
import { SIGNATURE_STATUSES, VISIT_TYPES } from './visits';

/**
 * How a cell is read. Number-like identifiers (idNumber, creditCode, mobile, phone)
 * are checked for Excel's precision loss before the archive's own validators see them.
 */
export type ImportFieldType =
  | 'text'
  | 'code'
  | 'idNumber'
  | 'creditCode'
  | 'mobile'
  | 'phone'
  | 'date'
  | 'datetime'
  | 'month'
  | 'number'
  | 'bool'
  | 'list';

export interface ImportField {
  /** Key in the import: a CustomerInput field, `contact2.mobile`, a visit field, or `metric:销量`. */
  key: string;
  /** The header the template uses. */
  label: string;
  type: ImportFieldType;
  /** Must be mapped (and filled for new records). */
  required?: boolean;
  /** Other header texts that mean this field (already in normalised form or normalisable). */
  synonyms: readonly string[];
  /** Template example value and a line for the instructions sheet. */
  example?: string;
  note?: string;
  /** Allowed values, listed in the template's dropdown (dictionary values are added by the core). */
  choices?: readonly string[];
}

const CONTACT_NUMERALS = ['', '一', '二', '三'];

export const MAX_IMPORT_CONTACTS = 3;

/** How a contact column is read, and the words after 联系人N that mean it. */
const CONTACT_COLUMNS: Record<ContactField, { type: ImportFieldType; suffixes: readonly string[] }> = {
  name: { type: 'text', suffixes: ['', '姓名', '名称', '名字'] },
  role: { type: 'text', suffixes: ['职务', '职位', '角色', '岗位'] },
  mobile: { type: 'mobile', suffixes: ['手机', '手机号', '手机号码', '移动电话'] },
  phone: { type: 'phone', suffixes: ['电话', '固定电话', '座机', '办公电话', '联系电话'] },
  isDecisionMaker: { type: 'bool', suffixes: ['决策人', '是否决策人', '是否为决策人'] },
  birthday: { type: 'text', suffixes: ['生日', '出生日期'] },
  notes: { type: 'text', suffixes: ['备注', '说明'] },
};

/** The column of contact `n`'s field (`contact2.mobile`, 联系人2手机): the import template's and the export's. */
export function contactColumn(n: number, key: ContactField): { key: string; label: string } {
  return { key: `contact${n}.${key}`, label: `联系人${n}${key === 'name' ? '姓名' : CONTACT_FIELD_LABELS[key]}` };
}

function contactFields(): ImportField[] {
  const out: ImportField[] = [];
  for (let n = 1; n <= MAX_IMPORT_CONTACTS; n++) {
    for (const key of CONTACT_FIELDS) {
      const heads = [`联系人${n}`, `联系人${CONTACT_NUMERALS[n]}`, `第${n}联系人`, `第${CONTACT_NUMERALS[n]}联系人`];
      if (n === 1) heads.push('联系人');
      const { type, suffixes } = CONTACT_COLUMNS[key];
      const synonyms = heads.flatMap((h) => suffixes.map((s) => h + s));
      out.push({ ...contactColumn(n, key), type, synonyms });
    }
  }
  return out;
}

const L = CUSTOMER_FIELD_LABELS;

/** How a cell is read by default: identifiers that Excel may mangle name their own type below. */
const CELL_TYPE: Record<CustomerFieldInput, ImportFieldType> = { text: 'text', choice: 'text', number: 'number', bool: 'bool', list: 'list' };

/** What an import adds to an archive field: the header texts that mean it, the template's example and note, its dropdown. */
type CustomerColumn = Pick<ImportField, 'synonyms' | 'example' | 'note' | 'choices'> & { type?: ImportFieldType };

const CUSTOMER_COLUMNS: Record<CustomerField, CustomerColumn> = {
  code: {
    type: 'code',
    synonyms: ['客户编码', '客户编号', '编码', '编号', '客户代码', '客户号', '代码'],
    example: 'K0001',
    note: '留空则自动编号；“更新”方式下按客户编码、身份证号或统一社会信用代码匹配已有客户',
  },
  name: {
    synonyms: ['客户名称', '单位名称', '名称', '客户', '户名', '客户姓名', '姓名', '企业名称', '公司名称', '店名', '店铺名称', '商户名称', '零售户名称'],
    example: '张三便利店',
  },
  kind: {
    synonyms: ['客户类型', '客户类别', '类型', '客户种类', '类别'],
    example: '零售户',
    choices: CUSTOMER_KINDS,
    note: `可填：${CUSTOMER_KINDS.join('、')}`,
  },
  idNumber: {
    type: 'idNumber',
    synonyms: ['身份证', '身份证号', '身份证号码', '证件号码', '证件号', '居民身份证号', '居民身份证号码', '身份证件号码', '公民身份号码'],
    example: '110105199003071239',
    note: '18位；请把该列设为“文本”，否则 Excel 会把号码变成科学计数法而丢失末几位',
  },
  creditCode: {
    type: 'creditCode',
    synonyms: ['统一社会信用代码', '信用代码', '社会信用代码', '统一信用代码', '统一代码'],
    example: '',
    note: '企业、经销商、集团客户必填',
  },
  licenceNo: {
    synonyms: ['许可证号', '许可证', '许可证编号', '专卖许可证号', '烟草专卖许可证号', '烟草专卖零售许可证号', '专卖证号'],
    example: '330102100123',
    note: '零售户必填',
  },
  mobile: {
    type: 'mobile',
    synonyms: ['手机', '手机号', '手机号码', '联系电话', '移动电话', '联系手机', '电话号码'],
    example: '13800001234',
    note: '个人和零售户须填写手机号或固定电话',
  },
  phone: {
    type: 'phone',
    synonyms: ['固定电话', '座机', '电话', '办公电话', '固话', '座机号码', '固定电话号码'],
    example: '0571-88886666',
  },
  address: {
    synonyms: ['地址', '经营地址', '联系地址', '详细地址', '住址', '通讯地址', '营业地址', '经营场所', '注册地址'],
    example: '城关镇和平路12号',
  },
  region: { synonyms: ['片区', '区域', '所属片区', '所属区域', '网格', '市场片区'], note: '须为字典中已有的片区' },
  industry: { synonyms: ['行业', '所属行业', '行业类别', '行业分类'] },
  economicNature: { synonyms: ['经济性质', '企业性质', '经济类型', '所有制性质'] },
  scale: { synonyms: ['经营规模', '规模', '企业规模'] },
  mainBusiness: { synonyms: ['主营业务及绩效', '主营业务', '主营绩效', '经营范围', '主营'] },
  creditRating: { synonyms: ['资信等级', '信用等级', '资信', '资信状况'] },
  paymentHabit: { synonyms: ['付款习惯', '结算习惯', '付款方式', '结算方式'] },
  background: { synonyms: ['客户经理背景说明', '背景说明', '背景', '背景资料'] },
  products: { synonyms: ['已持有产品/服务', '已持有产品', '持有产品', '产品/服务', '已办业务', '已有产品'] },
  monthlyVolume: { synonyms: ['月业务量', '月均业务量', '业务量', '月均量'] },
  tier: {
    synonyms: ['客户分级', '分级', '客户等级', '等级', '客户级别', '级别', '档位', '客户档位'],
    example: 'A',
    note: '须为字典中已有的客户分级',
  },
  status: {
    synonyms: ['客户状态', '状态'],
    example: '正式',
    choices: CUSTOMER_STATUSES,
    note: `可填：${CUSTOMER_STATUSES.join('、')}；留空为“潜在”`,
  },
  manager: {
    synonyms: ['客户经理', '管户经理', '所属客户经理', '负责客户经理', '营销人员', '客户经理姓名', '客户经理账号', '管护人', '经理'],
    note: '填用户名或姓名；客户经理导入时只能填自己（留空即为自己）',
  },
  keyCustomer: { synonyms: ['重点客户', '是否重点客户', '重点', '是否重点'], example: '否', choices: ['是', '否'] },
  needs: { synonyms: ['需求分类', '客户需求分类', '需求', '客户需求'] },
  tags: { synonyms: ['标签', '客户标签'], note: '多个标签用顿号或逗号分隔，须为字典中已有的标签' },
  notes: { synonyms: ['备注', '说明', '备注说明'] },
};

/** Customer archive columns: the archive's fields in its order, then 联系人1…3. Keys are CustomerInput field names (the CLI/JSON contract). */
export const CUSTOMER_IMPORT_FIELDS: readonly ImportField[] = [
  ...CUSTOMER_FIELDS.map(({ key, label, input, required }): ImportField => {
    const { type, ...column } = CUSTOMER_COLUMNS[key];
    return { key, label, type: type ?? CELL_TYPE[input], ...(required ? { required } : {}), ...column };
  }),
  ...contactFields(),
];

/** The sheet name the template uses (and auto-detection looks for) for one contact per row. */
export const CONTACTS_SHEET_NAME = '联系人';

/** Contacts-sheet fields that find the contact's customer (any one is enough; 客户名称 only when unique). */
export const CONTACT_SHEET_KEY_FIELDS = ['code', 'idNumber', 'creditCode', 'name'] as const;

export const CONTACT_SHEET_KEY_LABEL = '客户编码/身份证号/统一社会信用代码/客户名称（至少一项）';

/** Contacts per customer, as the archive form allows (customerFieldsSchema). */
export const MAX_CUSTOMER_CONTACTS = 20;

/**
 * A separate contacts sheet next to the customer sheet: one contact per row, tied to its
 * customer by a customer key. The customer keys reuse the archive field names; contact
 * fields are `contact.<ContactInput field>` (the per-row columns are `contact1.<field>` …).
 * 姓名 here means the contact, not the customer.
 */
export const CONTACT_SHEET_FIELDS: readonly ImportField[] = [
  {
    key: 'code',
    label: L.code,
    type: 'code',
    synonyms: ['客户编码', '客户编号', '客户代码', '客户号', '编码', '编号', '所属客户编码'],
    example: 'K0001',
    note: '用来找到所属客户：客户编码、身份证号、统一社会信用代码填一项即可；只填客户名称时名称须唯一',
  },
  {
    key: 'name',
    label: L.name,
    type: 'text',
    synonyms: ['客户名称', '单位名称', '名称', '客户', '户名', '企业名称', '公司名称', '店名', '店铺名称', '商户名称', '零售户名称', '所属客户', '所属单位'],
    example: '张三便利店',
  },
  { key: 'idNumber', label: L.idNumber, type: 'idNumber', synonyms: ['客户身份证号', '身份证', '身份证号', '身份证号码', '证件号码', '证件号'], note: '客户的身份证号（不是联系人的）' },
  { key: 'creditCode', label: L.creditCode, type: 'creditCode', synonyms: ['统一社会信用代码', '信用代码', '社会信用代码', '统一信用代码', '统一代码'] },
  {
    key: 'contact.name',
    label: '联系人姓名',
    type: 'text',
    required: true,
    synonyms: ['联系人姓名', '联系人', '联系人名称', '联系人名字', '姓名', '名字'],
    example: '张三',
  },
  { key: 'contact.role', label: CONTACT_FIELD_LABELS.role, type: 'text', synonyms: ['职务', '职位', '角色', '岗位', '联系人职务'], example: '店主' },
  {
    key: 'contact.mobile',
    label: CONTACT_FIELD_LABELS.mobile,
    type: 'mobile',
    synonyms: ['手机', '手机号', '手机号码', '移动电话', '联系人手机', '联系人手机号', '联系手机'],
    example: '13900001111',
    note: '请把该列设为“文本”',
  },
  { key: 'contact.phone', label: CONTACT_FIELD_LABELS.phone, type: 'phone', synonyms: ['电话', '固定电话', '座机', '办公电话', '联系电话', '固话', '联系人电话'], note: '固定电话或手机号' },
  { key: 'contact.isDecisionMaker', label: '是否决策人', type: 'bool', synonyms: ['决策人', '是否决策人', '是否为决策人', '关键决策人'], example: '是', choices: ['是', '否'] },
  { key: 'contact.birthday', label: CONTACT_FIELD_LABELS.birthday, type: 'text', synonyms: ['生日', '出生日期', '联系人生日'], note: 'YYYY-MM-DD，或不知道年份时写 MM-DD' },
  { key: 'contact.notes', label: CONTACT_FIELD_LABELS.notes, type: 'text', synonyms: ['备注', '说明', '联系人备注'] },
];

/**
 * Visit history columns (paper sheets or another system). Keys follow the visits
 * module's VisitInput (customer = 客户编码); next follow-up date and content are two columns.
 */
export const VISIT_IMPORT_FIELDS: readonly ImportField[] = [
  { key: 'customer', label: '客户编码', type: 'code', required: true, synonyms: ['客户编码', '客户编号', '编码', '编号', '客户代码'], example: 'K0001' },
  { key: 'customerName', label: '客户名称', type: 'text', synonyms: ['客户名称', '单位名称', '名称', '客户', '户名', '客户姓名'], note: '仅用于核对，与编码对应的客户名称不一致时给出提示' },
  { key: 'date', label: '走访日期', type: 'date', synonyms: ['走访日期', '拜访日期', '访问日期', '日期'], example: '2026-11-22', note: '签到、签退只填时间（如 09:30）时必填' },
  { key: 'signIn', label: '签到时间', type: 'datetime', required: true, synonyms: ['签到时间', '到达时间', '进店时间', '开始时间', '签到', '走访时间', '拜访时间'], example: '09:30' },
  { key: 'signOut', label: '签退时间', type: 'datetime', synonyms: ['签退时间', '离开时间', '离店时间', '结束时间', '签退'], example: '10:05' },
  { key: 'durationMinutes', label: '在户时间（分钟）', type: 'number', synonyms: ['在户时间', '在户时长', '在户时间分钟', '走访时长', '时长'], note: '没有签退时间时，用签到时间加在户时间' },
  { key: 'type', label: '走访类型', type: 'text', synonyms: ['走访类型', '拜访类型', '访问类型', '类型', '走访方式'], example: '常规走访', choices: VISIT_TYPES, note: '可填：常规走访、特殊访问、回访、离网关怀、投诉处理、上门服务；留空为常规走访' },
  { key: 'manager', label: '客户经理', type: 'text', synonyms: ['客户经理', '走访人', '拜访人', '营销人员', '管户经理', '经理'], note: '填用户名或姓名；留空为客户的客户经理；客户经理导入时只能填自己' },
  { key: 'location', label: '走访地点', type: 'text', synonyms: ['走访地点', '地点', '位置', '签到地点'] },
  { key: 'content', label: '工作内容', type: 'text', synonyms: ['工作内容', '走访内容', '拜访内容', '内容', '走访情况'], example: '传递公司信息，核对库存' },
  { key: 'checklist', label: '工作内容清单', type: 'list', synonyms: ['工作内容清单', '清单', '完成事项', '工作事项'], note: '多项用顿号分隔，须为本网点走访清单中的项目' },
  { key: 'opinions', label: '客户意见', type: 'text', synonyms: ['客户意见', '意见', '客户意见建议', '意见建议'] },
  { key: 'problems', label: '发现的问题', type: 'text', synonyms: ['发现的问题', '发现问题', '存在问题', '问题'] },
  { key: 'nextDue', label: '下次跟进日期', type: 'date', synonyms: ['下次跟进日期', '跟进日期', '下次跟进时间', '下次走访日期'] },
  { key: 'nextContent', label: '下次跟进内容', type: 'text', synonyms: ['下次跟进内容', '跟进内容', '下次跟进事项'] },
  { key: 'signature', label: '客户签字', type: 'text', synonyms: ['客户签字', '签字状态', '签字', '是否签字'], example: '已签', choices: SIGNATURE_STATUSES, note: '可填：待签、已签、拒签、无法签字' },
  { key: 'signatureNote', label: '签字说明', type: 'text', synonyms: ['签字说明', '无法签字原因', '签字备注'] },
];

export const VOLUME_BASE_FIELDS: readonly ImportField[] = [
  { key: 'customerCode', label: '客户编码', type: 'code', required: true, synonyms: ['客户编码', '客户编号', '编码', '编号', '客户代码'], example: 'K0001' },
  { key: 'customerName', label: '客户名称', type: 'text', synonyms: ['客户名称', '单位名称', '名称', '客户', '户名', '客户姓名'], note: '仅用于核对' },
  { key: 'month', label: '月份', type: 'month', required: true, synonyms: ['月份', '年月', '统计月份', '月度', '所属月份', '期间', '统计期间', '日期'], example: '2026-11', note: '2026-11、2026/11、2026年11月 或 202611' },
];

export const METRIC_PREFIX = 'metric:';

/** Extra header texts recognised for the default metric names. */
const METRIC_SYNONYMS: Record<string, string[]> = {
  销量: ['销量', '销售量', '销售数量', '月销量'],
  存款: ['存款', '存款余额', '日均存款', '存款日均'],
  AUM: ['aum', '金融资产', '资产规模', 'aum余额'],
  消费: ['消费', '消费金额', '消费额', '月消费'],
};

export function metricField(name: string): ImportField {
  return {
    key: METRIC_PREFIX + name,
    label: name,
    type: 'number',
    synonyms: [name, ...(METRIC_SYNONYMS[name] ?? [])],
    example: '1200',
  };
}
