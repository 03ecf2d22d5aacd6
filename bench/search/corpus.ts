// Synthetic complaints in four languages for the search benchmark, made from small built-in
// vocabularies (no real data): each text is a few sentences of words drawn with a Zipf-like skew, so
// a few words are very common and most are rare, plus marker words planted at known rates. Each
// vocabulary word is analysed once with the index's own analysis, so a text's index terms are
// assembled from them without running the segmenter a million times.
import { fold, toTraditional } from '../../apps/server/src/shared/text/fold.ts';
import { bigrams, wordTerms } from '../../apps/server/src/modules/search/search-text.ts';
import { BOUNDARY } from '../../apps/server/src/modules/search/search-document.ts';

export type CorpusLanguage = 'en' | 'zh-TW' | 'zh-CN' | 'th';
export const CORPUS_LANGUAGES: readonly CorpusLanguage[] = ['en', 'zh-TW', 'zh-CN', 'th'];

const EN = `order refund delivery late broken damaged package parcel customer service store staff manager phone call
email reply waiting week days money charge card payment bill invoice receipt product quality size colour wrong missing
item box courier driver address door window screen battery charger cable laptop phone tablet printer fridge washer
dryer oven microwave kettle toaster blender vacuum heater fan lamp chair table sofa bed mattress pillow blanket shirt
shoes jacket dress trousers bag watch ring necklace glasses toy game book ticket flight hotel room booking cancel change
exchange return repair replace warranty guarantee promise apology complaint rude slow noisy dirty cold hot smell leak
crack scratch stain tear missing extra twice again still never always today yesterday tomorrow morning evening night`
  .split(/\s+/u)
  .filter(Boolean);

const ZH =
  `退款 订单 快递 物流 包裹 客服 电话 邮件 回复 等待 星期 天 钱 扣款 信用卡 付款 账单 发票 收据 产品 质量 尺寸 颜色
错误 缺少 商品 盒子 司机 地址 门口 屏幕 电池 充电器 电脑 手机 平板 打印机 冰箱 洗衣机 烤箱 微波炉 水壶 风扇 台灯 椅子 桌子
沙发 床垫 枕头 衬衫 鞋子 外套 裙子 裤子 手表 戒指 眼镜 玩具 游戏 机票 酒店 房间 预订 取消 更换 退货 维修 保修 承诺 道歉
投诉 态度 很差 太慢 吵 脏 冷 热 味道 漏水 裂开 划痕 污渍 破损 还是 从来 今天 昨天 明天 早上 晚上 芒果 水果 蔬菜 牛奶
面包 鸡蛋 大米 烂了 发霉 过期 变质 包装 经理 店员 门市 网站 应用 账户 密码 会员 积分 优惠券 折扣 价格 运费`
    .split(/\s+/u)
    .filter(Boolean);

const TH = `คืนเงิน คำสั่งซื้อ จัดส่ง พัสดุ ลูกค้า บริการ โทรศัพท์ อีเมล ตอบกลับ รอ สัปดาห์ วัน เงิน บัตรเครดิต ชำระเงิน ใบเสร็จ
สินค้า คุณภาพ ขนาด สี ผิด หาย กล่อง คนขับ ที่อยู่ ประตู หน้าจอ แบตเตอรี่ ที่ชาร์จ คอมพิวเตอร์ มือถือ เครื่องพิมพ์ ตู้เย็น
เครื่องซักผ้า เตาอบ ไมโครเวฟ กาต้มน้ำ พัดลม โคมไฟ เก้าอี้ โต๊ะ โซฟา ที่นอน หมอน เสื้อ รองเท้า กระเป๋า นาฬิกา แว่นตา ของเล่น
ตั๋ว โรงแรม ห้อง จอง ยกเลิก เปลี่ยน ซ่อม รับประกัน สัญญา ขอโทษ ร้องเรียน พนักงาน ช้า เสียงดัง สกปรก เย็น ร้อน กลิ่น รั่ว
แตก รอยขีดข่วน คราบ ชำรุด เสีย วันนี้ เมื่อวาน พรุ่งนี้ เช้า เย็น ผลไม้ มะม่วง นม ขนมปัง ไข่ ข้าว หมดอายุ ผู้จัดการ เว็บไซต์`
  .split(/\s+/u)
  .filter(Boolean);

/** Words planted at a known rate (per text of their language), for the "rare word" queries. */
export const MARKERS: Readonly<Record<CorpusLanguage, { word: string; rate: number }>> = {
  en: { word: 'sunroof', rate: 1 / 2_000 },
  'zh-TW': { word: '榴槤', rate: 1 / 2_000 },
  'zh-CN': { word: '榴莲', rate: 1 / 2_000 },
  th: { word: 'ทุเรียน', rate: 1 / 2_000 },
};

