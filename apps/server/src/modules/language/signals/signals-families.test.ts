import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, kinds } from './signals-check.ts';

// The broad cue families, one per signal and language, each with hard negatives: sentences written
// for these tests from the definitions in SIGNALS.md, not taken from any evaluation set.

describe('English cue families', () => {
  check(
    'en',
    'anger',
    [
      'Are you kidding me? Four hours for a bag.',
      'How many times do I have to explain the same thing?',
      'Enough is enough.',
      'This is absolutely ridiculous.',
      'Utterly disgraceful treatment of a paying customer.',
      'I hate dealing with your call centre.',
      'You treat customers like garbage.',
      'Another f***ing delay.',
      'Seriously 😡',
    ],
    [
      'The food was a bit disappointing.',
      'I am frustrated that the parcel is late.',
      'The price seems ridiculous to me, but fine.',
      'I love this shop.',
    ],
  );
  check(
    'en',
    'insult',
    [
      'What an incompetent airline.',
      'You are a bunch of liars.',
      'They keep scamming customers with hidden fees.',
      'The agent lied to me about the fee.',
      'Idiots lost my bag twice.',
      'Two hours late again #incompetent',
      '#scam',
    ],
    [
      'The bank says a scammer took the money.',
      'Identity thieves opened the account.',
      'The staff were slow but polite.',
      'I was lying in bed.',
    ],
  );
  check(
    'en',
    'churn_threat',
    [
      'I will never fly with you again.',
      "We won't be using your service anymore.",
      'I am done with this bank.',
      'You just lost a loyal customer.',
      'We are moving our accounts to a credit union.',
      'I am closing all of my accounts with you.',
      'Time to find a new bank.',
      'This is the last time I book with you.',
    ],
    [
      'They decided to close my accounts without notice.',
      'We had to go to a different gate.',
      'I never knew that the fee existed.',
      'I did not cancel my membership.',
    ],
  );
  check(
    'en',
    'safety_risk',
    [
      'I found glass in my salad.',
      'We ate the expired chicken and my son threw up all night.',
      'The charger started to overheat and smell of burning.',
      'There was smoke in the cabin.',
      'My wife slipped on the wet floor and broke her wrist.',
      'The seat belt is not safe.',
      'She got a rash after using the cream.',
    ],
    ['The salad came without dressing.', 'Smoking is not allowed on board.', 'My credit fell again.'],
  );
  check(
    'en',
    'repeat_contact',
    [
      'I disputed the account with the bureau. They verified it anyway.',
      'We spoke with the branch in May, but nothing has changed.',
      "I've been calling them for three weeks.",
      'Still waiting for a call back.',
      'Nobody has responded to my emails.',
      "I haven't heard back from anyone.",
      'Every time I call I get a different answer.',
      'As I already told your agent, the card was stolen.',
      'Despite my repeated requests, the fee is still there.',
      'I keep getting transferred.',
      'I requested validation of the debt, but they never answered.',
      'It has been 16 days since I applied for compensation.',
      'The office is not taking my calls.',
      'This adds to my original complaint.',
      'This is the third time I have called about it.',
    ],
    [
      'I called once and they fixed it the same day.',
      'I was on hold for several hours.',
      'I spoke with the branch and they sorted it out.',
      'They called me about an offer.',
      'This is the second time my bag was lost.',
      'Delayed yet again.',
    ],
  );
  check(
    'en',
    'urgency',
    ['This is time-sensitive.', 'I need a flight home today!', 'Please respond within 10 business days.'],
    ['The law gives them 30 days to investigate.', 'I flew home today.', 'Do you want to get there today?'],
  );
  check(
    'en',
    'compensation_demand',
    [
      'I deserve a voucher for this.',
      'How do I get a voucher for the delay?',
      'Please make this right.',
      'You should cover my hotel costs.',
    ],
    ['I used my miles to book.', 'The voucher I was given worked fine.'],
  );
  check(
    'en',
    'manager_request',
    [
      'I was transferred to a supervisor who hung up.',
      'The supervisor told me nothing could be done.',
      'The escalations department never called.',
    ],
    ['The gate supervisor let us board.', 'My manager told me to take a day off.'],
  );
  check(
    'en',
    'legal_threat',
    ['I am considering my legal options.', 'We have retained counsel.', 'I filed for arbitration.'],
    ['Court action was filed against me by the collector.', 'I need legal advice about my will.'],
  );
  check(
    'en',
    'regulator_threat',
    ['I have reported them to the state banking department.', 'I will file a complaint with the FAA.'],
    ['Follow for a sec and I will.', 'The FAA rules limit crew hours.'],
  );
});

