import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MAX_DRAFT_CHARS, type CaseDto, type ReplyCheckDto } from '@redress/contract';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import {
  complaintFixtures,
  createTestOrg,
  openCaseAs,
  type OrgUser,
  type TestOrg,
} from '../../../test/factories/cases.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';

// The test clock stands at 2026-03-02T09:00Z: Monday, 17:00 in Taipei (site A), 16:00 in Bangkok (site B).

describeBothBackends('reply coach over HTTP', (backend) => {
  let t: TestApp;
  let org: TestOrg;
  let mango: CaseDto;
  let parcel: CaseDto;
  let refund: CaseDto;
  let windowCase: CaseDto;

  before(async () => {
    t = await buildTestApp({ db: await backend.open() });
    org = await createTestOrg(t);
    mango = await openCaseAs(t, org.agentA, complaintFixtures.mango);
    refund = await openCaseAs(t, org.agentA, complaintFixtures.refund);
    windowCase = await openCaseAs(t, org.agentA, complaintFixtures.window);
    parcel = await openCaseAs(t, org.agentB, complaintFixtures.parcel);
  });
  // The backend closes the database when the suite ends.
  after(() => t.app.close());

  const post = (as: OrgUser, url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as.headers, payload: payload as object });
  const check = async (as: OrgUser, caseId: string, draft: string): Promise<ReplyCheckDto> => {
    const response = await post(as, '/replies/check', { caseId, draft });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<ReplyCheckDto>();
  };
  const codes = (result: ReplyCheckDto) => result.findings.map((f) => f.code);

  test('zh-TW: a cold reply is flagged with the words behind each finding', async () => {
    const draft = '很抱歉給您帶來不便，我們會向有關部門反映，請您耐心等待。';
    const result = await check(org.agentA, mango.id, draft);
    assert.equal(result.language, 'zh-TW');
    assert.deepEqual(codes(result), [
      'defensive_phrase',
      'ritual_apology_alone',
      'missing_name',
      'no_restatement',
      'no_next_step',
    ]);
    const defensive = result.findings[0];
    const at = draft.indexOf('有關部門');
    assert.deepEqual(defensive?.spans, [{ start: at, end: at + 4, text: '有關部門' }]);
    assert.equal(result.findings[1]?.spans[0]?.text, '很抱歉給您帶來不便');
    const restatement = result.findings.find((f) => f.code === 'no_restatement');
    assert.equal(restatement?.suggestion?.action, 'use_customer_words');
    if (restatement?.suggestion?.action === 'use_customer_words') {
      assert.ok(restatement.suggestion.words.includes('芒果'), JSON.stringify(restatement.suggestion.words));
    }
  });

  test("zh-TW: a good reply in the customer's words has no errors; its promise is read in Taipei time", async () => {
    const draft =
      '陳小姐您好，您三天前買的芒果全部爛了，真的很抱歉。我們會為您全額退款，並在明天下午三點前打電話跟您確認。';
    const result = await check(org.agentA, mango.id, draft);
    assert.deepEqual(codes(result), ['unbacked_promise']);
    const suggestion = result.findings[0]?.suggestion;
    assert.deepEqual(suggestion, {
      action: 'create_commitment',
      dueAt: '2026-03-03T07:00:00.000Z',
      text: '並在明天下午三點前打電話跟您確認。',
    });
  });

  test('th: the promise is read in Bangkok time, and recording it as a commitment silences the finding', async () => {
    const draft =
      'คุณสมชายคะ ดิฉันทราบว่าคุณสั่งของไปแล้วยังไม่ได้รับ และโทรไปหลายรอบแล้ว ' +
      'ดิฉันจะตรวจสอบกับบริษัทขนส่งและโทรกลับภายในพรุ่งนี้ก่อน 15.00 น. ค่ะ';
    const before = await check(org.agentB, parcel.id, draft);
    assert.equal(before.language, 'th');
    assert.deepEqual(codes(before), ['unbacked_promise']);
    const finding = before.findings[0];
    assert.equal(finding?.spans[0]?.text, 'ภายในพรุ่งนี้ก่อน 15.00 น.');
    assert.equal(finding?.suggestion?.action, 'create_commitment');
    if (finding?.suggestion?.action !== 'create_commitment') return;
    assert.equal(finding.suggestion.dueAt, '2026-03-03T08:00:00.000Z');

    // The offer, taken: the suggestion is what the commitments route takes.
    const made = await post(org.agentB, `/cases/${parcel.id}/commitments`, {
      text: finding.suggestion.text,
      dueAt: finding.suggestion.dueAt,
    });
    assert.equal(made.statusCode, 201, made.body);
    const after = await check(org.agentB, parcel.id, draft);
    assert.deepEqual(codes(after), []);

    const cold = await check(org.agentB, parcel.id, 'ขออภัยในความไม่สะดวก ตามนโยบายของบริษัท ไม่ใช่ความรับผิดชอบของเรา');
    assert.deepEqual(
      cold.findings.filter((f) => f.code === 'defensive_phrase').map((f) => f.spans[0]?.text),
      ['ตามนโยบายของบริษัท', 'ไม่ใช่ความรับผิดชอบของเรา'],
    );
    assert.ok(codes(cold).includes('ritual_apology_alone'));
  });

  test('en: defensive phrases and a lone apology; a good reply is clean once its promise is recorded', async () => {
    const cold = await check(
      org.agentA,
      windowCase.id,
      'We apologise for any inconvenience caused. As per our policy, there is nothing we can do.',
    );
    assert.equal(cold.language, 'en');
    assert.deepEqual(
      cold.findings.filter((f) => f.code === 'defensive_phrase').map((f) => f.spans[0]?.text),
      ['As per our policy', 'there is nothing we can do'],
    );
    assert.ok(codes(cold).includes('ritual_apology_alone'));

    const good =
      'Dear Sarah, I am sorry that the left front window will not go up in this freezing weather. ' +
      'We will repair the window regulator free of charge, and I will call you by 3 pm tomorrow to book the repair.';
    assert.deepEqual(codes(await check(org.agentA, windowCase.id, good)), ['unbacked_promise']);
    const made = await post(org.agentA, `/cases/${windowCase.id}/commitments`, {
      text: 'Call to book the window regulator repair',
      dueAt: '2026-03-03T07:00:00.000Z',
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.deepEqual(codes(await check(org.agentA, windowCase.id, good)), []);
  });

  test("zh-CN: the customer's inbound messages are their words too", async () => {
    const draft = '王先生您好，很抱歉客服电话一直打不通。我会在明天下午三点前打电话给您。';
    assert.ok(codes(await check(org.agentA, refund.id, draft)).includes('no_restatement'));
    const recorded = await post(org.agentA, `/cases/${refund.id}/messages`, {
      direction: 'inbound',
      channel: 'phone',
      body: '客服电话一直打不通',
    });
    assert.equal(recorded.statusCode, 200, recorded.body);
    const result = await check(org.agentA, refund.id, draft);
    assert.equal(result.language, 'zh-CN');
    assert.ok(!codes(result).includes('no_restatement'), JSON.stringify(result.findings));
  });

  test("another site's case, or no case, answers not-found; so does it for a reader without case:update", async () => {
    const otherSite = await post(org.agentA, '/replies/check', { caseId: parcel.id, draft: 'คุณสมชายคะ' });
    assert.equal(otherSite.statusCode, 404, otherSite.body);
    const missing = await post(org.agentA, '/replies/check', { caseId: 'case_doesnotexist', draft: 'Hello' });
    assert.equal(missing.statusCode, 404, missing.body);
    assert.equal(
      otherSite.json<{ error: { code: string } }>().error.code,
      missing.json<{ error: { code: string } }>().error.code,
    );
    const analyst = await post(org.analyst, '/replies/check', { caseId: mango.id, draft: '陳小姐您好' });
    // Not-found and forbidden look the same.
    assert.equal(analyst.statusCode, 404, analyst.body);
  });

  test('an oversized, empty or malformed request is a coded 400', async () => {
    for (const payload of [
      { caseId: mango.id, draft: 'x'.repeat(MAX_DRAFT_CHARS + 1) },
      { caseId: mango.id, draft: '' },
      { caseId: mango.id },
      { caseId: 'not an id', draft: 'Hello' },
      { caseId: mango.id, draft: 'Hello', extra: true },
    ]) {
      const response = await post(org.agentA, '/replies/check', payload);
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'validation_failed');
    }
    // The longest draft allowed is read.
    const longest = await post(org.agentA, '/replies/check', {
      caseId: mango.id,
      draft: '陳小姐您好，'.padEnd(MAX_DRAFT_CHARS, '芒果'),
    });
    assert.equal(longest.statusCode, 200, longest.body);
  });
});
