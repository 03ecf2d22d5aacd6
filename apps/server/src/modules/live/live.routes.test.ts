import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LiveChangeDto } from '@redress/contract';
import { buildApp } from '../../app.ts';
import { createDeps } from '../../deps.ts';
import { fixedClock } from '../../shared/clock.ts';
import { buildTestApp, testConfig, type TestApp } from '../../../test/factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs, type OrgUser } from '../../../test/factories/cases.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';

interface ErrorJson {
  error: { code: string };
}

interface Message {
  id?: string;
  event?: string;
  data?: string;
  comments: string[];
}

const parseBlock = (block: string): Message => {
  const message: Message = { comments: [] };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) message.comments.push(line.slice(1).trim());
    const [field, ...rest] = line.split(': ');
    const value = rest.join(': ');
    if (field === 'id') message.id = value;
    if (field === 'event') message.event = value;
    if (field === 'data') message.data = value;
  }
  return message;
};

/** An SSE stream read with fetch, as a browser's EventSource would read it. */
const openStream = async (url: string, headers: Record<string, string>) => {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const messages: Message[] = [];
  let ended = false;
  const body = response.body;
  if (response.status === 200 && body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of body) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            messages.push(parseBlock(buffer.slice(0, end)));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // Aborted by the test.
      } finally {
        ended = true;
      }
    })();
  }
  const changes = () =>
    messages.filter((m) => m.event === 'change').map((m) => JSON.parse(m.data ?? '{}') as LiveChangeDto);
  return {
    response,
    messages,
    changes,
    ended: () => ended,
    /** The last `id` the stream gave: what the browser sends back as `Last-Event-ID`. */
    lastId: () => messages.findLast((m) => m.id !== undefined)?.id,
    close: () => controller.abort(),
  };
};

