import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../shared/errors.ts';
import { formatTime } from '../../shared/format-time.ts';
import {
  breakCommitment,
  keepCommitment,
  makeCommitment,
  markAtRisk,
  proposeNewTime,
  renegotiateCommitment,
  type Commitment,
  type NewCommitmentInput,
} from './commitment.ts';
import { draftHonestUpdate, supportedLanguage } from './honest-update.ts';
import { checkPromise, unacknowledged, type PromiseFacts } from './over-promise.ts';

const MADE = new Date('2026-01-02T02:00:00.000Z');
const DUE = new Date('2026-01-04T09:00:00.000Z');

const input = (overrides: Partial<NewCommitmentInput> = {}): NewCommitmentInput => ({
  id: 'cmt_1',
  caseId: 'case_1',
  text: 'Send the inspection report',
  promisedTo: '陳美玲',
  keyPersonId: null,
  dueAt: DUE,
  madeBy: 'usr_agent',
  messageEventId: 'evt_msg',
  dependsOn: ['task_1', 'task_1'],
  remedy: null,
  flags: [],
  siteId: 'site_a',
  teamId: 'team_a',
  ...overrides,
});

const open = (): Commitment => makeCommitment(input(), MADE).commitment;
const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);
const codes = (facts: PromiseFacts, now = MADE) => checkPromise(facts, now).map((f) => f.code);
const facts = (overrides: Partial<PromiseFacts> = {}): PromiseFacts => ({
  dueAt: DUE,
  dependencies: [],
  authority: null,
  deadlines: [],
  dueInWorkingHours: null,
  ...overrides,
});

