import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CaseDto, CreateCaseBody, SearchHitDto, SearchResultDto } from '@redress/contract';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import { createConfig, createTestOrg, openCaseAs, type OrgUser, type TestOrg } from '../../../test/factories/cases.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';

/** Complaints in four languages; the customers' words are kept as written, in either Chinese script. */
const complaints = {
  taiwan: {
    customer: { name: '陳美玲', phone: '0912-345-678', language: 'zh-TW' },
    channel: 'phone',
    subject: '芒果乾發霉',
    description: '上週在門市買的芒果乾全部發霉了，我要求退款。',
  },
  mainland: {
    customer: { name: '王磊', email: 'wanglei@example.cn', language: 'zh-CN' },
    channel: 'email',
    subject: '水果问题',
    description: '我昨天买的芒果都烂了',
  },
  thai: {
    customer: { name: 'สมชาย ใจดี', phone: '+66 81 234 5678', language: 'th' },
    channel: 'phone',
    description: 'ขอเงินคืนด่วน สินค้าชำรุดตั้งแต่วันแรก',
  },
  english: {
    customer: { name: 'Sarah Mitchell', email: 'sarah.mitchell@example.com', language: 'en' },
    channel: 'web',
    subject: 'Window regulator failed',
    description: 'The left front window will not go up. It is freezing outside.',
  },
  otherSite: {
    customer: { name: 'Niran Boonmee', email: 'niran@example.th', language: 'en' },
    channel: 'web',
    subject: '芒果 window',
    description: 'A mango and a window regulator, at another site: ขอเงินคืนด่วน',
  },
} as const satisfies Record<string, CreateCaseBody>;

type Seeded = Record<keyof typeof complaints, CaseDto>;

