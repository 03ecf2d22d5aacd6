import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EscalationSignal } from '@redress/contract';
import type { TextLanguage } from '../../../shared/text/detect-language.ts';
import { detectSignals as detect } from './signals.ts';

const detectSignals = (text: string, language?: TextLanguage) => detect(text, { language }).map((hit) => hit.kind);
const explainSignals = (text: string) => detect(text).map((hit) => ({ signal: hit.kind, cue: hit.evidence }));

const has = (text: string, signal: EscalationSignal, language?: TextLanguage) =>
  assert.ok(
    detectSignals(text, language).includes(signal),
    `${signal} expected in: ${text} → ${detectSignals(text, language).join(',')}`,
  );
const lacks = (text: string, signal: EscalationSignal, language?: TextLanguage) =>
  assert.ok(!detectSignals(text, language).includes(signal), `${signal} not expected in: ${text}`);

describe('detectSignals (ported): the issue scenario', () => {
  it('hears a manager request and a regulator threat in Traditional Chinese', () => {
    assert.deepEqual(detectSignals('我要找你們經理,不然我就投訴到消保會', 'zh-TW'), [
      'manager_request',
      'regulator_threat',
    ]);
  });
  it('quotes the cue as the customer wrote it', () => {
    const cues = explainSignals('我要找你們經理,不然我就投訴到消保會');
    assert.deepEqual(cues, [
      { signal: 'manager_request', cue: '找你們經理' },
      { signal: 'regulator_threat', cue: '投訴到消保會' },
    ]);
  });
  it('reads Simplified alike', () => {
    assert.deepEqual(detectSignals('我要找你们经理,不然我就投诉到消保会', 'zh-CN'), [
      'manager_request',
      'regulator_threat',
    ]);
  });
});

describe('detectSignals (ported): English', () => {
  const cases: [string, EscalationSignal][] = [
    ['I am sick and tired of this', 'anger'],
    ['You are liars and cheats', 'insult'],
    ['This is a rip-off', 'insult'],
    ['Let me speak to your supervisor', 'manager_request'],
    ['I asked for a manager twice', 'manager_request'],
    ["I'll post this everywhere on social media", 'media_threat'],
    ['I have filed a complaint with the CFPB', 'regulator_threat'],
    ['I contacted the attorney general', 'regulator_threat'],
    ['My lawyer will be in touch', 'legal_threat'],
    ['I will sue you in small claims', 'legal_threat'],
    ['I want my money back', 'refund_demand'],
    ['Please send a replacement', 'replacement_demand'],
    ['I expect compensation for my losses', 'compensation_demand'],
    ['I have called 5 times and it is still not fixed', 'repeat_contact'],
    ['We got food poisoning after dinner', 'safety_risk'],
    ['The brakes failed on the motorway', 'safety_risk'],
    ['Never again. I am closing my account', 'churn_threat'],
    ['I need this fixed ASAP', 'urgency'],
  ];
  for (const [text, signal] of cases) it(`${signal}: ${text}`, () => has(text, signal, 'en'));

  it('ignores the same words in another role', () => {
    lacks('My manager at work said I should write to you', 'manager_request');
    lacks('I need to talk to my manager before I decide', 'manager_request');
    lacks('The company sued me last year over a different matter', 'legal_threat');
    lacks('I was expecting a tax refund deposit', 'refund_demand');
    lacks('The attorney general is not involved', 'legal_threat');
  });
  it('does not count a negated demand', () => {
    lacks("I don't want a refund, just an apology", 'refund_demand');
    lacks('I am not asking for compensation', 'compensation_demand');
  });
  it('does not take mere dissatisfaction for anger', () => {
    assert.deepEqual(detectSignals('I am disappointed with the delivery time', 'en'), []);
  });
  it('does not mistake being sick and tired for illness', () => {
    lacks('I am sick and tired of waiting', 'safety_risk');
  });
});

describe('detectSignals (ported): Chinese (Traditional, Simplified, Cantonese)', () => {
  const cases: [string, EscalationSignal][] = [
    ['你們是騙子', 'insult'],
    ['你们是骗子', 'insult'],
    ['真是坑人', 'insult'],
    ['氣死我了', 'anger'],
    ['我要找你们经理', 'manager_request'],
    ['叫你們主管出來', 'manager_request'],
    ['我要搵你哋經理', 'manager_request'],
    ['我會在網上曝光你們', 'media_threat'],
    ['我要发微博让大家都知道', 'media_threat'],
    ['我已经打了12315', 'regulator_threat'],
    ['我去消委會投訴', 'regulator_threat'],
    ['我会请律师发律师函', 'legal_threat'],
    ['我要提告', 'legal_threat'],
    ['我要告你哋', 'legal_threat'],
    ['我要求退款', 'refund_demand'],
    ['即刻退錢', 'refund_demand'],
    ['我要退車', 'replacement_demand'],
    ['要求换货', 'replacement_demand'],
    ['你們要賠償我的損失', 'compensation_demand'],
    ['这是我第三次打电话了', 'repeat_contact'],
    ['打了好幾次都沒有人處理', 'repeat_contact'],
    ['吃完以后拉肚子', 'safety_risk'],
    ['充電器起火了', 'safety_risk'],
    ['我再也不会来了', 'churn_threat'],
    ['以後唔會再嚟', 'churn_threat'],
    ['请马上处理', 'urgency'],
  ];
  for (const [text, signal] of cases) it(`${signal}: ${text}`, () => has(text, signal));

  it('ignores look-alikes', () => {
    lacks('我告诉你们我的地址变了', 'legal_threat');
    lacks('我们经理说这个月要加班', 'manager_request');
    lacks('我的主管叫我下午再打来', 'manager_request');
    lacks('订单号3150023', 'regulator_threat');
  });
  it('does not count a negated demand', () => {
    lacks('我不要退款,只想要一个解释', 'refund_demand');
  });
});

