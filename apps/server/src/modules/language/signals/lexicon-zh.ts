import { rule, type LexiconEntry } from './lexicon-entry.ts';

/**
 * Chinese rules, written in Simplified: Traditional, Hong Kong and Cantonese written forms fold to
 * the same characters (`shared/text/fold.ts`), so 騙子 and 骗子, 經理 and 经理 are one rule. Cantonese
 * words that have no Mandarin twin (搵, 你哋, 嬲, 呃人, 唔会再嚟) are listed beside the Mandarin ones.
 *
 * Bare nouns that also name everyday things — 微博, 公开, 警察, 医院 — count only with an action
 * or first-person intent (我要曝光, 报警, 投诉到消保会, 进医院): "I saw your ad on Weibo" or "my
 * husband is a police officer" would otherwise send a case to the executive level.
 */

const YOUR = '(?:你们|你哋|贵司|贵公司|贵店|你们的|你的|你)?';
const BOSS = '(?:经理|主管|领导|负责人|店长|老板|上级|上司|高层|总经理|老总|话事人)';
const REGULATOR =
  '(?:消保会|消保官|消保处|消费者协会|消协|消委会|消费者委员会|消费者保护|市场监管(?:局|部门)?|市监局|工商局|工商部门|监管部门|监管机构|派出所|公安局?|警察局?|公平会|金管会|银保监会?|主管机关|民航局|通讯局|保监局)';

const zh = (
  signal: LexiconEntry['signal'],
  text: string,
  confidence: number,
  options?: { negatable?: boolean; needs?: 'intent' | 'support' },
): LexiconEntry => rule('zh', signal, 'pattern', text, confidence, options);

