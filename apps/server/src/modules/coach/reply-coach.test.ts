import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_TIME_EXPRESSIONS } from './time-expressions.ts';
import { checkReply, type CoachContext, type CoachFinding, type CoachFindingCode } from './reply-coach.ts';

/** Monday 2 March 2026, 09:00 in Taipei and Shanghai, 08:00 in Bangkok. */
const NOW = new Date('2026-03-02T01:00:00.000Z');

interface LanguageCase {
  readonly context: CoachContext;
  /** A well-written reply: name, the customer's words, an apology that is more than a ritual, an action and a time. */
  readonly good: string;
  /** When the good reply's promise falls due, as the coach reads it. */
  readonly promisedAt: string;
  readonly noName: string;
  readonly noRestatement: string;
  readonly noNextStep: string;
  readonly defensive: string;
  /** The defensive phrases in `defensive`, as written. */
  readonly defensivePhrases: readonly string[];
  readonly ritualAlone: string;
  readonly ritualPhrase: string;
}

const CASES: Readonly<Record<'en' | 'zh-TW' | 'zh-CN' | 'th', LanguageCase>> = {
  en: {
    context: {
      language: 'en',
      customerName: 'Sarah Mitchell',
      customerWords: [
        'Window regulator failed',
        'The left front window will not go up. It is freezing and I was told to drive back anyway.',
      ],
      openCommitments: [],
      timeZone: 'Asia/Taipei',
    },
    good:
      'Dear Sarah, I am sorry that the left front window will not go up in this freezing weather. ' +
      'We will repair the window regulator free of charge, and I will call you by 3 pm tomorrow to book the repair.',
    promisedAt: '2026-03-03T07:00:00.000Z',
    noName:
      'I am sorry that the left front window will not go up in this freezing weather. ' +
      'We will repair the window regulator free of charge, and I will call you by 3 pm tomorrow to book the repair.',
    noRestatement: 'Dear Sarah, we will look into this and I will call you by 3 pm tomorrow.',
    noNextStep:
      'Dear Sarah, I am sorry that the left front window will not go up in this freezing weather. ' +
      'We are looking at the window regulator.',
    defensive:
      'Dear Sarah, our policy says a window regulator is not covered, and that is not our responsibility. ' +
      'I will pass it on to the relevant department and call you by 3 pm tomorrow.',
    defensivePhrases: ['our policy says', 'that is not our responsibility', 'pass it on to the relevant department'],
    ritualAlone: 'We apologise for any inconvenience caused.',
    ritualPhrase: 'We apologise for any inconvenience caused',
  },
  'zh-TW': {
    context: {
      language: 'zh-TW',
      customerName: '陳美玲',
      customerWords: ['芒果爛了', '我三天前買的芒果全部爛了，你們是騙子'],
      openCommitments: [],
      timeZone: 'Asia/Taipei',
    },
    good: '陳小姐您好，您三天前買的芒果全部爛了，真的很抱歉。我們會為您全額退款，並在明天下午三點前打電話跟您確認。',
    promisedAt: '2026-03-03T07:00:00.000Z',
    noName: '您三天前買的芒果全部爛了，真的很抱歉。我們會為您全額退款，並在明天下午三點前打電話跟您確認。',
    noRestatement: '陳小姐您好，我們會在明天下午三點前打電話給您。',
    noNextStep: '陳小姐您好，您三天前買的芒果全部爛了，真的很抱歉，我們會為您全額退款。',
    defensive: '陳小姐您好，芒果的問題我們會向有關部門反映，這不是我們的責任，明天下午三點前回覆您。',
    defensivePhrases: ['有關部門', '這不是我們的責任'],
    ritualAlone: '很抱歉給您帶來不便，造成不便敬請見諒。',
    ritualPhrase: '很抱歉給您帶來不便',
  },
  'zh-CN': {
    context: {
      language: 'zh-CN',
      customerName: '王磊',
      customerWords: ['退款', '退款还没到账'],
      openCommitments: [],
      timeZone: 'Asia/Shanghai',
    },
    good: '王先生您好，您的退款还没到账，非常抱歉。我已经联系财务核实，明天之前给您答复。',
    // "明天之前" is a whole day: the end of tomorrow's working day, 18:00 in Shanghai.
    promisedAt: '2026-03-03T10:00:00.000Z',
    noName: '您的退款还没到账，非常抱歉。我已经联系财务核实，明天之前给您答复。',
    noRestatement: '王先生您好，我已经联系财务核实，明天之前给您答复。',
    noNextStep: '王先生您好，您的退款还没到账，非常抱歉，我已经联系财务核实。',
    defensive: '王先生您好，按照公司规定，退款要等相关部门处理，您应该先申请，明天之前给您答复。',
    defensivePhrases: ['按照公司规定', '相关部门', '您应该'],
    ritualAlone: '很抱歉给您带来不便。',
    ritualPhrase: '很抱歉给您带来不便',
  },
  th: {
    context: {
      language: 'th',
      customerName: 'สมชาย ใจดี',
      customerWords: ['สั่งของไปแล้วยังไม่ได้รับเลย โทรไปหลายรอบแล้ว'],
      openCommitments: [],
      timeZone: 'Asia/Bangkok',
    },
    good:
      'คุณสมชายคะ ดิฉันทราบว่าคุณสั่งของไปแล้วยังไม่ได้รับ และโทรมาหลายรอบแล้ว ต้องขอโทษด้วยค่ะ ' +
      'ดิฉันจะตรวจสอบกับบริษัทขนส่งและโทรกลับภายในพรุ่งนี้ก่อน 15.00 น. ค่ะ',
    promisedAt: '2026-03-03T08:00:00.000Z',
    noName:
      'ดิฉันทราบว่าคุณสั่งของไปแล้วยังไม่ได้รับ และโทรมาหลายรอบแล้ว ต้องขอโทษด้วยค่ะ ' +
      'ดิฉันจะตรวจสอบกับบริษัทขนส่งและโทรกลับภายในพรุ่งนี้ก่อน 15.00 น. ค่ะ',
    noRestatement: 'คุณสมชายคะ ดิฉันจะตรวจสอบกับบริษัทขนส่งและติดต่อกลับภายในพรุ่งนี้ก่อน 15.00 น. ค่ะ',
    noNextStep: 'คุณสมชายคะ ดิฉันทราบว่าคุณสั่งของไปแล้วยังไม่ได้รับ และโทรมาหลายรอบแล้ว ดิฉันกำลังตรวจสอบกับบริษัทขนส่งค่ะ',
    defensive:
      'คุณสมชายคะ ตามนโยบายของบริษัท เรื่องของที่ยังไม่ได้รับไม่ใช่ความรับผิดชอบของเรา ' +
      'เราจะส่งเรื่องไปยังแผนกที่เกี่ยวข้องและโทรกลับภายในพรุ่งนี้ค่ะ',
    defensivePhrases: ['ตามนโยบายของบริษัท', 'ไม่ใช่ความรับผิดชอบของเรา', 'แผนกที่เกี่ยวข้อง'],
    ritualAlone: 'ขออภัยในความไม่สะดวกค่ะ',
    ritualPhrase: 'ขออภัยในความไม่สะดวก',
  },
};

