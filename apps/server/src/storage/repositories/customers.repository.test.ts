import assert from 'node:assert/strict';
import { test } from 'node:test';
import { captureFixture, customerFixtures, normalised } from '../../../test/factories/customers.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';
import { EMPTY_CONSENT, EMPTY_WHAT_MATTERS, phoneSearchCandidates } from '../../modules/customers/customer.ts';
import { systemContext } from '../../shared/unit-of-work.ts';
import { customersRepository } from './customers.repository.ts';

const now = new Date('2026-03-02T09:00:00.000Z');
const later = new Date('2026-03-02T10:30:00.000Z');

describeBothBackends('customers repository', (backend) => {
  test('a customer round-trips with contacts, external ids, what matters and consent', async (t) => {
    const db = await backend.open(t);
    await db.write(async (tx) => {
      const repo = customersRepository(tx);
      await repo.insertCustomer({
        id: 'cus_01',
        name: 'สมชาย ใจดี',
        preferredName: 'คุณสมชาย',
        language: 'th',
        whatMatters: { priorities: ['time', 'attention'], text: 'อยากได้คำตอบภายในวันนี้ <b>ด่วน</b>' },
        consent: { ...EMPTY_CONSENT, contactPhone: { granted: true, changedAt: now } },
        createdAt: now,
      });
      assert.equal(await repo.addContact('cus_01', 'phone', '+66812345678', now), true);
      assert.equal(await repo.addContact('cus_01', 'email', 'somchai@example.co.th', later), true);
      assert.equal(await repo.addExternalId('cus_01', { kind: 'order', value: 'TH-77' }, now), true);
    });
    const repo = customersRepository(db.read);
    const customer = await repo.findCustomer('cus_01');
    assert.ok(customer);
    assert.equal(customer.name, 'สมชาย ใจดี');
    assert.equal(customer.preferredName, 'คุณสมชาย');
    assert.equal(customer.language, 'th');
    assert.deepEqual(customer.phones, ['+66812345678']);
    assert.deepEqual(customer.emails, ['somchai@example.co.th']);
    assert.deepEqual(customer.externalIds, [{ kind: 'order', value: 'TH-77' }]);
    assert.deepEqual(customer.whatMatters, {
      priorities: ['time', 'attention'],
      text: 'อยากได้คำตอบภายในวันนี้ <b>ด่วน</b>',
    });
    assert.deepEqual(customer.consent.contactPhone, { granted: true, changedAt: now });
    assert.equal(customer.consent.marketing, null);
    assert.equal(customer.mergedInto, null);
    assert.equal(customer.createdAt.toISOString(), now.toISOString());
    assert.equal(await repo.findCustomer('cus_missing'), undefined);
    assert.equal((await repo.findByContact('phone', '+66812345678'))?.id, 'cus_01');
    assert.equal((await repo.findByExternalId({ kind: 'order', value: 'TH-77' }))?.id, 'cus_01');
    assert.equal(await repo.findByExternalId({ kind: 'member', value: 'TH-77' }), undefined);
  });

  test('an e-mail, phone or external id belongs to one customer only', async (t) => {
    const db = await backend.open(t);
    await db.write(async (tx) => {
      const repo = customersRepository(tx);
      for (const id of ['cus_a', 'cus_b']) {
        await repo.insertCustomer({
          id,
          name: id,
          preferredName: null,
          language: null,
          whatMatters: EMPTY_WHAT_MATTERS,
          consent: EMPTY_CONSENT,
          createdAt: now,
        });
      }
      assert.equal(await repo.addContact('cus_a', 'email', 'shared@example.com', now), true);
      assert.equal(await repo.addContact('cus_b', 'email', 'shared@example.com', now), false);
      assert.equal(await repo.addContact('cus_a', 'email', 'shared@example.com', now), false);
      // The same text as a different kind is a different key.
      assert.equal(await repo.addContact('cus_b', 'phone', 'shared@example.com', now), true);
      assert.equal(await repo.addExternalId('cus_a', { kind: 'order', value: 'A-1' }, now), true);
      assert.equal(await repo.addExternalId('cus_b', { kind: 'order', value: 'A-1' }, now), false);
      assert.equal(await repo.addExternalId('cus_b', { kind: 'member', value: 'A-1' }, now), true);
      assert.equal(await repo.removeContact('cus_b', 'email', 'shared@example.com'), false);
      assert.equal(await repo.removeContact('cus_a', 'email', 'shared@example.com'), true);
      assert.equal(await repo.addContact('cus_b', 'email', 'shared@example.com', now), true);
    });
    const hits = await customersRepository(db.read).matchKeys({
      emails: ['shared@example.com'],
      phones: ['+10000000000'],
      externalIds: [
        { kind: 'order', value: 'A-1' },
        { kind: 'member', value: 'A-1' },
      ],
    });
    assert.deepEqual(hits.map((h) => `${h.customerId}:${h.matchedBy}`).sort(), [
      'cus_a:external_id',
      'cus_b:email',
      'cus_b:external_id',
    ]);
  });

  test('search by name fragment in any script, e-mail, phone digits or external id; pages by id', async (t) => {
    const db = await backend.open(t);
    const ids: Record<string, string> = {};
    for (const key of ['chen', 'wang', 'somchai', 'sarah'] as const) {
      ids[key] = (await captureFixture(db, key)).customer.id;
    }
    const repo = customersRepository(db.read);
    const search = async (q: string) =>
      (await repo.listCustomers({ q, phones: phoneSearchCandidates(q), limit: 50 })).map((c) => c.name).sort();
    assert.deepEqual(await search('美玲'), ['陳美玲']);
    assert.deepEqual(await search('ใจดี'), ['สมชาย ใจดี']);
    assert.deepEqual(await search('คุณสม'), ['สมชาย ใจดี'], 'preferred name is searched too');
    assert.deepEqual(await search('MITCH'), ['Sarah Mitchell']);
    assert.deepEqual(await search('ｍｉｔｃｈ'), ['Sarah Mitchell'], 'full-width letters fold');
    assert.deepEqual(await search('wanglei@'), ['王磊']);
    assert.deepEqual(await search('081 234 5678'), ['สมชาย ใจดี'], 'national format finds the E.164 number');
    assert.deepEqual(await search('0912345678'), ['陳美玲']);
    assert.deepEqual(await search('946 0958'), ['Sarah Mitchell'], 'a fragment of digits matches as text');
    assert.deepEqual(await search('uk-10'), ['Sarah Mitchell'], 'external id prefix, any case');
    assert.deepEqual(await search('%'), [], 'LIKE wildcards match themselves');
    assert.deepEqual(await search('_'), []);
    assert.deepEqual(await search('nobody'), []);

    const all = await repo.listCustomers({ limit: 50 });
    assert.equal(all.length, 4);
    assert.deepEqual(
      all.map((c) => c.id),
      [...all.map((c) => c.id)].sort(),
    );
    const first = await repo.listCustomers({ limit: 3 });
    const rest = await repo.listCustomers({ limit: 3, cursor: first.at(-1)?.id });
    assert.deepEqual(
      [...first, ...rest].map((c) => c.id),
      all.map((c) => c.id),
    );
  });

  test('merging moves every key and product, keeps the duplicate, and flattens chains', async (t) => {
    const db = await backend.open(t);
    const a = (await captureFixture(db, 'sarah')).customer.id;
    const b = (await captureFixture(db, { name: 'S. Mitchell', email: 'sarah@work.example', language: 'en' })).customer
      .id;
    const c = (await captureFixture(db, { name: 'Sarah M', phone: '+447911123456', language: 'en' })).customer.id;
    await db.write(async (tx) => {
      const repo = customersRepository(tx);
      await repo.addProduct(b, { product: 'Kettle K2', orderRef: 'UK-2002', purchasedAt: now, notes: null }, now);
      await repo.mergeInto(b, c, later); // c → b
      await repo.mergeInto(a, b, later); // b → a, and c follows
    });
    const repo = customersRepository(db.read);
    const survivor = await repo.findProfile(a);
    assert.ok(survivor);
    assert.deepEqual([...survivor.emails].sort(), ['sarah.mitchell@example.com', 'sarah@work.example']);
    assert.deepEqual([...survivor.phones].sort(), ['+442079460958', '+447911123456']);
    assert.deepEqual(survivor.mergedFrom, [b, c].sort());
    assert.equal(survivor.products.length, 1);
    assert.equal(survivor.products[0]?.product, 'Kettle K2');
    assert.equal(survivor.products[0]?.purchasedAt?.toISOString(), now.toISOString());
    for (const id of [b, c]) {
      const merged = await repo.findCustomer(id);
      assert.equal(merged?.mergedInto, a, 'the duplicate still exists and points at the survivor');
      assert.deepEqual(merged?.emails, []);
    }
    assert.equal((await repo.findByContact('email', 'sarah@work.example'))?.id, a);
    assert.deepEqual(
      (await repo.listCustomers({ limit: 10 })).map((x) => x.id),
      [a],
      'merged customers are not listed',
    );
  });

  test('the audit trail lists newest first and pages backwards', async (t) => {
    const db = await backend.open(t);
    const id = (await captureFixture(db, 'wang')).customer.id;
    await db.write((tx) =>
      customersRepository(tx).recordAccess(
        [1, 2, 3].map((n) => ({
          customerId: id,
          actorId: 'usr_x',
          action: 'read' as const,
          requestId: `req_${n}`,
          detail: null,
          at: new Date(later.getTime() + n * 1000),
        })),
      ),
    );
    const repo = customersRepository(db.read);
    const page = await repo.listAccess(id, 2, undefined);
    assert.deepEqual(
      page.map((e) => e.requestId),
      ['req_3', 'req_2'],
    );
    const rest = await repo.listAccess(id, 10, page.at(-1)?.id);
    assert.deepEqual(
      rest.map((e) => e.action),
      ['read', 'create'],
    );
    assert.equal(rest[1]?.detail, 'capture');
  });

  test('capture matches by e-mail, then phone, then external id, and fills in what was missing', async (t) => {
    const db = await backend.open(t);
    const first = await captureFixture(db, 'chen');
    assert.equal(first.matchedBy, null);
    assert.deepEqual(first.customer.emails, [normalised.chen.email]);
    assert.deepEqual(first.customer.phones, [normalised.chen.phone]);
    assert.deepEqual(first.customer.externalIds, [{ kind: 'member', value: 'TW-0001' }]);

    const byPhone = await captureFixture(db, {
      name: '陈美玲',
      phone: '+886 912 345 678',
      email: 'meiling.chen@example.com',
      language: 'zh-TW',
    });
    assert.equal(byPhone.matchedBy, 'phone');
    assert.equal(byPhone.customer.id, first.customer.id);
    assert.equal(byPhone.customer.name, '陳美玲', 'intake never overwrites the name');
    assert.deepEqual(byPhone.customer.emails, [normalised.chen.email, 'meiling.chen@example.com']);

    const byMember = await captureFixture(
      db,
      { name: 'Chen', externalIds: [{ kind: 'MEMBER', value: ' tw-0001 ' }] },
      { now: later },
    );
    assert.equal(byMember.matchedBy, 'external_id');
    assert.equal(byMember.customer.id, first.customer.id);

    const byEmail = await captureFixture(
      db,
      { name: 'Mei', email: 'CHEN.MEILING@EXAMPLE.TW', phone: '+8613812345678' },
      { now: later },
    );
    assert.equal(byEmail.matchedBy, 'email');
    const stored = await customersRepository(db.read).findCustomer(first.customer.id);
    assert.deepEqual(stored?.phones, [normalised.chen.phone, '+8613812345678']);
    assert.deepEqual(stored, byEmail.customer, 'what capture returns is what was stored');

    const events = await db.read
      .selectFrom('events')
      .select(['type'])
      .where('subject_id', '=', first.customer.id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      events.map((e) => e.type),
      ['customer.created', 'customer.contact_added', 'customer.contact_added'],
    );
  });

  test("capture never takes another customer's phone", async (t) => {
    const db = await backend.open(t);
    const wang = await captureFixture(db, 'wang');
    const other = await captureFixture(db, { name: '王磊', email: 'lei.wang@example.cn', language: 'zh-CN' });
    const again = await captureFixture(db, {
      name: '王磊',
      email: 'lei.wang@example.cn',
      phone: '13812345678',
      language: 'zh-CN',
    });
    assert.equal(again.customer.id, other.customer.id);
    assert.deepEqual(again.customer.phones, [], 'the phone stays with the customer who owns it');
    assert.equal(
      (await customersRepository(db.read).findByContact('phone', normalised.wang.phone))?.id,
      wang.customer.id,
    );
  });

  test('concurrent captures of the same new customer create one customer', async (t) => {
    const db = await backend.open(t);
    const input = { ...customerFixtures.sarah, externalIds: [] };
    const results = await Promise.all(Array.from({ length: 8 }, () => captureFixture(db, input)));
    const ids = new Set(results.map((r) => r.customer.id));
    assert.equal(ids.size, 1);
    assert.equal(results.filter((r) => r.matchedBy === null).length, 1);
    const rows = await db.read.selectFrom('customers').select('id').execute();
    assert.equal(rows.length, 1);
  });

  test('a capture that fails validation writes nothing', async (t) => {
    const db = await backend.open(t);
    await assert.rejects(
      captureFixture(
        db,
        { name: 'Sarah Mitchell', phone: '020 7946 0958', language: 'en' },
        { ctx: systemContext('t') },
      ),
      (error: { code?: string; details?: { field: string }[] }) =>
        error.code === 'validation_failed' && error.details?.[0]?.field === '/body/customer/phone',
    );
    const rows = await db.read.selectFrom('customers').select('id').execute();
    assert.equal(rows.length, 0);
  });
});
