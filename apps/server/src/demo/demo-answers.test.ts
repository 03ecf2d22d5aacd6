import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BestAnswerList } from '@redress/contract';
import { buildTestApp, createUser, bearerFor } from '../../test/factories.ts';
import { checkReply } from '../modules/coach/index.ts';
import { DEMO_ANSWERS } from './demo-answers-text.ts';
import { loadDemo } from './load-demo.ts';

const LANGUAGES = ['en', 'th', 'zh-CN', 'zh-TW'];

test('the demo keeps best answers for each category and general ones, in four languages, once', async (t) => {
  const app = await buildTestApp();
  t.after(() => app.close());
  assert.match(await loadDemo(app.deps), new RegExp(`${DEMO_ANSWERS.length} new best answers`));
  assert.match(await loadDemo(app.deps), / 0 new best answers/);

  const agent = await createUser(app.deps, 'agent', 'reader@example.test');
  const headers = await bearerFor(app.deps, agent.id);
  const list = async (query: string) => {
    const response = await app.app.inject({ method: 'GET', url: `/api/v1/best-answers${query}`, headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<BestAnswerList>().items;
  };
  const all = await list('?limit=200');
  assert.equal(all.length, DEMO_ANSWERS.length);
  const categories = await app.app.inject({ method: 'GET', url: '/api/v1/categories', headers });
  for (const category of categories.json<{ items: { id: string }[] }>().items) {
    const languages = all.filter((a) => a.categoryId === category.id).map((a) => a.language);
    assert.deepEqual(languages.sort(), LANGUAGES, category.id);
  }
  assert.deepEqual(
    all
      .filter((a) => a.categoryId === null)
      .map((a) => a.language)
      .sort(),
    LANGUAGES,
  );

  const delivery = all.find((a) => a.language === 'th' && a.title.startsWith('พัสดุล่าช้า'));
  assert.ok(delivery?.categoryId);
  const forDelivery = await list(`?categoryId=${delivery.categoryId}&language=th`);
  assert.deepEqual(
    forDelivery.map((a) => a.categoryId),
    [delivery.categoryId, null],
    "the category's own answer, then the general one",
  );
});

test('each demo answer reads as the reply coach wants: by name, a next step with a time, nothing defensive', () => {
  const now = new Date('2026-03-02T09:00:00.000Z');
  for (const answer of DEMO_ANSWERS) {
    const draft = answer.body.replaceAll('{{customerName}}', '陳美玲').replaceAll('{{caseRef}}', 'C-2026-000042');
    const { findings } = checkReply(
      draft,
      {
        language: answer.language,
        customerName: '陳美玲',
        customerWords: [],
        openCommitments: [],
        timeZone: 'Asia/Taipei',
      },
      now,
    );
    const codes = findings
      .map((f) => f.code)
      .filter((code) => code !== 'unbacked_promise' && code !== 'no_restatement');
    assert.deepEqual(codes, [], `${answer.language} · ${answer.title}`);
  }
});
