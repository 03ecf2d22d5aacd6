// Realistic intake traffic: short complaints written for this benchmark (not taken from any data
// set) in the four languages Redress speaks, from customers of whom a share come back again.

export type BenchLocale = 'en' | 'zh-TW' | 'zh-CN' | 'th';
export type BenchChannel = 'web' | 'email' | 'phone' | 'walk_in' | 'api' | 'social';

interface Complaint {
  readonly subject: string;
  readonly description: string;
}

const EN: readonly Complaint[] = [
  {
    subject: 'Washing machine leaks',
    description:
      'The washing machine I bought three weeks ago leaks water from the bottom every time it spins. The kitchen floor is soaked and I had to put towels down. I want it repaired or replaced this week.',
  },
  {
    subject: 'Refund not received',
    description:
      'I returned the jacket on the 2nd and the store confirmed it arrived, but the refund still has not reached my card. Nobody answers the chat. Please tell me when the money will come back.',
  },
  {
    subject: 'Rude staff at the counter',
    description:
      'The man at the service counter rolled his eyes and told me to read the manual when I asked about the warranty. I have been a member for ten years and have never been spoken to like that.',
  },
  {
    subject: 'Delivery missed twice',
    description:
      'I took two days off work for the delivery and the courier never came either day. The tracking says "customer not home", which is simply untrue. I want an explanation and a fixed time slot.',
  },
  {
    subject: 'Charged twice',
    description: 'My statement shows the same order charged twice, 89.90 each. Please reverse the second charge.',
  },
  {
    subject: 'Glass found in salad',
    description:
      'There was a small piece of glass in the chicken salad I bought at lunch. My son nearly swallowed it. I kept the box and the receipt. This is dangerous and I expect someone senior to call me.',
  },
  {
    subject: 'Repair took six weeks',
    description:
      'My laptop was promised back in five working days. It has been six weeks and every time I call I get a different story. I need it for work and I am now paying to rent one.',
  },
  {
    subject: 'Wrong size sent again',
    description:
      'Second time in a row the shoes came in size 38 instead of 40. The exchange form asks me to pay postage again. I should not pay for your mistake.',
  },
  {
    subject: 'Cancelled subscription still billing',
    description:
      'I cancelled the gym membership in March and have the confirmation e-mail, but you have taken the monthly fee in April and May as well. Refund both, please.',
  },
  {
    subject: 'Phone line dead for a week',
    description:
      'My mother is 84 and lives alone; her landline has been dead for seven days. The engineer visit keeps being moved. She cannot call for help if she falls. Please treat this as urgent.',
  },
];

const ZH_TW: readonly Complaint[] = [
  {
    subject: '冷氣安裝後漏水',
    description: '上週安裝的冷氣一直滴水，牆壁已經發霉了。師傅說會回來處理，但一直沒有人聯絡我。請盡快派人來修理。',
  },
  {
    subject: '退款遲遲未到',
    description: '我在十月五日退貨，門市也確認收到了，可是到現在信用卡還沒有退款。客服電話都打不通，非常失望。',
  },
  {
    subject: '店員態度很差',
    description: '我詢問保固問題時，櫃台人員很不耐煩，還叫我自己上網查。我是十幾年的老顧客，第一次遇到這種服務。',
  },
  {
    subject: '包裹寄錯地址',
    description: '訂單明明寫的是台中的地址，包裹卻被送到高雄。現在物流說要再等一週，我需要的東西週末就要用。',
  },
  {
    subject: '重複扣款',
    description: '同一筆訂單被扣了兩次款，每次 NT$2,480。請協助取消第二筆扣款並回覆處理進度。',
  },
  {
    subject: '食品過期',
    description: '今天在超市買的牛奶，回家才發現已經過期三天。孩子喝了一口覺得味道不對。希望公司重視食品安全。',
  },
  {
    subject: '維修費用與報價不符',
    description: '送修前報價是一千五百元，取件時卻要收三千二百元，也沒有人事先通知我。我要求說明多出來的費用。',
  },
  {
    subject: '會員點數不見了',
    description: '我的會員點數從八千多點突然變成零，客服說系統更新，但沒有任何補償方案。請幫我恢復點數。',
  },
  {
    subject: '預約被取消沒通知',
    description: '我預約了星期六早上的保養，到了現場才知道預約被取消，也沒有簡訊或電話通知，白跑一趟。',
  },
  {
    subject: '網路一直斷線',
    description: '家裡的網路這兩週每天晚上都斷線好幾次，在家上班完全沒辦法開會。已經報修三次，問題還是沒解決。',
  },
];

