import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, kinds } from './signals-check.ts';
import { findShouting } from './shouting.ts';

// Rule classes read from the definitions in SIGNALS.md, each with hard negatives: sentences
// written for these tests, not taken from any evaluation set.

describe('English: repeat contact told as a story', () => {
  check(
    'en',
    'repeat_contact',
    [
      'I have made several attempts to get the late mark corrected.',
      'I disputed the balance with the bureau in March and it is still reporting as unpaid.',
      'We contacted the lender two weeks ago about the fee but they have not responded.',
      'I call every week and I never get a call back.',
      'The agent said someone would call me by Monday but they never did.',
      'Calls were made 4 times to the branch about the charge.',
      'I wrote to them again, asking for the statement.',
      'I sent a second letter after the first one was ignored.',
      'The store was notified repeatedly about the wrong address.',
      'Still waiting on the ticket I submitted 3 weeks ago.',
    ],
    [
      'The collector called me 2 times today.',
      'I keep receiving numerous calls from a number I do not know.',
      'My flight was delayed 3 times this year.',
      'I called once and they fixed it the same day.',
    ],
  );
});

describe('English: anger said outright or shouted', () => {
  check(
    'en',
    'anger',
    [
      'Three hours on the tarmac. This is insane!!',
      'Honestly the worst customer service I have ever had.',
      'The absolute worst bank in town.',
      'Shame on you for treating a child like that.',
      'THEY STILL HAVE NOT CALLED!!!',
      'I waited all day. UNACCEPTABLE!!',
    ],
    [
      'The service was disappointing and slow.',
      'THANK YOU SO MUCH!!',
      'I am not happy with the delay.',
      'XXXX XXXX sent me a letter!!',
    ],
  );
  it('quotes the shout from the original text', () => {
    const text = 'We waited. STILL NO RESPONSE!!! Please help.';
    const span = findShouting(text);
    assert.ok(span);
    assert.equal(text.slice(span.start, span.end), 'STILL NO RESPONSE!!!');
  });
});

describe('English: insults, churn, supervisors', () => {
  check(
    'en',
    'insult',
    ['That is fraud, plain and simple.', 'Your agents kept lying to me.', 'They lied about the fee.'],
    ['A person online scammed me out of $300 and the bank will not help.', 'I was lying in bed when they called.'],
  );
  check(
    'en',
    'churn_threat',
    [
      'My flying with this airline is over.',
      'Time to look for another airline.',
      'I then cancelled the credit card because of the fees.',
      '#neverflyingthemagain',
    ],
    ['They say I did not call and cancel my subscription in time.', 'I want to cancel my order, not the account.'],
  );
  check(
    'en',
    'manager_request',
    [
      'I would like a supervisor to call me.',
      'I elevated this to corporate and nothing happened.',
      'Dear Executive Office,',
      'I spoke with a manager at the branch.',
    ],
    ['The gate supervisor let us board.', 'My manager at work said I should complain.'],
  );
});

describe('English: other roles and everyday words', () => {
  check(
    'en',
    'safety_risk',
    ['He was taken to the hospital after the heater exploded.', 'They do not maintain their planes.'],
    [
      'My sister went back to the hospital to use a computer.',
      'This late payment has hurt my credit score.',
      'My daughter was hospitalized last year and I lost my job.',
    ],
  );
  check(
    'en',
    'regulator_threat',
    ['I have filed a complaint with the Consumer Financial Protection Bureau.'],
    [
      'The lender asked me to send a police report for the identity theft.',
      'The company was served a consent order by the CFPB years ago.',
      'According to an FTC opinion letter, a printout is not proof.',
    ],
  );
  check(
    'en',
    'legal_threat',
    ['This is my final offer of settlement before litigation.', 'We will file a lawsuit if this is not fixed.'],
    ['The address on the lawsuit was an old one.', 'I am now being sued by the collector.'],
  );
  check(
    'en',
    'replacement_demand',
    ['Please send me a replacement.', 'They are not even replacing the broken case.'],
    [
      'I sent money in exchange for concert tickets.',
      'They booked another flight to replace the one we missed.',
      'The airline promised a replacement plane in an hour.',
    ],
  );
  check(
    'en',
    'refund_demand',
    ['I asked them to reverse the charges.'],
    ['My manager at work said the refund policy is strict.'],
  );
  check(
    'en',
    'urgency',
    ['Please close this account immediately.', 'I asked them to expedite the file.'],
    ['Right now I am in mediation with the bank.', 'Our family immediately started collecting donations.'],
  );
});

