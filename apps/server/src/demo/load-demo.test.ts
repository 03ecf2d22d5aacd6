import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../test/factories.ts';
import { systemContext } from '../shared/unit-of-work.ts';
import { DEMO_PASSWORD, DEMO_SITES, DEMO_USERS, loadDemo } from './load-demo.ts';

test('the demo loads a four-language organisation once, and its people can sign in', async (t) => {
  const app = await buildTestApp();
  t.after(() => app.close());
  await loadDemo(app.deps);
  const again = await loadDemo(app.deps);
  assert.match(again, /0 new of/);
  const ctx = systemContext('test');
  assert.equal((await app.deps.org.listSites(ctx)).length, DEMO_SITES.length);
  const locales = new Set(DEMO_USERS.map((u) => u.locale));
  assert.deepEqual([...locales].sort(), ['en', 'th', 'zh-CN', 'zh-TW']);

  // Each site has its portal entry (loaded once), and Taipei a complaints address for mail.
  const channels = await app.deps.intakeChannels.listChannels(ctx);
  assert.equal(channels.filter((c) => c.kind === 'portal').length, DEMO_SITES.length);
  assert.equal(channels.filter((c) => c.kind === 'smtp').length, 1);
  const config = await app.app.inject({ method: 'GET', url: '/api/v1/portal/config' });
  assert.equal(config.statusCode, 200, config.body);

  const cases = await app.deps.cases.listCases(ctx, { limit: 50 });
  assert.ok(cases.items.length >= 8, 'complaints in four languages are waiting');

  // Each site works under its own country's calendar and policy, so its complaints have clocks.
  assert.equal((await app.deps.calendars.listCalendars(ctx)).length, 4);
  const policies = await app.deps.policies.listPolicies(ctx);
  assert.deepEqual(policies.map((p) => p.preset).sort(), [
    'cn_consumer',
    'fca_disp',
    'iso10002',
    'iso10002',
    'iso10002',
  ]);
  assert.ok((await app.deps.escalation.listLevels(ctx)).length >= 3);
  const london = cases.items.find(
    (c) => c.siteId === policies.find((p) => p.preset === 'fca_disp')?.conditions.siteIds?.[0],
  );
  assert.ok(london, 'a London complaint exists');
  const clocks = await app.deps.clocks.listCaseClocks(ctx, london.id);
  assert.ok(
    clocks.some((c) => c.clock.kind === 'regulatory'),
    'FCA complaints carry the 8-week regulatory clock',
  );

  const login = await app.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: 'zhao.min@demo.redress.local', password: DEMO_PASSWORD },
  });
  assert.equal(login.statusCode, 200);
  const zhao = await app.deps.identity.findUserByEmail('zhao.min@demo.redress.local');
  assert.ok(zhao);
  const actor = await app.deps.identity.actorFor(zhao, 'session');
  assert.ok(actor.kind === 'user' && actor.scope.teamIds.length === 1 && actor.scope.siteIds.length === 1);
});