describe('Thai cue families', () => {
  check(
    'th',
    'anger',
    ['เน็ตหลุดทั้งวัน แม่งห่วยจริงๆ', 'ไอ้เหี้ย โทรไม่ติดอีกแล้ว', 'พนักงานพูดจาทุเรศมาก', 'พอกันทีกับค่ายนี้', 'เกลียดมากร้านนี้'],
    ['อิเหี้ย ขำมาก 555', 'แม่งอร่อยเกิน', 'อาหารแย่มาก', 'ห่างจากบ้านไม่ไกล'],
  );
  check(
    'th',
    'insult',
    ['ร้านนี้หลอกขายของปลอม', 'บริษัทนี้หน้าเลือดมาก', 'โกหกลูกค้าหน้าตาเฉย'],
    ['หลอกลวงป่าวเนี่ย', 'อย่าหลอกตัวเองเลย'],
  );
  check(
    'th',
    'churn_threat',
    ['จะไม่ไปกินอีกแล้ว', 'เลิกซื้อยี่ห้อนี้แล้ว', 'ย้ายไปใช้ค่ายอื่นดีกว่า', 'ต้องการยกเลิก หมายเลข'],
    ['ต้องการยกเลิกบริการ content download', 'เลิกงานแล้วไปกินข้าว', 'ไปกินมาอีกแล้ว อร่อยมาก'],
  );
  check(
    'th',
    'repeat_contact',
    ['ทักไปก็ไม่มีใครตอบ', 'ไม่มีการติดต่อกลับเลย', 'รอมาหลายวันแล้ว', 'เมื่อวานโทรแจ้งแล้วค่ะ'],
    ['โทรมาสอบถามโปรค่ะ', 'สั่งมาหลายรอบแล้ว ของดี'],
  );
  check(
    'th',
    'safety_risk',
    ['ใช้แล้วผื่นขึ้นเต็มหน้า', 'ใช้ครีมแล้วแพ้ หน้าแดงมาก', 'เจอแมลงสาบในแกง', 'ปลั๊กมีควันออก'],
    ['สำหรับผิวแพ้ง่าย', 'จะสมัครแพ้คเกจใหม่', 'นมใกล้หมดอายุ', 'ไม่แพ้ใครแน่นอน'],
  );
  check('th', 'urgency', ['ขอด่วนเลยค่ะ'], ['จองด่วนก่อนเต็ม', 'ขึ้นทางด่วนไป']);
  check('th', 'media_threat', ['จะบอกต่อให้ทุกคนรู้'], ['ใช้ดีจึงบอกต่อ']);
});

describe('Chinese cue families (both scripts, Cantonese forms)', () => {
  for (const language of ['zh-CN', 'zh-TW'] as const) {
    check(
      language,
      'anger',
      ['这服务太差劲了！', '价格太离谱', '卧槽，又等了一小时', '史上最差的一次'],
      ['有点失望', '味道一般般', '肥肠面简直简直了，好吃'],
    );
    check(
      language,
      'insult',
      ['这家店专门宰客', '明明是虚假宣传', '服务员当面撒谎'],
      ['听说价格还算公道', '骨头有点多'],
    );
    check(
      language,
      'churn_threat',
      ['以后再也不会来了', '已经拉黑这家店', '这是最后一次光顾'],
      ['下次还会再来', '以后会常来'],
    );
    check(
      language,
      'safety_risk',
      ['吃完回家就闹肚子', '汤里竟然有一只蟑螂', '吃出了一根铁丝', '地太滑，我妈摔倒了'],
      ['门口有一个铁丝网', '玉米有点不新鲜', '鲍鱼还在蠕动'],
    );
    check(
      language,
      'repeat_contact',
      ['催了好几次才上菜', '发邮件给客服，石沉大海', '我已经说过好几次了'],
      ['服务员来得挺快', '第一次来吃'],
    );
    check(language, 'manager_request', ['只好叫了店长过来'], ['老板人很好']);
  }
  it('reads Traditional and Cantonese forms alike', () => {
    assert.ok(kinds('以後再也不會來了', 'zh-TW').includes('churn_threat'));
    assert.ok(kinds('湯裏竟然有一隻蟑螂', 'zh-TW').includes('safety_risk'));
    assert.ok(kinds('呢間舖頭專門宰客，仆街', 'zh-TW').includes('insult'));
    assert.ok(kinds('呢間舖頭專門宰客，仆街', 'zh-TW').includes('anger'));
  });
});
