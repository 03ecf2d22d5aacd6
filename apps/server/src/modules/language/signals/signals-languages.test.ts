import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EscalationSignal } from '@redress/contract';
import type { TextLanguage } from '../../../shared/text/detect-language.ts';
import { compileLexicon, type LexiconEntry } from './lexicon.ts';
import { detectSignals } from './signals.ts';

/** Small labelled fixtures per language: the signals a message carries, exactly. */
const kinds = (text: string, language?: TextLanguage): EscalationSignal[] =>
  detectSignals(text, { language }).map((hit) => hit.kind);

const labelled: [TextLanguage, string, EscalationSignal[]][] = [
  // English
  ['en', 'Please refund me immediately or I will call my lawyer', ['legal_threat', 'refund_demand', 'urgency']],
  ['en', 'I will never use your service again', ['churn_threat']],
  ['en', 'I will post a review on Yelp about this', ['media_threat']],
  ['en', 'He was hospitalized after eating your salad', ['safety_risk']],
  [
    'en',
    'This is the second time I have called: my order was wrong and I want a replacement',
    ['replacement_demand', 'repeat_contact'],
  ],
  ['en', 'I am disappointed and not happy with the service', []],
  // A fault that happened again is not a contact made again.
  ['en', 'This is the second time my order was wrong', []],
  ['en', 'My manager at work said I should complain', []],
  ['en', 'The company sued me last year', []],
  ['en', 'I got a tax refund last week', []],
  ['en', 'Can you tell me your refund policy?', []],
  ['en', 'I saw a review on Yelp', []],
  // Simplified
  [
    'zh-CN',
    '我上个月买的手机坏了，打了好几次电话都没人处理，我要退货退款，不然就投诉到12315',
    ['regulator_threat', 'refund_demand', 'replacement_demand', 'repeat_contact'],
  ],
  ['zh-CN', '我已经打了三次电话，还是没有人处理，我要求赔偿', ['compensation_demand', 'repeat_contact']],
  ['zh-CN', '我对这次服务很失望', []],
  ['zh-CN', '我想更换收货地址', []],
  ['zh-CN', '请告诉我订单状态', []],
  ['zh-CN', '我要看你们的广告', []],
  // Traditional (Taiwan)
  ['zh-TW', '你們的客服態度很差，我要找你們經理，否則我會在網上曝光你們', ['manager_request', 'media_threat']],
  ['zh-TW', '我已經打了三次電話，還是沒有人處理，我要求賠償', ['compensation_demand', 'repeat_contact']],
  ['zh-TW', '我對服務不太滿意', []],
  // Hong Kong Cantonese (written in Traditional)
  ['zh-TW', '我好嬲呀，你哋啲客服真係廢', ['anger']],
  ['zh-TW', '我要搵你哋經理出嚟講', ['manager_request']],
  ['zh-TW', '唔該即刻退返錢俾我', ['refund_demand', 'urgency']],
  ['zh-TW', '打咗幾次電話都冇人理', ['repeat_contact']],
  ['zh-TW', '我會放上連登', ['media_threat']],
  ['zh-TW', '我唔會再幫襯你哋', ['churn_threat']],
  ['zh-TW', '食完之後肚痛，仲要入院', ['safety_risk']],
  ['zh-TW', '我要告你哋上小額錢債審裁處', ['legal_threat']],
  ['zh-TW', '我唔要退錢，淨係想要個解釋', []],
  // Thai
  ['th', 'ผมจะโพสต์ลงพันทิปให้คนรู้', ['media_threat']],
  ['th', 'ขอให้ส่งด่วนได้ไหม', ['urgency']],
  [
    'th',
    'สั่งของไปสองอาทิตย์แล้ว โทรไปหลายรอบแล้ว ขอเงินคืนด่วน ไม่งั้นจะแจ้ง สคบ.',
    ['regulator_threat', 'refund_demand', 'repeat_contact', 'urgency'],
  ],
  ['th', 'ไม่ได้ต้องการเงินคืน แค่อยากให้แก้ไข', []],
  ['th', 'ไม่ต้องการค่าชดเชย', []],
  ['th', 'อ่านรีวิวแล้วเลยมาซื้อ', []],
  ['th', 'รถติดบนทางด่วน ส่งของช้า', []],
  ['th', 'ฉันไม่พอใจกับบริการ', []],
];

describe('detectSignals: labelled messages in four languages', () => {
  for (const [language, text, expected] of labelled) {
    it(`${language}: ${text}`, () => assert.deepEqual(kinds(text, language), expected));
  }
});

describe('detectSignals: Traditional, Simplified and Hong Kong forms are one vocabulary', () => {
  const pairs: [string, string][] = [
    ['你們是騙子', '你们是骗子'],
    ['我要找你們經理', '我要找你们经理'],
    ['我會請律師發律師函', '我会请律师发律师函'],
    ['吃完以後拉肚子，送到醫院', '吃完以后拉肚子，送到医院'],
    ['再也不會來了，馬上處理', '再也不会来了，马上处理'],
    ['我要求換貨，還要賠償', '我要求换货，还要赔偿'],
  ];
  for (const [traditional, simplified] of pairs) {
    it(`${traditional} = ${simplified}`, () => {
      const a = detectSignals(traditional, { language: 'zh-TW' });
      const b = detectSignals(simplified, { language: 'zh-CN' });
      assert.ok(a.length > 0);
      assert.deepEqual(
        a.map((h) => [h.kind, h.start, h.end, h.confidence]),
        b.map((h) => [h.kind, h.start, h.end, h.confidence]),
      );
      // Each quotes its own text.
      for (const hit of a) assert.equal(hit.evidence, traditional.slice(hit.start, hit.end));
    });
  }
  it('reads full-width letters and mixed scripts alike', () => {
    assert.deepEqual(kinds('ＡＳＡＰ！我已經投訴到ＣＦＰＢ'), ['regulator_threat', 'urgency']);
  });
});

