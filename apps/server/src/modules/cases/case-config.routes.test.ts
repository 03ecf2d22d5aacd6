import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CategoryDto, RootCauseDto } from '@redress/contract';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import { createConfig, createTestOrg, type OrgUser, type TestOrg } from '../../../test/factories/cases.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';

/** An event payload as stored: JSON text on SQLite, already parsed on PostgreSQL. */
const readJson = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

const fieldOf = (body: string): string | undefined =>
  (JSON.parse(body) as { error: { details?: { field?: string }[] } }).error.details?.[0]?.field;

describeBothBackends('renaming categories and root causes over HTTP', (backend) => {
  let t: TestApp;
  let org: TestOrg;
  let config: Awaited<ReturnType<typeof createConfig>>;

  before(async () => {
    t = await buildTestApp({ db: await backend.open() });
    org = await createTestOrg(t);
    config = await createConfig(t, org.admin);
  });
  after(() => t.app.close());

  const patch = (as: OrgUser, url: string, payload: unknown) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1${url}`, headers: as.headers, payload: payload as object });
  const get = async <T>(url: string): Promise<T> => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: org.agentA.headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<T>();
  };
  const eventsOf = (type: string, subjectId: string) =>
    t.deps.db.read
      .selectFrom('events')
      .select(['actor_id', 'payload'])
      .where('type', '=', type)
      .where('subject_id', '=', subjectId)
      .execute();

  test('an administrator renames a category in all four languages; its place, kind and the log follow', async () => {
    const names = { en: 'Spoiled or mouldy goods', 'zh-TW': '商品腐壞發霉', 'zh-CN': '商品腐坏发霉', th: 'สินค้าเน่าเสีย' };
    const response = await patch(org.admin, `/categories/${config.spoiled}`, { names });
    assert.equal(response.statusCode, 200, response.body);
    const renamed = response.json<CategoryDto>();
    assert.deepEqual(renamed.names, names);
    assert.equal(renamed.parentId, config.quality);
    assert.equal(renamed.kind, 'product_quality');

    const listed = (await get<{ items: CategoryDto[] }>('/categories')).items.find((c) => c.id === config.spoiled);
    assert.deepEqual(listed?.names, names);
    const events = await eventsOf('category.renamed', config.spoiled);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.actor_id, org.admin.id);
    const payload = readJson<{ from: Record<string, string>; names: Record<string, string> }>(events[0]?.payload);
    assert.deepEqual(payload.from, { en: 'Spoiled goods', 'zh-TW': '商品腐壞' });
    assert.deepEqual(payload.names, names);
  });

  test('a blank translation is dropped (it reads in English); a blank English name is refused by field', async () => {
    const response = await patch(org.admin, `/categories/${config.service}`, {
      names: { en: ' Service process ', th: '  ', 'zh-CN': '服务流程' },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json<CategoryDto>().names, { en: 'Service process', 'zh-CN': '服务流程' });

    const blank = await patch(org.admin, `/categories/${config.service}`, { names: { en: '   ', th: 'บริการ' } });
    assert.equal(blank.statusCode, 400);
    assert.equal(fieldOf(blank.body), '/body/names/en');
    const extra = await patch(org.admin, `/categories/${config.service}`, {
      names: { en: 'Service' },
      kind: 'product_quality',
    });
    assert.equal(extra.statusCode, 400);
    const unchanged = (await get<{ items: CategoryDto[] }>('/categories')).items.find((c) => c.id === config.service);
    assert.equal(unchanged?.names.en, 'Service process');
    assert.equal(unchanged?.kind, 'service_process');
  });

  test('only administrators rename; an unknown category is not found, and nothing is logged for refusals', async () => {
    const refused = await patch(org.supervisorA, `/categories/${config.quality}`, { names: { en: 'Quality' } });
    assert.equal(refused.statusCode, 404);
    const missing = await patch(org.admin, '/categories/cat_0000000000NOPE', { names: { en: 'Nothing' } });
    assert.equal(missing.statusCode, 404);
    assert.equal((await eventsOf('category.renamed', config.quality)).length, 0);
    const listed = (await get<{ items: CategoryDto[] }>('/categories')).items.find((c) => c.id === config.quality);
    assert.equal(listed?.names.en, 'Product quality');
  });

  test('an administrator renames a root cause; its code stays and the change is logged', async () => {
    const names = { en: 'Cold chain broken', 'zh-TW': '冷鏈斷裂', 'zh-CN': '冷链断裂', th: 'ห่วงโซ่ความเย็นขาดตอน' };
    const response = await patch(org.admin, `/root-causes/${config.rootCause}`, { names });
    assert.equal(response.statusCode, 200, response.body);
    const renamed = response.json<RootCauseDto>();
    assert.equal(renamed.code, 'cold_chain_break');
    assert.deepEqual(renamed.names, names);
    const listed = (await get<{ items: RootCauseDto[] }>('/root-causes')).items.find((c) => c.id === config.rootCause);
    assert.deepEqual(listed?.names, names);
    const events = await eventsOf('root_cause.renamed', config.rootCause);
    assert.equal(events.length, 1);
    assert.equal(readJson<{ code: string }>(events[0]?.payload).code, 'cold_chain_break');

    const codeChange = await patch(org.admin, `/root-causes/${config.rootCause}`, { code: 'x', names });
    assert.equal(codeChange.statusCode, 400);
    const blank = await patch(org.admin, `/root-causes/${config.rootCause}`, { names: { en: '' } });
    assert.equal(blank.statusCode, 400);
    assert.equal(fieldOf(blank.body), '/body/names/en');
    const refused = await patch(org.agentA, `/root-causes/${config.rootCause}`, { names: { en: 'Mine' } });
    assert.equal(refused.statusCode, 404);
    const missing = await patch(org.admin, '/root-causes/rc_0000000000NOPE', { names: { en: 'Nothing' } });
    assert.equal(missing.statusCode, 404);
    assert.equal((await eventsOf('root_cause.renamed', config.rootCause)).length, 1);
  });
});