const codes = (findings: readonly CoachFinding[]): CoachFindingCode[] => findings.map((f) => f.code);
const only = (findings: readonly CoachFinding[], code: CoachFindingCode): CoachFinding[] =>
  findings.filter((f) => f.code === code);

/** The context with an open commitment due exactly when the good reply promises. */
const backed = (c: LanguageCase): CoachContext => ({
  ...c.context,
  openCommitments: [{ dueAt: new Date(c.promisedAt), text: 'Call back' }],
});

for (const [language, c] of Object.entries(CASES)) {
  describe(`reply coach in ${language}`, () => {
    test('a well-written reply with its promise recorded has no findings at all', () => {
      const result = checkReply(c.good, backed(c), NOW);
      assert.equal(result.language, language);
      assert.deepEqual(codes(result.findings), []);
    });

    test('a well-written reply yields no errors, and offers to record its promise', () => {
      const { findings } = checkReply(c.good, c.context, NOW);
      assert.deepEqual(codes(findings), ['unbacked_promise']);
      const [promise] = findings;
      assert.equal(promise?.severity, 'warning');
      assert.equal(promise?.suggestion?.action, 'create_commitment');
      if (promise?.suggestion?.action !== 'create_commitment') return;
      assert.equal(promise.suggestion.dueAt.toISOString(), c.promisedAt);
      // The words recorded are the draft's own, around the time.
      const span = promise.spans[0];
      assert.ok(span && c.good.slice(span.start, span.end) === span.text);
      assert.ok(c.good.includes(promise.suggestion.text) && promise.suggestion.text.includes(span.text));
    });

    test('missing_name fires without the name and stays silent with it', () => {
      const { findings } = checkReply(c.noName, backed(c), NOW);
      assert.deepEqual(codes(findings), ['missing_name']);
      assert.equal(findings[0]?.suggestion?.action, 'address_by_name');
    });

    test("no_restatement fires without the customer's words and suggests some of them", () => {
      const { findings } = checkReply(c.noRestatement, backed(c), NOW);
      assert.deepEqual(codes(findings), ['no_restatement']);
      const suggestion = findings[0]?.suggestion;
      assert.equal(suggestion?.action, 'use_customer_words');
      if (suggestion?.action !== 'use_customer_words') return;
      assert.ok(suggestion.words.length >= 1 && suggestion.words.length <= 3);
      // Each suggested word is quoted as the customer wrote it.
      for (const word of suggestion.words)
        assert.ok(
          c.context.customerWords.some((w) => w.includes(word)),
          word,
        );
    });

    test('no_next_step fires when nothing happens by a time', () => {
      const { findings } = checkReply(c.noNextStep, c.context, NOW);
      assert.deepEqual(codes(findings), ['no_next_step']);
      assert.equal(findings[0]?.suggestion?.action, 'add_next_step');
    });

    test('defensive_phrase fires on each phrase, with its span in the draft as written', () => {
      const { findings } = checkReply(c.defensive, backed(c), NOW);
      const defensive = only(findings, 'defensive_phrase');
      assert.deepEqual(
        defensive.map((f) => f.spans[0]?.text),
        c.defensivePhrases,
      );
      for (const f of defensive) {
        const span = f.spans[0];
        assert.ok(span);
        assert.equal(c.defensive.slice(span.start, span.end), span.text);
        assert.equal(f.severity, 'error');
        assert.equal(f.suggestion?.action, 'rephrase');
      }
    });

    test('ritual_apology_alone fires on a stock apology with nothing behind it, and not when the reply acts', () => {
      const { findings } = checkReply(c.ritualAlone, c.context, NOW);
      const [ritual] = only(findings, 'ritual_apology_alone');
      assert.equal(ritual?.severity, 'error');
      assert.equal(ritual?.spans[0]?.text, c.ritualPhrase);
      // The same apology in a reply that restates the problem and acts is not alone.
      const withAction = checkReply(`${c.good} ${c.ritualAlone}`, backed(c), NOW);
      assert.deepEqual(codes(withAction.findings), []);
    });

    test('unbacked_promise fires when the only commitment is due on another day', () => {
      const otherDay = new Date(new Date(c.promisedAt).getTime() + 3 * 86_400_000);
      const { findings } = checkReply(
        c.good,
        { ...c.context, openCommitments: [{ dueAt: otherDay, text: 'Something else' }] },
        NOW,
      );
      assert.deepEqual(codes(findings), ['unbacked_promise']);
    });

    test('the language is detected from the draft when the case has none', () => {
      const result = checkReply(c.good, { ...backed(c), language: undefined }, NOW);
      assert.equal(result.language, language);
    });
  });
}

