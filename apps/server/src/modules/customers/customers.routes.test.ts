import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AuditList, CustomerDto, CustomerList, CustomerMatches } from '@redress/contract';
import { bearerFor, buildTestApp, createUser, signIn, type TestApp } from '../../../test/factories.ts';
import { customerFixtures, normalised } from '../../../test/factories/customers.ts';

interface ErrorReply {
  error: { code: string; details?: { field: string }[] };
}

describe('customers over HTTP', () => {
  let t: TestApp;
  const auth: Record<string, Record<string, string>> = {};
  const ids: Record<string, string> = {};

  const call = async (
    who: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: Record<string, unknown>,
  ) => {
    const headers = auth[who];
    assert.ok(headers, who);
    return t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  };
  const fieldOf = (body: string) => (JSON.parse(body) as ErrorReply).error.details?.[0]?.field;
  const auditOf = async (id: string) =>
    (await call('manager', 'GET', `/customers/${id}/audit?limit=200`)).json<AuditList>().items;

  before(async () => {
    t = await buildTestApp();
    for (const role of ['agent', 'supervisor', 'manager', 'department_member', 'quality_analyst']) {
      const user = await createUser(t.deps, role);
      auth[role] = await bearerFor(t.deps, user.id);
      ids[role] = user.id;
    }
  });
  after(() => t.close());

  test('an agent creates customers in four languages; phones become E.164 in the country of the language', async () => {
    for (const key of ['chen', 'wang', 'somchai', 'sarah'] as const) {
      const fixture = customerFixtures[key];
      const response = await call('agent', 'POST', '/customers', {
        ...fixture,
        ...(key === 'sarah'
          ? {
              whatMatters: { priorities: ['time'], text: 'Call after 5 pm <b>only</b>' },
              consent: { contactEmail: true },
            }
          : {}),
      });
      assert.equal(response.statusCode, 201, response.body);
      const body = response.json<CustomerDto>();
      assert.match(body.id, /^cus_/);
      assert.equal(body.name, fixture.name);
      assert.deepEqual(body.phones, [normalised[key].phone]);
      ids[key] = body.id;
    }
    const sarah = await call('agent', 'GET', `/customers/${ids.sarah}`);
    const body = sarah.json<CustomerDto>();
    assert.deepEqual(body.emails, ['sarah.mitchell@example.com']);
    assert.deepEqual(body.externalIds, [{ kind: 'order', value: 'UK-1001' }]);
    assert.equal(body.whatMatters.text, 'Call after 5 pm <b>only</b>', 'HTML is kept as text');
    assert.equal(body.consent.contactEmail?.granted, true);
    assert.equal(body.consent.marketing, null);
    assert.equal(body.language, 'en');
    assert.equal(
      (await call('agent', 'GET', `/customers/${ids.somchai}`)).json<CustomerDto>().preferredName,
      'คุณสมชาย',
    );
  });

  test('bad input is a 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'Sarah Mitchell', phone: '020 7946 0958', language: 'en' }, '/body/phone'],
      [{ name: 'สมชาย', phone: '12345', language: 'th' }, '/body/phone'],
      [{ name: '王磊', email: 'wanglei at example.cn' }, '/body/email'],
      [{ email: 'a@example.com' }, '/body/name'],
      [{ name: '' }, '/body/name'],
      [{ name: 'x', language: 'fr' }, '/body/language'],
      [{ name: 'x', admin: true }, '/body/admin'],
      [
        { name: 'x', externalIds: Array.from({ length: 21 }, (_, i) => ({ kind: 'order', value: `${i}` })) },
        '/body/externalIds',
      ],
      [{ name: 'x', externalIds: [{ kind: 'order number', value: '1' }] }, '/body/externalIds/0/kind'],
      [{ name: 'x'.repeat(201) }, '/body/name'],
      [{ name: 'x', whatMatters: { priorities: ['money'] } }, '/body/whatMatters/priorities/0'],
    ];
    for (const [payload, field] of cases) {
      const response = await call('agent', 'POST', '/customers', payload);
      assert.equal(response.statusCode, 400, `${JSON.stringify(payload)} → ${response.body}`);
      assert.equal(response.json<ErrorReply>().error.code, 'validation_failed');
      assert.equal(fieldOf(response.body), field, JSON.stringify(payload));
    }
    const badId = await call('agent', 'GET', '/customers/%3Cscript%3E');
    assert.equal(badId.statusCode, 400);
    const missing = await call('agent', 'GET', '/customers/cus_01KJPWD6M0S6CZXMM39PVSGV0F');
    assert.equal(missing.statusCode, 404);
  });

  test('an e-mail or phone that belongs to someone else is a 409 naming the field', async () => {
    const email = await call('agent', 'POST', '/customers', { name: 'Someone', email: 'SARAH.MITCHELL@example.com' });
    assert.equal(email.statusCode, 409);
    assert.equal(fieldOf(email.body), '/body/email');
    const phone = await call('agent', 'POST', '/customers', { name: 'Someone', phone: '+66 81 234 5678' });
    assert.equal(phone.statusCode, 409);
    assert.equal(fieldOf(phone.body), '/body/phone');
    const order = await call('agent', 'POST', '/customers', {
      name: 'Someone',
      externalIds: [{ kind: 'order', value: 'uk-1001' }],
    });
    assert.equal(order.statusCode, 409);
    assert.equal(fieldOf(order.body), '/body/externalIds/0');
  });

  test('department members, and anyone signed out, cannot reach customers at all', async () => {
    const id = ids.chen;
    assert.ok(id);
    for (const [method, url, payload] of [
      ['GET', '/customers', undefined],
      ['GET', `/customers/${id}`, undefined],
      ['GET', `/customers/match?email=${encodeURIComponent('chen.meiling@example.tw')}`, undefined],
      ['POST', '/customers', { name: 'x' }],
      ['PATCH', `/customers/${id}`, { name: 'x' }],
      ['POST', `/customers/${id}/contacts`, { kind: 'email', value: 'x@example.com' }],
      ['GET', `/customers/${id}/audit`, undefined],
    ] as const) {
      const response = await call('department_member', method, url, payload);
      assert.equal(response.statusCode, 404, `${method} ${url}`);
      assert.equal(response.json<ErrorReply>().error.code, 'not_found', 'forbidden looks exactly like missing');
      const anonymous = await t.app.inject({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
      assert.equal(anonymous.statusCode, 401, `${method} ${url}`);
    }
    // A quality analyst reads but does not write; an agent neither merges nor reads the audit trail.
    assert.equal((await call('quality_analyst', 'GET', `/customers/${id}`)).statusCode, 200);
    assert.equal((await call('quality_analyst', 'PATCH', `/customers/${id}`, { name: 'x' })).statusCode, 404);
    assert.equal((await call('agent', 'GET', `/customers/${id}/audit`)).statusCode, 404);
    assert.equal(
      (await call('agent', 'POST', `/customers/${id}/merge`, { duplicateId: ids.wang, reason: 'x' })).statusCode,
      404,
    );
  });

  test('every full read is in the audit trail with who, when and which request', async () => {
    const id = ids.wang;
    assert.ok(id);
    const read = await call('agent', 'GET', `/customers/${id}`);
    assert.equal(read.statusCode, 200);
    const audit = await auditOf(id);
    const last = audit[0];
    assert.equal(last?.action, 'read');
    assert.equal(last?.actorId, ids.agent);
    assert.match(last?.requestId ?? '', /^req_/);
    assert.equal(last?.at, '2026-03-02T09:00:00.000Z');
    assert.equal(audit.at(-1)?.action, 'create');
    // Lists and matches show masked contacts and are not audited per customer.
    const list = await call('agent', 'GET', '/customers?q=%E7%8E%8B');
    const items = list.json<CustomerList>().items;
    assert.deepEqual(
      items.map((c) => c.name),
      ['王磊'],
    );
    assert.deepEqual(items[0]?.emails, ['w***@example.cn']);
    assert.deepEqual(items[0]?.phones, ['+86•••••••5678']);
    assert.equal((await auditOf(id)).length, audit.length);
  });

  test('search and cursor pagination over the list', async () => {
    const page1 = (await call('agent', 'GET', '/customers?limit=3')).json<CustomerList>();
    assert.equal(page1.items.length, 3);
    assert.ok(page1.nextCursor);
    const page2 = (await call('agent', 'GET', `/customers?limit=3&cursor=${page1.nextCursor}`)).json<CustomerList>();
    assert.ok(page2.items.length >= 1);
    assert.equal(
      new Set([...page1.items, ...page2.items].map((c) => c.id)).size,
      page1.items.length + page2.items.length,
    );
    const byPhone = (
      await call('agent', 'GET', `/customers?q=${encodeURIComponent('081-234-5678')}`)
    ).json<CustomerList>();
    assert.deepEqual(
      byPhone.items.map((c) => c.name),
      ['สมชาย ใจดี'],
    );
    const tooMany = await call('agent', 'GET', '/customers?limit=201');
    assert.equal(tooMany.statusCode, 400);
    assert.equal(fieldOf(tooMany.body), '/querystring/limit');
  });

  test('intake sees the match: by e-mail, phone in national format, or external id, best first', async () => {
    const match = async (query: string) => call('agent', 'GET', `/customers/match?${query}`);
    const byEmail = (await match('email=Chen.MeiLing%40Example.TW')).json<CustomerMatches>().items;
    assert.deepEqual(
      byEmail.map((m) => [m.customer.name, m.matchedBy]),
      [['陳美玲', ['email']]],
    );
    const byPhone = (await match('phone=0912%20345%20678')).json<CustomerMatches>().items;
    assert.equal(byPhone[0]?.customer.id, ids.chen);
    const several = (
      await match(
        `email=sarah.mitchell%40example.com&phone=${encodeURIComponent('081 234 5678')}&externalId=order:UK-1001`,
      )
    ).json<CustomerMatches>().items;
    assert.deepEqual(
      several.map((m) => [m.customer.id, m.matchedBy]),
      [
        [ids.sarah, ['email', 'external_id']],
        [ids.somchai, ['phone']],
      ],
    );
    assert.deepEqual((await match('email=nobody%40example.com')).json<CustomerMatches>().items, []);
    const bad = await match('phone=12');
    assert.equal(bad.statusCode, 400);
    assert.equal(fieldOf(bad.body), '/querystring/phone');
    // Without a language, 020… could be a Guangzhou landline: valid, nobody has it. In English it is not a number.
    assert.deepEqual((await match('phone=020%207946%200958')).json<CustomerMatches>().items, []);
    const badPhone = await match('phone=020%207946%200958&language=en');
    assert.equal(badPhone.statusCode, 400);
    assert.equal(fieldOf(badPhone.body), '/querystring/phone');
    const empty = await match('');
    assert.equal(empty.statusCode, 400);
  });

  test('PATCH changes only what differs; each change is an event with the field names', async () => {
    const id = ids.somchai;
    assert.ok(id);
    const response = await call('agent', 'PATCH', `/customers/${id}`, {
      preferredName: 'คุณชาย',
      whatMatters: { priorities: ['attention', 'time'], text: 'ไม่อยากต้องเล่าเรื่องซ้ำ' },
      consent: { contactPhone: true, marketing: false },
    });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json<CustomerDto>();
    assert.equal(body.preferredName, 'คุณชาย');
    assert.deepEqual(body.whatMatters.priorities, ['attention', 'time']);
    assert.equal(body.consent.contactPhone?.granted, true);
    const again = await call('agent', 'PATCH', `/customers/${id}`, { consent: { contactPhone: true } });
    assert.equal(again.statusCode, 200);
    const events = await t.deps.db.read
      .selectFrom('events')
      .select(['type', 'payload'])
      .where('subject_id', '=', id)
      .where('type', '=', 'customer.updated')
      .execute();
    assert.equal(events.length, 1, 'an unchanged answer is no change');
    const payload = (typeof events[0]?.payload === 'string' ? JSON.parse(events[0].payload) : events[0]?.payload) as {
      fields: string[];
    };
    assert.deepEqual(payload.fields, ['preferredName', 'whatMatters', 'consent']);
    const empty = await call('agent', 'PATCH', `/customers/${id}`, {});
    assert.equal(empty.statusCode, 400);
    const nullName = await call('agent', 'PATCH', `/customers/${id}`, { name: null });
    assert.equal(fieldOf(nullName.body), '/body/name');
  });

  test('contacts, external ids and products are added (and contacts removed) with events', async () => {
    const id = ids.wang;
    assert.ok(id);
    const added = await call('agent', 'POST', `/customers/${id}/contacts`, { kind: 'phone', value: '139 1234 5678' });
    assert.equal(added.statusCode, 201, added.body);
    assert.deepEqual(added.json<CustomerDto>().phones, [normalised.wang.phone, '+8613912345678']);
    const taken = await call('agent', 'POST', `/customers/${id}/contacts`, { kind: 'phone', value: '+66812345678' });
    assert.equal(taken.statusCode, 409);
    assert.equal(fieldOf(taken.body), '/body/value');
    const badPhone = await call('agent', 'POST', `/customers/${id}/contacts`, { kind: 'phone', value: '555' });
    assert.equal(fieldOf(badPhone.body), '/body/value');
    const removed = await call(
      'agent',
      'DELETE',
      `/customers/${id}/contacts/phone/${encodeURIComponent('+8613912345678')}`,
    );
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual(removed.json<CustomerDto>().phones, [normalised.wang.phone]);
    const notThere = await call(
      'agent',
      'DELETE',
      `/customers/${id}/contacts/phone/${encodeURIComponent('+8613912345678')}`,
    );
    assert.equal(notThere.statusCode, 404);

    const ext = await call('agent', 'POST', `/customers/${id}/external-ids`, { kind: 'member', value: 'cn-88' });
    assert.equal(ext.statusCode, 201);
    assert.deepEqual(ext.json<CustomerDto>().externalIds, [{ kind: 'member', value: 'CN-88' }]);
    const product = await call('agent', 'POST', `/customers/${id}/products`, {
      product: '电热水壶 K2',
      orderRef: 'CN-2026-0042',
      purchasedAt: '2026-02-10T00:00:00.000Z',
    });
    assert.equal(product.statusCode, 201, product.body);
    const p = product.json<CustomerDto>().products[0];
    assert.equal(p?.product, '电热水壶 K2');
    assert.equal(p?.purchasedAt, '2026-02-10T00:00:00.000Z');
    const badDate = await call('agent', 'POST', `/customers/${id}/products`, {
      product: 'x',
      purchasedAt: 'yesterday',
    });
    assert.equal(fieldOf(badDate.body), '/body/purchasedAt');

    const types = (
      await t.deps.db.read.selectFrom('events').select('type').where('subject_id', '=', id).orderBy('seq').execute()
    ).map((e) => e.type);
    assert.deepEqual(types, [
      'customer.created',
      'customer.contact_added',
      'customer.contact_removed',
      'customer.external_id_added',
      'customer.product_added',
    ]);
  });

  test('a supervisor merges a duplicate: nothing is lost, the duplicate resolves to the survivor', async () => {
    const dup = await call('agent', 'POST', '/customers', {
      name: 'Mitchell, Sarah',
      email: 'sarah@work.example',
      phone: '+44 7911 123456',
      externalIds: [{ kind: 'order', value: 'UK-2002' }],
    });
    assert.equal(dup.statusCode, 201);
    const duplicateId = dup.json<CustomerDto>().id;
    await call('agent', 'POST', `/customers/${duplicateId}/products`, { product: 'Kettle K2' });
    const survivorId = ids.sarah;
    assert.ok(survivorId);

    const merged = await call('supervisor', 'POST', `/customers/${survivorId}/merge`, {
      duplicateId,
      reason: 'Same person: confirmed on the phone',
    });
    assert.equal(merged.statusCode, 200, merged.body);
    const body = merged.json<CustomerDto>();
    assert.equal(body.id, survivorId);
    assert.equal(body.name, 'Sarah Mitchell');
    assert.deepEqual([...body.emails].sort(), ['sarah.mitchell@example.com', 'sarah@work.example']);
    assert.deepEqual([...body.phones].sort(), ['+442079460958', '+447911123456']);
    assert.deepEqual(body.externalIds.map((x) => x.value).sort(), ['UK-1001', 'UK-2002']);
    assert.deepEqual(
      body.products.map((p) => p.product),
      ['Kettle K2'],
    );
    assert.deepEqual(body.mergedFrom, [duplicateId]);

    const viaDuplicate = await call('agent', 'GET', `/customers/${duplicateId}`);
    assert.equal(viaDuplicate.statusCode, 200);
    assert.equal(viaDuplicate.json<CustomerDto>().id, survivorId);
    const match = (await call('agent', 'GET', '/customers/match?email=sarah%40work.example')).json<CustomerMatches>();
    assert.equal(match.items[0]?.customer.id, survivorId);
    const listed = (await call('agent', 'GET', '/customers?q=mitchell')).json<CustomerList>();
    assert.deepEqual(
      listed.items.map((c) => c.id),
      [survivorId],
    );

    // History stays: the duplicate's own events and audit rows are still there, plus the merge.
    const dupEvents = (
      await t.deps.db.read
        .selectFrom('events')
        .select('type')
        .where('subject_id', '=', duplicateId)
        .orderBy('seq')
        .execute()
    ).map((e) => e.type);
    assert.deepEqual(dupEvents, ['customer.created', 'customer.product_added', 'customer.merged']);
    const dupAudit = await auditOf(duplicateId);
    assert.deepEqual(
      dupAudit.map((a) => a.action),
      ['merge', 'update', 'create'],
    );
    assert.equal(dupAudit[0]?.actorId, ids.supervisor);
    assert.equal((await auditOf(survivorId)).find((a) => a.action === 'merge')?.detail, `absorbed ${duplicateId}`);
    const readVia = (await auditOf(survivorId))[0];
    assert.equal(readVia?.detail, `via merged ${duplicateId}`);

    const again = await call('supervisor', 'POST', `/customers/${survivorId}/merge`, { duplicateId, reason: 'again' });
    assert.equal(again.statusCode, 409);
    const self = await call('supervisor', 'POST', `/customers/${survivorId}/merge`, {
      duplicateId: survivorId,
      reason: 'x',
    });
    assert.equal(self.statusCode, 400);
    assert.equal(fieldOf(self.body), '/body/duplicateId');
    const blank = await call('supervisor', 'POST', `/customers/${survivorId}/merge`, {
      duplicateId: ids.chen,
      reason: ' ',
    });
    assert.equal(fieldOf(blank.body), '/body/reason');
  });

  test('the audit cursor pages backwards and rejects anything else', async () => {
    const id = ids.chen;
    assert.ok(id);
    for (let i = 0; i < 3; i += 1) await call('agent', 'GET', `/customers/${id}`);
    const first = (await call('manager', 'GET', `/customers/${id}/audit?limit=2`)).json<AuditList>();
    assert.equal(first.items.length, 2);
    assert.ok(first.nextCursor);
    const rest = (
      await call('manager', 'GET', `/customers/${id}/audit?limit=200&cursor=${first.nextCursor}`)
    ).json<AuditList>();
    assert.ok(rest.items.every((e) => e.id < (first.items[1]?.id ?? 0)));
    const bad = await call('manager', 'GET', `/customers/${id}/audit?cursor=abc`);
    assert.equal(bad.statusCode, 400);
    assert.equal(fieldOf(bad.body), '/querystring/cursor');
  });

  test('cookie sessions work too, with the CSRF header on writes', async () => {
    const { headers, cookie } = await signIn(t.app, 'agent@example.test');
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/customers/${ids.chen}`, headers: { cookie } });
    assert.equal(read.statusCode, 200);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie },
      payload: { name: 'x' },
    });
    assert.equal(noCsrf.statusCode, 403);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/customers', headers, payload: { name: 'ลูกค้าใหม่' } });
    assert.equal(ok.statusCode, 201);
  });
});
