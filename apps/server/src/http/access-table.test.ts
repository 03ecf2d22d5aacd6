import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { buildTestApp } from '../../test/factories.ts';
import { registerAuth } from './auth.ts';

/**
 * The permission table: every API route and the access it declares. A new route appears here or
 * this test fails — so a reviewer sees each route's permission in one diff.
 */
test('every API route declares its access, and the table is what we expect', async () => {
  const t = await buildTestApp();
  try {
    const api = t.routes
      .filter((r) => r.url.startsWith('/api/v1'))
      .map((r) => `${r.method} ${r.url} ${r.access}`)
      .sort();
    assert.deepEqual(api, [
      'DELETE /api/v1/best-answers/:id config:manage',
      'DELETE /api/v1/calendars/:id/days/:day config:manage',
      'DELETE /api/v1/customers/:id/contacts/:kind/:value customer:write',
      'DELETE /api/v1/email-templates/:kind/:language config:manage',
      'DELETE /api/v1/language/lexicon/:id config:manage',
      'DELETE /api/v1/teams/:id/members/:userId org:manage',
      'DELETE /api/v1/tokens/:id token:manage',
      'DELETE /api/v1/webhooks/:id config:manage',
      'GET /api/v1/attachments/:id/content attachment:read',
      'GET /api/v1/auth/me authenticated',
      'GET /api/v1/best-answers case:read',
      'GET /api/v1/calendars config:read',
      'GET /api/v1/calendars/:id config:read',
      'GET /api/v1/calendars/:id/due config:read',
      'GET /api/v1/cases case:read',
      'GET /api/v1/cases/:id case:read',
      'GET /api/v1/cases/:id/attachments attachment:read',
      'GET /api/v1/cases/:id/category-suggestions case:read',
      'GET /api/v1/cases/:id/clocks case:read',
      'GET /api/v1/cases/:id/commitments case:read',
      'GET /api/v1/cases/:id/compensations case:read',
      'GET /api/v1/cases/:id/emails case:read',
      'GET /api/v1/cases/:id/escalations case:read',
      'GET /api/v1/cases/:id/followups case:read',
      'GET /api/v1/cases/:id/risk case:read',
      'GET /api/v1/cases/:id/similar case:read',
      'GET /api/v1/cases/:id/surveys case:read',
      'GET /api/v1/cases/:id/tasks case:read',
      'GET /api/v1/categories case:read',
      'GET /api/v1/colleagues case:read',
      'GET /api/v1/commitments/:id/draft commitment:write',
      'GET /api/v1/commitments/stats oversight:read',
      'GET /api/v1/customers customer:read',
      'GET /api/v1/customers/:id customer:read',
      'GET /api/v1/customers/:id/audit audit:read',
      'GET /api/v1/customers/match customer:read',
      'GET /api/v1/early-warning oversight:read',
      'GET /api/v1/email-templates config:read',
      'GET /api/v1/escalation/levels config:read',
      'GET /api/v1/escalation/triggers config:read',
      'GET /api/v1/inbound-mail config:read',
      'GET /api/v1/intake-channels config:read',
      'GET /api/v1/language/lexicon config:read',
      'GET /api/v1/live case:read',
      'GET /api/v1/notifications authenticated',
      'GET /api/v1/notifications/settings authenticated',
      'GET /api/v1/policies config:read',
      'GET /api/v1/portal/case public',
      'GET /api/v1/portal/case/attachments/:id public',
      'GET /api/v1/portal/config public',
      'GET /api/v1/portal/survey public',
      'GET /api/v1/queues case:read',
      'GET /api/v1/reports/overview oversight:read',
      'GET /api/v1/reports/workload oversight:read',
      'GET /api/v1/root-causes case:read',
      'GET /api/v1/search case:read',
      'GET /api/v1/settings/followups config:read',
      'GET /api/v1/sites org:read',
      'GET /api/v1/tasks task:answer',
      'GET /api/v1/teams org:read',
      'GET /api/v1/tokens token:manage',
      'GET /api/v1/users user:read',
      'GET /api/v1/webhooks config:read',
      'GET /api/v1/webhooks/:id/deliveries config:read',
      'PATCH /api/v1/best-answers/:id config:manage',
      'PATCH /api/v1/calendars/:id config:manage',
      'PATCH /api/v1/cases/:id case:update',
      'PATCH /api/v1/categories/:id config:manage',
      'PATCH /api/v1/customers/:id customer:write',
      'PATCH /api/v1/intake-channels/:id config:manage',
      'PATCH /api/v1/policies/:id config:manage',
      'PATCH /api/v1/root-causes/:id config:manage',
      'PATCH /api/v1/users/:id user:manage',
      'POST /api/v1/analyze case:read',
      'POST /api/v1/auth/login public',
      'POST /api/v1/auth/logout authenticated',
      'POST /api/v1/best-answers config:manage',
      'POST /api/v1/calendars config:manage',
      'POST /api/v1/calendars/:id/ical config:manage',
      'POST /api/v1/calls case:update',
      'POST /api/v1/cases case:create',
      'POST /api/v1/cases/:id/attachments attachment:write',
      'POST /api/v1/cases/:id/calls case:update',
      'POST /api/v1/cases/:id/commitments commitment:write',
      'POST /api/v1/cases/:id/commitments/check commitment:write',
      'POST /api/v1/cases/:id/compensations compensation:propose',
      'POST /api/v1/cases/:id/customer-decision case:transition',
      'POST /api/v1/cases/:id/de-escalations escalation:raise',
      'POST /api/v1/cases/:id/emails case:update',
      'POST /api/v1/cases/:id/emails/:emailId/resend case:update',
      'POST /api/v1/cases/:id/escalations escalation:raise',
      'POST /api/v1/cases/:id/handoff case:assign',
      'POST /api/v1/cases/:id/key-people case:update',
      'POST /api/v1/cases/:id/links case:update',
      'POST /api/v1/cases/:id/merge case:merge',
      'POST /api/v1/cases/:id/messages case:update',
      'POST /api/v1/cases/:id/notes case:update',
      'POST /api/v1/cases/:id/resolution case:transition',
      'POST /api/v1/cases/:id/surveys/:surveyId/answer case:update',
      'POST /api/v1/cases/:id/tasks task:create',
      'POST /api/v1/cases/:id/transitions case:transition',
      'POST /api/v1/categories config:manage',
      'POST /api/v1/categories/suggest case:read',
      'POST /api/v1/commitments/:id/break commitment:write',
      'POST /api/v1/commitments/:id/keep commitment:write',
      'POST /api/v1/commitments/:id/renegotiate commitment:write',
      'POST /api/v1/compensations/:id/approve compensation:approve',
      'POST /api/v1/compensations/:id/customer-response compensation:propose',
      'POST /api/v1/compensations/:id/delivered compensation:propose',
      'POST /api/v1/compensations/:id/reject compensation:approve',
      'POST /api/v1/customers customer:write',
      'POST /api/v1/customers/:id/contacts customer:write',
      'POST /api/v1/customers/:id/external-ids customer:write',
      'POST /api/v1/customers/:id/merge customer:merge',
      'POST /api/v1/customers/:id/products customer:write',
      'POST /api/v1/email-templates/:kind/:language/preview config:read',
      'POST /api/v1/escalations/:id/acknowledge escalation:raise',
      'POST /api/v1/inbound-mail/:id/reprocess config:manage',
      'POST /api/v1/intake-channels config:manage',
      'POST /api/v1/language/lexicon config:manage',
      'POST /api/v1/notifications/:id/read authenticated',
      'POST /api/v1/notifications/read-all authenticated',
      'POST /api/v1/policies config:manage',
      'POST /api/v1/policies/presets config:manage',
      'POST /api/v1/portal/case/messages public',
      'POST /api/v1/portal/complaints public',
      'POST /api/v1/portal/links public',
      'POST /api/v1/portal/survey public',
      'POST /api/v1/replies/check case:update',
      'POST /api/v1/root-causes config:manage',
      'POST /api/v1/sites org:manage',
      'POST /api/v1/tasks/:id/answer task:answer',
      'POST /api/v1/tasks/:id/reassign task:answer',
      'POST /api/v1/teams org:manage',
      'POST /api/v1/teams/:id/members org:manage',
      'POST /api/v1/tokens token:manage',
      'POST /api/v1/users user:manage',
      'POST /api/v1/webhooks config:manage',
      'POST /api/v1/webhooks/deliveries/:id/redeliver config:manage',
      'PUT /api/v1/calendars/:id/days/:day config:manage',
      'PUT /api/v1/email-templates/:kind/:language config:manage',
      'PUT /api/v1/escalation/levels config:manage',
      'PUT /api/v1/escalation/triggers config:manage',
      'PUT /api/v1/notifications/settings authenticated',
      'PUT /api/v1/settings/followups config:manage',
      'PUT /api/v1/users/:id/site user:manage',
    ]);
    const publicOutsideApi = t.routes.filter((r) => !r.url.startsWith('/api/v1')).map((r) => r.access);
    assert.ok(publicOutsideApi.every((a) => a === 'public'));
    assert.ok(t.routes.some((r) => r.url === '/healthz'));
  } finally {
    await t.close();
  }
});

test('an API route without declared access stops the server from booting', async () => {
  const app = Fastify({ logger: false });
  const fakeIdentity = {} as Parameters<typeof registerAuth>[1];
  registerAuth(app, fakeIdentity);
  assert.throws(() => app.get('/api/v1/unguarded', async () => 'oops'), /declares no access/);
  await app.close();
});

test('OpenAPI 3.1 is generated from the route schemas and the docs page is served', async () => {
  const t = await buildTestApp();
  try {
    const spec = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(spec.statusCode, 200);
    const doc = spec.json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/users']?.post?.requestBody, 'POST /users documents its body');
    assert.ok(doc.paths['/api/v1/auth/login']);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.headers['content-type'] ?? '', /html/);
  } finally {
    await t.close();
  }
});

test('health and readiness answer without signing in', async () => {
  const t = await buildTestApp();
  try {
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    assert.deepEqual(health.json(), { status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json<{ database: string }>().database, 'sqlite');
  } finally {
    await t.close();
  }
});