describe('commitment transitions', () => {
  test('a promise is made open, with its facts in commitment.made', () => {
    const made = makeCommitment(input({ text: '  Send the report  ' }), MADE);
    assert.equal(made.commitment.status, 'open');
    assert.equal(made.commitment.text, 'Send the report');
    assert.deepEqual(made.commitment.dependsOn, ['task_1'], 'duplicate dependencies collapse');
    assert.equal(made.commitment.madeAt, MADE);
    assert.equal(made.events.length, 1);
    assert.equal(made.events[0]?.type, 'commitment.made');
    assert.equal(made.events[0]?.payload.dueAt, DUE.toISOString());
    assert.equal(made.events[0]?.payload.messageEventId, 'evt_msg');
  });

  test('blank text is refused with the field named', () => {
    assert.throws(
      () => makeCommitment(input({ text: '   ' }), MADE),
      (e: unknown) => e instanceof AppError && e.details[0]?.field === '/body/text',
    );
  });

  test('kept by the due time is on time; after it, late', () => {
    const onTime = keepCommitment(open(), DUE);
    assert.equal(onTime.commitment.status, 'kept');
    assert.equal(onTime.commitment.keptOnTime, true);
    assert.deepEqual(onTime.events[0]?.payload.onTime, true);
    const late = keepCommitment(open(), minutes(DUE, 1));
    assert.equal(late.commitment.keptOnTime, false);
    assert.equal(late.events[0]?.type, 'commitment.kept');
    assert.equal(late.events[0]?.payload.onTime, false);
  });

  test('a settled promise cannot be kept, broken or marked again', () => {
    const kept = keepCommitment(open(), DUE).commitment;
    assert.throws(
      () => keepCommitment(kept, DUE),
      (e: unknown) => e instanceof AppError && e.code === 'invalid_transition',
    );
    assert.throws(
      () => breakCommitment(kept, 'x', DUE),
      (e: unknown) => e instanceof AppError,
    );
    assert.equal(markAtRisk(kept, atRisk, DUE), null);
  });

  test('broken needs a reason from a person; the clock breaks it without one', () => {
    assert.throws(
      () => breakCommitment(open(), ' ', DUE),
      (e: unknown) => e instanceof AppError && e.details[0]?.field === '/body/reason',
    );
    const byPerson = breakCommitment(open(), 'The lab lost the sample', DUE);
    assert.equal(byPerson.commitment.status, 'broken');
    assert.equal(byPerson.events[0]?.payload.reason, 'The lab lost the sample');
    assert.equal(byPerson.events[0]?.payload.text, 'Send the inspection report', 'notifications quote the promise');
    const byClock = breakCommitment(open(), null, minutes(DUE, 1), true);
    assert.equal(byClock.events[0]?.payload.byClock, true);
    assert.equal(byClock.events[0]?.payload.reason, null);
  });

  const reneg = {
    newId: 'cmt_2',
    dueAt: new Date('2026-01-06T09:00:00.000Z'),
    reason: 'The supervisor is still reviewing it',
    madeBy: 'usr_agent',
    siteId: 'site_a',
    teamId: 'team_a',
    flags: [],
  };

  test('renegotiated before the due time: old closes as renegotiated, new opens, linked both ways', () => {
    const before = minutes(DUE, -60);
    const changed = renegotiateCommitment(open(), reneg, before);
    assert.equal(changed.previous.status, 'renegotiated');
    assert.equal(changed.previous.renegotiatedToId, 'cmt_2');
    assert.equal(changed.successor.status, 'open');
    assert.equal(changed.successor.renegotiatedFromId, 'cmt_1');
    assert.equal(changed.successor.text, 'Send the inspection report', 'the wording carries over');
    assert.deepEqual(changed.successor.dependsOn, ['task_1']);
    assert.deepEqual(changed.successor.flags, []);
    const flagged = renegotiateCommitment(open(), { ...reneg, flags: ['depends_on_later_task'] }, before);
    assert.deepEqual(flagged.successor.flags, ['depends_on_later_task'], 'the new promise keeps its own flags');
    assert.deepEqual(
      changed.events.map((e) => e.type),
      ['commitment.renegotiated', 'commitment.made'],
    );
    const event = changed.events[0]?.payload;
    assert.equal(event?.newCommitmentId, 'cmt_2');
    assert.equal(event?.newDueAt, '2026-01-06T09:00:00.000Z');
    assert.equal(event?.reason, 'The supervisor is still reviewing it');
    assert.equal(event?.afterDue, false);
  });

  test('renegotiated after the due time: broken first, then renegotiated', () => {
    const after = minutes(DUE, 30);
    const changed = renegotiateCommitment(open(), { ...reneg, text: 'Send the reviewed report' }, after);
    assert.equal(changed.previous.status, 'broken');
    assert.equal(changed.previous.renegotiatedToId, 'cmt_2');
    assert.equal(changed.successor.text, 'Send the reviewed report');
    assert.deepEqual(
      changed.events.map((e) => e.type),
      ['commitment.broken', 'commitment.renegotiated', 'commitment.made'],
    );
    assert.equal(changed.events[1]?.payload.afterDue, true);
  });

  test('a promise the clock already broke can be renegotiated once; a kept one cannot', () => {
    const broken = breakCommitment(open(), null, minutes(DUE, 1), true).commitment;
    const changed = renegotiateCommitment(broken, reneg, minutes(DUE, 5));
    assert.deepEqual(
      changed.events.map((e) => e.type),
      ['commitment.renegotiated', 'commitment.made'],
      'no second broken event',
    );
    assert.throws(() => renegotiateCommitment(changed.previous, { ...reneg, newId: 'cmt_3' }, minutes(DUE, 6)));
    assert.throws(() => renegotiateCommitment(keepCommitment(open(), DUE).commitment, reneg, DUE));
  });

  test('the new time must be in the future and a reason given', () => {
    assert.throws(
      () => renegotiateCommitment(open(), { ...reneg, dueAt: MADE }, minutes(MADE, 1)),
      (e: unknown) => e instanceof AppError && e.details[0]?.field === '/body/dueAt',
    );
    assert.throws(
      () => renegotiateCommitment(open(), { ...reneg, reason: '' }, MADE),
      (e: unknown) => e instanceof AppError && e.details[0]?.field === '/body/reason',
    );
  });

  const atRisk = {
    proposedDueAt: new Date('2026-01-06T09:00:00.000Z'),
    language: 'zh-TW',
    draft: 'draft',
    timeZone: 'Asia/Taipei',
    percent: 80,
  };

  test('at risk is recorded once, with the draft and the proposed time', () => {
    const first = markAtRisk(open(), atRisk, minutes(DUE, -120));
    assert.ok(first);
    assert.equal(first.events[0]?.type, 'commitment.at_risk');
    assert.equal(first.events[0]?.payload.draft, 'draft');
    assert.equal(first.events[0]?.payload.proposedDueAt, '2026-01-06T09:00:00.000Z');
    assert.equal(markAtRisk(first.commitment, atRisk, minutes(DUE, -60)), null);
  });

  test('the proposed time follows the late dependency, or now plus the lead time, bounded, on a quarter hour', () => {
    const c = open(); // lead time: 2 days 7 hours
    const now = new Date('2026-01-04T07:03:00.000Z');
    // No dependency: now plus the lead time, but never more than two days.
    assert.equal(proposeNewTime(c, [], now).toISOString(), '2026-01-06T07:15:00.000Z');
    // A late task: its due time plus room to pass the answer on (half the lead, at most a day).
    const lateTask = new Date('2026-01-08T01:00:00.000Z');
    assert.equal(proposeNewTime(c, [lateTask], now).toISOString(), '2026-01-09T01:00:00.000Z');
    // A promise made half an hour before it was due still gets at least an hour.
    const rushed = { madeAt: new Date('2026-01-04T07:00:00.000Z'), dueAt: new Date('2026-01-04T07:30:00.000Z') };
    assert.equal(proposeNewTime(rushed, [], now).toISOString(), '2026-01-04T08:15:00.000Z');
    // A dependency already past is no reason to promise a time in the past.
    assert.equal(
      proposeNewTime(rushed, [new Date('2026-01-01T00:00:00.000Z')], now).toISOString(),
      '2026-01-04T08:15:00.000Z',
    );
  });
});

