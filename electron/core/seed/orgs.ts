import { pickSurname, personName, type Gender } from './names';
import type { County } from './places';
import type { Rng } from './prng';

/** Trade names shops and small firms actually pick: auspicious, two characters, endlessly repeated. */
const SHOP_WORDS = [
  '鑫达', '金源', '兴旺', '福满多', '好又多', '百佳', '万家福', '顺发', '惠民', '便民', '家乐', '佳佳', '天天', '快乐',
  '鸿运', '聚福', '宏发', '金鑫', '富民', '永盛', '华兴', '旺旺', '利民', '和顺', '万隆', '恒昌', '昌盛', '祥和', '福源',
];
const CHAIN_BRANDS = ['华联超市', '联华超市', '美宜佳便利店', '易捷便利店', '红旗连锁', '好邻居便利店', '苏果超市', '天福便利店'];
const ROAD_NAMES = ['人民路', '解放路', '建设路', '中山路', '新华路', '车站路', '东大街', '西大街', '商贸街', '府前街'];

export interface ShopName {
  name: string;
  /** Industry word the shop belongs to, matched against the branch's industry dictionary. */
  industry: string;
}

/**
 * A tobacco retailer's shop name: 城关镇李记便利店, 华联超市加盟店, 王建国烟酒店,
 * 鸿运烟酒商行, 人民路惠民食杂店 — the mix a county's retailer list really has.
 */
export function shopName(rng: Rng, town: string, ownerName: string): ShopName {
  const r = rng.next();
  if (r < 0.18) return { name: `${town}${ownerName.slice(0, 1)}记${rng.pick(['便利店', '商店', '副食店'])}`, industry: '便利店' };
  if (r < 0.28) {
    const brand = rng.pick(CHAIN_BRANDS);
    const suffix = rng.chance(0.4) ? '加盟店' : `（${rng.pick(ROAD_NAMES)}店）`;
    return { name: brand + suffix, industry: brand.includes('超市') ? '超市' : '便利店' };
  }
  if (r < 0.43) return { name: `${ownerName}${rng.pick(['烟酒店', '烟酒行', '商店'])}`, industry: '烟酒店' };
  if (r < 0.58) return { name: `${rng.pick(SHOP_WORDS)}${rng.pick(['烟酒商行', '烟酒店', '名烟名酒'])}`, industry: '烟酒店' };
  if (r < 0.76) return { name: `${rng.pick(ROAD_NAMES)}${rng.pick(SHOP_WORDS)}${rng.pick(['食杂店', '副食店', '百货商店'])}`, industry: '食杂店' };
  if (r < 0.86) return { name: `${pickSurname(rng)}家小卖部`, industry: '食杂店' };
  if (r < 0.94) return { name: `${rng.pick(SHOP_WORDS)}${rng.pick(['超市', '生活超市', '购物中心'])}`, industry: '超市' };
  return { name: `${rng.pick(SHOP_WORDS)}${rng.pick(['KTV', '网吧', '宾馆', '棋牌室', '大酒店'])}`, industry: '娱乐服务' };
}

const BRANDS = [
  '鑫达', '恒通', '华鑫', '宏远', '金诚', '联创', '盛达', '永兴', '远航', '天成', '德润', '瑞丰', '嘉禾', '东方', '新世纪',
  '华盛', '恒昌', '安泰', '弘毅', '众成', '润泽', '泰和', '兴业', '信达', '隆鑫', '博远', '正阳', '万通', '金鹏', '宝丰',
];

/** What a firm in each dictionary industry calls its business; unknown industries fall back to trade. */
const BUSINESS_BY_INDUSTRY: Record<string, readonly string[]> = {
  制造业: ['机械制造', '鞋服', '纺织', '电子科技', '食品', '包装材料', '五金制品'],
  批发零售: ['贸易', '商贸', '百货', '日用品'],
  建筑业: ['建筑工程', '建设工程', '装饰工程'],
  房地产: ['房地产开发', '置业', '物业管理'],
  农林牧渔: ['农业开发', '生态农业', '养殖'],
  交通运输: ['物流', '运输', '货运代理'],
  信息技术: ['信息技术', '网络科技', '软件'],
  政企: ['建设投资', '城市发展', '公用事业'],
  商业: ['商贸', '餐饮管理', '酒店管理'],
  教育: ['教育科技', '文化传播', '培训'],
  医疗: ['医药', '医疗器械', '健康管理'],
  企业: ['贸易', '科技', '实业'],
};
const GENERIC_BUSINESS = ['贸易', '商贸', '实业', '科技', '物流', '建材'];

function namePrefix(rng: Rng, county: County): string {
  const countyLevelCity = county.county.endsWith('市') || county.county.endsWith('县');
  const r = rng.next();
  if (!county.city) return county.province;
  if (r < 0.55) return county.province + (countyLevelCity ? county.county : county.city);
  if (r < 0.85) return countyLevelCity ? county.county : county.city;
  return county.city;
}

function legalForm(rng: Rng): string {
  const r = rng.next();
  return r < 0.75 ? '有限公司' : r < 0.93 ? '有限责任公司' : '股份有限公司';
}

/** 福建省晋江市鑫达贸易有限公司 and the like, with the business word fitting the industry. */
export function companyName(rng: Rng, county: County, industry: string | undefined): string {
  const business = rng.pick(BUSINESS_BY_INDUSTRY[industry ?? ''] ?? GENERIC_BUSINESS);
  return `${namePrefix(rng, county)}${rng.pick(BRANDS)}${business}${legalForm(rng)}`;
}

export function dealerName(rng: Rng, county: County): string {
  if (rng.chance(0.3)) return `${county.county}${rng.pick(SHOP_WORDS)}${rng.pick(['烟酒批发部', '副食批发部'])}`;
  return `${namePrefix(rng, county)}${rng.pick(BRANDS)}${rng.pick(['商贸', '酒业', '食品', '日化'])}${legalForm(rng)}`;
}

export function groupName(rng: Rng, county: County): string {
  return `${namePrefix(rng, county)}${rng.pick(BRANDS)}${rng.pick(['集团有限公司', '控股集团有限公司', '实业集团有限公司'])}`;
}

export interface ContactPerson {
  name: string;
  gender: Gender;
  birthYear: number;
}

/** Someone of working age to be an organisation's contact. */
export function contactPerson(rng: Rng): ContactPerson {
  const gender: Gender = rng.chance(0.6) ? '男' : '女';
  const birthYear = rng.int(1960, 1998);
  return { name: personName(rng, gender, birthYear), gender, birthYear };
}

export const ORG_CONTACT_ROLES = ['法定代表人', '总经理', '财务负责人', '采购经理', '办公室主任', '业务经理', '行政主管'];
