import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttachmentList, PortalComplaintReceiptDto, PortalConfigDto } from '@redress/contract';
import { exeBytes, multipart, pngBytes } from './factories/attachments.ts';
import { createConfig } from './factories/cases.ts';
import { describeBothBackends } from './pg-util.ts';
import { caseIdOf, countCases, insertPortalChannel, setUpPortal, thaiComplaint } from './portal-fixtures.ts';

describeBothBackends('portal: filing a complaint', (backend) => {
  test('a Thai complaint with a photo opens a web case on the channel, with the hear-back time', async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t, org } = p;
    const form = multipart([{ field: 'files', filename: 'ทุเรียน.png', content: pngBytes(), contentType: 'image/png' }], {
      complaint: JSON.stringify({ channelId: p.channelId, ...thaiComplaint() }),
    });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/complaints',
      payload: form.payload,
      headers: form.headers,
    });
    assert.equal(response.statusCode, 201, response.body);
    const receipt = response.json<PortalComplaintReceiptDto>();
    assert.match(receipt.ref, /^C-2026-\d{6}$/);
    // The policy's first response: four hours after 09:00 UTC (wall time, no calendar).
    assert.equal(receipt.hearBackBy, '2026-03-02T13:00:00.000Z');
    assert.equal(receipt.emailSentTo, 's***@example.co.th');

    const caseId = await caseIdOf(t, receipt.ref);
    const seen = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: org.admin.headers });
    assert.equal(seen.statusCode, 200, seen.body);
    const dto = seen.json<Record<string, unknown>>();
    assert.equal(dto.channel, 'web');
    assert.equal(dto.language, 'th');
    assert.equal(dto.siteId, org.siteA);
    assert.equal(dto.expectedRemedy, 'refund');
    assert.equal(dto.orderRef, 'ORD-7781');
    assert.equal(dto.description, 'ซื้อทุเรียนเมื่อวานแต่ข้างในเน่าหมด\n\nสิ่งที่ฉันคาดหวัง: ขอเงินคืนเต็มจำนวน');
    const owner = (dto.owner as { id: string } | undefined)?.id ?? dto.ownerId;
    assert.equal(owner, org.agentA.id);

    const files = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}/attachments`,
      headers: org.admin.headers,
    });
    const items = files.json<AttachmentList>().items;
    assert.equal(items.length, 1);
    assert.equal(items[0]?.filename, 'ทุเรียน.png');
    assert.equal(items[0]?.contentType, 'image/png');

    // The same customer filing again is matched by e-mail, not created twice.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/complaints',
      payload: thaiComplaint({ whatHappened: 'อีกเรื่องหนึ่ง', phone: undefined }),
    });
    assert.equal(again.statusCode, 201, again.body);
    const customers = await t.deps.db.read.selectFrom('cases').select('customer_id').distinct().execute();
    assert.equal(customers.length, 1);
  });

  test('all or nothing: a refused file, missing consent or an unknown category stores nothing', async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t } = p;
    const post = (payload: Buffer | Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/v1/portal/complaints', payload, headers });

    const exe = multipart(
      [
        { field: 'files', filename: 'photo.png', content: pngBytes() },
        { field: 'files', filename: 'invoice.pdf.exe', content: exeBytes() },
      ],
      { complaint: JSON.stringify(thaiComplaint()) },
    );
    const refused = await post(exe.payload, exe.headers);
    assert.equal(refused.statusCode, 415, refused.body);
    assert.equal(refused.json<{ error: { code: string } }>().error.code, 'file_type_not_allowed');

    const tooMany = multipart(
      Array.from({ length: 6 }, (_, i) => ({ field: 'files', filename: `p${i}.png`, content: pngBytes() })),
      { complaint: JSON.stringify(thaiComplaint()) },
    );
    assert.equal((await post(tooMany.payload, tooMany.headers)).statusCode, 413);

    const noConsent = await post({ ...thaiComplaint(), consent: false });
    assert.equal(noConsent.statusCode, 400, noConsent.body);
    assert.equal(
      noConsent.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field,
      '/body/consent',
    );

    const badEmail = multipart([], { complaint: JSON.stringify({ ...thaiComplaint(), email: 'not-an-address' }) });
    const bad = await post(badEmail.payload, badEmail.headers);
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(
      bad.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field,
      '/body/complaint/email',
    );

    const unknownCategory = await post(thaiComplaint({ categoryId: 'cat_01ABCDEFGHJKMNPQRSTVWXYZ12' }));
    assert.equal(unknownCategory.statusCode, 400, unknownCategory.body);

    const notJson = multipart([], { complaint: '{nope' });
    assert.equal((await post(notJson.payload, notJson.headers)).statusCode, 400);

    assert.equal(await countCases(t), 0);
    const stored = await t.deps.db.read.selectFrom('attachments').select('id').execute();
    assert.equal(stored.length, 0);
  });

  test('the hidden field: a robot gets a receipt and nothing is stored; hostile HTML stays text', async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t, org } = p;
    const robot = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/complaints',
      payload: thaiComplaint({ website: 'http://spam.example' }),
    });
    assert.equal(robot.statusCode, 201, robot.body);
    assert.match(robot.json<PortalComplaintReceiptDto>().ref, /^C-2026-\d{6}$/);
    assert.equal(await countCases(t), 0);

    const hostile = '<img src=x onerror="alert(1)"><script>steal()</script>';
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/complaints',
      payload: thaiComplaint({
        language: 'en',
        name: hostile,
        subject: hostile,
        whatHappened: hostile,
        whatYouExpect: undefined,
      }),
    });
    assert.equal(filed.statusCode, 201, filed.body);
    const caseId = await caseIdOf(t, filed.json<PortalComplaintReceiptDto>().ref);
    const seen = (
      await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: org.admin.headers })
    ).json<{
      description: string;
      subject: string;
    }>();
    assert.equal(seen.description, hostile);
    assert.equal(seen.subject, hostile);
  });

  test('the form configuration: the channel, categories in four languages, the organisation name', async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t, org } = p;
    const { service } = await createConfig(t, org.admin);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/portal/config' });
    assert.equal(response.statusCode, 200, response.body);
    const config = response.json<PortalConfigDto>();
    assert.equal(config.channelId, p.channelId);
    assert.equal(config.organisationName, 'Redress');
    assert.equal(config.maxAttachments, 5);
    const named = config.categories.find((c) => c.id === service);
    assert.deepEqual(named?.names, {
      en: 'Service process',
      'zh-TW': 'Service process',
      'zh-CN': 'Service process',
      th: 'กระบวนการบริการ',
    });

    await t.deps.db.write((tx) =>
      tx
        .insertInto('org_settings')
        .values({
          key: 'organisation',
          value: JSON.stringify({ name: 'Siam Fresh' }),
          updated_by: null,
          updated_at: t.clock.now().toISOString(),
        })
        .execute(),
    );
    const named2 = await t.app.inject({ method: 'GET', url: `/api/v1/portal/config?channel=${p.channelId}` });
    assert.equal(named2.json<PortalConfigDto>().organisationName, 'Siam Fresh');

    const disabled = await insertPortalChannel(t, { siteId: org.siteB, ownerId: org.agentB.id, enabled: false });
    const closed = await t.app.inject({ method: 'GET', url: `/api/v1/portal/config?channel=${disabled}` });
    assert.equal(closed.statusCode, 404);
    assert.equal(closed.json<{ error: { code: string } }>().error.code, 'not_found');
    const filedThere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/complaints',
      payload: thaiComplaint({ channelId: disabled }),
    });
    assert.equal(filedThere.statusCode, 404);
  });
});