describe('Traditional and Simplified Chinese alike', () => {
  const traditional = CASES['zh-TW'];
  const simplified = {
    good: '陈小姐您好，您三天前买的芒果全部烂了，真的很抱歉。我们会为您全额退款，并在明天下午三点前打电话跟您确认。',
    defensive: '陈小姐您好，芒果的问题我们会向有关部门反映，这不是我们的责任，明天下午三点前回复您。',
    ritualAlone: '很抱歉给您带来不便，造成不便敬请见谅。',
  };

  test('each draft finds the same things, at the same places, in either script', () => {
    const context = { ...traditional.context, language: undefined };
    for (const key of ['good', 'defensive', 'ritualAlone'] as const) {
      const a = checkReply(traditional[key], context, NOW).findings;
      const b = checkReply(simplified[key], context, NOW).findings;
      assert.deepEqual(codes(a), codes(b), key);
      assert.deepEqual(
        a.map((f) => f.spans.map((s) => [s.start, s.end])),
        b.map((f) => f.spans.map((s) => [s.start, s.end])),
        key,
      );
    }
  });

  test("a Simplified reply restates a Traditional customer's words, and the reverse", () => {
    const simplifiedCustomer = { ...traditional.context, customerWords: ['我三天前买的芒果全部烂了，你们是骗子'] };
    for (const [draft, context] of [
      [simplified.good, traditional.context],
      [traditional.good, simplifiedCustomer],
    ] as const) {
      const { findings } = checkReply(draft, { ...context, language: undefined }, NOW);
      assert.ok(!codes(findings).includes('no_restatement'));
      assert.ok(!codes(findings).includes('missing_name'));
    }
  });

  test('writing Simplified to a Traditional-script customer is remarked on, not an error', () => {
    const { findings } = checkReply(simplified.good, backed(traditional), NOW);
    assert.deepEqual(codes(findings), ['language_mismatch']);
    assert.equal(findings[0]?.severity, 'info');
  });
});

