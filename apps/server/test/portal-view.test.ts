import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PortalCaseDto, PortalMessageDto } from '@redress/contract';
import { appendEvent } from '../src/storage/events.ts';
import { describeBothBackends } from './pg-util.ts';
import { fileJson, portalToken, setUpPortal, thaiComplaint } from './portal-fixtures.ts';

describeBothBackends('portal: what the case view shows', (backend) => {
  test('past a thousand events the newest messages still show, and a reply answers its own id', async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t, org } = p;
    const { caseId } = await fileJson(p, thaiComplaint());
    // A long case: 1100 earlier messages from the customer.
    await t.deps.db.write(async (tx) => {
      for (let i = 0; i < 1100; i += 1) {
        await appendEvent(tx, {
          type: 'case.message_recorded',
          subjectType: 'case',
          subjectId: caseId,
          actorId: null,
          requestId: null,
          payload: { direction: 'inbound', channel: 'web', body: `earlier #${i}` },
          occurredAt: t.clock.now(),
        });
      }
    });
    t.clock.advance(60_000);
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/messages`,
      headers: org.agentA.headers,
      payload: { direction: 'outbound', channel: 'web', body: 'The newest answer' },
    });
    assert.ok([200, 201].includes(sent.statusCode), sent.body);
    const token = await portalToken(t, caseId);
    const replied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/case/messages',
      payload: { body: 'Thank you' },
      headers: { 'x-portal-token': token },
    });
    assert.equal(replied.statusCode, 201, replied.body);
    const newest = await t.deps.db.read
      .selectFrom('events')
      .select('id')
      .where('subject_id', '=', caseId)
      .where('type', '=', 'case.message_recorded')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    assert.equal(replied.json<PortalMessageDto>().id, newest.id);

    const seen = (
      await t.app.inject({ method: 'GET', url: '/api/v1/portal/case', headers: { 'x-portal-token': token } })
    ).json<PortalCaseDto>();
    assert.equal(seen.messages.length, 200);
    assert.deepEqual(
      seen.messages.slice(-3).map((m) => m.body),
      ['earlier #1099', 'The newest answer', 'Thank you'],
    );
    assert.equal(seen.messages[0]?.body, 'earlier #902', 'the newest 200, oldest first');
    assert.equal(seen.messages.at(-1)?.id, newest.id);
  });

  test("an agent's account of a call or visit is never shown as the customer's words", async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t, org } = p;
    const { caseId } = await fileJson(p, thaiComplaint());
    const record = async (direction: string, channel: string, body: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseId}/messages`,
        headers: org.agentA.headers,
        payload: { direction, channel, body },
      });
      assert.ok([200, 201].includes(response.statusCode), response.body);
    };
    await record('inbound', 'phone', 'Customer furious, says we are useless');
    await record('inbound', 'walk_in', 'She came in with the durian');
    await record('outbound', 'phone', 'Called her: refund tomorrow');
    await record('inbound', 'email', 'Her e-mail, pasted in');
    await record('outbound', 'web', 'Refund approved');

    const seen = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/portal/case',
        headers: { 'x-portal-token': await portalToken(t, caseId) },
      })
    ).json<PortalCaseDto>();
    assert.deepEqual(
      seen.messages.map((m) => [m.direction, m.body]),
      [
        ['outbound', 'Called her: refund tomorrow'],
        ['inbound', 'Her e-mail, pasted in'],
        ['outbound', 'Refund approved'],
      ],
    );
  });
});
