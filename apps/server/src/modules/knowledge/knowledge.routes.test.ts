import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { BestAnswerDto, BestAnswerList, ErrorBody } from '@redress/contract';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import { createConfig, createTestOrg, type OrgUser, type TestOrg } from '../../../test/factories/cases.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';

describeBothBackends('best answers', (backend) => {
  const setUp = async (cleanup: TestContext) => {
    const t = await buildTestApp({ db: await backend.open(cleanup) });
    cleanup.after(() => t.app.close());
    const org = await createTestOrg(t);
    const config = await createConfig(t, org.admin);
    const mould = await t.app.inject({
      method: 'POST',
      url: '/api/v1/categories',
      headers: org.admin.headers,
      payload: { names: { en: 'Mould' }, parentId: config.spoiled },
    });
    assert.equal(mould.statusCode, 201, mould.body);
    return { t, org, ...config, mould: mould.json<{ id: string }>().id };
  };

  const send = (t: TestApp, as: OrgUser, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: as.headers, ...(payload ? { payload } : {}) });

  const create = async (
    t: TestApp,
    org: TestOrg,
    body: { categoryId?: string | null; language: string; title: string; body?: string },
  ): Promise<BestAnswerDto> => {
    const response = await send(t, org.admin, 'POST', '/best-answers', { body: 'Text', ...body });
    assert.equal(response.statusCode, 201, response.body);
    // Ids and creation times order by the millisecond: the next answer is written a second later.
    t.clock.advance(1_000);
    return response.json<BestAnswerDto>();
  };

  const list = async (t: TestApp, as: OrgUser, query = ''): Promise<BestAnswerDto[]> => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/best-answers${query}`, headers: as.headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<BestAnswerList>().items;
  };

  const errorOf = (response: { json: <T>() => T }) => response.json<ErrorBody>().error;

  test("a category's answers come first, then its parents', then the general ones; language narrows", async (ctx) => {
    const { t, org, quality, spoiled, mould, service } = await setUp(ctx);
    // Written out of order, so the order of the list is the tree's, not the writing's.
    const general = await create(t, org, { categoryId: null, language: 'en', title: 'General' });
    const top = await create(t, org, { categoryId: quality, language: 'en', title: 'Quality' });
    const leaf = await create(t, org, { categoryId: mould, language: 'en', title: 'Mould' });
    const middle = await create(t, org, { categoryId: spoiled, language: 'en', title: 'Spoiled' });
    const middleThai = await create(t, org, { categoryId: spoiled, language: 'th', title: 'ของเสีย' });
    const elsewhere = await create(t, org, { categoryId: service, language: 'en', title: 'Service' });
    const generalThai = await create(t, org, { language: 'th', title: 'ทั่วไป' });

    const titles = (items: BestAnswerDto[]) => items.map((a) => a.title);
    assert.deepEqual(titles(await list(t, org.agentA, `?categoryId=${mould}&language=en`)), [
      leaf.title,
      middle.title,
      top.title,
      general.title,
    ]);
    assert.deepEqual(titles(await list(t, org.agentA, `?categoryId=${mould}`)), [
      leaf.title,
      middle.title,
      middleThai.title,
      top.title,
      general.title,
      generalThai.title,
    ]);
    assert.deepEqual(titles(await list(t, org.agentA, `?categoryId=${spoiled}&language=th`)), [
      middleThai.title,
      generalThai.title,
    ]);
    assert.deepEqual(titles(await list(t, org.agentA, `?categoryId=${mould}&language=en&limit=2`)), [
      leaf.title,
      middle.title,
    ]);
    assert.deepEqual(
      titles(await list(t, org.agentA, `?categoryId=${service}&language=en`)),
      [elsewhere.title, general.title],
      'another branch sees none of this one',
    );
    assert.deepEqual(
      titles(await list(t, org.agentA, '?categoryId=cat_01NOSUCHCATEGORY&language=en')),
      [general.title],
      'an unknown category has only the general answers',
    );
    assert.deepEqual(
      titles(await list(t, org.agentA, '?language=en')),
      [general.title, top.title, leaf.title, middle.title, elsewhere.title],
      'without a category: every answer, in the order written',
    );
    const shown = (await list(t, org.agentA, `?categoryId=${mould}&language=en`))[0];
    assert.equal(shown?.categoryId, mould);
    assert.equal(shown?.language, 'en');
    assert.equal(shown?.updatedBy, 'Test admin', "the editor's name");
    assert.equal(shown?.createdAt, '2026-03-02T09:00:02.000Z', 'the third written');
  });

  test('words match title or body whatever their width, case or Chinese script; LIKE characters are literal', async (ctx) => {
    const { t, org } = await setUp(ctx);
    await create(t, org, {
      language: 'en',
      title: 'How your refund reaches you',
      body: 'The REFUND reaches your card within 5 working days.',
    });
    await create(t, org, { language: 'zh-TW', title: '退款說明', body: '退款會在五個工作天內退回您的信用卡。' });
    await create(t, org, { language: 'en', title: '100% sure', body: 'We will call you by 5 pm.' });
    const titles = async (q: string) => (await list(t, org.agentA, `?q=${encodeURIComponent(q)}`)).map((a) => a.title);
    assert.deepEqual(await titles('ＲＥＦＵＮＤ card'), ['How your refund reaches you']);
    assert.deepEqual(await titles('退款说明'), ['退款說明'], 'Simplified finds Traditional');
    assert.deepEqual(await titles('信用卡'), ['退款說明']);
    assert.deepEqual(await titles('%'), ['100% sure'], '% is a character, not a wildcard');
    assert.deepEqual(await titles('_'), []);
    assert.deepEqual(await titles('refund planet'), [], 'every word must be there');
  });

  test('markup is kept as text; blank, oversize and unknown fields are coded errors', async (ctx) => {
    const { t, org } = await setUp(ctx);
    const html = await create(t, org, {
      language: 'en',
      title: '<script>alert(1)</script> <b>Refund</b>',
      body: 'Dear {{customerName}},\n<img src=x onerror=alert(1)>',
    });
    assert.equal(html.title, '<script>alert(1)</script> <b>Refund</b>');
    assert.equal(html.body, 'Dear {{customerName}},\n<img src=x onerror=alert(1)>');
    assert.equal((await list(t, org.agentA))[0]?.title, html.title, 'stored as written');

    const cases: [object, number, string, string][] = [
      [{ language: 'en', title: 'Long', body: 'x'.repeat(10_001) }, 400, 'validation_failed', '/body/body'],
      [{ language: 'en', title: 'x'.repeat(201), body: 'Text' }, 400, 'validation_failed', '/body/title'],
      [{ language: 'en', title: '   ', body: 'Text' }, 400, 'validation_failed', '/body/title'],
      [{ language: 'fr', title: 'Bonjour', body: 'Text' }, 400, 'validation_failed', '/body/language'],
      [{ language: 'en', title: 'T', body: 'B', extra: 1 }, 400, 'validation_failed', '/body/extra'],
      [
        { language: 'en', title: 'T', body: 'B', categoryId: 'cat_01NOSUCHCATEGORY' },
        422,
        'rule_violated',
        '/body/categoryId',
      ],
    ];
    for (const [payload, status, code, field] of cases) {
      const response = await send(t, org.admin, 'POST', '/best-answers', payload);
      assert.equal(response.statusCode, status, response.body);
      assert.equal(errorOf(response).code, code);
      assert.equal(errorOf(response).details?.[0]?.field, field, JSON.stringify(payload).slice(0, 60));
    }
    const badPatch = await send(t, org.admin, 'PATCH', `/best-answers/${html.id}`, { categoryId: 'cat_01NOSUCH' });
    assert.equal(badPatch.statusCode, 422);
    assert.equal(errorOf(badPatch).code, 'rule_violated');
    const blankPatch = await send(t, org.admin, 'PATCH', `/best-answers/${html.id}`, { body: ' \n ' });
    assert.equal(blankPatch.statusCode, 400);
    assert.equal((await list(t, org.agentA)).length, 1, 'nothing refused was stored');
  });

  test('change and delete: each is an event in its transaction; unknown ids are 404s', async (ctx) => {
    const { t, org, quality, spoiled } = await setUp(ctx);
    const answer = await create(t, org, { categoryId: quality, language: 'zh-TW', title: '退款', body: '舊的' });
    t.clock.set('2026-03-02T09:01:00.000Z');
    const patched = await send(t, org.admin, 'PATCH', `/best-answers/${answer.id}`, {
      categoryId: spoiled,
      body: '退款會在五個工作天內退回。',
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const changed = patched.json<BestAnswerDto>();
    assert.equal(changed.categoryId, spoiled);
    assert.equal(changed.body, '退款會在五個工作天內退回。');
    assert.equal(changed.title, '退款', 'fields not sent stay');
    assert.equal(changed.createdAt, '2026-03-02T09:00:00.000Z');
    assert.equal(changed.updatedAt, '2026-03-02T09:01:00.000Z');

    const general = await send(t, org.admin, 'PATCH', `/best-answers/${answer.id}`, { categoryId: null });
    assert.equal(general.json<BestAnswerDto>().categoryId, null, 'null makes it general');
    const same = await send(t, org.admin, 'PATCH', `/best-answers/${answer.id}`, { title: ' 退款 ' });
    assert.equal(same.statusCode, 200);

    const deleted = await send(t, org.admin, 'DELETE', `/best-answers/${answer.id}`);
    assert.equal(deleted.statusCode, 204);
    assert.deepEqual(await list(t, org.agentA), []);

    const events = await t.deps.db.read
      .selectFrom('events')
      .select(['type', 'actor_id'])
      .where('subject_id', '=', answer.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      events.map((e) => e.type),
      ['best_answer.created', 'best_answer.updated', 'best_answer.updated', 'best_answer.deleted'],
      'a patch that changes nothing writes no event',
    );
    assert.ok(events.every((e) => e.actor_id === org.admin.id));

    for (const [method, payload] of [
      ['PATCH', { title: 'x' }],
      ['DELETE', undefined],
    ] as const) {
      const gone = await send(t, org.admin, method, `/best-answers/${answer.id}`, payload);
      assert.equal(gone.statusCode, 404, method);
      assert.equal(errorOf(gone).code, 'not_found');
    }
    const malformed = await send(t, org.admin, 'DELETE', '/best-answers/not-an-id');
    assert.equal(malformed.statusCode, 400);
  });

  test('everyone who reads cases may list; only administrators may write', async (ctx) => {
    const { t, org } = await setUp(ctx);
    const answer = await create(t, org, { language: 'en', title: 'General' });
    for (const who of [org.agentA, org.supervisorA, org.warehouseMember, org.analyst]) {
      assert.equal((await list(t, who)).length, 1);
    }
    for (const who of [org.agentA, org.supervisorA, org.analyst]) {
      const post = await send(t, who, 'POST', '/best-answers', { language: 'en', title: 'Mine', body: 'B' });
      assert.equal(post.statusCode, 404, 'forbidden looks like not found');
      const patch = await send(t, who, 'PATCH', `/best-answers/${answer.id}`, { title: 'Mine' });
      assert.equal(patch.statusCode, 404);
      const remove = await send(t, who, 'DELETE', `/best-answers/${answer.id}`);
      assert.equal(remove.statusCode, 404);
    }
    assert.equal((await list(t, org.admin))[0]?.title, 'General', 'nothing changed');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/best-answers' });
    assert.equal(anonymous.statusCode, 401);
  });
});
