import { describe, expect, it } from 'vitest';
import { CONTACT_FIELDS, contactInputSchema, CUSTOMER_FIELDS, customerFieldsSchema, type Customer } from '../../../shared/domain/customers';
import { CUSTOMER_EXPORT_COLUMNS, DEFAULT_CUSTOMER_EXPORT_COLUMNS } from '../../../shared/domain/exports';
import { CUSTOMER_IMPORT_FIELDS } from '../../../shared/domain/importFields';
import { TEXT_FIELDS } from '../../../renderer/src/pages/customers/formModel';
import { diffContacts, diffCustomer } from '../../../electron/core/customers/history';
import type { CustomerValues } from '../../../electron/core/customers/rules';
import { formOf } from '../helpers/customers';

/*
 * The customer's field list and its contact fields are derived from one definition
 * (shared/domain/customers.ts). These are the lists as they were written out by hand
 * before that: the derived ones must stay exactly these (order, labels, synonyms,
 * export columns and defaults).
 */
const TODAY_CUSTOMER_IMPORT_FIELDS = [
  { key: 'code', label: '客户编码', type: 'code', synonyms: ['客户编码', '客户编号', '编码', '编号', '客户代码', '客户号', '代码'], example: 'K0001', note: '留空则自动编号；“更新”方式下按客户编码、身份证号或统一社会信用代码匹配已有客户' },
  { key: 'name', label: '客户名称', type: 'text', required: true, synonyms: ['客户名称', '单位名称', '名称', '客户', '户名', '客户姓名', '姓名', '企业名称', '公司名称', '店名', '店铺名称', '商户名称', '零售户名称'], example: '张三便利店' },
  { key: 'kind', label: '客户类型', type: 'text', required: true, synonyms: ['客户类型', '客户类别', '类型', '客户种类', '类别'], example: '零售户', choices: ['个人', '企业', '零售户', '经销商', '集团客户'], note: '可填：个人、企业、零售户、经销商、集团客户' },
  { key: 'idNumber', label: '身份证号', type: 'idNumber', synonyms: ['身份证', '身份证号', '身份证号码', '证件号码', '证件号', '居民身份证号', '居民身份证号码', '身份证件号码', '公民身份号码'], example: '110105199003071239', note: '18位；请把该列设为“文本”，否则 Excel 会把号码变成科学计数法而丢失末几位' },
  { key: 'creditCode', label: '统一社会信用代码', type: 'creditCode', synonyms: ['统一社会信用代码', '信用代码', '社会信用代码', '统一信用代码', '统一代码'], example: '', note: '企业、经销商、集团客户必填' },
  { key: 'licenceNo', label: '许可证号', type: 'text', synonyms: ['许可证号', '许可证', '许可证编号', '专卖许可证号', '烟草专卖许可证号', '烟草专卖零售许可证号', '专卖证号'], example: '330102100123', note: '零售户必填' },
  { key: 'mobile', label: '手机号', type: 'mobile', synonyms: ['手机', '手机号', '手机号码', '联系电话', '移动电话', '联系手机', '电话号码'], example: '13800001234', note: '个人和零售户须填写手机号或固定电话' },
  { key: 'phone', label: '固定电话', type: 'phone', synonyms: ['固定电话', '座机', '电话', '办公电话', '固话', '座机号码', '固定电话号码'], example: '0571-88886666' },
  { key: 'address', label: '地址', type: 'text', synonyms: ['地址', '经营地址', '联系地址', '详细地址', '住址', '通讯地址', '营业地址', '经营场所', '注册地址'], example: '城关镇和平路12号' },
  { key: 'region', label: '片区', type: 'text', synonyms: ['片区', '区域', '所属片区', '所属区域', '网格', '市场片区'], note: '须为字典中已有的片区' },
  { key: 'industry', label: '行业', type: 'text', synonyms: ['行业', '所属行业', '行业类别', '行业分类'] },
  { key: 'economicNature', label: '经济性质', type: 'text', synonyms: ['经济性质', '企业性质', '经济类型', '所有制性质'] },
  { key: 'scale', label: '经营规模', type: 'text', synonyms: ['经营规模', '规模', '企业规模'] },
  { key: 'mainBusiness', label: '主营业务及绩效', type: 'text', synonyms: ['主营业务及绩效', '主营业务', '主营绩效', '经营范围', '主营'] },
  { key: 'creditRating', label: '资信等级', type: 'text', synonyms: ['资信等级', '信用等级', '资信', '资信状况'] },
  { key: 'paymentHabit', label: '付款习惯', type: 'text', synonyms: ['付款习惯', '结算习惯', '付款方式', '结算方式'] },
  { key: 'background', label: '客户经理背景说明', type: 'text', synonyms: ['客户经理背景说明', '背景说明', '背景', '背景资料'] },
  { key: 'products', label: '已持有产品/服务', type: 'text', synonyms: ['已持有产品/服务', '已持有产品', '持有产品', '产品/服务', '已办业务', '已有产品'] },
  { key: 'monthlyVolume', label: '月业务量', type: 'number', synonyms: ['月业务量', '月均业务量', '业务量', '月均量'] },
  { key: 'tier', label: '客户分级', type: 'text', synonyms: ['客户分级', '分级', '客户等级', '等级', '客户级别', '级别', '档位', '客户档位'], example: 'A', note: '须为字典中已有的客户分级' },
  { key: 'status', label: '客户状态', type: 'text', synonyms: ['客户状态', '状态'], example: '正式', choices: ['潜在', '正式', '休眠', '流失', '退网'], note: '可填：潜在、正式、休眠、流失、退网；留空为“潜在”' },
  { key: 'manager', label: '客户经理', type: 'text', synonyms: ['客户经理', '管户经理', '所属客户经理', '负责客户经理', '营销人员', '客户经理姓名', '客户经理账号', '管护人', '经理'], note: '填用户名或姓名；客户经理导入时只能填自己（留空即为自己）' },
  { key: 'keyCustomer', label: '重点客户', type: 'bool', synonyms: ['重点客户', '是否重点客户', '重点', '是否重点'], example: '否', choices: ['是', '否'] },
  { key: 'needs', label: '需求分类', type: 'text', synonyms: ['需求分类', '客户需求分类', '需求', '客户需求'] },
  { key: 'tags', label: '标签', type: 'list', synonyms: ['标签', '客户标签'], note: '多个标签用顿号或逗号分隔，须为字典中已有的标签' },
  { key: 'notes', label: '备注', type: 'text', synonyms: ['备注', '说明', '备注说明'] },
  { key: 'contact1.name', label: '联系人1姓名', type: 'text', synonyms: ['联系人1', '联系人1姓名', '联系人1名称', '联系人1名字', '联系人一', '联系人一姓名', '联系人一名称', '联系人一名字', '第1联系人', '第1联系人姓名', '第1联系人名称', '第1联系人名字', '第一联系人', '第一联系人姓名', '第一联系人名称', '第一联系人名字', '联系人', '联系人姓名', '联系人名称', '联系人名字'] },
  { key: 'contact1.role', label: '联系人1职务', type: 'text', synonyms: ['联系人1职务', '联系人1职位', '联系人1角色', '联系人1岗位', '联系人一职务', '联系人一职位', '联系人一角色', '联系人一岗位', '第1联系人职务', '第1联系人职位', '第1联系人角色', '第1联系人岗位', '第一联系人职务', '第一联系人职位', '第一联系人角色', '第一联系人岗位', '联系人职务', '联系人职位', '联系人角色', '联系人岗位'] },
  { key: 'contact1.mobile', label: '联系人1手机', type: 'mobile', synonyms: ['联系人1手机', '联系人1手机号', '联系人1手机号码', '联系人1移动电话', '联系人一手机', '联系人一手机号', '联系人一手机号码', '联系人一移动电话', '第1联系人手机', '第1联系人手机号', '第1联系人手机号码', '第1联系人移动电话', '第一联系人手机', '第一联系人手机号', '第一联系人手机号码', '第一联系人移动电话', '联系人手机', '联系人手机号', '联系人手机号码', '联系人移动电话'] },
  { key: 'contact1.phone', label: '联系人1电话', type: 'phone', synonyms: ['联系人1电话', '联系人1固定电话', '联系人1座机', '联系人1办公电话', '联系人1联系电话', '联系人一电话', '联系人一固定电话', '联系人一座机', '联系人一办公电话', '联系人一联系电话', '第1联系人电话', '第1联系人固定电话', '第1联系人座机', '第1联系人办公电话', '第1联系人联系电话', '第一联系人电话', '第一联系人固定电话', '第一联系人座机', '第一联系人办公电话', '第一联系人联系电话', '联系人电话', '联系人固定电话', '联系人座机', '联系人办公电话', '联系人联系电话'] },
  { key: 'contact1.isDecisionMaker', label: '联系人1决策人', type: 'bool', synonyms: ['联系人1决策人', '联系人1是否决策人', '联系人1是否为决策人', '联系人一决策人', '联系人一是否决策人', '联系人一是否为决策人', '第1联系人决策人', '第1联系人是否决策人', '第1联系人是否为决策人', '第一联系人决策人', '第一联系人是否决策人', '第一联系人是否为决策人', '联系人决策人', '联系人是否决策人', '联系人是否为决策人'] },
  { key: 'contact1.birthday', label: '联系人1生日', type: 'text', synonyms: ['联系人1生日', '联系人1出生日期', '联系人一生日', '联系人一出生日期', '第1联系人生日', '第1联系人出生日期', '第一联系人生日', '第一联系人出生日期', '联系人生日', '联系人出生日期'] },
  { key: 'contact1.notes', label: '联系人1备注', type: 'text', synonyms: ['联系人1备注', '联系人1说明', '联系人一备注', '联系人一说明', '第1联系人备注', '第1联系人说明', '第一联系人备注', '第一联系人说明', '联系人备注', '联系人说明'] },
  { key: 'contact2.name', label: '联系人2姓名', type: 'text', synonyms: ['联系人2', '联系人2姓名', '联系人2名称', '联系人2名字', '联系人二', '联系人二姓名', '联系人二名称', '联系人二名字', '第2联系人', '第2联系人姓名', '第2联系人名称', '第2联系人名字', '第二联系人', '第二联系人姓名', '第二联系人名称', '第二联系人名字'] },
  { key: 'contact2.role', label: '联系人2职务', type: 'text', synonyms: ['联系人2职务', '联系人2职位', '联系人2角色', '联系人2岗位', '联系人二职务', '联系人二职位', '联系人二角色', '联系人二岗位', '第2联系人职务', '第2联系人职位', '第2联系人角色', '第2联系人岗位', '第二联系人职务', '第二联系人职位', '第二联系人角色', '第二联系人岗位'] },
  { key: 'contact2.mobile', label: '联系人2手机', type: 'mobile', synonyms: ['联系人2手机', '联系人2手机号', '联系人2手机号码', '联系人2移动电话', '联系人二手机', '联系人二手机号', '联系人二手机号码', '联系人二移动电话', '第2联系人手机', '第2联系人手机号', '第2联系人手机号码', '第2联系人移动电话', '第二联系人手机', '第二联系人手机号', '第二联系人手机号码', '第二联系人移动电话'] },
  { key: 'contact2.phone', label: '联系人2电话', type: 'phone', synonyms: ['联系人2电话', '联系人2固定电话', '联系人2座机', '联系人2办公电话', '联系人2联系电话', '联系人二电话', '联系人二固定电话', '联系人二座机', '联系人二办公电话', '联系人二联系电话', '第2联系人电话', '第2联系人固定电话', '第2联系人座机', '第2联系人办公电话', '第2联系人联系电话', '第二联系人电话', '第二联系人固定电话', '第二联系人座机', '第二联系人办公电话', '第二联系人联系电话'] },
  { key: 'contact2.isDecisionMaker', label: '联系人2决策人', type: 'bool', synonyms: ['联系人2决策人', '联系人2是否决策人', '联系人2是否为决策人', '联系人二决策人', '联系人二是否决策人', '联系人二是否为决策人', '第2联系人决策人', '第2联系人是否决策人', '第2联系人是否为决策人', '第二联系人决策人', '第二联系人是否决策人', '第二联系人是否为决策人'] },
  { key: 'contact2.birthday', label: '联系人2生日', type: 'text', synonyms: ['联系人2生日', '联系人2出生日期', '联系人二生日', '联系人二出生日期', '第2联系人生日', '第2联系人出生日期', '第二联系人生日', '第二联系人出生日期'] },
  { key: 'contact2.notes', label: '联系人2备注', type: 'text', synonyms: ['联系人2备注', '联系人2说明', '联系人二备注', '联系人二说明', '第2联系人备注', '第2联系人说明', '第二联系人备注', '第二联系人说明'] },
  { key: 'contact3.name', label: '联系人3姓名', type: 'text', synonyms: ['联系人3', '联系人3姓名', '联系人3名称', '联系人3名字', '联系人三', '联系人三姓名', '联系人三名称', '联系人三名字', '第3联系人', '第3联系人姓名', '第3联系人名称', '第3联系人名字', '第三联系人', '第三联系人姓名', '第三联系人名称', '第三联系人名字'] },
  { key: 'contact3.role', label: '联系人3职务', type: 'text', synonyms: ['联系人3职务', '联系人3职位', '联系人3角色', '联系人3岗位', '联系人三职务', '联系人三职位', '联系人三角色', '联系人三岗位', '第3联系人职务', '第3联系人职位', '第3联系人角色', '第3联系人岗位', '第三联系人职务', '第三联系人职位', '第三联系人角色', '第三联系人岗位'] },
  { key: 'contact3.mobile', label: '联系人3手机', type: 'mobile', synonyms: ['联系人3手机', '联系人3手机号', '联系人3手机号码', '联系人3移动电话', '联系人三手机', '联系人三手机号', '联系人三手机号码', '联系人三移动电话', '第3联系人手机', '第3联系人手机号', '第3联系人手机号码', '第3联系人移动电话', '第三联系人手机', '第三联系人手机号', '第三联系人手机号码', '第三联系人移动电话'] },
  { key: 'contact3.phone', label: '联系人3电话', type: 'phone', synonyms: ['联系人3电话', '联系人3固定电话', '联系人3座机', '联系人3办公电话', '联系人3联系电话', '联系人三电话', '联系人三固定电话', '联系人三座机', '联系人三办公电话', '联系人三联系电话', '第3联系人电话', '第3联系人固定电话', '第3联系人座机', '第3联系人办公电话', '第3联系人联系电话', '第三联系人电话', '第三联系人固定电话', '第三联系人座机', '第三联系人办公电话', '第三联系人联系电话'] },
  { key: 'contact3.isDecisionMaker', label: '联系人3决策人', type: 'bool', synonyms: ['联系人3决策人', '联系人3是否决策人', '联系人3是否为决策人', '联系人三决策人', '联系人三是否决策人', '联系人三是否为决策人', '第3联系人决策人', '第3联系人是否决策人', '第3联系人是否为决策人', '第三联系人决策人', '第三联系人是否决策人', '第三联系人是否为决策人'] },
  { key: 'contact3.birthday', label: '联系人3生日', type: 'text', synonyms: ['联系人3生日', '联系人3出生日期', '联系人三生日', '联系人三出生日期', '第3联系人生日', '第3联系人出生日期', '第三联系人生日', '第三联系人出生日期'] },
  { key: 'contact3.notes', label: '联系人3备注', type: 'text', synonyms: ['联系人3备注', '联系人3说明', '联系人三备注', '联系人三说明', '第3联系人备注', '第3联系人说明', '第三联系人备注', '第三联系人说明'] },
];
const TODAY_CUSTOMER_EXPORT_COLUMNS = [
  { key: 'code', label: '客户编码' },
  { key: 'name', label: '客户名称' },
  { key: 'kind', label: '客户类型' },
  { key: 'idNumber', label: '身份证号' },
  { key: 'creditCode', label: '统一社会信用代码' },
  { key: 'licenceNo', label: '许可证号' },
  { key: 'mobile', label: '手机号' },
  { key: 'phone', label: '固定电话' },
  { key: 'address', label: '地址' },
  { key: 'region', label: '片区' },
  { key: 'industry', label: '行业' },
  { key: 'economicNature', label: '经济性质' },
  { key: 'scale', label: '经营规模' },
  { key: 'mainBusiness', label: '主营业务及绩效' },
  { key: 'creditRating', label: '资信等级' },
  { key: 'paymentHabit', label: '付款习惯' },
  { key: 'background', label: '客户经理背景说明' },
  { key: 'products', label: '已持有产品/服务' },
  { key: 'monthlyVolume', label: '月业务量' },
  { key: 'tier', label: '客户分级' },
  { key: 'status', label: '客户状态' },
  { key: 'manager', label: '客户经理' },
  { key: 'keyCustomer', label: '重点客户' },
  { key: 'needs', label: '需求分类' },
  { key: 'tags', label: '标签' },
  { key: 'notes', label: '备注' },
  { key: 'contact1.name', label: '联系人1姓名' },
  { key: 'contact1.role', label: '联系人1职务' },
  { key: 'contact1.mobile', label: '联系人1手机' },
  { key: 'contact1.phone', label: '联系人1电话' },
  { key: 'contact1.isDecisionMaker', label: '联系人1决策人' },
  { key: 'contact1.birthday', label: '联系人1生日' },
  { key: 'contact1.notes', label: '联系人1备注' },
  { key: 'contact2.name', label: '联系人2姓名' },
  { key: 'contact2.role', label: '联系人2职务' },
  { key: 'contact2.mobile', label: '联系人2手机' },
  { key: 'contact2.phone', label: '联系人2电话' },
  { key: 'contact2.isDecisionMaker', label: '联系人2决策人' },
  { key: 'contact2.birthday', label: '联系人2生日' },
  { key: 'contact2.notes', label: '联系人2备注' },
  { key: 'contact3.name', label: '联系人3姓名' },
  { key: 'contact3.role', label: '联系人3职务' },
  { key: 'contact3.mobile', label: '联系人3手机' },
  { key: 'contact3.phone', label: '联系人3电话' },
  { key: 'contact3.isDecisionMaker', label: '联系人3决策人' },
  { key: 'contact3.birthday', label: '联系人3生日' },
  { key: 'contact3.notes', label: '联系人3备注' },
  { key: 'createdAt', label: '建档时间' },
  { key: 'updatedAt', label: '最后修改时间' },
];
const TODAY_DEFAULT_CUSTOMER_EXPORT_COLUMNS = ['code', 'name', 'kind', 'idNumber', 'creditCode', 'licenceNo', 'mobile', 'phone', 'address', 'region', 'industry', 'economicNature', 'scale', 'mainBusiness', 'creditRating', 'paymentHabit', 'background', 'products', 'monthlyVolume', 'tier', 'status', 'manager', 'keyCustomer', 'needs', 'tags', 'notes', 'contact1.name', 'contact1.role', 'contact1.mobile', 'contact1.phone', 'createdAt', 'updatedAt'];
const TODAY_FORM_TEXT_FIELDS = ['code', 'name', 'idNumber', 'creditCode', 'licenceNo', 'mobile', 'phone', 'address', 'region', 'industry', 'economicNature', 'scale', 'mainBusiness', 'creditRating', 'paymentHabit', 'background', 'products', 'tier', 'manager', 'needs', 'notes'];
const TODAY_CUSTOMER_FIELDS = [
  'code', 'name', 'kind', 'idNumber', 'creditCode', 'licenceNo', 'mobile', 'phone', 'address', 'region', 'industry', 'economicNature', 'scale',
  'mainBusiness', 'creditRating', 'paymentHabit', 'background', 'products', 'monthlyVolume', 'tier', 'status', 'manager', 'keyCustomer', 'needs',
  'tags', 'notes',
];
const TODAY_CONTACT_FIELDS = ['name', 'role', 'mobile', 'phone', 'isDecisionMaker', 'birthday', 'notes'];

