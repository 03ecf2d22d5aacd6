import type { TextLanguage } from '../../shared/text/detect-language.ts';

/**
 * What the reply coach looks for, as data: defensive and blame-shifting phrases, ritual apologies,
 * the words that make a sentence a promise, an action or a request, and how customers are
 * addressed — in English, Chinese and Thai. Patterns are regular-expression sources matched on
 * folded text (fold.ts): English in lower case; Chinese in either script (they are folded too, so
 * 有關部門 and 有关部门 are one entry); Thai as written. From articles 001, 002 and 004.
 */

/** The kinds of defensive phrase, each with its own better wording. */
export const DefensiveKinds = [
  'hides_behind_policy',
  'denies_responsibility',
  'blames_customer',
  'nothing_we_can_do',
  'passes_to_department',
] as const;
export type DefensiveKind = (typeof DefensiveKinds)[number];

/** Phrases per kind, all languages together (a reply may mix them). */
export const DEFENSIVE_PATTERNS: Readonly<Record<DefensiveKind, readonly string[]>> = {
  hides_behind_policy: [
    String.raw`\bour (?:company['’]?s? )?polic(?:y|ies) (?:says?|states?|is|are|does ?n['’]?o?t allow|do ?n['’]?o?t allow)\b`,
    String.raw`\b(?:as per|according to|in line with|in accordance with) (?:our |the )?(?:company )?polic(?:y|ies)\b`,
    String.raw`\b(?:company|store) polic(?:y|ies) (?:says?|states?|is|does ?n['’]?o?t)\b`,
    String.raw`\bthe system (?:does ?n['’]?o?t|will not|won['’]t) allow\b`,
    '(?:按照|根据|依照|依据|按)(?:公司|我们|我们的|我司|本公司)?的?(?:规定|政策|流程|制度)',
    '公司(?:的)?规定',
    '系统(?:规定|不允许)',
    'ตามนโยบาย(?:ของ)?(?:ทาง)?(?:บริษัท|เรา|ร้าน)?',
    'เป็นนโยบายของ(?:ทาง)?(?:บริษัท|เรา|ร้าน)',
    'ตามระเบียบ(?:ของ)?(?:ทาง)?(?:บริษัท)?',
  ],
  denies_responsibility: [
    String.raw`\b(?:that|this|it)(?:['’]s| is) not (?:our|my) (?:responsibility|fault|problem|job|department)\b`,
    String.raw`\b(?:we are|we['’]re|i am|i['’]m) not responsible for\b`,
    String.raw`\bnot (?:our|my) (?:responsibility|fault)\b`,
    '(?:这|那|此)?(?:并)?(?:不是|不属于|并非)(?:我们|我们公司|我方|我司|本公司|我)的?(?:责任|问题|错|过错|范围)',
    '不归我们管',
    '不在我们的?(?:责任)?范围',
    'ไม่ใช่ความ(?:รับผิดชอบ|ผิด)ของ(?:ทาง)?(?:เรา|บริษัท|ร้าน|ผม|ดิฉัน)',
    'ไม่ใช่ปัญหาของ(?:ทาง)?(?:เรา|บริษัท|ร้าน)',
    'ไม่เกี่ยวกับ(?:ทาง)?(?:เรา|บริษัท|ร้าน)',
  ],
  blames_customer: [
    String.raw`\byou should(?:['’]ve| have)\b`,
    String.raw`\byou (?:must have|failed to|did ?n['’]?o?t read)\b`,
    String.raw`\bas (?:i|we) (?:have )?(?:already )?(?:said|explained|told you|mentioned)\b`,
    String.raw`\b(?:please )?calm down\b`,
    // 您应该会收到 ("you should receive") is a promise, not blame.
    '(?:您|你)(?:当时|本来|早就)?应该(?!会|已经|能|可以|很快|马上|在近期)',
    '(?:您|你)自己(?:没有|没)',
    'คุณควร(?:จะ)?(?!ได้รับ)',
    'เป็นความผิดของคุณ',
    'คุณไม่ได้อ่าน',
  ],
  nothing_we_can_do: [
    String.raw`\bthere(?:['’]s| is) nothing (?:more )?(?:we|i) can do\b`,
    String.raw`\b(?:we|i) (?:can['’]?not|can['’]t) (?:do anything|help you)\b`,
    '(?:我们|我|我也)?(?:也)?没(?:有)?办法',
    '无能为力',
    '爱莫能助',
    'ไม่มีอะไรที่(?:เรา|ทางเรา|ผม|ดิฉัน)(?:สามารถ)?ทำได้',
    '(?:เรา|ทางเรา)?ช่วยอะไรไม่ได้',
    'ทำอะไรไม่ได้',
  ],
  passes_to_department: [
    String.raw`\b(?:pass|forward|refer|escalate|transfer)(?:red|ed)? (?:it|this|that|your (?:\w+ )?(?:complaint|case|issue|request|feedback)) (?:on )?to (?:the )?(?:relevant|appropriate|responsible|concerned|other) (?:department|team|party|parties)\b`,
    String.raw`\bthe (?:relevant|appropriate|responsible|concerned) (?:department|team|party) will\b`,
    String.raw`\b(?:relevant|concerned) department\b`,
    '有关部门',
    '相关部门',
    '有关单位',
    '相关单位',
    '相关人员',
    'แผนกที่เกี่ยวข้อง',
    'หน่วยงานที่เกี่ยวข้อง',
    'ฝ่ายที่เกี่ยวข้อง',
  ],
};

