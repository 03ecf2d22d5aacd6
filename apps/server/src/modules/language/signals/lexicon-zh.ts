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
];
