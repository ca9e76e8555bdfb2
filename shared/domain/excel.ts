/**
 * Excel/CSV import and export vocabulary shared by the core and the screens:
 * what each import type reads (fields, Chinese header synonyms), how header text
 * is normalised, the mapping suggestion, and the shapes of reports and job status.
 * Pure code: no node, no DOM.
 */
import { toHalfWidth } from '../validators';
import type { ApiError } from '../api/result';
import { CONTACT_FIELD_LABELS, CUSTOMER_FIELD_LABELS } from './labels';
import { CUSTOMER_KINDS, CUSTOMER_STATUSES } from './constants';
import { SIGNATURE_STATUSES, VISIT_TYPES } from './visit';

export const IMPORT_KINDS = ['customers', 'visits', 'volume'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  customers: '客户档案',
  visits: '走访记录',
  volume: '月度业务量',
};

/**
 * add: only new records; a row that matches an existing one is an error.
 * update: matching records are updated (only the mapped, non-empty columns change); the rest are added.
 * skip: matching records are left alone (counted as skipped); the rest are added.
 */
export const IMPORT_MODES = ['add', 'update', 'skip'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export const IMPORT_MODE_LABELS: Record<ImportMode, string> = {
  add: '仅新增（已存在的记录报错）',
  update: '更新已有记录（未匹配到的新增）',
  skip: '跳过已存在的记录（未匹配到的新增）',
};

export const EXPORT_KINDS = ['customers', 'visits', 'followups', 'complaints'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_KIND_LABELS: Record<ExportKind, string> = {
  customers: '客户档案',
  visits: '走访记录',
  followups: '跟进任务',
  complaints: '投诉反馈',
};
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Upload cap: a branch's largest sheet is far below this, and the web host carries uploads as JSON. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** One upload/download call carries at most this many bytes (base64 grows it by a third). */
export const TRANSFER_CHUNK_BYTES = 8 * 1024 * 1024;
/** Title rows above the header are skipped; the header must be within these first rows. */
export const HEADER_SEARCH_ROWS = 20;
/** Default names of monthly business-volume amounts; the administrator may change them. */
export const DEFAULT_VOLUME_METRICS = ['销量', '存款', 'AUM', '消费'] as const;

export const PRECISION_LOST_MESSAGE = '精度已丢失：Excel 已把该号码转成数字/科学计数法，请把该列设为“文本”后重新填写';
export const XLS_MESSAGE = '不支持 .xls（Excel 97-2003）格式，请在 Excel/WPS 中“另存为” .xlsx 后再导入';
export const ERROR_COLUMN_LABEL = '错误原因';

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

function contactFields(): ImportField[] {
  const parts: { key: string; type: ImportFieldType; suffixes: string[]; example?: string }[] = [
    { key: 'name', type: 'text', suffixes: ['', '姓名', '名称', '名字'] },
    { key: 'role', type: 'text', suffixes: ['职务', '职位', '角色', '岗位'] },
    { key: 'mobile', type: 'mobile', suffixes: ['手机', '手机号', '手机号码', '移动电话'] },
    { key: 'phone', type: 'phone', suffixes: ['电话', '固定电话', '座机', '办公电话', '联系电话'] },
    { key: 'isDecisionMaker', type: 'bool', suffixes: ['决策人', '是否决策人', '是否为决策人'] },
    { key: 'birthday', type: 'text', suffixes: ['生日', '出生日期'] },
    { key: 'notes', type: 'text', suffixes: ['备注', '说明'] },
  ];
  const out: ImportField[] = [];
  for (let n = 1; n <= MAX_IMPORT_CONTACTS; n++) {
    for (const p of parts) {
      const heads = [`联系人${n}`, `联系人${CONTACT_NUMERALS[n]}`, `第${n}联系人`, `第${CONTACT_NUMERALS[n]}联系人`];
      if (n === 1) heads.push('联系人');
      const synonyms = heads.flatMap((h) => p.suffixes.map((s) => h + s));
      const label = `联系人${n}${p.key === 'name' ? '姓名' : CONTACT_FIELD_LABELS[p.key]}`;
      out.push({ key: `contact${n}.${p.key}`, label, type: p.type, synonyms });
    }
  }
  return out;
}

const L = CUSTOMER_FIELD_LABELS;

/** Customer archive columns. Keys are CustomerInput field names (the CLI/JSON contract). */
export const CUSTOMER_IMPORT_FIELDS: readonly ImportField[] = [
  {
    key: 'code',
    label: L.code,
    type: 'code',
    synonyms: ['客户编码', '客户编号', '编码', '编号', '客户代码', '客户号', '代码'],
    example: 'K0001',
    note: '留空则自动编号；“更新”方式下按客户编码、身份证号或统一社会信用代码匹配已有客户',
  },
  {
    key: 'name',
    label: L.name,
    type: 'text',
    required: true,
    synonyms: ['客户名称', '单位名称', '名称', '客户', '户名', '客户姓名', '姓名', '企业名称', '公司名称', '店名', '店铺名称', '商户名称', '零售户名称'],
    example: '张三便利店',
  },
  {
    key: 'kind',
    label: L.kind,
    type: 'text',
    required: true,
    synonyms: ['客户类型', '客户类别', '类型', '客户种类', '类别'],
    example: '零售户',
    choices: CUSTOMER_KINDS,
    note: `可填：${CUSTOMER_KINDS.join('、')}`,
  },
  {
    key: 'idNumber',
    label: L.idNumber,
    type: 'idNumber',
    synonyms: ['身份证', '身份证号', '身份证号码', '证件号码', '证件号', '居民身份证号', '居民身份证号码', '身份证件号码', '公民身份号码'],
    example: '110105199003071239',
    note: '18位；请把该列设为“文本”，否则 Excel 会把号码变成科学计数法而丢失末几位',
  },
  {
    key: 'creditCode',
    label: L.creditCode,
    type: 'creditCode',
    synonyms: ['统一社会信用代码', '信用代码', '社会信用代码', '统一信用代码', '统一代码'],
    example: '',
    note: '企业、经销商、集团客户必填',
  },
  {
    key: 'licenceNo',
    label: L.licenceNo,
    type: 'text',
    synonyms: ['许可证号', '许可证', '许可证编号', '专卖许可证号', '烟草专卖许可证号', '烟草专卖零售许可证号', '专卖证号'],
    example: '330102100123',
    note: '零售户必填',
  },
  {
    key: 'mobile',
    label: L.mobile,
    type: 'mobile',
    synonyms: ['手机', '手机号', '手机号码', '联系电话', '移动电话', '联系手机', '电话号码'],
    example: '13800001234',
    note: '个人和零售户须填写手机号或固定电话',
  },
  {
    key: 'phone',
    label: L.phone,
    type: 'phone',
    synonyms: ['固定电话', '座机', '电话', '办公电话', '固话', '座机号码', '固定电话号码'],
    example: '0571-88886666',
  },
  {
    key: 'address',
    label: L.address,
    type: 'text',
    synonyms: ['地址', '经营地址', '联系地址', '详细地址', '住址', '通讯地址', '营业地址', '经营场所', '注册地址'],
    example: '城关镇和平路12号',
  },
  { key: 'region', label: L.region, type: 'text', synonyms: ['片区', '区域', '所属片区', '所属区域', '网格', '市场片区'], note: '须为字典中已有的片区' },
  { key: 'industry', label: L.industry, type: 'text', synonyms: ['行业', '所属行业', '行业类别', '行业分类'] },
  { key: 'economicNature', label: L.economicNature, type: 'text', synonyms: ['经济性质', '企业性质', '经济类型', '所有制性质'] },
  { key: 'scale', label: L.scale, type: 'text', synonyms: ['经营规模', '规模', '企业规模'] },
  { key: 'mainBusiness', label: L.mainBusiness, type: 'text', synonyms: ['主营业务及绩效', '主营业务', '主营绩效', '经营范围', '主营'] },
  { key: 'creditRating', label: L.creditRating, type: 'text', synonyms: ['资信等级', '信用等级', '资信', '资信状况'] },
  { key: 'paymentHabit', label: L.paymentHabit, type: 'text', synonyms: ['付款习惯', '结算习惯', '付款方式', '结算方式'] },
  { key: 'background', label: L.background, type: 'text', synonyms: ['客户经理背景说明', '背景说明', '背景', '背景资料'] },
  { key: 'products', label: L.products, type: 'text', synonyms: ['已持有产品/服务', '已持有产品', '持有产品', '产品/服务', '已办业务', '已有产品'] },
  { key: 'monthlyVolume', label: L.monthlyVolume, type: 'number', synonyms: ['月业务量', '月均业务量', '业务量', '月均量'] },
  {
    key: 'tier',
    label: L.tier,
    type: 'text',
    synonyms: ['客户分级', '分级', '客户等级', '等级', '客户级别', '级别', '档位', '客户档位'],
    example: 'A',
    note: '须为字典中已有的客户分级',
  },
  {
    key: 'status',
    label: L.status,
    type: 'text',
    synonyms: ['客户状态', '状态'],
    example: '正式',
    choices: CUSTOMER_STATUSES,
    note: `可填：${CUSTOMER_STATUSES.join('、')}；留空为“潜在”`,
  },
  {
    key: 'manager',
    label: L.manager,
    type: 'text',
    synonyms: ['客户经理', '管户经理', '所属客户经理', '负责客户经理', '营销人员', '客户经理姓名', '客户经理账号', '管护人', '经理'],
    note: '填用户名或姓名；客户经理导入时只能填自己（留空即为自己）',
  },
  { key: 'keyCustomer', label: L.keyCustomer, type: 'bool', synonyms: ['重点客户', '是否重点客户', '重点', '是否重点'], example: '否', choices: ['是', '否'] },
  { key: 'needs', label: L.needs, type: 'text', synonyms: ['需求分类', '客户需求分类', '需求', '客户需求'] },
  { key: 'tags', label: L.tags, type: 'list', synonyms: ['标签', '客户标签'], note: '多个标签用顿号或逗号分隔，须为字典中已有的标签' },
  { key: 'notes', label: L.notes, type: 'text', synonyms: ['备注', '说明', '备注说明'] },
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
 * Whether a sheet's header row is a contacts list: a customer key, the contact's name
 * and at least one more contact column — and no 客户类型 column, which every customer
 * list has (a list of person customers also has 姓名 and 手机).
 */
export function looksLikeContactsHeader(headers: readonly unknown[]): boolean {
  const keys = new Set(suggestMapping(headers, CONTACT_SHEET_FIELDS).filter((k): k is string => k !== null));
  if (!CONTACT_SHEET_KEY_FIELDS.some((k) => keys.has(k)) || !keys.has('contact.name')) return false;
  if ([...keys].filter((k) => k.startsWith('contact.')).length < 2) return false;
  const customerTable = synonymTable(CUSTOMER_IMPORT_FIELDS);
  return !headers.some((h) => matchHeader(h, customerTable) === 'kind');
}

/** What a contacts-sheet mapping still lacks (labels), as `missingRequired` lists it. */
export function missingContactFields(mapping: readonly (string | null)[]): string[] {
  const missing = missingRequired(mapping, CONTACT_SHEET_FIELDS).map((f) => f.label);
  if (!CONTACT_SHEET_KEY_FIELDS.some((k) => mapping.includes(k))) missing.unshift(CONTACT_SHEET_KEY_LABEL);
  return missing;
}

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

export function importFields(kind: ImportKind, metrics: readonly string[] = DEFAULT_VOLUME_METRICS): readonly ImportField[] {
  if (kind === 'customers') return CUSTOMER_IMPORT_FIELDS;
  if (kind === 'visits') return VISIT_IMPORT_FIELDS;
  return [...VOLUME_BASE_FIELDS, ...metrics.map(metricField)];
}

// Requirement markers that templates and forms put around header text.
const MARKERS = /[([【<《](?:必填|必输|必须|选填|可选|非必填|可空)[)\]】>》]|^(?:必填|选填)[:：]?/g;
const TRAILING_BRACKET = /[([【][^()[\]【】]*[)\]】]$/;

/**
 * One spelling for every way a header is written: full-width → half-width,
 * whitespace and line breaks removed, *, ※ and (必填) markers removed, trailing
 * colon removed, latin letters lower-cased. 客户名称（必填）* and 客户名称 are equal.
 */
export function normaliseHeader(raw: unknown): string {
  let s = toHalfWidth(String(raw ?? ''));
  s = s.replace(/[\s\u00a0\u200b\ufeff]+/g, '');
  s = s.replace(/[*※]/g, '');
  s = s.replace(MARKERS, '');
  s = s.replace(/[:：]+$/, '');
  return s.toLowerCase();
}

/** Synonym table of one field list: normalised header → field key (first definition wins). */
export function synonymTable(fields: readonly ImportField[]): Map<string, string> {
  const table = new Map<string, string>();
  for (const f of fields) {
    for (const s of [f.label, ...f.synonyms]) {
      const key = normaliseHeader(s);
      if (key && !table.has(key)) table.set(key, f.key);
    }
  }
  return table;
}

/** The field a header means, or null. 金额（元） falls back to 金额 when the full text is unknown. */
export function matchHeader(raw: unknown, table: Map<string, string>): string | null {
  const h = normaliseHeader(raw);
  if (!h) return null;
  const exact = table.get(h);
  if (exact) return exact;
  const bare = h.replace(TRAILING_BRACKET, '');
  return bare !== h ? (table.get(bare) ?? null) : null;
}

/** Column-by-column suggestion; when two columns mean the same field the first one gets it. */
export function suggestMapping(headers: readonly unknown[], fields: readonly ImportField[]): (string | null)[] {
  const table = synonymTable(fields);
  const used = new Set<string>();
  return headers.map((h) => {
    const key = matchHeader(h, table);
    if (!key || used.has(key)) return null;
    used.add(key);
    return key;
  });
}

/**
 * Index of the header row among the first rows: the first row where at least two
 * cells are known headers (titles like “2026年11月客户名单” above it are skipped).
 * A one-column file counts with one match. -1 when none qualifies.
 */
export function findHeaderRow(rows: readonly (readonly unknown[])[], fields: readonly ImportField[]): number {
  const table = synonymTable(fields);
  let best = -1;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const keys = new Set(rows[i].map((c) => matchHeader(c, table)).filter((k): k is string => k !== null));
    if (keys.size >= 2) return i;
    if (keys.size === 1 && best < 0 && rows[i].filter((c) => String(c ?? '').trim() !== '').length === 1) best = i;
  }
  return best;
}

/** Required fields that no column is mapped to. */
export function missingRequired(mapping: readonly (string | null)[], fields: readonly ImportField[]): ImportField[] {
  const mapped = new Set(mapping.filter((m): m is string => !!m));
  return fields.filter((f) => f.required && !mapped.has(f.key));
}

/** Display width of text in Excel columns: CJK and full-width characters count 2. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000 ? 2 : 1;
  }
  return w;
}

/** Customer export columns (the column chooser lists them). Labels are import headers too, so an export re-imports as is. */
export interface ExportColumnDef {
  key: string;
  label: string;
}

export const CUSTOMER_EXPORT_COLUMNS: readonly ExportColumnDef[] = [
  ...[
    'code',
    'name',
    'kind',
    'idNumber',
    'creditCode',
    'licenceNo',
    'mobile',
    'phone',
    'address',
    'region',
    'industry',
    'economicNature',
    'scale',
    'mainBusiness',
    'creditRating',
    'paymentHabit',
    'background',
    'products',
    'monthlyVolume',
    'tier',
    'status',
    'manager',
    'keyCustomer',
    'needs',
    'tags',
    'notes',
  ].map((key) => ({ key, label: L[key] })),
  ...Array.from({ length: MAX_IMPORT_CONTACTS }, (_, i) =>
    (['name', 'role', 'mobile', 'phone', 'isDecisionMaker', 'birthday', 'notes'] as const).map((k) => ({
      key: `contact${i + 1}.${k}`,
      label: `联系人${i + 1}${k === 'name' ? '姓名' : CONTACT_FIELD_LABELS[k]}`,
    })),
  ).flat(),
  { key: 'createdAt', label: '建档时间' },
  { key: 'updatedAt', label: '最后修改时间' },
];
/** Columns a customer export has when the caller does not choose. */
export const DEFAULT_CUSTOMER_EXPORT_COLUMNS: readonly string[] = CUSTOMER_EXPORT_COLUMNS.map((c) => c.key).filter(
  (k) => !/^contact[23]\./.test(k) && !/\.(birthday|notes|isDecisionMaker)$/.test(k),
);

// ───────────────────────── API shapes ─────────────────────────

export interface UploadReceipt {
  uploadId: string;
  fileName: string;
  /** Bytes received so far. */
  size: number;
}

/** A file (or a piece of one) handed to the UI: base64 bytes and where the next piece starts. */
export interface FileChunk {
  fileName: string;
  size: number;
  offset: number;
  data: string;
  /** null when this is the last piece. */
  nextOffset: number | null;
}

export interface InspectedColumn {
  /** 0-based column position in the sheet. */
  index: number;
  /** Header text as written in the file. */
  header: string;
  /** Suggested (or remembered) field key, null = not imported. */
  field: string | null;
}

export interface ImportInspection {
  uploadId: string;
  kind: ImportKind;
  fileName: string;
  format: 'xlsx' | 'csv';
  /** CSV only: how the bytes were decoded. */
  encoding: 'utf-8' | 'gb18030' | null;
  sheets: string[];
  sheet: string;
  /** 1-based row number of the header in the file. */
  headerRow: number;
  columns: InspectedColumn[];
  /** Every field of this import type (for the column dropdowns), with required flags. */
  fields: ImportField[];
  /** 'remembered': the same header layout was imported before and its mapping is reused. */
  mappingSource: 'remembered' | 'auto';
  /** Required fields no column is mapped to yet (labels). */
  missingRequired: string[];
  /** First data rows as display text, aligned with `columns`. */
  preview: { row: number; cells: string[] }[];
  /**
   * Customers only: the separate contacts sheet of an .xlsx (detected, or the one asked
   * for with `contactsSheet`); null for CSV, other kinds, single-sheet workbooks and
   * when none was found or `contactsSheet: ''` was given.
   */
  contacts: ContactsInspection | null;
}

/** The contacts sheet as inspected: same meaning as the main sheet's fields of ImportInspection. */
export interface ContactsInspection {
  sheet: string;
  /** 1-based row number of the header in that sheet. */
  headerRow: number;
  columns: InspectedColumn[];
  /** CONTACT_SHEET_FIELDS. */
  fields: ImportField[];
  /** Labels; a missing customer key is listed as CONTACT_SHEET_KEY_LABEL. */
  missingRequired: string[];
  preview: { row: number; cells: string[] }[];
  mappingSource: 'remembered' | 'auto';
  /** How the sheet was chosen: asked for, its name (联系人…), or its header row. */
  detectedBy: 'request' | 'name' | 'header';
}

export interface ImportIssue {
  /** Set for rows of the contacts sheet (its name); absent for the main sheet. */
  sheet?: string;
  /** 1-based row number in the file (as Excel shows it). */
  row: number;
  /** Header of the column, as written in the file (or the field's name when no column was mapped). */
  column: string;
  message: string;
}

export type RowAction = 'insert' | 'update' | 'skip' | 'invalid';

/** What happened (or, in a dry run, would happen) to one row. */
export interface RowOutcome {
  /** Set for rows of the contacts sheet (its name); absent for the main sheet. */
  sheet?: string;
  row: number;
  action: RowAction;
  /** The record's key and name: 客户编码/客户名称 or 客户编码+月份. */
  key: string;
  name: string;
  /** Why skipped or invalid; for updates the changed fields (客户分级：B → A). */
  detail: string;
}

export interface ImportReport {
  kind: 'import';
  importKind: ImportKind;
  fileName: string;
  mode: ImportMode;
  dryRun: boolean;
  allOrNothing: boolean;
  /** Whether anything was stored (false for dry runs and refused all-or-nothing imports). */
  committed: boolean;
  batchId: number | null;
  /** Data rows read (empty rows not counted). */
  total: number;
  inserted: number;
  updated: number;
  skipped: number;
  invalid: number;
  /** First errors (row, column, message); `errorCount` tells how many there are in all. */
  errors: ImportIssue[];
  errorCount: number;
  /** Possible duplicates and other notes that do not stop a row. */
  warnings: ImportIssue[];
  warningCount: number;
  /** Per-row outcomes for the preview (first rows only; `rowsTruncated` when cut). */
  rows: RowOutcome[];
  rowsTruncated: boolean;
  /** An error workbook (original columns + 错误原因) can be downloaded with jobs.download({ file: 'errors' }). */
  errorFile: boolean;
  /** Rows of the contacts sheet (customers only); null when no contacts sheet was imported. */
  contacts: ContactsReport | null;
  /** One Chinese sentence for the result banner. */
  summary: string;
}

/**
 * Counts of the contacts sheet; like the main counts, inserted/updated are what was (or in
 * a dry run would be) written, 0 when an all-or-nothing import was refused. The import
 * batch keeps the same object (ImportBatch.contacts, stored as JSON): fields may be added,
 * never renamed.
 * A contact matches an existing one of the same customer by name: add → error, update →
 * its non-empty cells are written, skip → left alone.
 */
export interface ContactsReport {
  sheet: string;
  total: number;
  inserted: number;
  updated: number;
  skipped: number;
  invalid: number;
}

export interface UndoReport {
  kind: 'importUndo';
  batchId: number;
  /** Inserted records removed (deleted for good when nothing else refers to them, else moved to the recycle bin). */
  removed: number;
  softDeleted: number;
  /** Updated records put back to their previous values. */
  restored: number;
  /** Fields left as they are because someone changed them after the import. */
  conflicts: { key: string; message: string }[];
  summary: string;
}

export interface ExportReport {
  kind: 'export';
  exportKind: ExportKind;
  format: ExportFormat;
  fileName: string;
  rows: number;
  masked: boolean;
  summary: string;
}

export type JobKind = 'import' | 'importUndo' | 'export';
export type JobState = 'running' | 'done' | 'failed' | 'cancelled';
export type JobPhase = 'queued' | 'read' | 'validate' | 'write' | 'finish';

/**
 * Progress of a long job. The Electron host pushes it on 'bd:progress'; the web
 * host's page polls jobs.status. `done`/`total` drive the bar, the counts the labels.
 */
export interface JobProgress {
  jobId: string;
  kind: JobKind;
  phase: JobPhase;
  done: number;
  total: number;
  message: string;
  rowsRead: number;
  rowsValidated: number;
  rowsWritten: number;
}

export interface JobStatus {
  jobId: string;
  kind: JobKind;
  label: string;
  state: JobState;
  progress: JobProgress;
  startedAt: string;
  finishedAt: string | null;
  result: ImportReport | UndoReport | ExportReport | null;
  error: ApiError | null;
  /** Files the job left for download. */
  files: { file: 'output' | 'errors'; fileName: string; size: number }[];
}

export interface ImportBatch {
  id: number;
  kind: ImportKind;
  kindLabel: string;
  mode: ImportMode;
  fileName: string;
  userName: string;
  at: string;
  total: number;
  inserted: number;
  updated: number;
  skipped: number;
  invalid: number;
  /**
   * Counts of the contacts sheet the import brought (customers only), as its report had
   * them; null when there was none (and for batches made before they were recorded).
   */
  contacts: ContactsReport | null;
  undoneAt: string | null;
  undoneBy: string;
}

export interface CustomerVolume {
  month: string;
  metric: string;
  value: number;
}
