import { WeightedTable, type Rng } from './prng';

/**
 * Surnames with their approximate share of the population (per mille, after the
 * 2020 census ranking). The polyphonic ones (单 shàn, 曾 zēng, 解 xiè, 区 ōu, 仇 qiú,
 * 查 zhā, 朴 piáo, 盖 gě, 乐 yuè, 缪 miào) are in on purpose: they are the names
 * that pinyin search and sorting get wrong, so demo data must contain them.
 */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 71], ['李', 70], ['张', 68], ['刘', 54], ['陈', 46], ['杨', 31], ['黄', 25], ['赵', 23],
  ['吴', 21], ['周', 21], ['徐', 17], ['孙', 15], ['马', 14], ['朱', 13], ['胡', 13], ['郭', 12],
  ['何', 12], ['林', 11], ['高', 11], ['罗', 11], ['郑', 10], ['梁', 10], ['谢', 8], ['宋', 8],
  ['唐', 8], ['许', 7], ['韩', 7], ['冯', 7], ['邓', 7], ['曹', 6], ['彭', 6], ['曾', 6],
  ['肖', 6], ['田', 5], ['董', 5], ['袁', 5], ['潘', 5], ['于', 5], ['蒋', 5], ['蔡', 5],
  ['余', 5], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 4], ['魏', 4], ['吕', 4], ['丁', 4],
  ['任', 4], ['沈', 4], ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3],
  ['陆', 3], ['汪', 3], ['范', 3], ['金', 3], ['石', 3], ['廖', 3], ['贾', 3], ['夏', 3],
  ['韦', 3], ['付', 2], ['方', 2], ['白', 2], ['邹', 2], ['孟', 2], ['熊', 2], ['秦', 2],
  ['邱', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2], ['雷', 2], ['侯', 2],
  ['龙', 2], ['史', 2], ['陶', 2], ['黎', 2], ['贺', 2], ['顾', 2], ['毛', 2], ['郝', 2],
  ['龚', 2], ['邵', 2], ['万', 2], ['钱', 2], ['严', 1.5], ['覃', 1.5], ['武', 1.5], ['戴', 1.5],
  ['莫', 1.5], ['孔', 1.5], ['向', 1.5], ['汤', 1.5], ['常', 1.2], ['温', 1.2], ['康', 1.1], ['施', 1],
  ['文', 1], ['牛', 1], ['樊', 1], ['葛', 1], ['邢', 1], ['安', 0.9], ['齐', 0.9], ['易', 0.9],
  ['乔', 0.9], ['伍', 0.9], ['庞', 0.8], ['颜', 0.8], ['倪', 0.8], ['庄', 0.8], ['聂', 0.8], ['章', 0.8],
  ['鲁', 0.7], ['岳', 0.7], ['翟', 0.7], ['殷', 0.7], ['詹', 0.7], ['申', 0.7], ['耿', 0.6], ['关', 0.6],
  ['兰', 0.6], ['焦', 0.6], ['俞', 0.6], ['左', 0.6], ['柳', 0.6], ['甘', 0.5], ['祝', 0.5], ['包', 0.5],
  ['单', 0.5], ['解', 0.4], ['区', 0.3], ['仇', 0.3], ['查', 0.3], ['朴', 0.2], ['盖', 0.2], ['乐', 0.3],
  ['缪', 0.3], ['欧阳', 0.4], ['司马', 0.05], ['诸葛', 0.03], ['上官', 0.05], ['尉迟', 0.02], ['令狐', 0.02],
];

const surnameTable = new WeightedTable(SURNAMES);

export function pickSurname(rng: Rng): string {
  return surnameTable.pick(rng);
}

export type Gender = '男' | '女';

/**
 * Given-name characters by generation: 建国/秀英 belong to people born in the
 * 1950s, 子轩/梓涵 to the 2000s. Tying the pool to the birth year from the ID
 * number keeps a 1955-born 张子涵 out of the data.
 */
