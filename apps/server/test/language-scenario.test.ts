import assert from 'node:assert/strict';
import type {
  AnalyzeResultDto,
  CaseRiskDto,
  CategorySuggestionsDto,
  ReplyCheckDto,
  SearchResultDto,
  SimilarCasesDto,
} from '@redress/contract';
import { systemContext } from '../src/shared/unit-of-work.ts';
import type { TestApp } from './factories.ts';
import { createConfig, createTestOrg, openCaseAs, type OrgUser } from './factories/cases.ts';
import { drainJobs } from './factories/notifications.ts';
import { scenarioOnBothBackends } from './scenario-util.ts';

/**
 * Issue 5's language story, end to end over HTTP, at a fruit shop in Taipei whose mangoes went bad
 * in one week (articles 002 and 003):
 *
 * 1. Complaints arrive in Traditional Chinese, Simplified Chinese and Thai. An agent finds them by
 *    a word typed in the other script, by a Thai word inside a run of text, and by a customer's
 *    name; a word no one wrote finds nothing.
 * 2. The third mango complaint shows the first two as near-duplicates — "one of many" — counted
 *    this week.
 * 3. The angriest customer writes again; analysis quotes the words behind each signal, the case's
 *    risk points at the message behind each, and the case climbs the escalation ladder on its own.
 * 4. The shop files mould under its packing line (a service process): the category names alone do
 *    not point there, but once two such cases are resolved the model suggests it for the third.
 * 5. The reply coach stops a cold ritual apology, and once the agent names the customer, restates
 *    the problem and promises a time, offers the promise as a commitment; made, the draft is clean.
 */