describe('when a ritual apology stands alone', () => {
  const ritual = (draft: string, context: CoachContext) =>
    only(checkReply(draft, context, NOW).findings, 'ritual_apology_alone').length > 0;

  test("a restatement in the customer's words is enough to keep it company", () => {
    assert.equal(
      ritual(
        "I'm sorry for any inconvenience: the left front window will not go up in this freezing weather.",
        CASES.en.context,
      ),
      false,
    );
  });

  test('so is an action without a time', () => {
    assert.equal(ritual('Sorry for any inconvenience. We have refunded your payment.', CASES.en.context), false);
    assert.equal(ritual('很抱歉给您带来不便，我们已经为您安排换货。', CASES['zh-TW'].context), false);
    assert.equal(ritual('ขออภัยในความไม่สะดวก ทางเราได้ส่งสินค้าใหม่ให้แล้วค่ะ', CASES.th.context), false);
  });

  test('passing it to "the relevant department" is not an action', () => {
    assert.equal(ritual('很抱歉给您带来不便，我们会向有关部门反映。', CASES['zh-CN'].context), true);
    assert.equal(
      ritual('Sorry for any inconvenience. I will pass it on to the relevant department.', CASES.en.context),
      true,
    );
  });

  test('an apology in words of its own is no ritual', () => {
    assert.equal(ritual('陳小姐，芒果讓您失望了，是我們的錯。', CASES['zh-TW'].context), false);
  });
});

describe('what must not fire', () => {
  const en = CASES.en;
  test('"you should receive" and 您應該會收到 and คุณควรได้รับ are promises, not blame', () => {
    for (const [draft, context] of [
      ['Dear Sarah, you should receive the new window regulator by Friday.', en.context],
      ['陳小姐您好，您應該會在明天收到退款。', CASES['zh-TW'].context],
      ['คุณสมชายคะ คุณควรได้รับของภายในพรุ่งนี้ค่ะ', CASES.th.context],
    ] as const) {
      const { findings } = checkReply(draft, context, NOW);
      assert.deepEqual(only(findings, 'defensive_phrase'), [], draft);
    }
  });

  test('a time in the past or a statement without a promise is no next step', () => {
    const { findings } = checkReply('Dear Sarah, the window regulator failed yesterday.', en.context, NOW);
    assert.ok(codes(findings).includes('no_next_step'));
  });

  test('a request with a time is a next step, not a promise of ours', () => {
    const { findings } = checkReply(
      'Dear Sarah, the left front window will not go up: please send us a photo of the window regulator by Friday.',
      en.context,
      NOW,
    );
    assert.deepEqual(codes(findings), []);
  });

  test('a name is found in any of its forms', () => {
    for (const [draft, name] of [
      ['Hello Ms Mitchell,', 'Sarah Mitchell'],
      ['陳先生您好', '陳大文'],
      ['陈大文先生：', '陳大文'],
      ['大文您好', '陳大文'],
      ['欧阳女士您好', '歐陽娜娜'],
      ['สวัสดีค่ะ คุณ สมชาย', 'สมชาย ใจดี'],
      ['Dear José,', 'José Álvarez'],
      ['Hola Sr. Álvarez', 'José Álvarez'],
    ] as const) {
      const { findings } = checkReply(draft, { ...en.context, customerName: name, language: undefined }, NOW);
      assert.ok(!codes(findings).includes('missing_name'), `${draft} / ${name}`);
    }
  });

  test('a preferred name counts, and a different surname does not', () => {
    const context = { ...en.context, customerName: '陳美玲', nameForms: ['Amy'], language: undefined };
    assert.ok(!codes(checkReply('Hi Amy,', context, NOW).findings).includes('missing_name'));
    assert.ok(codes(checkReply('林小姐您好', context, NOW).findings).includes('missing_name'));
    // A name inside another word is not the name.
    const sarah = { ...en.context, customerName: 'Ann Lee', language: undefined };
    assert.ok(codes(checkReply('Dear Annabel, the fleet is ready.', sarah, NOW).findings).includes('missing_name'));
  });
});

describe('a long hostile draft', () => {
  test('is read with a bounded number of findings', () => {
    const context = CASES['zh-CN'].context;
    // Thousands of promises with a time: each would be an unbacked-promise finding.
    const draft = '我们会在明天之前处理。'.repeat(2_000);
    const { findings } = checkReply(draft, context, NOW);
    const promises = findings.filter((f) => f.code === 'unbacked_promise');
    assert.ok(promises.length > 0);
    assert.ok(promises.length <= MAX_TIME_EXPRESSIONS, `${promises.length} promises`);
    assert.ok(findings.length <= MAX_TIME_EXPRESSIONS + 10, `${findings.length} findings`);
  });
});
