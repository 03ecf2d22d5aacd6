import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import type { WebhookCreatedDto, WebhookDeliveryDto, WebhookDeliveryList, WebhookList } from '@redress/contract';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs, type TestOrg } from '../../../test/factories/cases.ts';
import { drainJobs } from '../../../test/factories/notifications.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';
import { MAX_DELIVERY_ATTEMPTS } from './webhook.ts';

/** One request as the receiver got it. */
interface Received {
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
}

/** A real HTTP receiver on 127.0.0.1: answers with the queued status codes, then 200. */
const startReceiver = async (): Promise<{
  url: string;
  received: Received[];
  answers: number[];
  server: Server;
}> => {
  const received: Received[] = [];
  const answers: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: request.headers });
      response.statusCode = answers.shift() ?? 200;
      response.end('ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/redress`, received, answers, server };
};

/**
 * Verifies a request with the Standard Webhooks verifier. Its timestamp tolerance is read from
 * `Date.now()`; the app signs with its own (fixed test) clock, so the check runs at that instant.
 */
const verify = (t: TestApp, secret: string, request: Received): unknown => {
  const realNow = Date.now;
  Date.now = () => t.clock.now().getTime();
  try {
    return new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
  } finally {
    Date.now = realNow;
  }
};

/** Closes the receiver and the kept-alive connections the sender left open. */
const stopReceiver = async (server: Server): Promise<void> => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
};

