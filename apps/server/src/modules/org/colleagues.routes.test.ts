import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ColleagueList } from '@redress/contract';
import { buildTestApp, createStaff, type TestApp } from '../../../test/factories.ts';
import { createTestOrg, type OrgUser, type TestOrg } from '../../../test/factories/cases.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';

describeBothBackends('the colleague directory', (backend) => {
  const setUp = async (ctx: Parameters<typeof backend.open>[0]): Promise<{ t: TestApp; org: TestOrg }> => {
    const t = await buildTestApp({ db: await backend.open(ctx) });
    // The backend closes the database itself.
    ctx?.after(() => t.app.close());
    return { t, org: await createTestOrg(t) };
  };

  const list = async (t: TestApp, as: OrgUser, query = '') => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/colleagues${query}`, headers: as.headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<ColleagueList>().items;
  };
  const idsOf = (items: ColleagueList['items']) => items.map((item) => item.id).sort();
  const sorted = (...ids: string[]) => [...ids].sort();

  const rename = async (t: TestApp, org: TestOrg, id: string, name: string) => {
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: org.admin.headers,
      payload: { name },
    });
    assert.equal(response.statusCode, 200, response.body);
  };

  test("an agent sees their site's colleagues and those in its teams, not another site's, and no e-mail", async (ctx) => {
    const { t, org } = await setUp(ctx);
    // At Bangkok, but in the Taipei frontline team: a colleague of both sites.
    const visitor = await createStaff(t.deps, 'agent', 'visitor@example.test', org.siteB, [org.frontlineA]);

    const response = await t.app.inject({ method: 'GET', url: '/api/v1/colleagues', headers: org.agentA.headers });
    assert.equal(response.statusCode, 200, response.body);
    assert.doesNotMatch(response.body, /@|example\.test/);
    const items = response.json<ColleagueList>().items;
    assert.deepEqual(
      idsOf(items),
      sorted(org.agentA.id, org.agentA2.id, org.supervisorA.id, org.warehouseMember.id, visitor.id),
    );
    for (const item of items) assert.deepEqual(Object.keys(item).sort(), ['id', 'name', 'role', 'siteId', 'teamIds']);
    assert.deepEqual(
      items.find((item) => item.id === org.warehouseMember.id),
      {
        id: org.warehouseMember.id,
        name: 'Test department_member',
        role: 'department_member',
        siteId: org.siteA,
        teamIds: [org.warehouse],
      },
    );
    assert.deepEqual(items.find((item) => item.id === visitor.id)?.teamIds, [org.frontlineA]);
    assert.equal(items.find((item) => item.id === visitor.id)?.siteId, org.siteB);

    // The Bangkok agent sees Bangkok: themselves and the visitor, nobody from Taipei.
    assert.deepEqual(idsOf(await list(t, org.agentB)), sorted(org.agentB.id, visitor.id));
    // A department member works cases too and sees the same site.
    assert.ok(idsOf(await list(t, org.warehouseMember)).includes(org.agentA2.id));
  });

  test('brand-wide roles see everyone; a disabled user is left out for everyone', async (ctx) => {
    const { t, org } = await setUp(ctx);
    const everyone = [
      org.agentA,
      org.agentA2,
      org.agentB,
      org.supervisorA,
      org.warehouseMember,
      org.billingMember,
      org.analyst,
      org.admin,
    ].map((user) => user.id);
    assert.deepEqual(idsOf(await list(t, org.analyst)), sorted(...everyone));

    const disabled = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${org.agentA2.id}`,
      headers: org.admin.headers,
      payload: { disabled: true },
    });
    assert.equal(disabled.statusCode, 200, disabled.body);
    assert.deepEqual(idsOf(await list(t, org.admin)), sorted(...everyone.filter((id) => id !== org.agentA2.id)));
    assert.ok(!idsOf(await list(t, org.agentA)).includes(org.agentA2.id));
  });

  test('filters by site within scope, by part of the name in any case, and by count; sorted by name', async (ctx) => {
    const { t, org } = await setUp(ctx);
    await rename(t, org, org.agentA2.id, 'Somchai Jaidee');
    await rename(t, org, org.supervisorA.id, '王小明');
    await rename(t, org, org.agentA.id, 'Anna 100% Lin');

    // A site outside the caller's scope lists nobody; their own site lists its people.
    assert.deepEqual(await list(t, org.agentA, `?siteId=${org.siteB}`), []);
    assert.deepEqual(await list(t, org.agentA, '?siteId=site_01NOWHERE'), []);
    assert.deepEqual(
      idsOf(await list(t, org.agentA, `?siteId=${org.siteA}`)),
      sorted(org.agentA.id, org.agentA2.id, org.supervisorA.id, org.warehouseMember.id),
    );
    // Brand-wide roles may narrow to any site.
    assert.deepEqual(idsOf(await list(t, org.admin, `?siteId=${org.siteB}`)), [org.agentB.id]);

    assert.deepEqual(idsOf(await list(t, org.agentA, '?q=JAIDEE')), [org.agentA2.id]);
    assert.deepEqual(idsOf(await list(t, org.agentA, '?q=chai%20jai')), [org.agentA2.id]);
    assert.deepEqual(idsOf(await list(t, org.agentA, `?q=${encodeURIComponent('小明')}`)), [org.supervisorA.id]);
    // LIKE's own characters are taken literally.
    assert.deepEqual(idsOf(await list(t, org.agentA, '?q=0%25')), [org.agentA.id]);
    assert.deepEqual(idsOf(await list(t, org.agentA, '?q=_')), [org.warehouseMember.id]);
    // The name is matched only within scope.
    assert.deepEqual(await list(t, org.agentB, '?q=jaidee'), []);

    const all = await list(t, org.agentA);
    assert.deepEqual(
      all.map((item) => item.name),
      ['Anna 100% Lin', 'Somchai Jaidee', 'Test department_member', '王小明'],
    );
    assert.deepEqual(
      (await list(t, org.agentA, '?limit=2')).map((item) => item.name),
      ['Anna 100% Lin', 'Somchai Jaidee'],
    );
  });

  test('refuses the unsigned and a malformed query, naming the field', async (ctx) => {
    const { t, org } = await setUp(ctx);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/colleagues' });
    assert.equal(anonymous.statusCode, 401);
    for (const [query, field] of [
      ['?limit=0', '/querystring/limit'],
      ['?limit=501', '/querystring/limit'],
      ['?siteId=not%20a%20site', '/querystring/siteId'],
      ['?email=x', '/querystring/email'],
    ] as const) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/v1/colleagues${query}`,
        headers: org.agentA.headers,
      });
      assert.equal(response.statusCode, 400, query);
      const error = response.json<{ error: { code: string; details?: { field: string }[] } }>().error;
      assert.equal(error.code, 'validation_failed', query);
      assert.equal(error.details?.[0]?.field, field, query);
    }
    // The administrator's user list stays closed to agents.
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: org.agentA.headers });
    assert.equal(users.statusCode, 404);
  });

  test('is documented in the OpenAPI description with its query', async (ctx) => {
    const { t } = await setUp(ctx);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, { get?: { parameters?: { name: string; in: string }[] } }>;
    }>();
    const parameters = doc.paths['/api/v1/colleagues']?.get?.parameters ?? [];
    assert.deepEqual(parameters.map((p) => `${p.in}:${p.name}`).sort(), ['query:limit', 'query:q', 'query:siteId']);
  });
});