const waitFor = async (what: string, check: () => boolean, timeoutMs = 8_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describeBothBackends('GET /live', (backend) => {
  test('streams the changes I may read, replays what I missed, and ends when the app closes', async (ctx) => {
    const t = await buildTestApp({ db: await backend.open(ctx) });
    let closed = false;
    ctx.after(async () => {
      if (!closed) await t.app.close();
    });
    const org = await createTestOrg(t);
    const caseA = (await openCaseAs(t, org.agentA, complaintFixtures.mango)).id;
    const caseB = (await openCaseAs(t, org.agentB, complaintFixtures.parcel)).id;
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `${address}/api/v1/live`;
    const rename = async (as: OrgUser, caseId: string, subject: string) => {
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/cases/${caseId}`,
        headers: as.headers,
        payload: { subject },
      });
      assert.equal(response.statusCode, 200, response.body);
    };

    const anonymous = await fetch(url);
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as ErrorJson).error.code, 'unauthenticated');

    const stream = await openStream(url, org.agentA.headers);
    assert.equal(stream.response.status, 200);
    assert.match(stream.response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(stream.response.headers.get('cache-control'), 'no-cache');
    assert.equal(stream.response.headers.get('x-accel-buffering'), 'no');
    await waitFor('the starting position', () => stream.lastId() !== undefined);

    // Site B's change is not sent to site A's agent; site A's is, naming the case and nothing more.
    await rename(org.agentB, caseB, 'Parcel lost');
    await rename(org.agentA, caseA, 'Mangoes rotten');
    await waitFor('the change on case A', () => stream.changes().some((c) => c.caseId === caseA));
    const [change] = stream.changes();
    assert.equal(change?.caseId, caseA);
    assert.equal(change?.type, 'case.field_changed');
    assert.deepEqual(Object.keys(change ?? {}).sort(), ['caseId', 'occurredAt', 'seq', 'type']);
    assert.ok(
      stream.changes().every((c) => c.caseId === caseA),
      'nothing from site B',
    );
    assert.equal(stream.messages.find((m) => m.event === 'change')?.id, String(change?.seq));

    // Offline for a while: the change made meanwhile arrives on reconnecting with Last-Event-ID.
    const lastSeen = stream.lastId() ?? '';
    stream.close();
    await waitFor('the server to let the stream go', () => t.deps.live.clientCount() === 0);
    await rename(org.agentA, caseA, 'Mangoes rotten, all of them');
    await rename(org.agentB, caseB, 'Parcel still lost');
    const back = await openStream(url, { ...org.agentA.headers, 'last-event-id': lastSeen });
    await waitFor('the missed change', () => back.changes().length > 0);
    assert.ok(back.changes().every((c) => c.caseId === caseA && c.seq > Number(lastSeen)));
    back.close();

    // The same through the query string, for clients that cannot set the header; a bad one is refused.
    const byQuery = await openStream(`${url}?lastEventId=${lastSeen}`, org.agentA.headers);
    await waitFor('the missed change again', () => byQuery.changes().length > 0);
    assert.equal(byQuery.changes()[0]?.caseId, caseA);
    byQuery.close();
    const badId = await fetch(`${url}?lastEventId=abc`, { headers: org.agentA.headers });
    assert.equal(badId.status, 400);
    assert.equal(((await badId.json()) as ErrorJson).error.code, 'validation_failed');

    // An unknown position: one reset, so the console reads everything again.
    const lost = await openStream(url, { ...org.agentA.headers, 'last-event-id': 'yesterday' });
    await waitFor('a reset', () => lost.messages.some((m) => m.event === 'reset'));
    lost.close();

    // Closing the app ends open streams instead of waiting for their clients.
    const open = await openStream(url, org.agentA.headers);
    await waitFor('the stream to start', () => open.lastId() !== undefined);
    const closing = t.app.close();
    closed = true;
    await waitFor('the stream to end', () => open.ended(), 3_000);
    // The ended stream's socket closes with it, so the server's close does not wait for it to
    // time out (72 s) as an idle keep-alive connection would.
    let finished = false;
    void closing.then(() => (finished = true));
    await waitFor('the app to close', () => finished, 15_000);
  });

  test('a user may hold 8 streams and the server its configured number; past that, 429 or 503 with Retry-After', async (ctx) => {
    const db = await backend.open(ctx);
    const clock = fixedClock('2026-03-02T09:00:00.000Z');
    const deps = createDeps(testConfig({ liveMaxStreams: 10 }), db, clock);
    const { app, routes } = await buildApp(deps, { logger: false });
    const t: TestApp = { app, deps, routes, clock, close: () => app.close() };
    ctx.after(() => app.close());
    const org = await createTestOrg(t);
    const url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/api/v1/live`;
    const open = async (as: OrgUser) => {
      const stream = await openStream(url, as.headers);
      ctx.after(() => stream.close());
      return stream;
    };

    const mine = [];
    for (let i = 0; i < 8; i += 1) mine.push(await open(org.agentA));
    assert.deepEqual(
      mine.map((s) => s.response.status),
      Array(8).fill(200),
    );
    const ninth = await fetch(url, { headers: org.agentA.headers });
    assert.equal(ninth.status, 429);
    assert.equal(((await ninth.json()) as ErrorJson).error.code, 'rate_limited');
    assert.ok(Number(ninth.headers.get('retry-after')) > 0);

    // Closing a stream gives its place back.
    mine[0]?.close();
    await waitFor('the place to come back', () => deps.live.clientCount() === 7);
    let again = await fetch(url, { headers: org.agentA.headers });
    for (let tries = 0; again.status === 429 && tries < 40; tries += 1) {
      await again.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 25));
      again = await fetch(url, { headers: org.agentA.headers });
    }
    assert.equal(again.status, 200);
    ctx.after(() => again.body?.cancel());

    // Others still get in up to the server's 10 (8 of agent A's and 2), then hear it is full.
    await open(org.agentB);
    await open(org.agentB);
    const full = await fetch(url, { headers: org.agentB.headers });
    assert.equal(full.status, 503);
    assert.equal(((await full.json()) as ErrorJson).error.code, 'not_ready');
    assert.ok(Number(full.headers.get('retry-after')) > 0);
  });
});
