import type { Rng } from './prng';
import { pickSurname } from './names';

/** A county-level division: its real 6-digit code (ID numbers, credit codes, licences) and landline area code. */
export interface County {
  code: string;
  /** Province-level name as written in addresses (municipalities: 北京市). */
  province: string;
  /** Prefecture-level city; empty for the districts of a municipality. */
  city: string;
  county: string;
  /** Telephone area code, e.g. 0595. */
  area: string;
}

const c = (code: string, province: string, city: string, county: string, area: string): County => ({ code, province, city, county, area });

/** Real division codes (GB/T 2260) and area codes; enough spread for ID numbers from all over the country. */
export const COUNTIES: readonly County[] = [
  c('110101', '北京市', '', '东城区', '010'),
  c('110105', '北京市', '', '朝阳区', '010'),
  c('110108', '北京市', '', '海淀区', '010'),
  c('120101', '天津市', '', '和平区', '022'),
  c('310101', '上海市', '', '黄浦区', '021'),
  c('310115', '上海市', '', '浦东新区', '021'),
  c('500103', '重庆市', '', '渝中区', '023'),
  c('500101', '重庆市', '', '万州区', '023'),
  c('130102', '河北省', '石家庄市', '长安区', '0311'),
  c('130602', '河北省', '保定市', '竞秀区', '0312'),
  c('130682', '河北省', '保定市', '定州市', '0312'),
  c('130402', '河北省', '邯郸市', '邯山区', '0310'),
  c('140105', '山西省', '太原市', '小店区', '0351'),
  c('140213', '山西省', '大同市', '平城区', '0352'),
  c('150102', '内蒙古自治区', '呼和浩特市', '新城区', '0471'),
  c('210102', '辽宁省', '沈阳市', '和平区', '024'),
  c('210202', '辽宁省', '大连市', '中山区', '0411'),
  c('220102', '吉林省', '长春市', '南关区', '0431'),
  c('230102', '黑龙江省', '哈尔滨市', '道里区', '0451'),
  c('320102', '江苏省', '南京市', '玄武区', '025'),
  c('320508', '江苏省', '苏州市', '姑苏区', '0512'),
  c('320583', '江苏省', '苏州市', '昆山市', '0512'),
  c('320302', '江苏省', '徐州市', '鼓楼区', '0516'),
  c('330106', '浙江省', '杭州市', '西湖区', '0571'),
  c('330302', '浙江省', '温州市', '鹿城区', '0577'),
  c('330782', '浙江省', '金华市', '义乌市', '0579'),
  c('330681', '浙江省', '绍兴市', '诸暨市', '0575'),
  c('340102', '安徽省', '合肥市', '瑶海区', '0551'),
  c('341202', '安徽省', '阜阳市', '颍州区', '0558'),
  c('350102', '福建省', '福州市', '鼓楼区', '0591'),
  c('350203', '福建省', '厦门市', '思明区', '0592'),
  c('350582', '福建省', '泉州市', '晋江市', '0595'),
  c('350583', '福建省', '泉州市', '南安市', '0595'),
  c('360102', '江西省', '南昌市', '东湖区', '0791'),
  c('360702', '江西省', '赣州市', '章贡区', '0797'),
  c('370102', '山东省', '济南市', '历下区', '0531'),
  c('371302', '山东省', '临沂市', '兰山区', '0539'),
  c('370783', '山东省', '潍坊市', '寿光市', '0536'),
  c('371721', '山东省', '菏泽市', '曹县', '0530'),
  c('410105', '河南省', '郑州市', '金水区', '0371'),
  c('410311', '河南省', '洛阳市', '洛龙区', '0379'),
  c('411302', '河南省', '南阳市', '宛城区', '0377'),
  c('411681', '河南省', '周口市', '项城市', '0394'),
  c('420106', '湖北省', '武汉市', '武昌区', '027'),
  c('420602', '湖北省', '襄阳市', '襄城区', '0710'),
  c('430102', '湖南省', '长沙市', '芙蓉区', '0731'),
  c('430582', '湖南省', '邵阳市', '邵东市', '0739'),
  c('440106', '广东省', '广州市', '天河区', '020'),
  c('440303', '广东省', '深圳市', '罗湖区', '0755'),
  c('440513', '广东省', '汕头市', '潮阳区', '0754'),
  c('440882', '广东省', '湛江市', '雷州市', '0759'),
  c('450102', '广西壮族自治区', '南宁市', '兴宁区', '0771'),
  c('450302', '广西壮族自治区', '桂林市', '秀峰区', '0773'),
  c('460105', '海南省', '海口市', '秀英区', '0898'),
  c('510104', '四川省', '成都市', '锦江区', '028'),
  c('510703', '四川省', '绵阳市', '涪城区', '0816'),
  c('511381', '四川省', '南充市', '阆中市', '0817'),
  c('520102', '贵州省', '贵阳市', '南明区', '0851'),
  c('530102', '云南省', '昆明市', '五华区', '0871'),
  c('530381', '云南省', '曲靖市', '宣威市', '0874'),
  c('540102', '西藏自治区', '拉萨市', '城关区', '0891'),
  c('610102', '陕西省', '西安市', '新城区', '029'),
  c('610302', '陕西省', '宝鸡市', '渭滨区', '0917'),
  c('620102', '甘肃省', '兰州市', '城关区', '0931'),
  c('630102', '青海省', '西宁市', '城东区', '0971'),
  c('640104', '宁夏回族自治区', '银川市', '兴庆区', '0951'),
  c('650102', '新疆维吾尔自治区', '乌鲁木齐市', '天山区', '0991'),
];