describe('the over-promise guard', () => {
  test('a plain promise raises nothing', () => {
    assert.deepEqual(codes(facts()), []);
  });

  test('due before a task it depends on is due', () => {
    const flags = checkPromise(
      facts({ dependencies: [{ id: 'task_late', dueAt: minutes(DUE, 60), status: 'open' }] }),
      MADE,
    );
    assert.equal(flags[0]?.code, 'depends_on_later_task');
    assert.equal(flags[0]?.taskId, 'task_late');
    assert.equal(flags[0]?.limitAt?.toISOString(), minutes(DUE, 60).toISOString());
  });

  test('an answered task no longer holds the promise back; an overdue open one does', () => {
    assert.deepEqual(codes(facts({ dependencies: [{ id: 't', dueAt: minutes(DUE, 60), status: 'answered' }] })), []);
    assert.deepEqual(codes(facts({ dependencies: [{ id: 't', dueAt: minutes(MADE, -1), status: 'open' }] })), [
      'depends_on_later_task',
    ]);
    assert.deepEqual(codes(facts({ dependencies: [{ id: 't', dueAt: minutes(DUE, -1), status: 'open' }] })), []);
  });

  test('beyond authority, with or without a level', () => {
    assert.deepEqual(codes(facts({ authority: { covers: true, level: 'Front line' } })), []);
    const flags = checkPromise(facts({ authority: { covers: false, level: 'Front line' } }), MADE);
    assert.equal(flags[0]?.code, 'beyond_authority');
    assert.match(flags[0]?.message ?? '', /Front line/);
    assert.deepEqual(codes(facts({ authority: { covers: false, level: null } })), ['beyond_authority']);
  });

  test("after the case's earliest deadline", () => {
    const deadlines = [
      { kind: 'resolve', dueAt: minutes(DUE, 120) },
      { kind: 'regulatory', dueAt: minutes(DUE, -1) },
    ];
    const flags = checkPromise(facts({ deadlines }), MADE);
    assert.deepEqual(
      flags.map((f) => f.code),
      ['after_case_deadline'],
    );
    assert.match(flags[0]?.message ?? '', /regulatory/);
    assert.deepEqual(codes(facts({ deadlines: [{ kind: 'resolve', dueAt: DUE }] })), [], 'due exactly at it is fine');
  });

  test('in the past, and outside working hours', () => {
    assert.deepEqual(codes(facts(), minutes(DUE, 1)), ['in_the_past']);
    assert.deepEqual(codes(facts(), DUE), ['in_the_past'], 'due now is already too late to promise');
    assert.deepEqual(codes(facts({ dueInWorkingHours: false })), ['outside_working_hours']);
    assert.deepEqual(codes(facts({ dueInWorkingHours: true })), []);
  });

  test('every flag must be acknowledged by name', () => {
    const flags = checkPromise(facts({ dueInWorkingHours: false, authority: { covers: false, level: null } }), MADE);
    assert.equal(unacknowledged(flags, ['beyond_authority']).length, 1);
    assert.equal(unacknowledged(flags, ['beyond_authority', 'outside_working_hours']).length, 0);
  });
});