// Latin and Thai names only: their index terms are words (a Han name would need its bigrams too).
const FIRST = ['Sarah', 'James', 'Anna', 'David', 'Maria', 'Wei', 'Mei Ling', 'Somchai', 'Anong'];
const LAST = ['Mitchell', 'Smith', 'Okafor', 'Nguyen', 'Chen', 'Lin', 'Wang', 'Jaidee', 'Thongdee'];

/** A vocabulary word with its index terms precomputed. */
interface Word {
  readonly text: string;
  /** Non-Han word terms (English, Thai). */
  readonly terms: readonly string[];
  /** Folded Han characters (Chinese words), joined with neighbours into runs. */
  readonly han: string;
}

const analyse = (text: string, han: boolean): Word =>
  han ? { text, terms: [], han: fold(text) } : { text, terms: wordTerms(text).map((w) => w.term), han: '' };

/** A deterministic pseudo-random stream (mulberry32), so every run indexes the same corpus. */
export const randomStream = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** Zipf-like pick: index ~ floor(n * r^2.2), so the first words are common and the tail rare. */
const pick = <T>(list: readonly T[], random: () => number): T => list[Math.floor(list.length * random() ** 2.2)]!;

export interface GeneratedText {
  readonly subject: string;
  readonly description: string;
  readonly customerName: string;
  /** The index streams, as buildSearchDocument would make them from subject, name and description. */
  readonly words: readonly string[];
  readonly grams: readonly string[];
}

export interface Corpus {
  generate(language: CorpusLanguage, random: () => number): GeneratedText;
  /** Vocabulary words by rank (0 = most common), for choosing queries. */
  vocabulary(language: CorpusLanguage): readonly string[];
}

export const buildCorpus = (): Corpus => {
  const vocab: Record<CorpusLanguage, Word[]> = {
    en: EN.map((w) => analyse(w, false)),
    'zh-CN': ZH.map((w) => analyse(w, true)),
    'zh-TW': ZH.map((w) => analyse(toTraditional(w), true)),
    th: TH.map((w) => analyse(w, false)),
  };
  const markers = Object.fromEntries(
    CORPUS_LANGUAGES.map((l) => [l, analyse(MARKERS[l].word, l.startsWith('zh'))]),
  ) as Record<CorpusLanguage, Word>;
  const names = FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`));
  const nameWords = new Map(names.map((n) => [n, analyse(n, false)]));

  /** Sentences of 4–9 words; Chinese words of one sentence form one Han run. */
  const sentences = (language: CorpusLanguage, random: () => number, count: number) => {
    const chinese = language !== 'en' && language !== 'th';
    const texts: string[] = [];
    const words: string[] = [];
    const grams: string[] = [];
    for (let s = 0; s < count; s += 1) {
      const length = 4 + Math.floor(random() * 6);
      const chosen: Word[] = [];
      for (let i = 0; i < length; i += 1) chosen.push(pick(vocab[language], random));
      // Three sentences per text (subject 1, description 2): a third of the rate per sentence.
      if (random() < MARKERS[language].rate / 3) chosen.splice(1, 0, markers[language]);
      if (chinese) {
        texts.push(chosen.map((w) => w.text).join(''));
        if (grams.length > 0) grams.push(BOUNDARY);
        grams.push(...bigrams(chosen.map((w) => w.han).join('')));
      } else {
        texts.push(chosen.map((w) => w.text).join(language === 'th' ? '' : ' '));
        words.push(...chosen.flatMap((w) => w.terms));
      }
    }
    const separator = chinese ? '，' : language === 'th' ? ' ' : '. ';
    return { text: texts.join(separator), words, grams };
  };

  return {
    generate(language, random) {
      const subject = sentences(language, random, 1);
      const description = sentences(language, random, 2);
      const customerName = pick(names, random);
      const name = nameWords.get(customerName)!;
      const words: string[] = [];
      const add = (terms: readonly string[]) => {
        if (terms.length === 0) return;
        if (words.length > 0) words.push(BOUNDARY);
        words.push(...terms);
      };
      add(subject.words);
      add(name.terms);
      add(description.words);
      const grams = [
        ...subject.grams,
        ...(subject.grams.length && description.grams.length ? [BOUNDARY] : []),
        ...description.grams,
      ];
      return { subject: subject.text, description: description.text, customerName, words, grams };
    },
    vocabulary: (language) => vocab[language].map((w) => w.text),
  };
};