const ZH_CN: readonly Complaint[] = [
  {
    subject: '手机屏幕有裂痕',
    description: '昨天收到的新手机，打开包装就发现屏幕右下角有裂痕。快递员走得很快，我没来得及当面验货。要求换新机。',
  },
  {
    subject: '退款一直没到账',
    description: '十月八号申请退货，商家已经签收，但是退款到现在还没到账。客服每次都说再等等，已经等了三周了。',
  },
  {
    subject: '服务员态度恶劣',
    description: '在你们门店吃饭，服务员上错菜还不承认，说话很冲。我们是带老人孩子来过生日的，心情全被破坏了。',
  },
  {
    subject: '快递延误',
    description: '承诺次日达的订单，五天了还显示在中转站。买的是给家人的药，非常着急，请尽快给个明确的时间。',
  },
  {
    subject: '会员卡被重复扣费',
    description: '会员自动续费扣了两次，每次 268 元。请退还多扣的钱，并说明为什么会出现这种问题。',
  },
  {
    subject: '洗衣机噪音太大',
    description: '新买的洗衣机脱水的时候声音特别大，整栋楼都能听到。师傅上门看了说正常，我不接受这个说法。',
  },
  {
    subject: '酒店房间不干净',
    description: '入住的房间床单上有头发，卫生间有异味。前台说没有别的房间可换，也没有任何补偿。',
  },
  {
    subject: '发票开错了',
    description: '公司抬头和税号都写错了，申请重开已经两周，还是没收到新的发票，财务那边一直在催我。',
  },
  {
    subject: '燃气热水器点不着',
    description: '热水器安装不到一个月就经常点不着火，冬天洗澡只能用冷水。家里有老人，担心安全问题，请尽快处理。',
  },
  {
    subject: '积分兑换失败',
    description: '用积分兑换的礼品显示已发货，但物流单号查不到。积分已经扣了，东西却没有收到。',
  },
];

