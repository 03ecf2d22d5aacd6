import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PortalCaseDto, PortalMessageDto } from '@redress/contract';
import { multipart, pngBytes } from './factories/attachments.ts';
import { createConfig } from './factories/cases.ts';
import { describeBothBackends } from './pg-util.ts';
import { fileJson, portalToken, setUpPortal, thaiComplaint, type PortalTest } from './portal-fixtures.ts';

const errorCode = (body: string): string => (JSON.parse(body) as { error: { code: string } }).error.code;

const view = (p: PortalTest, token: string | undefined) =>
  p.t.app.inject({
    method: 'GET',
    url: '/api/v1/portal/case',
    headers: token === undefined ? {} : { 'x-portal-token': token },
  });

describeBothBackends('portal: the private link', (backend) => {
  test('the case view shows messages both ways, never notes; replies and their files appear', async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t, org } = p;
    const form = multipart([{ field: 'files', filename: 'receipt.png', content: pngBytes() }], {
      complaint: JSON.stringify({ ...thaiComplaint(), channelId: p.channelId }),
    });
    const filed = await t.app.inject({ method: 'POST', url: '/api/v1/portal/complaints', ...form });
    assert.equal(filed.statusCode, 201, filed.body);
    const caseId = (await t.deps.db.read.selectFrom('cases').select('id').executeTakeFirstOrThrow()).id;

    const staff = (url: string, payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}${url}`, headers: org.agentA.headers, payload });
    const note = await staff('/notes', { body: 'Internal: supplier batch 44 again' });
    assert.ok([200, 201].includes(note.statusCode), note.body);
    const sent = await staff('/messages', {
      direction: 'outbound',
      channel: 'web',
      body: 'ขออภัยค่ะ เราจะคืนเงินภายในพรุ่งนี้',
    });
    assert.ok([200, 201].includes(sent.statusCode), sent.body);

    const token = await portalToken(t, caseId);
    const response = await view(p, token);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    const seen = response.json<PortalCaseDto>();
    assert.equal(seen.status, 'new');
    assert.equal(seen.language, 'th');
    assert.equal(seen.mergedFromRef, null);
    assert.deepEqual(
      seen.attachments.map((a) => a.filename),
      ['receipt.png'],
    );
    assert.deepEqual(
      seen.messages.map((m) => [m.direction, m.body, m.authorName]),
      [['outbound', 'ขออภัยค่ะ เราจะคืนเงินภายในพรุ่งนี้', 'Test']],
    );
    assert.ok(!response.body.includes('supplier batch'), 'notes never reach the customer');
    // The agent's message met the first response; the next update is the every-two-days one.
    assert.equal(seen.nextUpdateBy, '2026-03-04T09:00:00.000Z');
    assert.equal(seen.policies.length, 1);
    assert.deepEqual(seen.policies[0]?.promises.slice(0, 2), [
      'เราจะยืนยันว่าได้รับเรื่องร้องเรียนของคุณภายใน 1 ชั่วโมงทำการ',
      'เราจะตอบกลับคุณภายใน 4 ชั่วโมงทำการ',
    ]);
    assert.equal(seen.linkExpiresAt, '2026-04-01T09:00:00.000Z');

    // The customer's own file downloads with the link; the bytes are the ones sent.
    const fileId = seen.attachments[0]?.id ?? '';
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/v1/portal/case/attachments/${fileId}`,
      headers: { 'x-portal-token': token },
    });
    assert.equal(download.statusCode, 200);
    assert.deepEqual(download.rawPayload, pngBytes());

    const replyForm = multipart([{ field: 'files', filename: 'ภาพ.png', content: pngBytes(2, 2) }], {
      message: JSON.stringify({ body: 'ยังไม่ได้เงินคืนเลยค่ะ' }),
    });
    const replied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/case/messages',
      payload: replyForm.payload,
      headers: { ...replyForm.headers, 'x-portal-token': token },
    });
    assert.equal(replied.statusCode, 201, replied.body);
    assert.deepEqual(
      replied.json<PortalMessageDto>().attachments.map((a) => a.filename),
      ['ภาพ.png'],
    );
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/case/messages',
      payload: { body: '<b>hello</b>' },
      headers: { 'x-portal-token': token },
    });
    assert.equal(json.statusCode, 201, json.body);

    const after = (await view(p, token)).json<PortalCaseDto>();
    assert.deepEqual(
      after.messages.map((m) => [m.direction, m.body, m.attachments.length]),
      [
        ['outbound', 'ขออภัยค่ะ เราจะคืนเงินภายในพรุ่งนี้', 0],
        ['inbound', 'ยังไม่ได้เงินคืนเลยค่ะ', 1],
        ['inbound', '<b>hello</b>', 0],
      ],
    );
    assert.equal(after.attachments.length, 1, 'the reply file shows on its message, not with the form');
    // Staff see the reply as an inbound web message on the case's timeline.
    const events = await t.deps.db.read
      .selectFrom('events')
      .select(['payload', 'request_id'])
      .where('subject_id', '=', caseId)
      .where('type', '=', 'case.message_recorded')
      .execute();
    const inbound = events.map(
      (e) => (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload) as Record<string, unknown>,
    );
    assert.deepEqual(
      inbound.filter((e) => e.direction === 'inbound').map((e) => [e.channel, e.body]),
      [
        ['web', 'ยังไม่ได้เงินคืนเลยค่ะ'],
        ['web', '<b>hello</b>'],
      ],
    );
  });

  test('bad, expired, other-purpose and missing tokens are link_invalid; one case never reaches another', async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t } = p;
    const a = await fileJson(p, thaiComplaint());
    const b = await fileJson(p, thaiComplaint({ email: 'other@example.com', name: 'Other', phone: undefined }));
    const tokenA = await portalToken(t, a.caseId);
    const tokenB = await portalToken(t, b.caseId);

    for (const token of [
      undefined,
      'garbage',
      `${tokenA.slice(0, -2)}xx`,
      `${tokenB.split('.')[0]}.${tokenA.split('.')[1]}`,
      await portalToken(t, a.caseId, { days: -1 }),
      await portalToken(t, a.caseId, { purpose: 'survey', surveyId: 'srv_01ABC' }),
      await portalToken(t, 'case_01ABCDEFGHJKMNPQRSTVWXYZ12'),
    ]) {
      const response = await view(p, token);
      assert.equal(response.statusCode, 401, `${token}: ${response.body}`);
      assert.equal(errorCode(response.body), 'link_invalid');
    }
    const reply = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/case/messages',
      payload: { body: 'hi' },
      headers: { 'x-portal-token': 'garbage' },
    });
    assert.equal(reply.statusCode, 401);

    assert.equal((await view(p, tokenA)).json<PortalCaseDto>().ref, a.ref);
    // A's link does not open B's files.
    const form = multipart([{ field: 'files', filename: 'b.png', content: pngBytes() }], {
      message: JSON.stringify({ body: 'photo' }),
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/case/messages',
      payload: form.payload,
      headers: { ...form.headers, 'x-portal-token': tokenB },
    });
    const bFile = (await view(p, tokenB)).json<PortalCaseDto>().messages[0]?.attachments[0]?.id ?? '';
    assert.ok(bFile);
    const stolen = await t.app.inject({
      method: 'GET',
      url: `/api/v1/portal/case/attachments/${bFile}`,
      headers: { 'x-portal-token': tokenA },
    });
    assert.equal(stolen.statusCode, 404);
  });

  test("a merged case shows the one it was merged into, never another customer's; a closed case takes no reply", async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t, org } = p;
    const config = await createConfig(t, org.admin);
    const first = await fileJson(p, thaiComplaint());
    const second = await fileJson(p, thaiComplaint({ whatHappened: 'ทุเรียนลูกที่สองก็เน่า' }));
    const other = await fileJson(
      p,
      thaiComplaint({ email: 'other@example.com', name: 'Other', phone: undefined, whatHappened: 'Not yours' }),
    );
    const otherToken = await portalToken(t, other.caseId);
    const said = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${other.caseId}/messages`,
      headers: org.agentA.headers,
      payload: { direction: 'outbound', channel: 'web', body: 'For the other customer only' },
    });
    assert.ok([200, 201].includes(said.statusCode), said.body);
    const wrote = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/case/messages',
      payload: { body: 'My own private words' },
      headers: { 'x-portal-token': otherToken },
    });
    assert.equal(wrote.statusCode, 201, wrote.body);

    const merge = async (duplicateId: string) => {
      const merged = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${first.caseId}/merge`,
        headers: org.supervisorA.headers,
        payload: { duplicateId },
      });
      assert.ok([200, 201].includes(merged.statusCode), merged.body);
    };
    await merge(second.caseId);
    await merge(other.caseId);

    const seen = await view(p, await portalToken(t, second.caseId));
    assert.equal(seen.json<PortalCaseDto>().ref, first.ref);
    assert.equal(seen.json<PortalCaseDto>().mergedFromRef, second.ref);
    const survivor = await view(p, await portalToken(t, first.caseId));
    for (const response of [seen, survivor]) {
      assert.ok(!response.body.includes('other customer only'), "another customer's messages stay hidden");
      assert.ok(!response.body.includes('private words'));
      assert.ok(!response.body.includes('Not yours'));
    }
    // The other customer still sees their own case, not the one it was merged into.
    const theirs = (await view(p, otherToken)).json<PortalCaseDto>();
    assert.equal(theirs.ref, other.ref);
    assert.equal(theirs.mergedFromRef, null);
    assert.deepEqual(
      theirs.messages.map((m) => m.body),
      ['For the other customer only', 'My own private words'],
    );

    // Closed the way staff close it: investigate, resolve with a resolution, the customer's decision, close.
    const staff = async (url: string, payload: Record<string, unknown>) => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${first.caseId}${url}`,
        headers: org.agentA.headers,
        payload,
      });
      assert.ok([200, 201].includes(response.statusCode), `${url}: ${response.body}`);
    };
    await staff('/transitions', { action: 'start_investigation' });
    await staff('/resolution', { text: 'Refunded in full', kind: 'final', rootCauseId: config.rootCause });
    await staff('/transitions', { action: 'resolve' });
    await staff('/customer-decision', { accepted: true, note: 'Accepted on the phone' });
    await staff('/transitions', { action: 'close' });
    assert.equal((await view(p, await portalToken(t, first.caseId))).json<PortalCaseDto>().status, 'closed');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/case/messages',
      payload: { body: 'still here?' },
      headers: { 'x-portal-token': await portalToken(t, first.caseId) },
    });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.equal(errorCode(refused.body), 'rule_violated');
  });

  test('a link request answers the same whether or not the pair matches, and is rate limited', async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t } = p;
    const filed = await fileJson(p, thaiComplaint());
    const ask = (ref: string, email: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/portal/links', payload: { ref, email, language: 'th' } });
    const requests = async () =>
      t.deps.db.read
        .selectFrom('events')
        .select('payload')
        .where('type', '=', 'portal.link_requested')
        .where('subject_id', '=', filed.caseId)
        .execute();

    const matched = await ask(filed.ref.toLowerCase(), 'SOMYING@example.co.th');
    const wrongEmail = await ask(filed.ref, 'someone@example.com');
    const unknownRef = await ask('C-2026-999999', 'somying@example.co.th');
    for (const response of [matched, wrongEmail, unknownRef]) {
      assert.equal(response.statusCode, 202, response.body);
      assert.equal(response.body, matched.body);
    }
    assert.equal((await requests()).length, 1);

    await ask(filed.ref, 'x@example.com');
    await ask(filed.ref, 'y@example.com');
    const limited = await ask(filed.ref, 'z@example.com');
    assert.equal(limited.statusCode, 429, limited.body);
    assert.equal(errorCode(limited.body), 'rate_limited');
    assert.ok(Number(limited.headers['retry-after']) > 0);
  });
});
