import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, createStaff, createUser, signIn, type TestApp } from '../../../test/factories.ts';

describe('sites, teams and memberships over HTTP', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let agent: Record<string, string>;
  before(async () => {
    t = await buildTestApp();
    await createUser(t.deps, 'admin');
    await createUser(t.deps, 'agent');
    admin = (await signIn(t.app, 'admin@example.test')).headers;
    agent = (await signIn(t.app, 'agent@example.test')).headers;
  });
  after(() => t.close());

  test('an administrator creates a site and a department; everyone with org:read lists them', async () => {
    const site = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sites',
      headers: admin,
      payload: { name: '台北信義門市', code: 'tpe-01', timeZone: 'Asia/Taipei' },
    });
    assert.equal(site.statusCode, 201, site.body);
    const { id: siteId, code } = site.json<{ id: string; code: string }>();
    assert.equal(code, 'TPE-01');

    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sites',
      headers: admin,
      payload: { name: 'Again', code: 'TPE-01', timeZone: 'Asia/Taipei' },
    });
    assert.equal(dup.statusCode, 409);

    const team = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: admin,
      payload: { name: 'คลังสินค้า', kind: 'department', siteId },
    });
    assert.equal(team.statusCode, 201, team.body);

    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/teams?siteId=${siteId}`, headers: agent });
    assert.equal(listed.statusCode, 200);
    assert.deepEqual(
      listed.json<{ items: { name: string }[] }>().items.map((x) => x.name),
      ['คลังสินค้า'],
    );
    const sites = await t.app.inject({ method: 'GET', url: '/api/v1/sites', headers: agent });
    assert.equal(sites.json<{ items: unknown[] }>().items.length, 1);
  });

  test('bad input names the field; unknown references are not found', async () => {
    const zone = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sites',
      headers: admin,
      payload: { name: 'X', code: 'BKK-01', timeZone: 'Asia/Atlantis' },
    });
    assert.equal(zone.statusCode, 400);
    assert.equal(zone.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field, '/body/timeZone');

    const code = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sites',
      headers: admin,
      payload: { name: 'X', code: '<script>', timeZone: 'Asia/Bangkok' },
    });
    assert.equal(code.statusCode, 400);
    assert.equal(code.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field, '/body/code');

    const team = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: admin,
      payload: { name: 'Ghost', kind: 'department', siteId: 'site_00000000000000000000000000' },
    });
    assert.equal(team.statusCode, 404);

    const kind = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: admin,
      payload: { name: 'X', kind: 'guild' },
    });
    assert.equal(kind.statusCode, 400);
  });

  test('only administrators change the organisation', async () => {
    const site = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sites',
      headers: agent,
      payload: { name: 'Mine', code: 'HACK', timeZone: 'UTC' },
    });
    assert.equal(site.statusCode, 404);
  });

  test('membership gives a user the site of their team in their scope', async () => {
    const bkk = await t.deps.org.createSite(
      { actor: { kind: 'system', name: 't' }, requestId: null },
      {
        name: 'สาขาสีลม',
        code: 'BKK-02',
        timeZone: 'Asia/Bangkok',
      },
    );
    const warehouse = await t.deps.org.createTeam(
      { actor: { kind: 'system', name: 't' }, requestId: null },
      {
        name: 'Warehouse',
        kind: 'department',
        siteId: bkk.id,
      },
    );
    const member = await createStaff(t.deps, 'department_member', 'somchai@example.test', null);
    const added = await t.app.inject({
      method: 'POST',
      url: `/api/v1/teams/${warehouse.id}/members`,
      headers: admin,
      payload: { userId: member.id },
    });
    assert.equal(added.statusCode, 200, added.body);
    assert.deepEqual(added.json<{ memberIds: string[] }>().memberIds, [member.id]);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/teams/${warehouse.id}/members`,
      headers: admin,
      payload: { userId: member.id },
    });
    assert.equal(again.statusCode, 200, 'adding twice is harmless');

    const user = await t.deps.identity.findUserByEmail('somchai@example.test');
    assert.ok(user);
    const actor = await t.deps.identity.actorFor(user, 'session');
    assert.equal(actor.kind, 'user');
    if (actor.kind === 'user')
      assert.deepEqual(actor.scope, { allSites: false, siteIds: [bkk.id], teamIds: [warehouse.id] });

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/teams/${warehouse.id}/members/${member.id}`,
      headers: admin,
    });
    assert.equal(removed.statusCode, 204);
    const twice = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/teams/${warehouse.id}/members/${member.id}`,
      headers: admin,
    });
    assert.equal(twice.statusCode, 404);

    const home = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${member.id}/site`,
      headers: admin,
      payload: { siteId: bkk.id },
    });
    assert.equal(home.statusCode, 204);
    const after = await t.deps.identity.actorFor(
      (await t.deps.identity.findUserByEmail('somchai@example.test'))!,
      'token',
    );
    if (after.kind === 'user') assert.deepEqual(after.scope.siteIds, [bkk.id]);
  });
});