const TH: readonly Complaint[] = [
  {
    subject: 'แอร์ไม่เย็น',
    description: 'แอร์ที่ติดตั้งเมื่อสัปดาห์ที่แล้วไม่เย็นเลย ช่างบอกว่าจะกลับมาดูอีกครั้งแต่ก็เงียบหายไป อยากให้ส่งช่างมาด่วนค่ะ',
  },
  {
    subject: 'ยังไม่ได้รับเงินคืน',
    description: 'คืนสินค้าไปตั้งแต่วันที่ 3 ร้านยืนยันว่าได้รับของแล้ว แต่จนถึงวันนี้ยังไม่ได้รับเงินคืนเข้าบัตรเครดิตเลยครับ',
  },
  {
    subject: 'พนักงานพูดจาไม่สุภาพ',
    description: 'สอบถามเรื่องการรับประกัน พนักงานที่เคาน์เตอร์ตอบแบบไม่เต็มใจและพูดจาไม่สุภาพ เป็นลูกค้ามาหลายปีไม่เคยเจอแบบนี้',
  },
  {
    subject: 'พัสดุส่งผิดที่อยู่',
    description: 'สั่งของส่งมาที่เชียงใหม่ แต่พัสดุไปอยู่ที่ขอนแก่น ขนส่งบอกต้องรออีกหนึ่งสัปดาห์ ของต้องใช้ภายในวันเสาร์นี้',
  },
  {
    subject: 'ถูกตัดเงินซ้ำ',
    description: 'คำสั่งซื้อเดียวกันถูกตัดเงินสองครั้ง ครั้งละ 1,290 บาท รบกวนคืนเงินรายการที่สองด้วยค่ะ',
  },
  {
    subject: 'อาหารมีสิ่งแปลกปลอม',
    description: 'เจอเศษพลาสติกในข้าวกล่องที่ซื้อไปเมื่อเช้า ลูกเกือบกลืนเข้าไป เก็บกล่องและใบเสร็จไว้แล้ว ขอให้ผู้จัดการติดต่อกลับ',
  },
  {
    subject: 'ซ่อมนานเกินกำหนด',
    description: 'ส่งโทรศัพท์ซ่อม บอกว่าเจ็ดวันเสร็จ ตอนนี้ผ่านไปหนึ่งเดือนแล้ว โทรถามทีไรก็ได้คำตอบไม่เหมือนกัน',
  },
  {
    subject: 'อินเทอร์เน็ตหลุดบ่อย',
    description: 'อินเทอร์เน็ตที่บ้านหลุดทุกคืนมาสองสัปดาห์แล้ว ทำงานจากบ้านไม่ได้เลย แจ้งซ่อมไปสามครั้งยังไม่มีใครมาแก้',
  },
  {
    subject: 'ยกเลิกสมาชิกแล้วยังถูกเก็บเงิน',
    description: 'ยกเลิกสมาชิกฟิตเนสตั้งแต่เดือนมีนาคม มีอีเมลยืนยัน แต่ยังถูกหักค่าสมาชิกเดือนเมษายนและพฤษภาคม ขอเงินคืนทั้งสองเดือน',
  },
  {
    subject: 'นัดหมายถูกยกเลิกโดยไม่แจ้ง',
    description: 'จองคิวเข้าศูนย์บริการวันเสาร์ไว้ ไปถึงแล้วพนักงานบอกว่าคิวถูกยกเลิก ไม่มีใครโทรหรือส่งข้อความแจ้งเลย',
  },
];

export const COMPLAINTS: Readonly<Record<BenchLocale, readonly Complaint[]>> = {
  en: EN,
  'zh-TW': ZH_TW,
  'zh-CN': ZH_CN,
  th: TH,
};

const NAMES: Readonly<Record<BenchLocale, readonly string[]>> = {
  en: ['Margaret Ellis', 'Tom Okafor', 'Priya Raman', 'Daniel Hughes', 'Sarah Lindqvist', 'James Whitaker'],
  'zh-TW': ['陳美玲', '林志明', '黃淑芬', '張家豪', '王怡君', '李建宏'],
  'zh-CN': ['王秀英', '李强', '张伟', '刘洋', '陈静', '杨帆'],
  th: ['สมชาย ใจดี', 'วิภาวรรณ ศรีสุข', 'ณัฐพล แก้วมณี', 'สุภาพร ทองดี', 'ประยุทธ์ มั่นคง', 'กมลชนก วงศ์ไทย'],
};

/** Country calling code and a mobile prefix that makes a valid-looking number, per locale. */
const PHONE_PLANS: Readonly<
  Record<BenchLocale, { readonly cc: string; readonly prefix: string; readonly digits: number }>
> = {
  en: { cc: '+44', prefix: '7400', digits: 6 },
  'zh-TW': { cc: '+886', prefix: '912', digits: 6 },
  'zh-CN': { cc: '+86', prefix: '138', digits: 8 },
  th: { cc: '+66', prefix: '81', digits: 7 },
};

const LOCALES: readonly BenchLocale[] = ['en', 'zh-TW', 'zh-CN', 'th'];
/** Where complaints come in, weighted roughly like a retail brand's mix. */
const CHANNELS: readonly BenchChannel[] = [
  'web',
  'web',
  'web',
  'email',
  'email',
  'phone',
  'phone',
  'walk_in',
  'api',
  'social',
];

/** A small deterministic generator (mulberry32), so every run sends the same traffic. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

export interface BenchPhone {
  /** Country calling code with its plus, e.g. "+66". */
  readonly cc: string;
  /** The national significant number, digits only. */
  readonly national: string;
}

export interface BenchCustomer {
  readonly name: string;
  readonly language: BenchLocale;
  readonly email?: string;
  readonly phone?: BenchPhone;
}