describeBothBackends('webhooks out', (backend) => {
  const setUp = async (ctx: Parameters<typeof backend.open>[0]): Promise<{ t: TestApp; org: TestOrg }> => {
    const t = await buildTestApp({ db: await backend.open(ctx) });
    // The backend closes the database itself.
    ctx?.after(() => t.app.close());
    return { t, org: await createTestOrg(t) };
  };

  const deliveries = async (t: TestApp, org: TestOrg, webhookId: string): Promise<WebhookDeliveryDto[]> => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/${webhookId}/deliveries`,
      headers: org.admin.headers,
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<WebhookDeliveryList>().items;
  };

  test('a signed delivery is retried with backoff after a 500, then delivered, and redelivered by hand', async (ctx) => {
    const { t, org } = await setUp(ctx);
    const receiver = await startReceiver();
    ctx.after(() => stopReceiver(receiver.server));

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: org.admin.headers,
      payload: { url: receiver.url, eventTypes: ['case.created', 'case.created'] },
    });
    assert.equal(created.statusCode, 201, created.body);
    const hook = created.json<WebhookCreatedDto>();
    assert.match(hook.secret, /^whsec_[A-Za-z0-9+/]+=*$/);
    assert.deepEqual(hook.eventTypes, ['case.created']);
    assert.equal(hook.enabled, true);

    // The secret is shown once: the list never carries it.
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: org.admin.headers });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      list.json<WebhookList>().items.map((item) => item.id),
      [hook.id],
    );
    assert.ok(!list.body.includes(hook.secret));
    assert.ok(!('secret' in (list.json<WebhookList>().items[0] ?? {})));

    receiver.answers.push(500);
    const opened = await openCaseAs(t, org.agentA, complaintFixtures.mango);
    await drainJobs(t);

    // First attempt: signed, refused with 500, scheduled again 30 s later.
    assert.equal(receiver.received.length, 1);
    const first = receiver.received[0]!;
    const body = verify(t, hook.secret, first) as {
      type: string;
      data: { eventId: string; subjectType: string; subjectId: string; payload: unknown };
    };
    assert.equal(body.type, 'case.created');
    assert.equal(body.data.subjectType, 'case');
    assert.equal(body.data.subjectId, opened.id);
    assert.throws(() => verify(t, `whsec_${Buffer.alloc(32, 7).toString('base64')}`, first), /signature/i);
    let [delivery] = await deliveries(t, org, hook.id);
    assert.ok(delivery);
    assert.equal(first.headers['webhook-id'], delivery.id);
    assert.equal(delivery.status, 'pending');
    assert.equal(delivery.attempts, 1);
    assert.equal(delivery.lastStatusCode, 500);
    assert.equal(delivery.nextAttemptAt, new Date(t.clock.now().getTime() + 30_000).toISOString());

    // Not due yet: nothing is sent.
    t.clock.advance(29_000);
    await drainJobs(t);
    assert.equal(receiver.received.length, 1);

    // Due: sent again, answered 200, delivered.
    t.clock.advance(1_000);
    await drainJobs(t);
    assert.equal(receiver.received.length, 2);
    verify(t, hook.secret, receiver.received[1]!);
    assert.equal(receiver.received[1]!.headers['webhook-id'], delivery.id);
    [delivery] = await deliveries(t, org, hook.id);
    assert.equal(delivery?.status, 'delivered');
    assert.equal(delivery?.attempts, 2);
    assert.equal(delivery?.lastStatusCode, 200);
    assert.equal(delivery?.lastError, null);

    // The fan-out run again for the same event adds no delivery.
    const again = await t.deps.webhooks.fanOut({
      id: body.data.eventId,
      type: 'case.created',
      subjectType: 'case',
      subjectId: opened.id,
      occurredAt: t.clock.now(),
      payload: {},
    });
    assert.equal(again, 0);

    // Manual redelivery sends the same message again, freshly signed.
    t.clock.advance(60_000);
    const redeliver = await t.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/deliveries/${delivery.id}/redeliver`,
      headers: org.admin.headers,
    });
    assert.equal(redeliver.statusCode, 202, redeliver.body);
    assert.equal(redeliver.json<WebhookDeliveryDto>().status, 'pending');
    await drainJobs(t);
    assert.equal(receiver.received.length, 3);
    const third = verify(t, hook.secret, receiver.received[2]!) as { data: { subjectId: string } };
    assert.equal(third.data.subjectId, opened.id);
    assert.equal(receiver.received[2]!.headers['webhook-id'], delivery.id);
    [delivery] = await deliveries(t, org, hook.id);
    assert.equal(delivery?.status, 'delivered');
    assert.equal(delivery?.attempts, 1);
  });

  test('a receiver that keeps failing is given up after the last attempt; deleted hooks get nothing', async (ctx) => {
    const { t, org } = await setUp(ctx);
    const receiver = await startReceiver();
    ctx.after(() => stopReceiver(receiver.server));
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: org.admin.headers,
      payload: { url: receiver.url, eventTypes: ['case.created'] },
    });
    assert.equal(created.statusCode, 201, created.body);
    const hook = created.json<WebhookCreatedDto>();
    const [notWanted] = [
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: org.admin.headers,
        payload: { url: receiver.url, eventTypes: ['recurrence.spike_detected'] },
      }),
    ];
    assert.equal(notWanted?.statusCode, 201);

    receiver.answers.push(...Array.from({ length: MAX_DELIVERY_ATTEMPTS }, () => 503));
    const opened = await openCaseAs(t, org.agentA, complaintFixtures.mango);
    await drainJobs(t);
    const ours = async () => (await deliveries(t, org, hook.id)).filter((d) => d.eventType === 'case.created');
    for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt += 1) {
      const [pending] = await ours();
      assert.equal(pending?.status, 'pending');
      assert.equal(pending?.attempts, attempt);
      t.clock.set(new Date(pending.nextAttemptAt!));
      await drainJobs(t);
    }
    const [failed] = await ours();
    assert.equal(failed?.status, 'failed');
    assert.equal(failed?.attempts, MAX_DELIVERY_ATTEMPTS);
    assert.equal(failed?.nextAttemptAt, null);
    assert.match(failed?.lastError ?? '', /503/);
    const caseEvents = receiver.received.filter((r) => r.body.includes(opened.id) && r.body.includes('case.created'));
    assert.equal(caseEvents.length, MAX_DELIVERY_ATTEMPTS);
    // The spike-only hook got no case event.
    const spikeHook = notWanted.json<WebhookCreatedDto>();
    assert.deepEqual(await deliveries(t, org, spikeHook.id), []);

    // Deleted: gone from the list, its log no longer reachable, no new deliveries.
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/webhooks/${hook.id}`,
      headers: org.admin.headers,
    });
    assert.equal(deleted.statusCode, 204, deleted.body);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/webhooks/${hook.id}`,
      headers: org.admin.headers,
    });
    assert.equal(again.statusCode, 404);
    receiver.received.length = 0;
    await openCaseAs(t, org.agentA, complaintFixtures.mango);
    await drainJobs(t);
    assert.equal(receiver.received.length, 0);
  });

  test('bad URLs and event types are coded 400s; agents cannot subscribe; unknown ids are 404', async (ctx) => {
    const { t, org } = await setUp(ctx);
    const post = (headers: Record<string, string>, payload: unknown) =>
      t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers, payload: payload as object });
    for (const url of [
      'not a url',
      'ftp://example.test/hook',
      'javascript:alert(1)',
      'https://user:pw@example.test/',
    ]) {
      const response = await post(org.admin.headers, { url, eventTypes: ['case.created'] });
      assert.equal(response.statusCode, 400, url);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'validation_failed');
    }
    const badType = await post(org.admin.headers, { url: 'https://example.test/h', eventTypes: ['case.exploded'] });
    assert.equal(badType.statusCode, 400);
    const error = badType.json<{ error: { code: string; details: { field: string }[] } }>().error;
    assert.equal(error.code, 'validation_failed');
    assert.deepEqual(
      error.details.map((d) => d.field),
      ['/body/eventTypes/0'],
    );
    const noTypes = await post(org.admin.headers, { url: 'https://example.test/h', eventTypes: [] });
    assert.equal(noTypes.statusCode, 400);

    const agent = await post(org.agentA.headers, { url: 'https://example.test/h', eventTypes: ['*'] });
    assert.ok([403, 404].includes(agent.statusCode), agent.body);

    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/webhooks/whk_00000000000000000000000000/deliveries',
      headers: org.admin.headers,
    });
    assert.equal(missing.statusCode, 404);
    const missingDelivery = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/deliveries/whd_00000000000000000000000000/redeliver',
      headers: org.admin.headers,
    });
    assert.equal(missingDelivery.statusCode, 404);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: org.admin.headers });
    assert.deepEqual(list.json<WebhookList>().items, []);
  });
});

test('the webhook module refuses an unreachable receiver as a retryable failure, not a crash', async () => {
  const t = await buildTestApp();
  try {
    const org = await createTestOrg(t);
    // A port nobody listens on: take one, then close it.
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as AddressInfo;
    probe.close();
    await once(probe, 'close');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: org.admin.headers,
      payload: { url: `http://127.0.0.1:${port}/`, eventTypes: ['case.created'] },
    });
    const hook = created.json<WebhookCreatedDto>();
    await openCaseAs(t, org.agentA, complaintFixtures.mango);
    await drainJobs(t);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/${hook.id}/deliveries`,
      headers: org.admin.headers,
    });
    const [delivery] = response.json<WebhookDeliveryList>().items;
    assert.equal(delivery?.status, 'pending');
    assert.equal(delivery?.attempts, 1);
    assert.equal(delivery?.lastStatusCode, null);
    assert.ok(delivery?.lastError);
  } finally {
    await t.close();
  }
});
