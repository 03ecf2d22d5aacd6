import type { EscalationSignal } from '@redress/contract';

/**
 * Keyword rules for the escalation-signal vocabulary, in English, Chinese (Traditional,
 * Simplified and Cantonese written forms) and Thai. A stand-in until the language module brings
 * a real detector: callers use `detectSignals` / `explainSignals` only, so swapping the body
 * changes nothing else.
 *
 * How the rules avoid "the same words in another role" (SIGNALS.md): a request for a manager needs
 * a request verb and a determiner that points at the company ("your", "a", 你们), never "my"; a
 * lawsuit needs the customer as the subject ("I will sue", "sue you", "my lawyer will"); "tax
 * refund" and "ทางด่วน" (expressway) are looked behind for; a demand preceded by a negation ("I'm
 * not asking for a refund", 不要退款, "please do not post this") does not count. Bare nouns that
 * also name everyday things — 微博, 公开, 警察, 医院, "police", "lawyer", "reporter", โพสต์,
 * ตำรวจ — count only with an action or first-person intent around them (我要曝光, 报警, 投诉到消保会,
 * "I will post", "call the police", "hire a lawyer", จะโพสต์, แจ้งตำรวจ): "I saw your ad on
 * Weibo" or "my husband is a police officer" would otherwise send a case to the executive level.
 */

export interface SignalMatch {
  readonly signal: EscalationSignal;
  /** The words in the original text that matched. */
  readonly cue: string;
}

type RuleLanguage = 'en' | 'zh' | 'th';

interface Rule {
  readonly signal: EscalationSignal;
  readonly language: RuleLanguage;
  readonly pattern: RegExp;
  /** A negation just before the match cancels it ("not asking for a refund"). */
  readonly negatable?: boolean;
}

/**
 * Traditional → Simplified for the characters the Chinese rules use, so one Simplified rule
 * reads both scripts (騙子 and 骗子 are one word). One character for one character: positions in
 * the folded text are positions in the original, so the cue is quoted as the customer wrote it.
 */
const TRADITIONAL =
  '們經會騙訴費賠償貨車換錢熱發體記師訟氣過達頭單報們監管問題幾處稱務據給這個電話買賣應該讓見闆層負責幫復與讀爛圾詐壞醫療傷燒爆險觸漏煩險膽嘔瀉敗權誤開關認識類銷規導級絕對濟惡劣齊說講無嗎還從為麼飯嘔決劃錯難轉網號戶續約幣腦網團會員離協團燈剎隱聽證據點讚評論媒體訊紀錄遲緊嘅啲睇喺唔係冇嬲嚟咗諗萬書親內後場夠媽盡屢豈徑總損數機沒靈煙燙癡著紅補襯訂請貴趕銀長門頂須顧領馬臺檯嘢';
const SIMPLIFIED =
  '们经会骗诉费赔偿货车换钱热发体记师讼气过达头单报们监管问题几处称务据给这个电话买卖应该让见板层负责帮复与读烂圾诈坏医疗伤烧爆险触漏烦险胆呕泻败权误开关认识类销规导级绝对济恶劣齐说讲无吗还从为么饭呕决划错难转网号户续约币脑网团会员离协团灯刹隐听证据点赞评论媒体讯纪录迟紧嘅啲睇喺唔系冇嬲嚟咗谂万书亲内后场够妈尽屡岂径总损数机没灵烟烫痴着红补衬订请贵赶银长门顶须顾领马台台嘢';

const FOLD = new Map<string, string>();
for (let i = 0; i < TRADITIONAL.length; i += 1) {
  const from = TRADITIONAL[i];
  const to = SIMPLIFIED[i];
  if (from !== undefined && to !== undefined && from !== to) FOLD.set(from, to);
}

/**
 * Folds text for matching without changing its length: Traditional to Simplified for the
 * characters above, full-width ASCII to ASCII, Latin letters to lower case.
 */
export const foldForMatching = (text: string): string => {
  let out = '';
  for (const unit of text.split('')) {
    const code = unit.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) {
      out += String.fromCharCode(code - 0xfee0).toLowerCase();
      continue;
    }
    const folded = FOLD.get(unit);
    if (folded !== undefined) {
      out += folded;
      continue;
    }
    const lower = unit.toLowerCase();
    out += lower.length === 1 ? lower : unit;
  }
  return out;
};