const scenario = async (t: TestApp): Promise<void> => {
  t.clock.set('2026-03-02T02:00:00.000Z');
  const org = await createTestOrg(t);
  const config = await createConfig(t, org.admin);
  await t.deps.escalation.ensureDefaultLadder(systemContext('test'));

  const call = async <T>(
    as: OrgUser,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object,
    status = 200,
  ) => {
    const response = await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: as.headers,
      ...(payload ? { payload } : {}),
    });
    assert.equal(response.statusCode, status, `${method} ${url}: ${response.body}`);
    return response.json<T>();
  };
  const search = (as: OrgUser, q: string) =>
    call<SearchResultDto>(as, 'GET', `/search?q=${encodeURIComponent(q)}`).then((r) => r.items.map((i) => i.ref));

  // 1. The week's complaints.
  const mango = (name: string, phone: string, language: 'zh-TW' | 'zh-CN', description: string) =>
    openCaseAs(t, org.agentA, {
      customer: { name, phone, language },
      channel: 'phone',
      subject: language === 'zh-TW' ? '芒果乾發霉' : '芒果干发霉',
      description,
      siteId: org.siteA,
    });
  const first = await mango(
    '林建宏',
    '0922-111-333',
    'zh-TW',
    '上週買的芒果乾整包都發霉了，小孩吃了一片才發現，請盡快處理。',
  );
  t.clock.advance(60 * 60 * 1000);
  const second = await mango(
    '王小明',
    '138 1234 5678',
    'zh-CN',
    '上周买的芒果干整包都发霉了，小孩吃了一片才发现，请尽快处理。',
  );
  t.clock.advance(60 * 60 * 1000);
  const third = await mango(
    '陳美玲',
    '0912-345-678',
    'zh-TW',
    '昨天買的芒果乾整包都發霉了，家裡小孩吃了一片才發現，請盡快處理！',
  );
  const thai = await openCaseAs(t, org.agentA, {
    customer: { name: 'สมชาย ใจดี', phone: '+66 81 234 5678', language: 'th' },
    channel: 'email',
    subject: 'สินค้าเสียหาย',
    description: 'มะม่วงที่สั่งมาเน่าทั้งกล่อง ขอเงินคืนด่วนค่ะ',
    siteId: org.siteA,
  });

  // Found the moment they were created: a Simplified query finds the Traditional complaints and
  // the other way round, a Thai word inside a run, a customer's name; an absent word finds nothing.
  assert.deepEqual((await search(org.agentA, '发霉')).sort(), [first.ref, second.ref, third.ref].sort());
  assert.ok((await search(org.agentA, '芒果乾')).includes(second.ref), 'Traditional query, Simplified case');
  assert.deepEqual(await search(org.agentA, 'เงินคืน'), [thai.ref]);
  assert.deepEqual(await search(org.agentA, '陳美玲'), [third.ref]);
  assert.deepEqual(await search(org.agentA, '榴槤'), []);
  assert.deepEqual(await search(org.agentB, '发霉'), [], 'another site sees none of them');

  // 2. One of many: the fingerprints are taken by the job queue.
  await drainJobs(t);
  const similar = await call<SimilarCasesDto>(org.agentA, 'GET', `/cases/${third.id}/similar`);
  assert.deepEqual(
    similar.items.map((i) => i.caseRef).sort(),
    [first.ref, second.ref].sort(),
    'the two earlier mango complaints, not the Thai one',
  );
  const twin = await call<SimilarCasesDto>(org.agentA, 'GET', `/cases/${second.id}/similar`);
  const sameText = twin.items.find((i) => i.caseRef === first.ref);
  assert.equal(sameText?.kind, 'near_duplicate', 'the same words in the other script are a near-duplicate');
  assert.equal(similar.thisWeek, 3, 'three this week, counting this one');

  // 3. The customer writes again, angrily.
  const angry = '你們是騙子！我已經打了三次電話都沒人處理，再不退款我就找記者曝光，還要投訴到消保會。';
  const analysis = await call<AnalyzeResultDto>(org.agentA, 'POST', '/analyze', { text: angry });
  assert.equal(analysis.language, 'zh-TW');
  const evidence = new Map(analysis.signals.map((s) => [s.kind, s.evidence]));
  for (const kind of ['insult', 'repeat_contact', 'refund_demand', 'media_threat', 'regulator_threat'] as const) {
    const words = evidence.get(kind);
    assert.ok(words && angry.includes(words), `${kind} quotes the customer's words (got ${words})`);
  }
  assert.ok(['high', 'critical'].includes(analysis.risk.level), `risk ${analysis.risk.level}`);
  const calm = await call<AnalyzeResultDto>(org.agentA, 'POST', '/analyze', {
    text: '我的經理說退款政策寫在網站上，請問在哪裡看？',
  });
  assert.deepEqual(calm.signals, [], 'a manager at work and a question about the refund policy are not signals');

  await call(org.agentA, 'POST', `/cases/${first.id}/messages`, {
    direction: 'inbound',
    channel: 'phone',
    body: angry,
  });
  const caseRisk = await call<CaseRiskDto>(org.agentA, 'GET', `/cases/${first.id}/risk`);
  const insult = caseRisk.signals.find((s) => s.kind === 'insult');
  assert.equal(insult?.source, 'message', 'the case risk points at the message behind each signal');
  assert.equal(angry.slice(insult.start, insult.end), insult.evidence);
  assert.ok(['high', 'critical'].includes(caseRisk.risk.level));
  await drainJobs(t);
  const escalations = await call<{ items: { direction: string; toRank: number; trigger: string }[] }>(
    org.agentA,
    'GET',
    `/cases/${first.id}/escalations`,
  );
  assert.ok(
    escalations.items.some((e) => e.direction === 'up' && e.toRank > 0),
    `the threats took the case up the ladder: ${JSON.stringify(escalations.items)}`,
  );

  // 4. The shop files mould under its service process (the packing line), which nothing in the
  // category names suggests; once two such cases are resolved the model has learnt it.
  const before = await call<CategorySuggestionsDto>(org.agentA, 'GET', `/cases/${third.id}/category-suggestions`);
  assert.notEqual(before.categories[0]?.id, config.service, 'the names alone do not point there');
  for (const resolved of [first, second]) {
    await call(org.agentA, 'PATCH', `/cases/${resolved.id}`, { categoryId: config.service });
    await call(org.agentA, 'POST', `/cases/${resolved.id}/transitions`, { action: 'start_investigation' });
    await call(org.agentA, 'POST', `/cases/${resolved.id}/transitions`, {
      action: 'resolve',
      resolution: { text: '全額退款並更換新品', kind: 'final', rootCauseId: config.rootCause },
    });
  }
  await drainJobs(t);
  t.clock.advance(60 * 1000);
  const suggested = await call<CategorySuggestionsDto>(org.agentA, 'GET', `/cases/${third.id}/category-suggestions`);
  assert.equal(suggested.categories[0]?.id, config.service, JSON.stringify(suggested));
  assert.equal(suggested.kind?.kind, 'service_process');

  // 5. The reply to the third customer.
  const cold = await call<ReplyCheckDto>(org.agentA, 'POST', '/replies/check', {
    caseId: third.id,
    draft: '很抱歉給您帶來不便，我們會轉交相關部門處理。',
  });
  const coldCodes = cold.findings.map((f) => f.code);
  for (const code of ['missing_name', 'defensive_phrase', 'ritual_apology_alone'] as const) {
    assert.ok(coldCodes.includes(code), `${code} in ${coldCodes.join(', ')}`);
  }
  const draft =
    '陳小姐您好，您昨天買的芒果乾整包發霉，小孩還吃了一片，我們非常重視。我會在明天下午三點前打電話告訴您退款和檢驗結果。';
  const warm = await call<ReplyCheckDto>(org.agentA, 'POST', '/replies/check', { caseId: third.id, draft });
  assert.deepEqual(
    warm.findings.filter((f) => f.severity !== 'info').map((f) => f.code),
    ['unbacked_promise'],
  );
  const offer = warm.findings[0]?.suggestion;
  assert.ok(offer?.action === 'create_commitment');
  assert.equal(offer.dueAt, '2026-03-03T07:00:00.000Z', 'tomorrow 15:00 in Taipei');
  await call(org.agentA, 'POST', `/cases/${third.id}/commitments`, { text: offer.text, dueAt: offer.dueAt }, 201);
  const clean = await call<ReplyCheckDto>(org.agentA, 'POST', '/replies/check', { caseId: third.id, draft });
  assert.deepEqual(
    clean.findings.filter((f) => f.severity !== 'info'),
    [],
  );
};

scenarioOnBothBackends('scenario: a bad week for mangoes, read in three scripts', scenario);