const customer: Customer = {
  id: 7, code: 'K1', name: '甲', kind: '个人', idNumber: 'a', creditCode: 'b', licenceNo: 'c', mobile: 'd', phone: 'e', address: 'f', region: 'g',
  industry: 'h', economicNature: 'i', scale: 'j', mainBusiness: 'k', creditRating: 'l', paymentHabit: 'm', background: 'n', products: 'o',
  monthlyVolume: 1, tier: 'p', status: '潜在', manager: 'u1', managerId: 1, managerDisplayName: '经理一', keyCustomer: false, needs: 'q', tags: ['r'],
  notes: 's', deleted: false, createdAt: '2026-01-01 00:00:00', updatedAt: '2026-01-01 00:00:00', version: 3,
  contacts: [{ id: 9, name: '王五', role: '店主', mobile: '13900000001', phone: '', isDecisionMaker: false, birthday: '', notes: '' }],
};

/** Every field of `customer` changed. */
const changed: CustomerValues & { code: string } = {
  code: 'K2', name: '乙', kind: '企业', idNumber: 'A', creditCode: 'B', licenceNo: 'C', mobile: 'D', phone: 'E', address: 'F', region: 'G',
  industry: 'H', economicNature: 'I', scale: 'J', mainBusiness: 'K', creditRating: 'L', paymentHabit: 'M', background: 'N', products: 'O',
  monthlyVolume: 2, tier: 'P', status: '正式', managerId: 2, keyCustomer: true, needs: 'Q', tags: ['R'], notes: 'S',
  contacts: [{ id: 9, name: '王六', role: '经理', mobile: '13900000002', phone: '1', isDecisionMaker: true, birthday: '01-01', notes: 'x' }],
};