const en = (signal: EscalationSignal, pattern: RegExp, negatable = false): Rule => ({
  signal,
  language: 'en',
  pattern,
  negatable,
});
const zh = (signal: EscalationSignal, pattern: RegExp, negatable = false): Rule => ({
  signal,
  language: 'zh',
  pattern,
  negatable,
});
const th = (signal: EscalationSignal, pattern: RegExp, negatable = false): Rule => ({
  signal,
  language: 'th',
  pattern,
  negatable,
});

// Chinese rules are written in Simplified (plus Cantonese forms) and match folded text.
const ZH_YOUR = '(?:你们|你哋|贵司|贵公司|贵店|你们的|你的|你)?';
const ZH_BOSS = '(?:经理|主管|领导|负责人|店长|老板|上级|上司|高层|总经理|老总)';
const TH_BOSS = '(?:หัวหน้า|ผู้จัดการ|ผู้บริหาร|ผู้ใหญ่|ผู้รับผิดชอบ|ซูเปอร์ไวเซอร์)';
const ZH_REGULATOR =
  '(?:消保会|消保官|消保处|消费者协会|消协|消委会|消费者委员会|市场监管(?:局|部门)?|市监局|工商局|工商部门|监管部门|监管机构|派出所|公安局?|警察局?|公平会|金管会|银保监会?|主管机关)';
const EN_BOSS =
  '(?:supervisor|manager|boss|superior|executive|someone (?:senior|in charge)|somebody in charge|head of)';