describe('detectSignals: sentences from complaint-handling articles', () => {
  it('hears the customer who calls the company liars', () => {
    assert.deepEqual(kinds('你們是騙子?', 'zh-TW'), ['insult']);
  });
  it('hears an injury', () => {
    assert.deepEqual(kinds('客户来维修事故车辆，并且已经受到了一些人身伤害', 'zh-CN'), ['safety_risk']);
  });
  it('does not hear threats in narration or in the agent’s ritual apology', () => {
    const quiet: [TextLanguage, string][] = [
      ['zh-TW', '你上次答應我要在1/4交出的報告,為何到1/6我還沒收到?'],
      ['zh-TW', '是客戶難搞?還是部門主管反應慢?'],
      ['zh-CN', '很抱歉，给您带来不便'],
      ['zh-CN', '近期，西安奔驰女车主维权事件成为热搜'],
      ['zh-CN', '西安市市场监管局、工商局、消费者权益保护协会、税务局都参与到事件的调查与解决之中'],
      ['zh-CN', '而这次遇到问题的曝光迅速得到媒体热追'],
      ['th', 'การบริการลูกค้าสามัญสำนึก!'],
    ];
    for (const [language, text] of quiet) assert.deepEqual(kinds(text, language), [], text);
  });
});

describe('detectSignals: evidence and confidence', () => {
  it('quotes every hit from the original text at its span', () => {
    for (const [language, text] of labelled) {
      for (const hit of detectSignals(text, { language })) {
        assert.equal(text.slice(hit.start, hit.end), hit.evidence, text);
        assert.ok(hit.confidence > 0 && hit.confidence < 1);
      }
    }
  });
  it('is surer of an explicit first-person threat than of the bare words', () => {
    const sure = (text: string, kind: EscalationSignal) =>
      detectSignals(text).find((h) => h.kind === kind)?.confidence ?? 0;
    assert.ok(sure('我要曝光你们', 'media_threat') > sure('曝光你们', 'media_threat'));
    assert.ok(sure('I will call the police', 'regulator_threat') > sure('a police report', 'regulator_threat'));
    assert.ok(sure('ผมจะฟ้อง', 'legal_threat') > sure('ฟ้อง', 'legal_threat'));
  });
  it('keeps the strongest cue as evidence and grows surer with independent cues', () => {
    const one = detectSignals('I want my money back').find((h) => h.kind === 'refund_demand');
    const two = detectSignals('I want my money back, a full chargeback if need be').find(
      (h) => h.kind === 'refund_demand',
    );
    assert.ok(one && two && two.confidence > one.confidence);
    assert.equal(two.evidence, 'money back');
  });
  it('narrows rules to the message language (English always included)', () => {
    assert.deepEqual(kinds('ขอเงินคืน', 'en'), []);
    assert.deepEqual(kinds('ขอเงินคืน refund', 'zh-CN'), ['refund_demand']);
  });
});

describe('compileLexicon: an organisation’s own entries', () => {
  const entry = (overrides: Partial<LexiconEntry> & Pick<LexiconEntry, 'signal' | 'text'>): LexiconEntry => ({
    id: `lex_${overrides.text}`,
    language: 'en',
    kind: 'phrase',
    negatable: true,
    confidence: 0.8,
    source: 'admin',
    ...overrides,
  });

  it('adds to the built-in rules; a Traditional phrase also matches Simplified text', () => {
    const lexicon = compileLexicon([entry({ signal: 'media_threat', language: 'zh', text: '放上討論區' })]);
    assert.deepEqual(
      detectSignals('我会放上讨论区，你们是骗子', { lexicon }).map((h) => [h.kind, h.evidence]),
      [
        ['insult', '骗子'],
        ['media_threat', '放上讨论区'],
      ],
    );
  });
  it('holds English phrases to word boundaries and folds case and spaces', () => {
    const lexicon = compileLexicon([entry({ signal: 'churn_threat', text: 'port  my number' })], { builtIn: false });
    assert.deepEqual(kinds2('I will PORT MY\nNUMBER today', lexicon), ['churn_threat']);
    assert.deepEqual(kinds2('support my numbers', lexicon), []);
  });
  it('reports entries matching at the same place, and counts capture groups in patterns', () => {
    const lexicon = compileLexicon(
      [
        entry({ signal: 'anger', kind: 'pattern', text: '(fed) (up)' }),
        entry({ signal: 'urgency', kind: 'pattern', text: 'fed up (now|today)' }),
        entry({ signal: 'insult', text: 'clowns' }),
      ],
      { builtIn: false },
    );
    assert.deepEqual(kinds2('fed up today, clowns', lexicon), ['anger', 'insult', 'urgency']);
  });
  it('lets a negation cancel a negatable entry only', () => {
    const negatable = compileLexicon([entry({ signal: 'refund_demand', text: 'store credit' })], { builtIn: false });
    const firm = compileLexicon([entry({ signal: 'refund_demand', text: 'store credit', negatable: false })], {
      builtIn: false,
    });
    assert.deepEqual(kinds2('I do not want store credit', negatable), []);
    assert.deepEqual(kinds2('I do not want store credit', firm), ['refund_demand']);
  });
  it('never reports an empty match', () => {
    const lexicon = compileLexicon([entry({ signal: 'anger', kind: 'pattern', text: '(?=x)' })], { builtIn: false });
    assert.deepEqual(kinds2('xxx', lexicon), []);
  });
});

const kinds2 = (text: string, lexicon: ReturnType<typeof compileLexicon>): EscalationSignal[] =>
  detectSignals(text, { lexicon }).map((hit) => hit.kind);
