import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { EscalationListDto, LexiconDto, LexiconEntryDto } from '@redress/contract';
import { createJobRunner } from '../src/jobs/index.ts';
import { createLexiconService, detectSignals } from '../src/modules/language/index.ts';
import { createLogger } from '../src/shared/logger.ts';
import { systemContext } from '../src/shared/unit-of-work.ts';
import { lexiconRepository } from '../src/storage/repositories/lexicon.repository.ts';
import { unitOfWork } from '../src/storage/unit-of-work.ts';
import { buildTestApp, type TestApp } from './factories.ts';
import { createTestOrg, openCaseAs, type OrgUser, type TestOrg } from './factories/cases.ts';
import { describeBothBackends } from './pg-util.ts';

interface ErrorJson {
  error: { code: string; details?: { field: string; message: string }[] };
}

/**
 * The signal lexicon an administrator extends, over HTTP on both backends: who may read and change
 * it, the checks on a pattern, and an added phrase reaching the escalation triggers at once.
 */
describeBothBackends('the signal lexicon', (backend) => {
  let t: TestApp;
  let org: TestOrg;
  before(async () => {
    t = await buildTestApp({ db: await backend.open() });
    org = await createTestOrg(t);
    await t.deps.escalation.ensureDefaultLadder(systemContext('test'));
  });
  after(() => t.app.close());

  const send = (as: OrgUser, method: 'POST' | 'GET' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: as.headers, ...(payload ? { payload } : {}) });
  const runQueued = async (): Promise<void> => {
    const runner = createJobRunner({
      db: t.deps.db,
      registry: t.deps.jobs,
      clock: t.clock,
      logger: createLogger('silent'),
      workerId: 'lexicon-test',
    });
    while ((await runner.runOnce()) > 0);
  };
  const escalationsOf = async (caseId: string) => {
    const response = await send(org.admin, 'GET', `/cases/${caseId}/escalations`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<EscalationListDto>().items;
  };
  const openWith = (description: string) =>
    openCaseAs(t, org.agentA, {
      customer: { name: 'Dana Reyes', email: 'dana.reyes@example.com', language: 'en' },
      channel: 'email',
      description,
    });

  const phrase = {
    signal: 'manager_request',
    language: 'en',
    kind: 'phrase',
    text: 'Put the franchise owner on the line',
  };

  test('staff with config:read see the built-in rules summarised; others see nothing', async () => {
    const read = await send(org.agentA, 'GET', '/language/lexicon');
    assert.equal(read.statusCode, 200, read.body);
    const lexicon = read.json<LexiconDto>();
    assert.deepEqual(lexicon.entries, []);
    for (const language of ['en', 'zh', 'th'] as const) {
      const signals = new Set(lexicon.builtIn.filter((s) => s.language === language).map((s) => s.signal));
      assert.equal(signals.size, 13, `every signal has built-in rules in ${language}`);
    }
    assert.equal((await send(org.warehouseMember, 'GET', '/language/lexicon')).statusCode, 404);
  });

  test('only an administrator adds; a pattern that is unsafe or useless is refused with a reason', async () => {
    assert.equal((await send(org.supervisorA, 'POST', '/language/lexicon', phrase)).statusCode, 404);
    for (const text of ['(a+)+b', 'x*', '(unclosed', '.*a.*b.*c']) {
      const refused = await send(org.admin, 'POST', '/language/lexicon', { ...phrase, kind: 'pattern', text });
      assert.equal(refused.statusCode, 400, `${text}: ${refused.body}`);
      const body = refused.json<ErrorJson>();
      assert.equal(body.error.code, 'validation_failed');
      assert.equal(body.error.details?.[0]?.field, '/body/text');
    }
    const blank = await send(org.admin, 'POST', '/language/lexicon', { ...phrase, text: '   ' });
    assert.equal(blank.statusCode, 400, blank.body);
    const unknown = await send(org.admin, 'POST', '/language/lexicon', { ...phrase, signal: 'sadness' });
    assert.equal(unknown.statusCode, 400, unknown.body);
  });

  test('an added phrase reaches the triggers at once; disabled, it is heard no more', async () => {
    const quiet = await openWith('Put the franchise owner on the line, this cannot go on.');
    await runQueued();
    assert.equal((await escalationsOf(quiet.id)).length, 0, 'not a built-in cue');

    const added = await send(org.admin, 'POST', '/language/lexicon', phrase);
    assert.equal(added.statusCode, 201, added.body);
    const entry = added.json<LexiconEntryDto>();
    assert.match(entry.id, /^lex_/);
    assert.equal(entry.negatable, true);
    assert.equal(entry.confidence, 0.8);
    const listed = (await send(org.admin, 'GET', '/language/lexicon')).json<LexiconDto>().entries;
    assert.deepEqual(
      listed.map((e) => e.id),
      [entry.id],
    );

    const heard = await openWith('PUT THE FRANCHISE OWNER ON THE LINE, this cannot go on.');
    await runQueued();
    const climbed = await escalationsOf(heard.id);
    assert.equal(climbed.length, 1);
    assert.equal(climbed[0]?.trigger, 'signal');
    assert.match(climbed[0]?.reason ?? '', /manager_request \("PUT THE FRANCHISE OWNER ON THE LINE"\)/);

    const negated = await openWith('I do not want you to put the franchise owner on the line.');
    await runQueued();
    assert.equal((await escalationsOf(negated.id)).length, 0, 'a negation cancels an added phrase too');

    assert.equal((await send(org.supervisorA, 'DELETE', `/language/lexicon/${entry.id}`)).statusCode, 404);
    assert.equal((await send(org.admin, 'DELETE', `/language/lexicon/${entry.id}`)).statusCode, 204);
    assert.equal((await send(org.admin, 'DELETE', `/language/lexicon/${entry.id}`)).statusCode, 404);
    assert.deepEqual((await send(org.admin, 'GET', '/language/lexicon')).json<LexiconDto>().entries, []);
    const after = await openWith('Put the franchise owner on the line, this cannot go on.');
    await runQueued();
    assert.equal((await escalationsOf(after.id)).length, 0);
  });

  test('a Chinese entry written in Traditional is heard in either script; a checked pattern works', async () => {
    const added = await send(org.admin, 'POST', '/language/lexicon', {
      signal: 'media_threat',
      language: 'zh',
      kind: 'pattern',
      text: '放上(?:討論區|論壇)',
    });
    assert.equal(added.statusCode, 201, added.body);
    const lexicon = await t.deps.lexicon.lexicon();
    for (const text of ['我會放上討論區', '我会放上讨论区']) {
      const hit = detectSignals(text, { language: 'zh-CN', lexicon }).find((h) => h.kind === 'media_threat');
      assert.equal(hit?.evidence, text.slice(2), text);
    }
  });

  test('another instance picks up a change within its cache time', async () => {
    const store = unitOfWork(t.deps.db, (tx) => ({ lexicon: lexiconRepository(tx) }));
    const other = createLexiconService({ store, clock: t.clock, ttlMs: 5_000 });
    const cue = 'speak with the area boss';
    const before = await other.lexicon();
    assert.equal(
      detectSignals(cue, { lexicon: before }).some((h) => h.kind === 'manager_request'),
      false,
    );
    const added = await send(org.admin, 'POST', '/language/lexicon', { ...phrase, text: cue });
    assert.equal(added.statusCode, 201, added.body);
    assert.equal(await other.lexicon(), before, 'still cached');
    t.clock.advance(5_001);
    const fresh = await other.lexicon();
    assert.notEqual(fresh, before);
    assert.ok(detectSignals(cue, { lexicon: fresh }).some((h) => h.kind === 'manager_request'));
  });
});