/** Branches are county-level offices; these make a plausible home (a county-level city or county, not a big-city district). */
const HOME_CANDIDATES = COUNTIES.filter((x) => /[市县]$/.test(x.county));

export function pickHomeCounty(rng: Rng): County {
  return rng.pick(HOME_CANDIDATES);
}

const byProvince = new Map<string, County[]>();
function sameProvince(county: County): County[] {
  let list = byProvince.get(county.province);
  if (!list) {
    list = COUNTIES.filter((x) => x.province === county.province);
    byProvince.set(county.province, list);
  }
  return list;
}

/**
 * Where a person was born (the first six digits of the ID number): most
 * customers of a county branch are locals, some come from the same province,
 * a few from anywhere.
 */
export function pickBirthCounty(rng: Rng, home: County): County {
  const r = rng.next();
  if (r < 0.72) return home;
  if (r < 0.9) {
    return rng.pick(sameProvince(home));
  }
  return rng.pick(COUNTIES);
}

const URBAN_TOWNS = ['城关镇', '城东街道', '城西街道', '城南街道', '城北街道', '新华街道', '东关街道', '西街街道', '滨江街道', '开发区'];
const RURAL_TOWNS = ['柳林镇', '桥头镇', '石桥镇', '河口镇', '马庄乡', '张店镇', '王集镇', '大王庄乡', '新集镇', '龙泉镇', '白沙镇', '安宁乡', '金山镇', '青石镇'];
const ROADS = [
  '人民路', '解放路', '建设路', '中山路', '和平路', '新华路', '胜利路', '文化路', '光明路', '朝阳路', '幸福路', '团结路',
  '工业路', '民主路', '青年路', '迎宾大道', '滨河路', '府前街', '东大街', '西大街', '南大街', '北大街', '商贸街', '车站路',
];
const VILLAGE_SUFFIX = ['家村', '庄村', '岗村', '湾村', '店村', '营村'];

/** The part of an address above the street: 福建省泉州市晋江市 / 北京市朝阳区. */
export function countyPrefix(county: County): string {
  return county.province + county.city + county.county;
}

export interface Address {
  text: string;
  town: string;
}

/**
 * A street address in the branch's county. Urban regions get streets and house
 * numbers, rural ones (乡镇片 and the like) a village and group, as real archives do.
 */
export function makeAddress(rng: Rng, county: County, rural: boolean, withUnit: boolean): Address {
  const prefix = countyPrefix(county);
  if (rural && rng.chance(0.7)) {
    const town = rng.pick(RURAL_TOWNS);
    const village = pickSurname(rng).slice(0, 1) + rng.pick(VILLAGE_SUFFIX);
    return { text: `${prefix}${town}${village}${rng.int(1, 12)}组${rng.int(1, 80)}号`, town };
  }
  const town = rural ? rng.pick(RURAL_TOWNS) : rng.pick(URBAN_TOWNS);
  let text = `${prefix}${town}${rng.pick(ROADS)}${rng.int(1, 399)}号`;
  if (withUnit) text += `${rng.int(1, 30)}栋${rng.int(1, 4)}单元${rng.int(1, 18)}0${rng.int(1, 4)}室`;
  return { text, town };
}
