import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CaseDto, SearchResultDto } from '@redress/contract';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs, type OrgUser } from '../../../test/factories/cases.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';
import { appendEvent } from '../events.ts';
import { loadSearchableCases, rebuildSearchIndex } from './search-index.ts';

/** `count` distinct 64-letter Cyrillic words (128 bytes each in UTF-8), numbered from `from`. */
const cyrillicWords = (from: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => {
    let n = from + i;
    let word = '';
    for (let k = 0; k < 64; k += 1) {
      word += String.fromCharCode(0x430 + (n % 32));
      n = Math.floor(n / 32);
    }
    return word;
  });

/** `count` distinct words of 28 characters that NFKC spells out as 64 Arabic letters (U+FDF2 is four). */
const ligatureWords = (from: number, count: number): string[] => {
  const letters = 'ابتثجحخدذرزسشصضط';
  return Array.from({ length: count }, (_, i) => {
    let n = from + i;
    let word = '\uFDF2'.repeat(12);
    for (let k = 0; k < 16; k += 1) {
      word += letters[n % 16];
      n = Math.floor(n / 16);
    }
    return word;
  });
};

describeBothBackends('search index rebuild', (backend) => {
  const search = async (t: TestApp, who: OrgUser, q: string): Promise<string[]> => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent(q)}`,
      headers: who.headers,
    });
    assert.equal(response.statusCode, 200, response.body);
    return response
      .json<SearchResultDto>()
      .items.map((hit) => hit.id)
      .sort();
  };

  test('the index can be emptied and rebuilt from the cases, events and customers', async (ctx) => {
    const t = await buildTestApp({ db: await backend.open(ctx) });
    try {
      const org = await createTestOrg(t);
      const a = org.agentA;
      const cases: CaseDto[] = [];
      for (const fixture of Object.values(complaintFixtures)) cases.push(await openCaseAs(t, a, fixture));
      const mango = cases[0]!;
      const note = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${mango.id}/notes`,
        headers: a.headers,
        payload: { body: 'Cold chain log shows a four hour gap' },
      });
      assert.equal(note.statusCode, 200, note.body);
      const queries = ['芒果', '骗子', 'window', '陈美玲', 'สมชาย', 'ยังไม่ได้รับ', 'cold chain', '退款'];
      const before = new Map<string, string[]>();
      for (const q of queries) before.set(q, await search(t, a, q));
      assert.deepEqual(before.get('芒果'), [mango.id]);
      assert.deepEqual(before.get('cold chain'), [mango.id]);

      await t.deps.db.write(async (tx) => {
        if (t.deps.db.dialect === 'postgres') await sql`DELETE FROM search_documents`.execute(tx);
        else await sql`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`.execute(tx);
      });
      assert.deepEqual(await search(t, a, '芒果'), [], 'emptied');

      assert.equal(await rebuildSearchIndex(t.deps.db, { batchSize: 2 }), cases.length);
      for (const q of queries) assert.deepEqual(await search(t, a, q), before.get(q), `rebuilt: ${q}`);
      // Twice is the same as once.
      assert.equal(await rebuildSearchIndex(t.deps.db), cases.length);
      for (const q of queries) assert.deepEqual(await search(t, a, q), before.get(q), `rebuilt twice: ${q}`);
      const later = await openCaseAs(t, a, { ...complaintFixtures.window, subject: 'Sunroof leaks' });
      assert.deepEqual(await search(t, a, 'sunroof'), [later.id], 'indexed as usual after a rebuild');
    } finally {
      await t.app.close();
    }
  });

  test('a case indexed earlier in the same transaction is not taken for a fresh one', async (ctx) => {
    const t = await buildTestApp({ db: await backend.open(ctx) });
    try {
      const org = await createTestOrg(t);
      const kase = await openCaseAs(t, org.agentA, complaintFixtures.mango);
      const event = (type: string, payload: Record<string, unknown>) => ({
        type,
        subjectType: 'case',
        subjectId: kase.id,
        actorId: null,
        requestId: null,
        payload,
        occurredAt: t.clock.now(),
      });
      // A message, then (in a later append of the same unit) the case's creation event: the second
      // append must read the message back rather than index only the texts it carries.
      await t.deps.db.write(async (tx) => {
        await appendEvent(
          tx,
          event('case.message_recorded', { direction: 'inbound', channel: 'email', body: 'zanzibar' }),
        );
        await appendEvent(tx, event('case.created', { ref: kase.ref }));
      });
      assert.deepEqual(await search(t, org.agentA, 'zanzibar'), [kase.id]);
    } finally {
      await t.app.close();
    }
  });

  test('a case stays writable and findable by its subject however much long text it collects', async (ctx) => {
    const t = await buildTestApp({ db: await backend.open(ctx) });
    try {
      const org = await createTestOrg(t);
      const a = org.agentA;
      const kase = await openCaseAs(t, a, complaintFixtures.mango);
      const record = async (body: string) => {
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/v1/cases/${kase.id}/messages`,
          headers: a.headers,
          payload: { direction: 'inbound', body, channel: 'email' },
        });
        assert.equal(response.statusCode, 200, response.body.slice(0, 300));
      };
      // 25 messages of 700 distinct 64-letter Cyrillic words (2.2 MB of lexemes), then messages whose
      // words grow under NFKC (900 KB of lexemes from 200,000 characters): past every cap.
      const cyrillic: string[][] = [];
      for (let m = 0; m < 25; m += 1) {
        cyrillic.push(cyrillicWords(m * 700, 700));
        await record(cyrillic.at(-1)!.join(' '));
      }
      const ligatures: string[][] = [];
      for (let m = 0; m < 10; m += 1) {
        ligatures.push(ligatureWords(m * 700, 700));
        await record(ligatures.at(-1)!.join(' '));
      }
      assert.deepEqual(await search(t, a, kase.subject!), [kase.id], 'by its subject');
      assert.deepEqual(await search(t, a, ligatures.at(-1)![0]!), [kase.id], 'by the newest message');
      assert.deepEqual(await search(t, a, cyrillic[0]![0]!), [], 'the oldest messages are past the cap');
      const rename = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/customers/${kase.customer.id}`,
        headers: org.admin.headers,
        payload: { name: 'Renamed Customer' },
      });
      assert.equal(rename.statusCode, 200, rename.body);
      assert.deepEqual(await search(t, a, 'renamed customer'), [kase.id], 'renamed');
      await record('one more short message about a refund');
      assert.deepEqual(await search(t, a, kase.subject!), [kase.id], 'still by its subject');
    } finally {
      await t.app.close();
    }
  });

  test('a case’s texts are read newest first, page by page, only as far as the budget goes', async (ctx) => {
    const t = await buildTestApp({ db: await backend.open(ctx) });
    try {
      const org = await createTestOrg(t);
      const a = org.agentA;
      const kase = await openCaseAs(t, a, complaintFixtures.window);
      for (let m = 0; m < 120; m += 1) {
        const response = await t.app.inject({
          method: 'POST',
          url: `/api/v1/cases/${kase.id}/notes`,
          headers: a.headers,
          payload: { body: `note ${String(m).padStart(3, '0')}` },
        });
        assert.equal(response.statusCode, 200, response.body);
      }
      const [all] = await loadSearchableCases(t.deps.db.read, [kase.id]);
      const notes = all!.texts.filter((text) => text.field === 'note').map((text) => text.text);
      assert.equal(notes.length, 120, 'every page read');
      assert.deepEqual(notes.slice(0, 2), ['note 119', 'note 118'], 'newest first');
      // Loaded with another case: the first pages come in one query, the rest page by page as before.
      const other = await openCaseAs(t, a, complaintFixtures.mango);
      const both = await loadSearchableCases(t.deps.db.read, [other.id, kase.id]);
      assert.deepEqual(
        both.find((c) => c.id === kase.id)?.texts,
        all!.texts,
        'the same texts, in the same order, when loaded together',
      );
      const own = all!.texts.filter((text) => text.eventId === null);
      const ownLength = own.reduce((sum, text) => sum + text.text.length, 0);
      const [some] = await loadSearchableCases(t.deps.db.read, [kase.id], undefined, ownLength + 3 * 8);
      assert.deepEqual(
        some!.texts.filter((text) => text.field === 'note').map((text) => text.text),
        ['note 119', 'note 118', 'note 117'],
        'stops once the budget is spent',
      );
    } finally {
      await t.app.close();
    }
  });
});