interface NamePool {
  /** Share of one-character given names in this generation. */
  single: number;
  whole: string[];
  first: string;
  second: string;
}

const POOLS: Record<'old' | 'middle' | 'young', Record<Gender, NamePool>> = {
  old: {
    男: {
      single: 0.35,
      whole: ['建国', '建华', '国强', '国庆', '志强', '德明', '福生', '永生', '长生', '和平', '卫东', '金山', '玉成', '振华', '庆丰', '树林', '宝山', '德胜'],
      first: '建国志德福永长卫金玉振庆树宝立文',
      second: '国华强明生平东山成林胜贵忠荣海发',
    },
    女: {
      single: 0.35,
      whole: ['秀英', '桂英', '秀兰', '玉兰', '桂兰', '凤英', '玉梅', '淑珍', '淑华', '秀珍', '丽华', '红梅', '凤兰', '素芬', '翠花', '春梅'],
      first: '秀桂玉凤淑素翠春金月彩美',
      second: '英兰梅珍华芬花琴芳莲霞云',
    },
  },
  middle: {
    男: {
      single: 0.25,
      whole: ['晓东', '志伟', '建军', '海涛', '俊杰', '文斌', '永强', '小龙', '晓明', '宏伟', '国华', '建平', '立新', '卫国', '勇军'],
      first: '晓志建海俊文永小宏国立伟云红',
      second: '伟军涛杰斌强龙明峰辉刚鹏波亮东华新',
    },
    女: {
      single: 0.25,
      whole: ['丽娟', '晓燕', '春燕', '海燕', '丽萍', '雪梅', '小红', '晓丽', '美玲', '秀芳', '红霞', '艳红', '丽丽', '婷婷'],
      first: '丽晓春海雪小美秀红艳玉静',
      second: '娟燕萍梅红丽玲芳霞敏静琴娜艳',
    },
  },
  young: {
    男: {
      single: 0.12,
      whole: ['浩然', '子轩', '宇航', '博文', '子豪', '一鸣', '天宇', '浩宇', '俊熙', '梓睿', '宇轩', '皓轩', '文博', '子墨'],
      first: '浩子宇博一天俊梓皓文嘉家思明',
      second: '然轩航文豪鸣宇熙睿博辰阳涵晨逸',
    },
    女: {
      single: 0.12,
      whole: ['欣怡', '梓涵', '诗涵', '雨欣', '佳怡', '思琪', '雨婷', '晓雪', '梦瑶', '子涵', '一诺', '可馨', '语桐', '若汐'],
      first: '欣梓诗雨佳思晓梦子可语若心静',
      second: '怡涵琪婷雪瑶馨桐汐彤萱妍悦琳',
    },
  },
};

const SINGLES: Record<Gender, string> = {
  男: '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁健浩宇亮峰林龙',
  女: '芳娜敏静丽艳娟霞玲燕萍红婷雪慧琳洁颖倩丹莉兰英梅',
};

/** Every character in these pools is in the BMP, so plain indexing is safe and allocation-free. */
function pickChar(rng: Rng, chars: string): string {
  return chars[Math.floor(rng.next() * chars.length)];
}

function generation(birthYear: number): keyof typeof POOLS {
  if (birthYear < 1970) return 'old';
  if (birthYear < 1990) return 'middle';
  return 'young';
}

/** A given name of 1 or 2 characters that fits the person's gender and generation. */
export function pickGivenName(rng: Rng, gender: Gender, birthYear: number): string {
  const pool = POOLS[generation(birthYear)][gender];
  if (rng.chance(pool.single)) return pickChar(rng, SINGLES[gender]);
  if (rng.chance(0.3)) return rng.pick(pool.whole);
  return pickChar(rng, pool.first) + pickChar(rng, pool.second);
}

export function personName(rng: Rng, gender: Gender, birthYear: number): string {
  return pickSurname(rng) + pickGivenName(rng, gender, birthYear);
}