describe('customer field lists', () => {
  it('the one definition lists the schema’s fields in the schema’s order', () => {
    expect(CUSTOMER_FIELDS.map((f) => f.key)).toStrictEqual(TODAY_CUSTOMER_FIELDS);
    expect(Object.keys(customerFieldsSchema.shape)).toStrictEqual([...TODAY_CUSTOMER_FIELDS, 'contacts']);
    expect(CUSTOMER_FIELDS.filter((f) => f.required).map((f) => f.key)).toStrictEqual(['name', 'kind']);
    expect(CUSTOMER_FIELDS.filter((f) => !customerFieldsSchema.shape[f.key].safeParse(undefined).success).map((f) => f.key)).toStrictEqual(['name', 'kind']);
    expect(CONTACT_FIELDS).toStrictEqual(TODAY_CONTACT_FIELDS);
    expect(Object.keys(contactInputSchema.shape)).toStrictEqual(['id', ...TODAY_CONTACT_FIELDS]);
  });

  it('import fields are today’s: order, labels, types, synonyms, examples, notes, choices, contact columns', () => {
    expect(CUSTOMER_IMPORT_FIELDS).toStrictEqual(TODAY_CUSTOMER_IMPORT_FIELDS);
  });

  it('export columns and the default selection are today’s', () => {
    expect(CUSTOMER_EXPORT_COLUMNS).toStrictEqual(TODAY_CUSTOMER_EXPORT_COLUMNS);
    expect(DEFAULT_CUSTOMER_EXPORT_COLUMNS).toStrictEqual(TODAY_DEFAULT_CUSTOMER_EXPORT_COLUMNS);
  });

  it('the archive form edits today’s text fields', () => {
    expect(TEXT_FIELDS).toStrictEqual(TODAY_FORM_TEXT_FIELDS);
  });

  it('the history compares today’s fields in today’s order', () => {
    const changes = diffCustomer(customer, changed, '经理二');
    expect(changes.map((c) => c.field)).toStrictEqual(TODAY_CUSTOMER_FIELDS);
    expect(changes.find((c) => c.field === 'manager')).toStrictEqual({ action: 'transfer', field: 'manager', oldValue: '经理一', newValue: '经理二' });
    expect(diffContacts(customer.contacts, changed.contacts).map((c) => c.field)).toStrictEqual(TODAY_CONTACT_FIELDS.map((k) => `contacts[王五].${k}`));
  });

  it('the form the tests send back holds today’s fields, contacts last', () => {
    const form = formOf(customer);
    expect(Object.keys(form)).toStrictEqual([...TODAY_CUSTOMER_FIELDS, 'contacts']);
    expect(form.contacts).toStrictEqual(customer.contacts);
    expect(form.contacts![0]).not.toBe(customer.contacts[0]);
  });
});