/** A better way to say it, per kind, in the customer's language (articles 001, 002, 004). */
export const DEFENSIVE_REWRITES: Readonly<Record<DefensiveKind, Readonly<Record<TextLanguage, string>>>> = {
  hides_behind_policy: {
    en: 'Explain what you can do for them and why, in your own words, instead of quoting a policy.',
    'zh-TW': '不要搬出規定，用自己的話說明我們能為您做什麼、為什麼。',
    'zh-CN': '不要搬出规定，用自己的话说明我们能为您做什么、为什么。',
    th: 'แทนที่จะอ้างนโยบาย ให้อธิบายด้วยคำพูดของคุณเองว่าเราทำอะไรให้ลูกค้าได้บ้างและเพราะอะไร',
  },
  denies_responsibility: {
    en: 'Own the problem: "I will make sure this is put right" and say what you will do.',
    'zh-TW': '承擔下來：「這件事我來負責處理」，並說明接下來會做什麼。',
    'zh-CN': '承担下来：“这件事我来负责处理”，并说明接下来会做什么。',
    th: 'รับเรื่องไว้เอง เช่น "ดิฉันจะดูแลเรื่องนี้ให้เรียบร้อย" แล้วบอกว่าจะทำอะไรต่อ',
  },
  blames_customer: {
    en: 'Say what will happen now rather than what the customer should have done.',
    'zh-TW': '說明現在會怎麼處理，而不是客戶當初應該怎麼做。',
    'zh-CN': '说明现在会怎么处理，而不是客户当初应该怎么做。',
    th: 'บอกว่าจากนี้จะทำอะไร แทนที่จะบอกว่าลูกค้าควรทำอะไร',
  },
  nothing_we_can_do: {
    en: 'Offer what you can do, even a partial remedy or a time by which you will have an answer.',
    'zh-TW': '說明我們能做到的部分，哪怕只是部分補救，或何時給您答覆。',
    'zh-CN': '说明我们能做到的部分，哪怕只是部分补救，或何时给您答复。',
    th: 'เสนอสิ่งที่ทำได้ แม้เป็นการแก้ไขบางส่วน หรือบอกเวลาที่จะแจ้งคำตอบ',
  },
  passes_to_department: {
    en: 'Name who will handle it and when you will come back: "I have asked our warehouse team and will call you by 3 pm."',
    'zh-TW': '說清楚誰處理、何時回覆：「我已請倉庫同事查核，今天下午三點前回電給您。」',
    'zh-CN': '说清楚谁处理、何时回复：“我已请仓库同事查核，今天下午三点前回电给您。”',
    th: 'บอกชื่อทีมที่ดูแลและเวลาที่จะติดต่อกลับ เช่น "ดิฉันได้แจ้งทีมคลังสินค้าแล้ว และจะโทรกลับก่อน 15.00 น."',
  },
};