describe('detectSignals (ported): Thai', () => {
  const cases: [string, EscalationSignal][] = [
    ['อารมณ์เสียมาก', 'anger'],
    ['ร้านนี้โกงลูกค้า', 'insult'],
    ['ขอคุยกับหัวหน้าหน่อย', 'manager_request'],
    ['จะบอกต่อให้ทุกคนรู้', 'media_threat'],
    ['จะไปร้องเรียน สคบ.', 'regulator_threat'],
    ['จะฟ้องศาล', 'legal_threat'],
    ['ต้องการคืนเงิน', 'refund_demand'],
    ['ขอเปลี่ยนสินค้าใหม่', 'replacement_demand'],
    ['ต้องการค่าชดเชย', 'compensation_demand'],
    ['โทรไปหลายรอบแล้ว', 'repeat_contact'],
    ['กินแล้วท้องเสีย', 'safety_risk'],
    ['จะย้ายค่ายแล้ว', 'churn_threat'],
    ['เรื่องด่วนมาก', 'urgency'],
  ];
  for (const [text, signal] of cases) it(`${signal}: ${text}`, () => has(text, signal, 'th'));

  it('does not hear urgency in the expressway', () => {
    lacks('รถติดบนทางด่วนนานมาก', 'urgency', 'th');
  });
  it('does not count a negated refund', () => {
    lacks('ไม่ต้องคืนเงินครับ', 'refund_demand', 'th');
  });
});

describe('detectSignals (ported): the same words without a threat (false positives that would climb a case)', () => {
  const quiet: [TextLanguage, string, EscalationSignal][] = [
    ['zh-CN', '我在微博上看到你们的广告', 'media_threat'],
    ['zh-CN', '请问你们公开营业时间是什么', 'media_threat'],
    ['zh-CN', '我老公是警察', 'regulator_threat'],
    ['zh-CN', '公司起诉了我', 'legal_threat'],
    ['zh-CN', '去医院看朋友的时候顺便买的', 'safety_risk'],
    ['zh-CN', '我不会报警的，只想解决问题', 'regulator_threat'],
    ['en', 'My husband is a lawyer and he says this is fine', 'legal_threat'],
    ['en', 'The police station branch was closed', 'regulator_threat'],
    ['en', 'Please do not post this publicly', 'media_threat'],
    ['en', 'I am a reporter for a local paper writing about your new store', 'media_threat'],
    ['en', 'Still waiting for my order, thanks', 'repeat_contact'],
    ['en', 'I am not asking for a refund, just an apology', 'refund_demand'],
    ['en', 'I do not really want a replacement', 'replacement_demand'],
    ['th', 'ผมเป็นตำรวจ', 'regulator_threat'],
    ['th', 'โพสต์นี้ของร้านสวยมาก', 'media_threat'],
  ];
  for (const [language, text, signal] of quiet) it(`no ${signal}: ${text}`, () => lacks(text, signal, language));

  it('still hears the threat when the customer makes it', () => {
    has('我在微博上看到你们的广告，我要发微博曝光你们', 'media_threat', 'zh-CN');
    has('不然就曝光你们', 'media_threat', 'zh-CN');
    has('我要报警', 'regulator_threat', 'zh-CN');
    has('我要找律师告你们', 'legal_threat', 'zh-CN');
    has('我要起诉你们', 'legal_threat', 'zh-CN');
    has('我吃了以后拉肚子，住院了', 'safety_risk', 'zh-CN');
    has('My lawyer will contact you', 'legal_threat', 'en');
    has('I am going to hire a lawyer', 'legal_threat', 'en');
    has('I have reported this to the police', 'regulator_threat', 'en');
    has('I will call the police', 'regulator_threat', 'en');
    has('I will post this on Facebook and leave a one-star review', 'media_threat', 'en');
    has('I am going to contact the press', 'media_threat', 'en');
    has('I have not received my refund', 'refund_demand', 'en');
    has('จะแจ้งตำรวจ', 'regulator_threat', 'th');
    has('จะโพสต์ลงเฟส', 'media_threat', 'th');
  });
});

describe('detectSignals (ported): shape', () => {
  it('reports each signal once, in vocabulary order, and nothing for empty text', () => {
    assert.deepEqual(detectSignals('退款!退款!我要退款,马上!'), ['refund_demand', 'urgency']);
    assert.deepEqual(detectSignals(''), []);
  });
  it('narrows rules to the given language but keeps English', () => {
    assert.deepEqual(detectSignals('ขอคุยกับหัวหน้า', 'zh-TW'), []);
    assert.ok(detectSignals('我已经投诉到CFPB', 'zh-CN').includes('regulator_threat'));
  });
  it('folds full-width digits and quotes them as written', () => {
    const text = '我們撥打了１２３１５ ABC';
    const hit = detect(text).find((h) => h.kind === 'regulator_threat');
    assert.equal(hit?.evidence, '１２３１５');
    assert.equal(text.slice(hit.start, hit.end), '１２３１５');
  });
});