describe('the honest update', () => {
  const update = {
    name: '陳美玲',
    promise: '1/4 交出檢驗報告',
    dueAt: new Date('2026-01-04T09:00:00.000Z'),
    newTime: new Date('2026-01-06T09:00:00.000Z'),
    waitingOnInternalCheck: true,
    timeZone: 'Asia/Taipei',
  };

  test('times are written as staff see them (the shared formatter), in the site zone', () => {
    const cases = [
      ['en', 'Asia/Taipei', 'January 6, 2026 at 17:00 GMT+8'],
      ['zh-TW', 'Asia/Taipei', '2026年1月6日 17:00 [GMT+8]'],
      ['th', 'Asia/Bangkok', '6 มกราคม 2569 เวลา 16:00 GMT+7'],
    ] as const;
    for (const [language, timeZone, written] of cases) {
      assert.equal(formatTime(update.newTime, language, timeZone), written);
      assert.ok(draftHonestUpdate({ ...update, timeZone }, language).includes(written), language);
    }
  });

  test('zh-TW: names the customer and the promise, says not done, gives the new time, no ritual apology', () => {
    const text = draftHonestUpdate(update, 'zh-TW');
    assert.match(text, /^陳美玲您好/);
    assert.match(text, /「1\/4 交出檢驗報告」/);
    assert.match(text, /還沒有完成/);
    assert.match(text, /內部單位確認/);
    assert.match(text, /2026年1月6日 17:00 \[GMT\+8\] 前再向您回報/);
    assert.doesNotMatch(text, /不便|抱歉|有關部門/);
  });

  test('zh-CN, th and en carry the same facts', () => {
    const cn = draftHonestUpdate({ ...update, name: '王磊', waitingOnInternalCheck: false }, 'zh-CN');
    assert.match(cn, /^王磊您好/);
    assert.match(cn, /还没有完成，我们还在处理中/);
    assert.match(cn, /2026年1月6日 .*17:00 前再向您汇报/);
    assert.doesNotMatch(cn, /不便|抱歉|有关部门/);

    const th = draftHonestUpdate({ ...update, name: 'สมชาย', timeZone: 'Asia/Bangkok' }, 'th');
    assert.match(th, /^เรียนคุณสมชาย/);
    assert.match(th, /ยังไม่เสร็จ/);
    assert.match(th, /6 มกราคม 2569 เวลา 16:00 GMT\+7/);

    const en = draftHonestUpdate({ ...update, name: 'Sarah Mitchell', promise: 'call you back' }, 'en');
    assert.match(en, /^Dear Sarah Mitchell/);
    assert.match(en, /"call you back" by January 4, 2026 at 17:00 GMT\+8/);
    assert.match(en, /not done yet/);
    assert.match(en, /We will update you by January 6, 2026 at 17:00 GMT\+8/);
    assert.doesNotMatch(en, /sorry|inconvenience|relevant department|policy/i);
  });

  test('unknown languages fall back to English', () => {
    assert.equal(supportedLanguage('fr'), 'en');
    assert.equal(supportedLanguage(null), 'en');
    assert.equal(supportedLanguage('th'), 'th');
  });
});