/** The cold, ritual apology (article 002: 很抱歉，给您带来不便 as a talisman). */
export const RITUAL_APOLOGY_PATTERNS: readonly string[] = [
  String.raw`\b(?:we are |we['’]re |i am |i['’]m )?(?:very |so |truly )?sorry for (?:any|the) (?:inconvenience|trouble|disruption)(?: (?:this|that|it) (?:has |may have )?caused)?(?: (?:you|to you))?\b`,
  String.raw`\b(?:we |i )?(?:sincerely )?(?:apologi[sz]e|regret) for (?:any|the) (?:inconvenience|trouble)(?: caused)?\b`,
  String.raw`\b(?:we |i )?(?:sincerely )?(?:apologi[sz]e for|regret) any inconvenience(?: caused| this (?:may have )?caused)?\b`,
  '(?:很|非常|十分|深感)?(?:抱歉|对不起|不好意思)[，,、\\s]*(?:给您|给你|为您|对您)?(?:带来|造成)了?(?:的)?(?:诸多|许多)?不便',
  '(?:给您|给你|对您)?(?:带来|造成)(?:您的|的)?(?:诸多|许多)?不便[，,、\\s]*(?:敬请|尽请|请您?|还请)(?:见谅|谅解|原谅)',
  '不便之处[，,、\\s]*(?:敬请|尽请|请您?|还请)(?:见谅|谅解|原谅)',
  '(?:ต้อง)?(?:ขออภัย|ขอโทษ)(?:เป็นอย่างยิ่ง|อย่างสูง)?ในความไม่สะดวก(?:ที่เกิดขึ้น)?',
  '(?:ขออภัย|ขอโทษ)ที่ทำให้(?:คุณ|ท่าน|ลูกค้า)?(?:ได้รับ)?ความไม่สะดวก',
];

/** Words that make a sentence something we will do, by when it has a time (a promise). */
export const PROMISE_PATTERNS: readonly string[] = [
  String.raw`\bwill\b`,
  String.raw`['’]ll\b`,
  String.raw`\bshall\b`,
  String.raw`\bgoing to\b`,
  String.raw`\bpromise\b`,
  String.raw`\bguarantee\b`,
  String.raw`\byou (?:can expect|should (?:receive|get|hear))\b`,
  // 覆 stays 覆 when folded character by character (回覆 is 回复 only as a phrase), so both are listed.
  '会|将|保证|承诺|一定|给您|为您|帮您|向您|回复|回覆|答复|答覆|回电|致电|打电话|联系您|通知您|告知您|安排|寄出|送达|到账',
  'จะ|สัญญา|ให้คุณ|ติดต่อกลับ|โทรกลับ|แจ้งกลับ',
];

/** Words that ask the customer for something: a request with a time is a next step too. */
export const REQUEST_PATTERNS: readonly string[] = [
  String.raw`\bplease\b`,
  String.raw`\bcould you\b`,
  String.raw`\bkindly\b`,
  '请|麻烦您|烦请',
  'กรุณา|รบกวน|โปรด',
];

/**
 * First-person action: we did, are doing or will do something ("we have refunded", 我们会为您,
 * ทางเราจะ). With a next step, what makes an apology more than a ritual.
 */