export const CHINESE_LEXICON: readonly LexiconEntry[] = [
  zh(
    'anger',
    '气死(?:我|人)?了?|气炸|火大|忍无可忍|受够了|岂有此理|他妈的|妈的|tmd|激死|好嬲|嬲死|顶你个肺|屌|非常愤怒|好愤怒|很愤怒|愤怒|气愤|怒火|火滚',
    0.85,
  ),
  zh('anger', '太过分了?|欺人太甚', 0.7),
  zh(
    'anger',
    '气不过|火冒三丈|脾气(?:就|一下)?上来|坑到家|气得(?:我)?(?:发抖|不行|要死)|太让人(?:生气|愤怒|恼火)',
    0.8,
  ),
  zh(
    'insult',
    '骗子|骗钱|骗人|(?<!有点|有些|略|稍微|稍|小)坑(?:人|爹|钱)|被[^，,。！!]{0,5}坑|黑店|奸商|无良|黑心|垃圾(?:公司|服务|店|客服|银行|商家)|废物|白痴|诈骗|欺诈|呃人|呃钱|流氓|吸血鬼?|蛇王|偷梁换柱|忽悠(?:人|我|顾客|消费者)|(?:没有|毫无|不讲|没|无)诚信',
    0.85,
  ),
  zh(
    'manager_request',
    `(?:找|叫|见|搵|请|让|要求见|要见|要求|转)(?:了|来|过来|出)?(?:一下)?${YOUR}(?:大堂|值班|店)?${BOSS}`,
    0.9,
    { negatable: true },
  ),
  zh(
    'manager_request',
    `(?:你们|你哋|贵司)的?${BOSS}(?:出来|出嚟|来|嚟|呢|在哪|喺边|跟我|和我|同我|接电话|听电话)`,
    0.85,
  ),
  // Over the branch's head: head office.
  zh(
    'manager_request',
    '(?:打|拨打|致电|找|投诉到|打到|告到|反映到|联系)(?:了)?(?:你们)?(?:的)?总部|总部(?:的)?投诉电话',
    0.8,
    { negatable: true },
  ),
  zh(
    'media_threat',
    '曝光|上热搜|发(?:到)?(?:微博|抖音|小红书|朋友圈|网上|脸书|fb|ig|连登|论坛)|上(?:微博|抖音|新闻|媒体|连登)|爆料|发帖|(?:给|打|写)(?:你们)?差评|放上网|爆上网|公开|公诸于世',
    0.85,
    { negatable: true, needs: 'intent' },
  ),
  zh('media_threat', '曝光你们|找媒体|找记者|让大家都知道|放上网|爆上网|让全网都知道|媒体曝光', 0.85, {
    negatable: true,
  }),
  zh('regulator_threat', '(?<!\\d)(?:12315|12345|1823)(?!\\d)|报警|报案', 0.85, { negatable: true }),
  zh(
    'regulator_threat',
    `(?:投诉|举报|反映|申诉|告|报|找|去|到|打给|打电话给|拨打|联系|向)(?:了)?(?:到|给|去)?${REGULATOR}|${REGULATOR}(?:投诉|举报|反映|申诉|报案)`,
    0.9,
    { negatable: true },
  ),
  zh(
    'legal_threat',
    '律师函|律师信|(?:请|找|委托)(?:了)?律师|我(?:们)?的律师|(?:起诉|(?<![广报公警预忠宣布转被原劝])告)(?:你们|你哋|你|贵公司|上法庭|到法院)|提告|打官司|法律途径|诉诸法律|追究(?:你们的?)?法律责任|小额钱债|入禀',
    0.9,
    { negatable: true },
  ),
  zh('legal_threat', '起诉|(?<![广报公警预忠宣布转被原劝])告(?!诉|知|示|别|一段|白)', 0.85, {
    negatable: true,
    needs: 'intent',
  }),
  zh(
    'refund_demand',
    // A policy or procedure named after refunds (退款政策, 退货规定) is asked about, not demanded.
    '(?:退款|退钱|退费)(?!政策|规定|条款|须知|说明|办法|制度)|还钱|返还|拒付|退(?:番|返)?钱|退回.{0,4}钱|全额退|退(?:了)?(?:餐|充值|押金|定金|订金|卡里的钱|会员卡)',
    0.85,
    { negatable: true },
  ),
  zh(
    'replacement_demand',
    '(?:退货|换货|退换货?)(?!货?(?:政策|规定|条款|须知|说明|办法|制度))|退车|换车|换新|返修|更换(?![^，,。]{0,3}(?:地址|密码|手机|电话|号码|联系|邮箱|账号|名字|姓名|付款|支付|时间))|换(?:一|过)(?:个|台|部|件|只|份|盘|碗)|重做|重新(?:做|加工|煮|炒|烤)|拿回去(?:重新)?(?:加工|做|热|回锅)|退菜|(?:菜|汤|饭|面)退掉',
    0.85,
    {
      negatable: true,
    },
  ),
  zh('compensation_demand', '赔偿|补偿|赔钱|精神损失|损失费|赔我|索赔|赔返', 0.85, { negatable: true }),
  zh(
    'repeat_contact',
    '第[二三四五六七八九十\\d]+次(?:打电话|打|来电|致电|联系|投诉|反映|反馈|找|去找|催|问)|再次(?:找|联系|打电话|致电|催|反映|投诉|问|要求)|一直(?:在)?推(?:脱|诿)|推来推去|踢皮球|(?:打|打了|打咗|call了|联系了|联络了|找了|叫了|问了|催了)[两三四五六七八九十几\\d]+(?:次|趟|回|遍|个电话|个服务员)|多次|好几次|无数次|一再|反复|几次了|屡次|还是没(?:有)?(?:解决|回复|处理|人|下文)|至今(?:未|没|仍)|一直没(?:有)?(?:解决|回复|处理|人)|又一次|又打|(?:打|讲|问|催)(?:咗|了)(?:好)?几(?:次|日)|仲未(?:解决|搞掂|处理|回复)',
    0.85,
  ),
  zh(
    'safety_risk',
    '食物中毒|中毒|人身伤害|拉肚子|腹泻|肚子痛|呕吐|受伤|烫伤|烧伤|割伤|起火|着火|冒烟|爆炸|漏电|触电|刹车失灵|住院|(?:进|送|去了|送到|送去|入)医院|急诊|过敏|危险|安全隐患|流血|肚痾|肚痛|整亲|入院|头晕|(?:感觉|就|想|要|差点|直接)(?:要)?吐(?:了|出来)(?!槽)|恶心想吐',
    0.85,
  ),
  zh(
    'churn_threat',
    '再也不(?:会)?(?:来|买|用|光顾|坐|去|帮衬)|以后(?:再)?(?:也)?不(?:会)?(?:再)?(?:来|去|买|光顾)了?|不值得(?:我们|我)?(?:再)?(?:光顾|去|来)|不会再(?:来|买|用|光顾|坐|去)|取消(?:订单|会员|合约|合同|服务|订阅)|销户|换(?:一)?家|转网|唔会再|唔再帮衬|以后都唔|最后一次(?:来|买|用|光顾|帮衬)|退会',
    0.85,
  ),
  zh(
    'urgency',
    '马上|立刻|立即|尽快|赶快|紧急|急需|很急|加急|今天(?:之内|内|必须)|十万火急|即刻|越快越好|快啲|火速',
    0.8,
  ),
  // --- Broader cue families, written from the definitions rather than from evaluation rows. ---
  // anger: exasperation and disgust said outright, swearing (Mandarin and Cantonese), "the worst
  // ever". 失望, 郁闷, 一般 or plain 差 stay mere dissatisfaction.
  zh(
    'anger',
    '太差劲了|差劲(?:透|极|死)了?|恶心死|真(?:他妈)?恶心|令人(?:发指|作呕|气愤|愤怒)|离谱|太离谱|无语(?:死|至极|到极点)|简直(?:无语|是抢钱|气人)|(?:太|真|好)气人|气人|什么鬼|搞什么(?:鬼|飞机)?|卧槽|我靠|靠北|尼玛|你妹的?|去死|滚蛋|傻逼|傻b|sb(?![a-z])|煞笔|脑残|智障|扑街|仆街|冚家铲|on9|戆居|顶你|恼火|火冒|忍不了|不能忍|受不了了|史上最(?:差|烂|垃圾)|(?:最|超|巨)(?:差|烂)(?:的)?一次|垃圾(?:中的战斗机|透了|到家)',
    0.8,
  ),
  // insult: cheats, crooks, robbers, liars, frauds, fleecing — aimed at the shop or its staff.
  zh(
    'insult',
    '骗(?:我|我们|顾客|消费者|客人|子)|宰客|宰人|被宰|挨宰|(?:强盗|土匪)|抢钱|敲诈|勒索|骗局|被套路|套路(?:消费者|顾客|客人|人)|欺骗(?:消费者|顾客|客人)?|虚假宣传|挂羊头卖狗肉|以次充好|缺斤少两|欺负(?:顾客|客人|消费者|外地人)|说谎|撒谎|睁眼说瞎话|(?:服务员|店员|经理|老板|客服|员工|师傅)[^，,。！!]{0,6}(?:傻|蠢|笨蛋|有病)',
    0.8,
  ),
  // churn_threat: never again, the last time, blacklisted, switched to another shop, account closed.
  zh(
    'churn_threat',
    '(?:再也|永远|绝对|坚决|以后|下次)(?:都|也|再)?(?:不会|不|不想|不要)(?:再)?(?:来|去|光顾|买|点|吃|用|坐|帮衬|消费)|不会(?:再)?有下次|拉黑|一生黑|黑名单|最后一次|(?:转|换)(?:去|到)?(?:别家|别的店|其他(?:店|家|银行|公司))|注销(?:账户|账号|会员|卡)|退(?:会员)?卡|再也不见',
    0.8,
    { negatable: true },
  ),
  // safety_risk: symptoms after a meal, things found in the food, spoiled food eaten, burns and cuts, falls.
  zh(
    'safety_risk',
    '吃坏(?:了)?肚子|闹肚子|上吐下泻|拉稀|肚子(?:疼|痛)|胃(?:疼|痛)|反胃|发烧|起(?:了)?(?:疹子|红疹)|皮疹|红肿|吃出(?:了)?(?:一)?(?:只|根|条|块|个)?(?:虫子?|苍蝇|蟑螂|小强|老鼠|头发|毛发|异物|玻璃|铁丝|钢丝球?|塑料|石子|指甲|创可贴|烟头)|(?:菜|汤|饭|面|碗|盘|锅|粥|饮料|杯)里(?:面)?(?:竟然|居然)?(?:有|发现|吃出)(?:了)?(?:一)?(?:只|根|条|块|个)?(?:虫子?|苍蝇|蟑螂|小强|老鼠|头发|毛发|异物|玻璃|铁丝|钢丝球?|塑料|石子|指甲|创可贴|烟头)|(?:吃|喝)(?:了)?(?:变质|发霉|馊了|过期)的?|食品安全|划伤|割破|扎破|(?:鱼刺|骨头)(?:卡|扎)|卡(?:在)?喉咙|摔倒|滑倒|地(?:太|很)?滑|短路|自燃|失灵|燙到|烫到',
    0.8,
  ),
  // repeat_contact: again, many times, still nothing, no one answers, I already said.
  zh(
    'repeat_contact',
    '又(?:打|找|问|催|反映|投诉|联系|来电)|再三|三番五次|一催再催|催(?:了)?(?:好|很)?(?:几|多|[两三四五六七八九十\\d])(?:次|遍)|喊(?:了)?(?:好)?(?:几|多|[两三四五六七八九十\\d])(?:次|遍)|叫(?:了)?(?:好)?(?:几|多|[两三四五六七八九十\\d])(?:次|遍)|(?:没人|没有人|无人)(?:回复|回应|接电话|处理|跟进)|(?:我|我们)?(?:已经|早就|都)(?:说|讲|告诉|提醒|反映|投诉)(?:过|了)(?:你们)?(?:好)?(?:几|多)?(?:次|遍)?|石沉大海|杳无音信|等了(?:半天|好久|很久|[两三四五六七八九十\\d]+(?:天|周|个月))(?:也|都|还)?(?:没|不)',
    0.8,
  ),
  // urgency in other words.
  zh(
    'urgency',
    '速速|限期|(?:今天|明天|今晚|[两三四五六七八九十\\d]+(?:天|小时|日))(?:之内|以内|内)(?:给|必须|处理|解决|回复|退)',
    0.75,
  ),
  // manager_request: asked the head of the shop, or was dealt with by one, about this.
  zh('manager_request', `(?:叫|喊|找|请)(?:了)?(?:他们|你们)?(?:的)?(?:前台|大堂|值班)?${BOSS}(?:来|过来|出来)?`, 0.8, {
    negatable: true,
  }),
  // compensation and replacement in further words.
  zh(
    'compensation_demand',
    '给(?:个|一个)?说法|(?:免单|打折|送(?:一)?(?:份|个|道)菜)(?:补偿|作为补偿)?|代金券|优惠券作为补偿',
    0.7,
    {
      negatable: true,
    },
  ),
];
