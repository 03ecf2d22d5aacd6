import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CaseDto, SearchResultDto } from '@redress/contract';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs, type OrgUser } from '../../../test/factories/cases.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';
import { rebuildSearchIndex } from './search-index.ts';

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
});