describe('Thai: weak profanity, churn, repeat contact, other roles', () => {
  check(
    'th',
    'anger',
    ['ไอ้ควาย ขับรถแบบนี้ได้ไง', 'รอสายมาชั่วโมงนึงแล้ว ว้อยยยยย', 'เน็ตหลุดอีกแล้ว แม่ง โกงเงินลูกค้าชัดๆ'],
    ['ร้านนี้คนแม่งเยอะสัสๆ', 'อิเหี้ย555555 ขำมาก'],
  );
  check(
    'th',
    'churn_threat',
    ['สั่งครั้งนี้ครั้งสุดท้ายแล้วค่ะ', 'ลาขาดกับร้านนี้', 'อยากยกเลิกซิมรายเดือนค่ะ', 'ขอยกเลิกเบอร์นี้ครับ'],
    ['ขอยกเลิก SMS รายเดือนค่ะ', 'ไม่ได้จะยกเลิกบริการนะคะ'],
  );
  check(
    'th',
    'repeat_contact',
    ['โทรไปแจ้งหลายรอบแล้วก็ยังไม่มีใครมาแก้', 'เครื่องนี้เคยส่งไปซ่อมแล้วครั้งนึง'],
    ['ใส่สบายมาก สั่งหลายรอบแล้ว', 'ทำโทรศัพท์หายอีกแล้ว'],
  );
  check('th', 'insult', ['พนักงานร้านนี้โง่มาก', 'บริษัทนี้สันดานเสีย'], ['ควายเอ๊ย เม้นอะไรของมึง', 'หลอกลวงป่าวเนี่ย']);
  check('th', 'legal_threat', ['ผมจะฟ้องบริษัทนี้'], ['บริษัทยังมาฟ้องลูกค้ากลับอีก']);
  check('th', 'safety_risk', ['กินแล้วต้องหามส่งโรงพยาบาล'], ['#โรงพยาบาลกรุงเทพ สู้ๆนะคะ']);
  check('th', 'urgency', ['ขอให้แก้ไขทันทีค่ะ'], ['รุ่นใหม่ออกมาก็ลอกแบบทันที']);
  check('th', 'refund_demand', ['ขอเงินคืนด้วยค่ะ'], ['สงสารจัง ขอให้ได้เงินคืนนะ']);
  check('th', 'replacement_demand', ['ขอเปลี่ยนใหม่ให้ด้วย'], ['ทางค่ายบอกว่าเปลี่ยนโปรให้ไม่ได้']);
});

describe('Chinese (both scripts): head office, softened 坑, visits versus contacts', () => {
  for (const language of ['zh-CN', 'zh-TW'] as const) {
    check(
      language,
      'repeat_contact',
      ['我再次联系客服，还是没人管', '他们一直推脱，说等通知', '找了三个服务员都没人理'],
      ['今天是第二次去吃，味道还是不错', '第二次来这家店了'],
    );
    check(language, 'manager_request', ['我直接打了总部投诉电话', '最后找了大堂经理'], ['经理人很好，推荐']);
    check(language, 'insult', ['这种没有诚信的商家', '被服务员坑了一把'], ['甜点有些坑爹，不过还行']);
    check(language, 'churn_threat', ['以后不会来了', '这样的店不值得我们光顾'], ['以后会常来的']);
    check(language, 'replacement_demand', ['猪排没烤熟，拿回去重做了'], ['重新装修过，环境不错']);
    check(language, 'anger', ['越想越气不过'], ['有点失望']);
    check(language, 'safety_risk', ['橙汁一股洗衣粉味，感觉要吐了'], ['忍不住吐槽一下上菜速度']);
  }
  it('reads Traditional script alike', () => {
    assert.ok(kinds('以後不會來了，沒有誠信的商家', 'zh-TW').includes('churn_threat'));
    assert.ok(kinds('以後不會來了，沒有誠信的商家', 'zh-TW').includes('insult'));
  });
});

describe('Chinese: a refund or return policy asked about is not a demand', () => {
  check(
    'zh-TW',
    'refund_demand',
    ['東西壞了，我要退款', '請馬上退款給我'],
    ['我的經理說退款政策寫在網站上，請問在哪裡看？', '请问退款规定是什么？'],
  );
  check('zh-CN', 'replacement_demand', ['这台坏了，我要退货'], ['你们的退货政策是几天？', '退換貨規定在哪裡？']);
});