describeBothBackends('search over cases', (backend) => {
  const setUp = async (
    cleanup: Parameters<typeof backend.open>[0],
  ): Promise<{ t: TestApp; org: TestOrg; cases: Seeded }> => {
    const t = await buildTestApp({ db: await backend.open(cleanup) });
    const org = await createTestOrg(t);
    const cases = {
      taiwan: await openCaseAs(t, org.agentA, complaints.taiwan),
      mainland: await openCaseAs(t, org.agentA, complaints.mainland),
      thai: await openCaseAs(t, org.agentA, complaints.thai),
      english: await openCaseAs(t, org.agentA, complaints.english),
      otherSite: await openCaseAs(t, org.agentB, complaints.otherSite),
    };
    return { t, org, cases };
  };

  const search = async (t: TestApp, who: OrgUser, q: string, extra = ''): Promise<SearchResultDto> => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent(q)}${extra}`,
      headers: who.headers,
    });
    assert.equal(response.statusCode, 200, `${q}: ${response.body}`);
    return response.json<SearchResultDto>();
  };
  const ids = (result: SearchResultDto): string[] => result.items.map((hit) => hit.id).sort();
  const expectIds = (result: SearchResultDto, expected: readonly CaseDto[], label: string) =>
    assert.deepEqual(ids(result), expected.map((c) => c.id).sort(), label);
  const highlighted = (hit: SearchHitDto | undefined): string[] =>
    hit?.snippet ? hit.snippet.highlights.map((r) => hit.snippet!.text.slice(r.start, r.end)) : [];

  test('finds Chinese, Thai and English words inside longer runs, in either Chinese script, and nothing absent', async (ctx) => {
    const { t, org, cases } = await setUp(ctx);
    try {
      const a = org.agentA;
      // 芒果 inside 芒果乾 (Traditional) and inside 我昨天买的芒果都烂了 (Simplified), from either script.
      expectIds(await search(t, a, '芒果'), [cases.taiwan, cases.mainland], '芒果');
      expectIds(await search(t, a, '芒果干'), [cases.taiwan], 'Simplified query, Traditional text');
      expectIds(await search(t, a, '芒果乾'), [cases.taiwan], 'Traditional query, Traditional text');
      expectIds(await search(t, a, '爛了'), [cases.mainland], 'Traditional query, Simplified text');
      expectIds(await search(t, a, '发霉'), [cases.taiwan], 'Simplified query inside a Traditional run');
      expectIds(await search(t, a, '退款'), [cases.taiwan], '退款 at the end of a sentence');
      // เงินคืน inside ขอเงินคืนด่วน; ชำรุด inside สินค้าชำรุดตั้งแต่วันแรก.
      expectIds(await search(t, a, 'เงินคืน'), [cases.thai], 'Thai word inside a run');
      expectIds(await search(t, a, 'ชำรุด'), [cases.thai], 'Thai word with vowel marks');
      expectIds(await search(t, a, 'REGULATOR'), [cases.english], 'English, any case');
      expectIds(await search(t, a, 'window freezing'), [cases.english], 'terms are ANDed');
      expectIds(await search(t, a, '"left front window"'), [cases.english], 'a quoted phrase');
      for (const absent of ['"front left window"', 'refrigerator', '榴蓮', 'ทุเรียน', '芒果 refrigerator', '果退']) {
        expectIds(await search(t, a, absent), [], `absent: ${absent}`);
      }
    } finally {
      await t.app.close();
    }
  });

  test('highlights quote the original script, and the snippet says which field matched', async (ctx) => {
    const { t, org, cases } = await setUp(ctx);
    try {
      const [hit] = (await search(t, org.agentA, '发霉 退款')).items;
      assert.equal(hit?.id, cases.taiwan.id);
      assert.deepEqual(hit?.fields, ['subject', 'description']);
      assert.equal(hit?.snippet?.field, 'description', 'the text holding both terms wins');
      assert.deepEqual(highlighted(hit), ['發霉', '退款']);
      const [thai] = (await search(t, org.agentA, 'เงินคืน')).items;
      assert.deepEqual(highlighted(thai), ['เงินคืน']);
      const [english] = (await search(t, org.agentA, 'regulator')).items;
      assert.equal(english?.ref, cases.english.ref);
      assert.equal(english?.status, 'new');
      assert.equal(english?.subject, 'Window regulator failed');
      assert.deepEqual(highlighted(english), ['regulator']);
    } finally {
      await t.app.close();
    }
  });

  test('a message, note or call added later, and the customer name, find the case', async (ctx) => {
    const { t, org, cases } = await setUp(ctx);
    try {
      const a = org.agentA;
      const post = async (url: string, payload: Record<string, unknown>) => {
        const response = await t.app.inject({ method: 'POST', url, headers: a.headers, payload });
        assert.ok(response.statusCode < 300, response.body);
      };
      expectIds(await search(t, a, 'courier'), [], 'not yet');
      await post(`/api/v1/cases/${cases.english.id}/messages`, {
        direction: 'inbound',
        channel: 'email',
        body: 'The courier never came back for the part.',
      });
      await post(`/api/v1/cases/${cases.thai.id}/notes`, { body: 'ลูกค้าโทรมาแจ้งว่าตู้เย็นเสียงดัง' });
      await post(`/api/v1/cases/${cases.mainland.id}/calls`, {
        direction: 'outbound',
        counterpart: 'customer',
        startedAt: '2026-03-02T08:00:00.000Z',
        durationSeconds: 120,
        outcome: 'explained',
        summary: '客戶同意換貨',
      });
      const courier = await search(t, a, 'courier');
      expectIds(courier, [cases.english], 'a later message');
      assert.deepEqual(courier.items[0]?.fields, ['message']);
      assert.equal(courier.items[0]?.snippet?.field, 'message');
      assert.ok(courier.items[0]?.snippet?.eventId?.startsWith('evt_'));
      expectIds(await search(t, a, 'ตู้เย็น'), [cases.thai], 'a note');
      const edit = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/cases/${cases.thai.id}`,
        headers: a.headers,
        payload: { subject: 'ตู้เย็นชำรุด ขอเปลี่ยนเครื่อง' },
      });
      assert.equal(edit.statusCode, 200, edit.body);
      expectIds(await search(t, a, 'เปลี่ยน'), [cases.thai], 'an edited subject');
      expectIds(await search(t, a, '换货'), [cases.mainland], 'a call summary, other script');

      expectIds(await search(t, a, '陈美玲'), [cases.taiwan], 'customer name, other script');
      expectIds(await search(t, a, 'mitchell'), [cases.english], 'customer name');
      const [byName] = (await search(t, a, 'สมชาย')).items;
      assert.deepEqual(byName?.fields, ['customer']);
      // Renaming the customer re-indexes their cases in the same request.
      const rename = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/customers/${cases.english.customer.id}`,
        headers: org.admin.headers,
        payload: { name: 'Sarah Okafor' },
      });
      assert.equal(rename.statusCode, 200, rename.body);
      expectIds(await search(t, a, 'okafor'), [cases.english], 'new name');
      expectIds(await search(t, a, 'mitchell'), [], 'old name');
    } finally {
      await t.app.close();
    }
  });

  test('filters narrow, and other sites stay out', async (ctx) => {
    const { t, org, cases } = await setUp(ctx);
    try {
      const a = org.agentA;
      expectIds(await search(t, a, 'window'), [cases.english], "another site's case is not returned");
      expectIds(await search(t, org.agentB, 'window'), [cases.otherSite], 'and the other way round');
      expectIds(await search(t, org.admin, 'window'), [cases.english, cases.otherSite], 'brand-wide');
      expectIds(await search(t, org.agentB, 'เงินคืน'), [cases.otherSite], 'Thai, other site');
      expectIds(await search(t, a, 'window', `&siteId=${org.siteB}`), [], 'a site filter cannot widen scope');
      // A department member sees only the cases their team has a task on.
      expectIds(await search(t, org.warehouseMember, '芒果'), [], 'no task yet');
      const task = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${cases.taiwan.id}/tasks`,
        headers: a.headers,
        payload: { teamId: org.warehouse, question: 'Check the cold-room log', dueAt: '2026-03-03T09:00:00.000Z' },
      });
      assert.equal(task.statusCode, 201, task.body);
      expectIds(await search(t, org.warehouseMember, '芒果'), [cases.taiwan], 'the task case only');
      expectIds(await search(t, org.admin, 'window', `&siteId=${org.siteB}`), [cases.otherSite], 'site filter');

      const acknowledge = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${cases.english.id}/transitions`,
        headers: a.headers,
        payload: { action: 'acknowledge' },
      });
      assert.equal(acknowledge.statusCode, 200, acknowledge.body);
      expectIds(await search(t, org.admin, 'window', '&status=acknowledged'), [cases.english], 'status');
      expectIds(await search(t, org.admin, 'window', '&status=new'), [cases.otherSite], 'status');

      const config = await createConfig(t, org.admin);
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/cases/${cases.mainland.id}`,
        headers: a.headers,
        payload: { categoryId: config.spoiled },
      });
      assert.equal(patch.statusCode, 200, patch.body);
      expectIds(await search(t, a, '芒果', `&categoryId=${config.spoiled}`), [cases.mainland], 'category');

      const created = cases.taiwan.createdAt;
      expectIds(await search(t, a, '芒果', `&from=${created}`), [cases.taiwan, cases.mainland], 'from (inclusive)');
      expectIds(await search(t, a, '芒果', `&to=${created}`), [], 'to (exclusive)');
      t.clock.advance(60_000);
      const later = await openCaseAs(t, a, { ...complaints.mainland, subject: '芒果又烂了' });
      const since = new Date(Date.parse(created) + 30_000).toISOString();
      expectIds(await search(t, a, '芒果', `&from=${since}`), [later], 'only the later case');
    } finally {
      await t.app.close();
    }
  });

  test('single Han characters and symbols fall back to a scan; pages follow the cursor', async (ctx) => {
    const { t, org, cases } = await setUp(ctx);
    try {
      const a = org.agentA;
      expectIds(await search(t, a, '霉'), [cases.taiwan], 'one Han character');
      expectIds(await search(t, a, '芒'), [cases.taiwan, cases.mainland], 'one Han character, two cases');
      expectIds(await search(t, a, '爛 芒果'), [cases.mainland], 'one character with an indexed word');
      const [one] = (await search(t, a, '霉')).items;
      assert.deepEqual(highlighted(one), ['霉']);
      expectIds(await search(t, a, '，'), [cases.taiwan], 'punctuation is looked for literally');

      const first = await search(t, a, '芒果', '&limit=1');
      assert.equal(first.items.length, 1);
      assert.ok(first.nextCursor);
      const second = await search(t, a, '芒果', `&limit=1&cursor=${first.nextCursor}`);
      assert.equal(second.items.length, 1);
      assert.equal(second.nextCursor, null);
      assert.notEqual(first.items[0]?.id, second.items[0]?.id);
    } finally {
      await t.app.close();
    }
  });

  test('hostile queries get a 4xx or an empty result, never a 500', async (ctx) => {
    const { t, org } = await setUp(ctx);
    try {
      const hostile = [
        'x'.repeat(5_000),
        '芒'.repeat(501),
        `${'window '.repeat(20)}`,
        '"',
        '""',
        '"""',
        '*',
        ':',
        '^',
        '-',
        'NEAR(',
        'NEAR(window regulator, 2)',
        'window*',
        'words : window',
        '{words grams} : window',
        'window OR 1=1',
        "'; DROP TABLE cases; --",
        "') OR ('1'='1",
        '\\',
        "'芒果':*",
        '!!! ??? ...',
        '\u0000',
        '   ',
        '\u3000',
        '😡',
        'a'.repeat(200),
        `${'芒果 '.repeat(16)}`,
      ];
      for (const q of hostile) {
        const response = await t.app.inject({
          method: 'GET',
          url: `/api/v1/search?q=${encodeURIComponent(q)}`,
          headers: org.agentA.headers,
        });
        assert.ok(
          response.statusCode < 500,
          `${JSON.stringify(q.slice(0, 40))} → ${response.statusCode} ${response.body}`,
        );
        if (response.statusCode === 200) {
          const result = response.json<SearchResultDto>();
          assert.ok(Array.isArray(result.items));
        } else {
          assert.ok(response.statusCode >= 400 && response.statusCode < 500);
          assert.ok(response.json<{ error: { code: string } }>().error.code);
        }
      }
      const badCursor = await t.app.inject({
        method: 'GET',
        url: '/api/v1/search?q=window&cursor=not-a-cursor',
        headers: org.agentA.headers,
      });
      assert.equal(badCursor.statusCode, 400, badCursor.body);
      const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/search?q=window' });
      assert.equal(anonymous.statusCode, 401);
    } finally {
      await t.app.close();
    }
  });
});