export const ACTION_PATTERNS: readonly string[] = [
  String.raw`\b(?:we|i)(?:\s+will|['’]ll|\s+have|['’]ve|\s+are going to|\s+am going to|['’]re going to|['’]m going to)\s+(?:personally\s+|already\s+|now\s+|just\s+|also\s+)?(?:refund|replac|send|sent|call|ring|check|arrang|book|credit|issu|repair|fix|collect|deliver|contact|email|e-mail|visit|cancel|return|escalat|investigat|look|process|ship|giv|given|reimburs|updat|resen|waiv|compensat|speak|spok|talk|follow|ask|pick|refer|order|credit|chas|exchang|reserv|mak|made|put|arrang|confirm|test|inspect|handl)`,
  '(?:我们|我|本店|我司)[^，,。！？]{0,4}(?:会|将|已经|已|马上|立即|立刻|这就|现在就|亲自|正在)',
  '(?:为您|给您|帮您)(?:办理|安排|退款|退货|换货|更换|补发|寄|送|赔|补偿|维修|回电|回复|回覆|答复|答覆|处理|查询|核实)',
  '(?:เรา|ทางเรา|ผม|ดิฉัน|ฉัน|ทางร้าน|ทางบริษัท)\\s*(?:จะ|ได้|กำลัง|ขอ(?!อภัย|โทษ))',
];

/** Titles written before an English name. */
export const EN_TITLES = ['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'madam'];

/** Honorifics written after a Chinese surname (folded: 陳小姐 and 陈小姐 alike). */
export const ZH_HONORIFICS = [
  '先生',
  '小姐',
  '女士',
  '太太',
  '夫人',
  '老师',
  '经理',
  '总',
  '医生',
  '律师',
  '同学',
  '阿姨',
  '伯伯',
  '大哥',
  '大姐',
  '姐',
  '哥',
];

/** Two-character Chinese surnames (folded); any other Chinese name's surname is its first character. */
export const ZH_COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '端木',
  '西门',
  '南宫',
  '独孤',
];

/** Thai courtesy words before a name ("คุณสมชาย"); a name after them counts as the name. */
export const TH_PREFIXES = ['คุณ', 'ท่าน', 'เรียน'];

/** How a greeting with the customer's name is written, per language. */
export const GREETINGS: Readonly<Record<TextLanguage, (name: string) => string>> = {
  en: (name) => `Dear ${name},`,
  'zh-TW': (name) => `${name}您好，`,
  'zh-CN': (name) => `${name}您好，`,
  th: (name) => `เรียนคุณ${name}`,
};

/** An example next step with a time, per language, for `no_next_step`. */
export const NEXT_STEP_EXAMPLES: Readonly<Record<TextLanguage, string>> = {
  en: 'I will call you by 3 pm tomorrow with the result.',
  'zh-TW': '我會在明天下午三點前打電話告訴您結果。',
  'zh-CN': '我会在明天下午三点前打电话告诉您结果。',
  th: 'ดิฉันจะโทรแจ้งผลให้คุณทราบก่อน 15.00 น. พรุ่งนี้',
};

/**
 * Courtesy and filler words that say nothing about the problem: left out of the customer's key
 * words on top of the shared stop words of shared/text/stopwords.ts (folded; Chinese in Simplified).
 */
export const EXTRA_STOP_WORDS = [
  'hello',
  'hi',
  'dear',
  'thanks',
  'thank',
  'please',
  'sorry',
  'regards',
  'still',
  'already',
  'told',
  'anyway',
  'really',
  // Connectives the shared list (function words only) keeps, which never name the problem.
  'not',
  'never',
  'because',
  'after',
  'before',
  'since',
  'until',
  'yet',
  'more',
  'other',
  'every',
  '你们',
  '您好',
  '你好',
  '谢谢',
  '请问',
  '麻烦',
  '已经',
  '还是',
  '一直',
  '全部',
  '现在',
  'ครับ',
  'ค่ะ',
  'คะ',
  'นะ',
  'สวัสดี',
  'ขอบคุณ',
  'แล้ว',
  'เลย',
  'ยัง',
  'ไม่',
  'ได้',
  'หลาย',
  // Both "goods" and the possessive "of": นโยบายของบริษัท (the company's policy) restates nothing.
  'ของ',
];