export interface CreateCaseRequest {
  readonly customer: {
    readonly name: string;
    readonly email?: string;
    readonly phone?: string;
    readonly language?: BenchLocale;
  };
  readonly channel: BenchChannel;
  readonly subject?: string;
  readonly description: string;
  readonly language?: BenchLocale;
}

const digits = (random: () => number, count: number): string =>
  Array.from({ length: count }, () => Math.floor(random() * 10)).join('');

const newCustomer = (random: () => number, key: string): BenchCustomer => {
  const language = pick(random, LOCALES);
  const plan = PHONE_PLANS[language];
  const roll = random();
  // 55% e-mail only, 25% phone only (phone and walk-in complaints), 20% both.
  const email = roll < 0.75 ? `customer.${key}@example.com` : undefined;
  const phone = roll >= 0.55 ? { cc: plan.cc, national: `${plan.prefix}${digits(random, plan.digits)}` } : undefined;
  return { name: pick(random, NAMES[language]), language, ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
};

/** A phone as a person types it: "+66812345678", "+66 81 234 5678" or "+66 81-234-5678". */
const typedPhone = (random: () => number, phone: BenchPhone): string => {
  const roll = random();
  if (roll < 0.4) return `${phone.cc}${phone.national}`;
  const n = phone.national;
  const cut = n.length - 4;
  const groups = [n.slice(0, cut - 3), n.slice(cut - 3, cut), n.slice(cut)];
  return `${phone.cc} ${groups.join(roll < 0.7 ? ' ' : '-')}`;
};

/** An e-mail as a returning customer might type it: sometimes with capitals or stray spaces. */
const typedEmail = (random: () => number, email: string): string => {
  const roll = random();
  if (roll < 0.7) return email;
  if (roll < 0.85) return email.toUpperCase();
  return email.replace(/^./, (c) => c.toUpperCase());
};

export interface TrafficOptions {
  /** Share of requests from one of the known customers (0–1). */
  readonly repeatShare: number;
  /** How many known customers there are. */
  readonly knownCustomers: number;
  readonly seed: number;
  /** Makes fresh customers' e-mail addresses unique to this stream (several streams share a database). */
  readonly tag: string;
}

export interface Traffic {
  /** The known customers, for a warm-up that makes each of them exist before the measured loads. */
  readonly known: readonly BenchCustomer[];
  /** The request a complaint from `customer` sends. */
  requestFor(customer: BenchCustomer): CreateCaseRequest;
  /** The next complaint: from a known customer `repeatShare` of the time, otherwise from a new one. */
  next(): CreateCaseRequest;
}

/**
 * A stream of `POST /api/v1/cases` bodies. Complaints rotate through the four languages' texts;
 * a returning customer gives the same e-mail or phone as before, typed a little differently, so
 * intake has to normalise it to find them.
 */
export const intakeTraffic = (options: TrafficOptions): Traffic => {
  const random = seededRandom(options.seed);
  const known = Array.from({ length: options.knownCustomers }, (_, i) =>
    newCustomer(random, `${options.tag}.known${i}`),
  );
  let fresh = 0;
  const requestFor = (customer: BenchCustomer): CreateCaseRequest => {
    const complaint = pick(random, COMPLAINTS[customer.language]);
    const channel = pick(random, CHANNELS);
    return {
      customer: {
        name: customer.name,
        ...(customer.email ? { email: typedEmail(random, customer.email) } : {}),
        ...(customer.phone ? { phone: typedPhone(random, customer.phone) } : {}),
        // Half the intakes say which language the customer prefers; the rest leave it to the case.
        ...(random() < 0.5 ? { language: customer.language } : {}),
      },
      channel,
      // A phone agent often types no subject.
      ...(channel === 'phone' && random() < 0.5 ? {} : { subject: complaint.subject }),
      description: complaint.description,
      language: customer.language,
    };
  };
  return {
    known,
    requestFor,
    next: () => {
      if (known.length > 0 && random() < options.repeatShare) return requestFor(pick(random, known));
      fresh += 1;
      return requestFor(newCustomer(random, `${options.tag}.${fresh}`));
    },
  };
};