const RULES: readonly Rule[] = [
  // anger
  en(
    'anger',
    /\b(?:sick and tired|fed up|furious|outraged|livid|infuriat\w*|so angry|beyond angry|pissed off|enraged|fuming)\b/,
  ),
  en('anger', /\b(?:f+u+c+k\w*|wtf|bullshit|damn you|screw you|shit(?:ty)?)\b/),
  zh(
    'anger',
    /气死(?:我|人)?了?|气炸|火大|忍无可忍|受够了|太过分了?|岂有此理|他妈的|妈的|tmd|激死|好嬲|嬲死|顶你个肺|屌/,
  ),
  th('anger', /อารมณ์เสีย|โมโห|โกรธมาก|หัวร้อน|เหลืออด|ทนไม่ไหว|ของขึ้น|โคตรแย่|เหี้ย|ห่าเอ๊ย|แม่ง/),

  // insult
  en(
    'insult',
    /\b(?:you(?:'re| are)?|your (?:company|staff|people|shop|store|bank|agents?)|this company|bunch of|such)\b[^.!?]{0,25}\b(?:liars?|cheat(?:s|ers?)?|scammers?|crooks?|idiots?|useless|incompetent|frauds?|thie(?:f|ves)|morons?|clowns|criminals?)\b/,
  ),
  en('insult', /\b(?:rip-?off|ripped (?:me|us) off|scammed (?:me|us)|robbed (?:me|us)|daylight robbery)\b/),
  zh(
    'insult',
    /骗子|骗钱|骗人|坑人|坑爹|坑钱|黑店|奸商|无良|垃圾(?:公司|服务|店|客服)|废物|白痴|诈骗|欺诈|呃人|呃钱|流氓/,
  ),
  th('insult', /ขี้โกง|โกง|หลอกลวง|ต้มตุ๋น|มิจฉาชีพ|ควาย|ไอ้โง่|โง่|ตอแหล|นรก/),

  // manager_request
  en(
    'manager_request',
    new RegExp(`\\b(?:speak|talk|speaking|talking)\\s+(?:to|with)\\s+(?:a|an|your|the|some)?\\s*${EN_BOSS}`),
    true,
  ),
  en(
    'manager_request',
    new RegExp(
      `\\b(?:ask(?:ed|ing)? for|demand(?:ed|ing)?|request(?:ed|ing)?|want|need|get me|put me through to|transfer me to|where is|escalate (?:this|it|my \\w+) to)\\s+(?:a|an|your|the)\\s+${EN_BOSS}`,
    ),
    true,
  ),
  en('manager_request', /\b(?:please |i want (?:you )?to |i demand (?:you )?)escalate\b/),
  zh('manager_request', new RegExp(`(?:找|叫|见|搵|请|让|要求见|要见|要求)(?:一下)?${ZH_YOUR}${ZH_BOSS}`), true),
  zh('manager_request', new RegExp(`(?:你们|你哋|贵司)的?${ZH_BOSS}(?:出来|来|呢|在哪|跟我|和我|接电话)`)),
  th('manager_request', new RegExp(`(?:ขอ|เรียก|ให้)(?:คุย|พูด|สาย|พบ|เจอ|ต่อสาย)?(?:กับ|ถึง)?${TH_BOSS}`), true),

  // media_threat
  en(
    'media_threat',
    /\b(?:(?:post|posting|share|sharing|tweet|tweeting) (?:this|it|about)|go(?:ing)? (?:public|viral)|(?:contact|call|tell|go to|talk to|tip off)(?:ing)? (?:the )?(?:press|media|news|journalists?|reporters?)|(?:leave|leaving|write|writing|give|giving|post|posting) (?:you |a |an )?(?:bad|negative|terrible|scathing|1[- ]star|one[- ]star) reviews?|all over (?:social media|facebook|twitter|instagram|tiktok|yelp|trustpilot)|tell everyone|warn (?:everyone|others|people)|expose you)\b/,
    true,
  ),
  zh(
    'media_threat',
    new RegExp(
      `(?:我|我们|不然|否则)(?:一定|马上|就|会|要|将|准备|打算|去)[^。！？!?，,]{0,8}?(?:曝光|上热搜|发(?:到)?(?:微博|抖音|小红书|朋友圈|网上)|上(?:微博|抖音|新闻|媒体)|找(?:媒体|记者)|爆料|发帖|(?:给|打|写)(?:你们)?差评|放上网|爆上网|公开)`,
    ),
    true,
  ),
  zh('media_threat', /曝光你们|找媒体|找记者|让大家都知道|放上网|爆上网/, true),
  th(
    'media_threat',
    /(?:จะ|ต้อง|เดี๋ยว)\s?(?:โพสต์|ประจาน|แฉ|บอกต่อ|รีวิว|ลง(?:โซเชียล|เฟส|เพจ|ทวิต|ติ๊กต็อก))|ประจาน|แฉ|ลงโซเชียล|ลงเฟส|ลงเพจ|(?:เรียก|แจ้ง|ติดต่อ|ไปหา)นักข่าว|ออกสื่อ|ให้เป็นข่าว|ไวรัล|รีวิวแย่/,
    true,
  ),

  // regulator_threat
  en(
    'regulator_threat',
    /\b(?:cfpb|bbb|better business bureau|attorney general|ftc|fcc|trading standards|ombudsman|consumer protection|ofcom|ofgem|fca|regulators?|department of transportation|dot complaint|report(?:ed|ing)? (?:you|this|it) to|file (?:a )?complaint with|filed (?:a )?complaint with|(?:call|calling|called|contact|contacting|contacted|involve|involving|go to|going to|went to) the (?:police|cops)|police report)\b/,
    true,
  ),
  zh('regulator_threat', /(?<!\d)(?:12315|12345)(?!\d)|报警|报案/, true),
  zh(
    'regulator_threat',
    new RegExp(
      `(?:投诉|举报|反映|申诉|告|报|找|去|到|打给|打电话给|拨打|联系|向)(?:了)?(?:到|给|去)?${ZH_REGULATOR}|${ZH_REGULATOR}(?:投诉|举报|反映|申诉|报案)`,
    ),
    true,
  ),
  th(
    'regulator_threat',
    /สคบ|คุ้มครองผู้บริโภค|แจ้งความ|(?:แจ้ง|เรียก|ไปหา|โทรหา|โทรแจ้ง)ตำรวจ|โรงพัก|กสทช|สำนักงานคณะกรรมการ|ร้องเรียนไปที่/,
    true,
  ),

  // legal_threat
  en(
    'legal_threat',
    /\b(?:(?:i|we)(?:'ll| will| am going to|'m going to| are going to| plan to| intend to)? (?:sue|be suing)|sue you|suing you|(?:my|our) (?:lawyers?|attorneys?|solicitors?)(?! general)|(?:get|getting|hire|hiring|call|calling|contact|contacting|consult|consulting|involve|involving|see|seeing|speak to|speaking to|talk to|talking to)(?: to)? (?:a|an|my|our) (?:lawyer|attorney|solicitor)|legal action|small claims|take (?:you|this|it) to court|class action|lawsuit)\b/,
  ),
  zh(
    'legal_threat',
    /律师函|(?:请|找|委托)(?:了)?律师|我(?:们)?的律师|(?:起诉|告)(?:你们|你哋|你|贵公司|上法庭|到法院)|(?:我|我们)(?:一定|就|会|要|将|准备|打算|去)(?:去)?(?:起诉|提告|告(?!诉))|提告|打官司|法律途径|诉诸法律|追究(?:你们的?)?法律责任/,
  ),
  th('legal_threat', /ฟ้อง|ทนาย|ดำเนินคดี|ขึ้นศาล|ดำเนินการทางกฎหมาย/),

  // refund_demand
  en(
    'refund_demand',
    /(?<!tax )\b(?:refund(?:ed)?|money back|reimburse(?:ment|d)?|charge ?back|return (?:of )?my money)\b/,
    true,
  ),
  zh('refund_demand', /退款|退钱|退费|还钱|返还|拒付|退回.{0,4}钱/, true),
  th('refund_demand', /คืนเงิน|เงินคืน|ขอเงินคืน|ชาร์จแบ็ก/, true),

  // replacement_demand
  en(
    'replacement_demand',
    /\b(?:replace(?:ment|d)?|exchange (?:it|this|the)|swap (?:it|this)|return (?:it|this|the (?:car|product|item|phone|unit|goods))|send (?:it|this) back|repair (?:it|this|my)|new one)\b/,
    true,
  ),
  zh('replacement_demand', /退货|换货|退车|换车|换新|更换|退换|返修|换一(?:个|台|部|件)/, true),
  th('replacement_demand', /เปลี่ยนสินค้า|เปลี่ยนเครื่อง|เปลี่ยนใหม่|เปลี่ยนให้|คืนสินค้า|ส่งคืน|ซ่อมให้/, true),

  // compensation_demand
  en(
    'compensation_demand',
    /\b(?:compensat(?:e|ion|ed)|damages|for (?:my|our) (?:losses|trouble|time)|goodwill|make (?:it|this) up to)\b/,
    true,
  ),
  zh('compensation_demand', /赔偿|补偿|赔钱|精神损失|损失费|赔我/, true),
  th('compensation_demand', /ค่าชดเชย|ชดเชย|ค่าเสียหาย|ชดใช้|ค่าเสียเวลา/, true),

  // repeat_contact
  en(
    'repeat_contact',
    /\b(?:called|emailed|contacted|written|wrote|phoned|messaged|chased|complained|reached out)\b[^.!?]{0,25}\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|multiple|numerous|countless|dozens? of) times\b/,
  ),
  en(
    'repeat_contact',
    /\b(?:(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|again and again|over and over|times already|yet again|keep (?:calling|getting)|no one (?:has )?(?:called|gotten) back)\b/,
  ),
  zh(
    'repeat_contact',
    /第[二三四五六七八九十\d]+次|多次|好几次|无数次|一再|反复|几次了|屡次|还是没(?:有)?(?:解决|回复|处理|人|下文)|至今(?:未|没|仍)|一直没(?:有)?(?:解决|回复|处理|人)|又一次|又打/,
  ),
  th('repeat_contact', /หลายครั้ง|หลายรอบ|ครั้งที่\s?[2-9๒-๙]|อีกแล้ว|ยังไม่ได้รับการแก้ไข|ยังไม่แก้|ติดต่อไปแล้ว|โทรไปแล้ว|ทุกครั้ง/),

  // safety_risk
  en(
    'safety_risk',
    /\b(?:food poisoning|injur(?:ed|y|ies)|hurt (?:me|my|him|her|us)|burn(?:ed|t|s)? (?:me|my|him|her)|caught fire|on fire|smoke came|explod\w*|electric shock|shocked me|hospital(?:ised|ized)?|emergency room|(?:got|was|became|fell|made (?:me|us|him|her)) (?:very )?sick|vomit\w*|diarrh?o?ea|allergic reaction|brakes? (?:failed|failure)|unsafe|dangerous|hazard\w*|bleeding|choked?)\b/,
  ),
  zh(
    'safety_risk',
    /食物中毒|中毒|拉肚子|腹泻|呕吐|受伤|烫伤|烧伤|起火|着火|冒烟|爆炸|漏电|触电|刹车失灵|住院|(?:进|送|去了|送到|送去)医院|急诊|过敏|危险|安全隐患|流血|肚痾|整亲|入院/,
  ),
  th(
    'safety_risk',
    /ท้องเสีย|อาหารเป็นพิษ|บาดเจ็บ|ไฟไหม้|ไฟช็อต|ไฟดูด|ระเบิด|เบรกแตก|เบรคแตก|โรงพยาบาล|อาเจียน|แพ้อาหาร|อันตราย|เลือดออก/,
  ),

  // churn_threat
  en(
    'churn_threat',
    /\b(?:never (?:again|coming back|buy|shop|use|fly|order)|cancel(?:led|ling)? (?:my|the|our) (?:account|subscription|contract|membership|card|service|order)|clos(?:e|ed|ing) my account|switch(?:ing|ed)? to (?:another|a different|\w+ instead)|take my business elsewhere|won't be back|lost (?:a|another) customer|last time i)\b/,
  ),
  zh(
    'churn_threat',
    /再也不(?:会)?(?:来|买|用|光顾|坐|去)|不会再(?:来|买|用|光顾|坐|去)|取消(?:订单|会员|合约|合同|服务)|销户|换(?:一)?家|转网|唔会再|唔再帮衬|最后一次/,
  ),
  th('churn_threat', /ย้ายค่าย|ยกเลิก(?:สัญญา|บริการ|สมาชิก|บัตร)|ไม่ซื้ออีก|ไม่ใช้อีก|เลิกใช้|ไม่มาอีก|ไม่อุดหนุน/),

  // urgency
  en(
    'urgency',
    /\b(?:asap|as soon as possible|urgent(?:ly)?|immediately|right away|right now|(?:by|before|end of|within) (?:today|tonight|tomorrow|\d+ hours?))\b/,
  ),
  zh('urgency', /马上|立刻|立即|尽快|赶快|紧急|急需|很急|加急|今天(?:之内|内|必须)|十万火急|即刻/),
  th('urgency', /(?<!ทาง)ด่วน|ทันที|โดยเร็ว|เร็วที่สุด|ภายในวันนี้/),
];

/**
 * A negation that cancels the match after it. English: right before it ("do not post this"), or
 * a negated wish a few words before ("I am not asking for a refund", "don't really want a
 * replacement") — but not a negated fact ("I have not received my refund" is still a demand).
 */
const NEGATION: Readonly<Record<RuleLanguage, RegExp>> = {
  en: /\b(?:not|don't|do not|didn't|never|won't|will not|no need (?:for|to)|without)\b(?:[^.!?,;]{0,12}|(?:\s+\w+)?\s+(?:ask\w*|want\w*|need\w*|look\w* for|expect\w*|demand\w*|request\w*|after|seek\w*|interested in)\b[^.!?,;]{0,12})$/,
  zh: /(?:不要|不用|不需要|不是要|没有要|无需|不想|不会|别|唔使|唔要|唔会)[^。！？!?]{0,3}$/,
  th: /(?:ไม่ต้อง|ไม่ได้ต้องการ|ไม่ได้จะ|ไม่อยาก|จะไม่)[^\s]{0,6}$/,
};

const languagesFor = (language: string | null | undefined): readonly RuleLanguage[] => {
  if (!language) return ['en', 'zh', 'th'];
  // English words (CFPB, ASAP, a brand's "manager") appear in every language's messages.
  if (language.startsWith('zh')) return ['en', 'zh'];
  if (language.startsWith('th')) return ['en', 'th'];
  return ['en'];
};

/**
 * Every signal found in a customer's message, each with the first cue that matched (quoted from
 * the original text), in vocabulary order. `language` (a BCP 47 tag such as `zh-TW`) narrows the
 * rules; without it all languages are tried.
 */
export const explainSignals = (text: string, language?: string | null): SignalMatch[] => {
  const folded = foldForMatching(text);
  const found = new Map<EscalationSignal, string>();
  const languages = languagesFor(language);
  for (const rule of RULES) {
    if (found.has(rule.signal) || !languages.includes(rule.language)) continue;
    const pattern = new RegExp(rule.pattern.source, `${rule.pattern.flags.replace('g', '')}g`);
    for (const match of folded.matchAll(pattern)) {
      const start = match.index;
      if (rule.negatable && NEGATION[rule.language].test(folded.slice(Math.max(0, start - 24), start))) continue;
      found.set(rule.signal, text.slice(start, start + match[0].length));
      break;
    }
  }
  return [...found].map(([signal, cue]) => ({ signal, cue }));
};

/**
 * The escalation signals in a customer's message (see SIGNALS.md), without the cues. The
 * keyword stand-in for the language module's detector.
 */
export const detectSignals = (text: string, language?: string | null): EscalationSignal[] =>
  explainSignals(text, language).map((match) => match.signal);
