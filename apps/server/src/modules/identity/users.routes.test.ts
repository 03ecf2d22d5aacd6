import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UserDto, UserList } from '@redress/contract';
import { buildTestApp, signIn, type TestApp } from '../../../test/factories.ts';
import { createTestOrg, openCaseAs, type TestOrg } from '../../../test/factories/cases.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';

describeBothBackends('changing a user', (backend) => {
  const setUp = async (ctx: Parameters<typeof backend.open>[0]): Promise<{ t: TestApp; org: TestOrg }> => {
    const t = await buildTestApp({ db: await backend.open(ctx) });
    // The backend closes the database itself.
    ctx?.after(() => t.app.close());
    return { t, org: await createTestOrg(t) };
  };

  const patch = (t: TestApp, headers: Record<string, string>, id: string, payload: unknown) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers, payload: payload as object });

  const errorOf = (body: string) =>
    (JSON.parse(body) as { error: { code: string; details?: { field: string }[] } }).error;

  test('an administrator changes name, role and language; the list shows it with the home site', async (ctx) => {
    const { t, org } = await setUp(ctx);
    const response = await patch(t, org.admin.headers, org.agentA2.id, {
      name: '  Somchai Jaidee ',
      role: 'supervisor',
      locale: 'th',
    });
    assert.equal(response.statusCode, 200, response.body);
    const user = response.json<UserDto>();
    assert.equal(user.name, 'Somchai Jaidee');
    assert.equal(user.role, 'supervisor');
    assert.equal(user.locale, 'th');
    assert.equal(user.disabled, false);
    assert.equal(user.siteId, org.siteA);

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/users?limit=200', headers: org.admin.headers });
    const listed = list.json<UserList>().items.find((item) => item.id === org.agentA2.id);
    assert.deepEqual(listed, user);
    assert.equal(list.json<UserList>().items.find((item) => item.id === org.admin.id)?.siteId, null);

    const events = await t.deps.db.read
      .selectFrom('events')
      .select(['type', 'payload', 'actor_id'])
      .where('subject_id', '=', org.agentA2.id)
      .where('type', '=', 'user.updated')
      .execute();
    assert.equal(events.length, 1);
    const payload: unknown =
      typeof events[0]?.payload === 'string' ? JSON.parse(events[0].payload) : events[0]?.payload;
    // The new name is personal data: the log says only that it changed.
    assert.deepEqual(payload, { nameChanged: true, role: 'supervisor', previousRole: 'agent', locale: 'th' });
    assert.equal(events[0]?.actor_id, org.admin.id);
  });

  test('a disabled user can no longer sign in or use a token; enabled again, they can', async (ctx) => {
    const { t, org } = await setUp(ctx);
    const session = await signIn(t.app, 'agent.a2@example.test');
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: session.headers });
    const viaToken = () => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: org.agentA2.headers });
    assert.equal((await viaToken()).statusCode, 200);

    const disabled = await patch(t, org.admin.headers, org.agentA2.id, { disabled: true });
    assert.equal(disabled.statusCode, 200, disabled.body);
    assert.equal(disabled.json<UserDto>().disabled, true);
    assert.equal((await me()).statusCode, 401);
    assert.equal((await viaToken()).statusCode, 401);
    await assert.rejects(signIn(t.app, 'agent.a2@example.test'), /401/);

    const enabled = await patch(t, org.admin.headers, org.agentA2.id, { disabled: false });
    assert.equal(enabled.json<UserDto>().disabled, false);
    assert.equal((await viaToken()).statusCode, 200);
    await signIn(t.app, 'agent.a2@example.test');
  });

  test('an administrator cannot change their own role or disable themselves', async (ctx) => {
    const { t, org } = await setUp(ctx);
    const demote = await patch(t, org.admin.headers, org.admin.id, { role: 'agent' });
    assert.equal(demote.statusCode, 422, demote.body);
    assert.equal(errorOf(demote.body).code, 'rule_violated');
    assert.deepEqual(
      errorOf(demote.body).details?.map((d) => d.field),
      ['/body/role'],
    );
    const disable = await patch(t, org.admin.headers, org.admin.id, { disabled: true });
    assert.equal(disable.statusCode, 422);
    assert.deepEqual(
      errorOf(disable.body).details?.map((d) => d.field),
      ['/body/disabled'],
    );
    // Their own name and language are theirs to change.
    const rename = await patch(t, org.admin.headers, org.admin.id, { name: 'Ada', locale: 'zh-TW', role: 'admin' });
    assert.equal(rename.statusCode, 200, rename.body);
    assert.equal(rename.json<UserDto>().locale, 'zh-TW');
  });

  test('a user who owns open cases is neither disabled nor given a role that cannot work them until the cases are handed over', async (ctx) => {
    const { t, org } = await setUp(ctx);
    const body = {
      customer: { name: 'Lin Yi', language: 'zh-TW' },
      channel: 'phone',
      description: '芒果爛了',
    } as const;
    const first = await openCaseAs(t, org.agentA, body);
    const second = await openCaseAs(t, org.agentA, body);
    const closed = await openCaseAs(t, org.agentA, body);
    const merged = await openCaseAs(t, org.agentA, body);
    await t.deps.db.write(async (tx) => {
      await tx.updateTable('cases').set({ status: 'closed' }).where('id', '=', closed.id).execute();
      await tx.updateTable('cases').set({ merged_into_id: first.id }).where('id', '=', merged.id).execute();
    });

    const refusal = async (payload: object) => {
      const response = await patch(t, org.admin.headers, org.agentA.id, payload);
      assert.equal(response.statusCode, 422, response.body);
      const error = JSON.parse(response.body) as {
        error: { code: string; message: string; details: { field: string; message: string }[] };
      };
      assert.equal(error.error.code, 'rule_violated');
      return error.error;
    };
    const disabling = await refusal({ disabled: true });
    assert.deepEqual(disabling.details, [{ field: '/body/disabled', message: 'owns 2 open cases' }]);
    assert.match(disabling.message, /owns 2 open cases; hand them over/, 'closed and merged cases are not counted');
    for (const role of ['department_member', 'quality_analyst']) {
      assert.deepEqual((await refusal({ role })).details, [{ field: '/body/role', message: 'owns 2 open cases' }]);
    }
    assert.deepEqual(
      (await refusal({ role: 'department_member', disabled: true })).details.map((d) => d.field),
      ['/body/disabled', '/body/role'],
    );
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: org.agentA.headers });
    assert.equal(me.statusCode, 200, 'nothing was changed by the refusals');
    assert.equal(me.json<{ user: UserDto }>().user.role, 'agent');

    // A role that still works cases is fine, and the log keeps what the role was.
    const promoted = await patch(t, org.admin.headers, org.agentA.id, { role: 'supervisor' });
    assert.equal(promoted.statusCode, 200, promoted.body);
    const [event] = await t.deps.db.read
      .selectFrom('events')
      .select('payload')
      .where('subject_id', '=', org.agentA.id)
      .where('type', '=', 'user.updated')
      .execute();
    const payload: unknown = typeof event?.payload === 'string' ? JSON.parse(event.payload) : event?.payload;
    assert.deepEqual(payload, { role: 'supervisor', previousRole: 'agent' });

    for (const handed of [first, second]) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${handed.id}/handoff`,
        headers: org.agentA.headers,
        payload: { toUserId: org.agentA2.id, summary: 'Customer waits for the refund; call back on Monday.' },
      });
      assert.equal(response.statusCode, 200, response.body);
      if (handed === first) assert.match((await refusal({ disabled: true })).message, /owns 1 open case;/);
    }
    const disabled = await patch(t, org.admin.headers, org.agentA.id, { disabled: true, role: 'department_member' });
    assert.equal(disabled.statusCode, 200, disabled.body);
    assert.equal(disabled.json<UserDto>().disabled, true);
  });

  test('refuses the wrong caller, an unknown user and a malformed body, naming the field', async (ctx) => {
    const { t, org } = await setUp(ctx);
    // Forbidden looks like not found.
    const byAgent = await patch(t, org.agentA.headers, org.agentA2.id, { role: 'admin' });
    assert.equal(byAgent.statusCode, 404);
    const bySupervisor = await patch(t, org.supervisorA.headers, org.agentA2.id, { disabled: true });
    assert.equal(bySupervisor.statusCode, 404);

    const unknown = await patch(t, org.admin.headers, 'usr_01NOBODY', { locale: 'en' });
    assert.equal(unknown.statusCode, 404);

    const empty = await patch(t, org.admin.headers, org.agentA2.id, {});
    assert.equal(empty.statusCode, 400);
    assert.equal(errorOf(empty.body).code, 'validation_failed');

    for (const [payload, field] of [
      [{ role: 'owner' }, '/body/role'],
      [{ locale: 'fr' }, '/body/locale'],
      [{ name: '   ' }, '/body/name'],
      [{ email: 'new@example.test' }, '/body/email'],
    ] as const) {
      const response = await patch(t, org.admin.headers, org.agentA2.id, payload);
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.equal(errorOf(response.body).details?.[0]?.field, field, JSON.stringify(payload));
    }
    // Nothing was changed by the refusals.
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/users?limit=200', headers: org.admin.headers });
    const agent = list.json<UserList>().items.find((item) => item.id === org.agentA2.id);
    assert.equal(agent?.role, 'agent');
    assert.equal(agent?.disabled, false);
  });
});
