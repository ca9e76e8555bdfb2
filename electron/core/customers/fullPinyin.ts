/**
 * Full-pinyin search (shan, shanli, shanlihua → 单丽华): what was typed is cut into
 * pinyin syllables, every way it can be (xian = xian or xi an), the last piece possibly
 * a syllable still being typed (shanl → shan l…). Each reading is a prefix of the
 * stored name_pinyin ("shan li hua", surname-aware, syllables separated by spaces),
 * answered by a range on its index — no new column, no migration.
 */

/** Toneless Mandarin syllables, ü written v (as name_pinyin stores them). The interjections m, n, ng, hm, hng are left out: they would split almost any query. */
const SYLLABLES = `a ai an ang ao
ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
ca cai can cang cao ce cei cen ceng ci cong cou cu cuan cui cun cuo
cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo
da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo
e ei en eng er
fa fan fang fei fen feng fiao fo fou fu
ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo
ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo
ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun
ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo
la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve
ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu
na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nun nuo nv nve
o ou
pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo
sa sai san sang sao se sen seng si song sou su suan sui sun suo
sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo
ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo
wa wai wan wang wei wen weng wo wu
xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun
ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun
za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo
zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo`.split(/\s+/);

export const PINYIN_SYLLABLES: ReadonlySet<string> = new Set(SYLLABLES);
const PREFIXES: ReadonlySet<string> = new Set(SYLLABLES.flatMap((s) => Array.from({ length: s.length }, (_, i) => s.slice(0, i + 1))));
const LONGEST = Math.max(...SYLLABLES.map((s) => s.length));

/** More readings than this and the query is not pinyin anyone typed (or is a string of vowels): the first ones are kept. */
export const MAX_READINGS = 6;

/**
 * The ways `text` (lower-case letters) reads as leading pinyin syllables, each as the
 * prefix name_pinyin must start with: "shanli" → ["shan li"], "xian" → ["xian", "xi an",
 * "xia n"]. At least one whole syllable is required, so two letters that are only the
 * start of a syllable ("sh") or initials ("zs") are left to the initials search.
 */
export function pinyinReadings(text: string): string[] {
  if (!/^[a-z]{2,40}$/.test(text)) return [];
  const out: string[] = [];
  const walk = (from: number, parts: string[]) => {
    if (out.length >= MAX_READINGS) return;
    const rest = text.slice(from);
    // The last piece may be a syllable being typed; a whole syllable is found by the loop below as well.
    if (parts.length && PREFIXES.has(rest) && !PINYIN_SYLLABLES.has(rest)) out.push([...parts, rest].join(' '));
    for (let len = Math.min(LONGEST, rest.length); len >= 1; len--) {
      const piece = rest.slice(0, len);
      if (!PINYIN_SYLLABLES.has(piece)) continue;
      if (len === rest.length) out.push([...parts, piece].join(' '));
      else walk(from + len, [...parts, piece]);
      if (out.length >= MAX_READINGS) return;
    }
  };
  walk(0, []);
  return [...new Set(out)];
}
