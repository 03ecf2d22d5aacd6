import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AttachmentDto, AttachmentList } from '@redress/contract';
import { systemContext } from '../../shared/unit-of-work.ts';
import { bearerFor, buildTestApp, createUser, signIn } from '../../../test/factories.ts';
import {
  buildAttachmentsTestApp,
  exeBytes,
  multipart,
  pdfBytes,
  pngBytes,
  wavBytes,
  type AttachmentsTestApp,
} from '../../../test/factories/attachments.ts';

type ErrorJson = { error: { code: string; message: string; details?: { field?: string; message: string }[] } };

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Every stored file (shard directories), ignoring the temp directory. */
const storedFiles = (dir: string): string[] => {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !e.parentPath.endsWith('tmp'))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
};

describe('attachments over HTTP', () => {
  let t: AttachmentsTestApp;
  const auth: Record<string, Record<string, string>> = {};
  const cases: Record<string, string> = {};

  before(async () => {
    // The cases exist before their sites do; fill the map in once the sites have ids.
    t = await buildAttachmentsTestApp({ cases, maxFiles: 3 });
    const ctx = systemContext('test');
    const north = await t.deps.org.createSite(ctx, { name: 'Taipei North', code: 'TPE-N', timeZone: 'Asia/Taipei' });
    const south = await t.deps.org.createSite(ctx, { name: 'Bangkok', code: 'BKK', timeZone: 'Asia/Bangkok' });
    cases.case_NORTH1 = north.id;
    cases.case_SOUTH1 = south.id;
    for (const [name, role, site] of [
      ['agent', 'agent', north.id],
      ['southAgent', 'agent', south.id],
      ['department', 'department_member', null],
      ['analyst', 'quality_analyst', null],
    ] as const) {
      const user = await createUser(t.deps, role, `${name}@example.test`);
      if (site) await t.deps.org.setUserSite(ctx, user.id, site);
      auth[name] = await bearerFor(t.deps, user.id);
    }
  });
  after(() => t.close());

  const upload = (caseId: string, who: string, files: Parameters<typeof multipart>[0]) => {
    const body = multipart(files);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/attachments`,
      headers: { ...auth[who], ...body.headers },
      payload: body.payload,
    });
  };

  test('uploads several files, types sniffed from the bytes, names kept in Chinese and Thai', async () => {
    const png = pngBytes();
    const pdf = pdfBytes();
    const note = Buffer.from('客戶說包裹三天沒到。\nลูกค้าไม่พอใจกับการจัดส่ง\n');
    const response = await upload('case_NORTH1', 'agent', [
      // The client's claimed types are wrong on purpose: they are ignored.
      { filename: '破損照片.png', content: png, contentType: 'text/html' },
      { filename: 'ใบเสร็จ.pdf', content: pdf, contentType: 'image/png' },
      { filename: 'C:\\Users\\agent\\通話記錄', content: note },
    ]);
    assert.equal(response.statusCode, 201, response.body);
    const call = await upload('case_NORTH1', 'agent', [{ filename: 'call 2026-03-02.wav', content: wavBytes() }]);
    assert.equal(call.statusCode, 201, call.body);
    assert.equal(call.json<{ items: AttachmentDto[] }>().items[0]?.contentType, 'audio/wav');
    const items = response.json<{ items: AttachmentDto[] }>().items;
    assert.deepEqual(
      items.map((a) => [a.filename, a.contentType, a.size, a.sha256]),
      [
        ['破損照片.png', 'image/png', png.length, sha256(png)],
        ['ใบเสร็จ.pdf', 'application/pdf', pdf.length, sha256(pdf)],
        ['通話記錄.txt', 'text/plain; charset=utf-8', note.length, sha256(note)],
      ],
    );
    assert.ok(items.every((a) => a.caseId === 'case_NORTH1' && /^att_/.test(a.id)));
    assert.equal(items[0]?.contentUrl, `/api/v1/attachments/${items[0]?.id}/content`);
    assert.equal(storedFiles(t.filesDir).length, 4);

    const added = await t.deps.db.read
      .selectFrom('events')
      .selectAll()
      .where('subject_type', '=', 'case')
      .where('subject_id', '=', 'case_NORTH1')
      .where('type', '=', 'attachment.added')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      added.map((e) => (JSON.parse(String(e.payload)) as { attachmentId: string }).attachmentId),
      [...items, ...call.json<{ items: AttachmentDto[] }>().items].map((a) => a.id),
    );
    assert.ok(added.every((e) => e.actor_id !== null && e.request_id?.startsWith('req_')));
  });

  test('lists a case’s attachments a page at a time', async () => {
    const first = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cases/case_NORTH1/attachments?limit=2',
      headers: auth.agent,
    });
    assert.equal(first.statusCode, 200, first.body);
    const page = first.json<AttachmentList>();
    assert.equal(page.items.length, 2);
    assert.ok(page.nextCursor);
    const rest = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/case_NORTH1/attachments?limit=2&cursor=${page.nextCursor}`,
      headers: auth.agent,
    });
    const second = rest.json<AttachmentList>();
    assert.ok(second.items.length >= 1);
    assert.ok(second.items.every((a) => !page.items.some((b) => b.id === a.id)));
    // A brand-wide analyst reads every site's attachments.
    const analyst = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cases/case_NORTH1/attachments',
      headers: auth.analyst,
    });
    assert.equal(analyst.statusCode, 200);
  });

  test('downloads with safe headers; only raster images may be inline', async () => {
    const png = pngBytes(2, 2);
    const uploaded = await upload('case_NORTH1', 'agent', [
      { filename: '照片.png', content: png },
      { filename: 'report.pdf', content: pdfBytes() },
    ]);
    const [image, document] = uploaded.json<{ items: AttachmentDto[] }>().items;
    const download = await t.app.inject({ method: 'GET', url: image!.contentUrl, headers: auth.agent });
    assert.equal(download.statusCode, 200);
    assert.ok(download.rawPayload.equals(png));
    assert.equal(download.headers['content-type'], 'image/png');
    assert.equal(download.headers['content-length'], String(png.length));
    assert.equal(
      download.headers['content-disposition'],
      'attachment; filename="attachment.png"; filename*=UTF-8\'\'%E7%85%A7%E7%89%87.png',
    );
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.equal(download.headers['content-security-policy'], "sandbox; default-src 'none'");
    assert.equal(download.headers['cache-control'], 'private, no-store');

    const inline = await t.app.inject({ method: 'GET', url: `${image!.contentUrl}?inline=1`, headers: auth.agent });
    assert.match(String(inline.headers['content-disposition']), /^inline; /);
    const pdfInline = await t.app.inject({
      method: 'GET',
      url: `${document!.contentUrl}?inline=1`,
      headers: auth.agent,
    });
    assert.equal(pdfInline.headers['content-type'], 'application/pdf');
    assert.match(String(pdfInline.headers['content-disposition']), /^attachment; filename="report.pdf"/);
    const badQuery = await t.app.inject({ method: 'GET', url: `${image!.contentUrl}?inline=yes`, headers: auth.agent });
    assert.equal(badQuery.statusCode, 400);
    assert.equal(badQuery.json<ErrorJson>().error.details?.[0]?.field, '/querystring/inline');
  });

  test('a renamed executable or HTML page is refused by its content, and nothing is kept', async () => {
    const before = storedFiles(t.filesDir);
    const exe = await upload('case_NORTH1', 'agent', [
      { filename: 'invoice.png', content: exeBytes(), contentType: 'image/png' },
    ]);
    assert.equal(exe.statusCode, 415, exe.body);
    const error = exe.json<ErrorJson>().error;
    assert.equal(error.code, 'file_type_not_allowed');
    assert.match(error.message, /application\/x-msdownload/);
    assert.deepEqual(error.details, [{ field: '/body/file', message: 'detected application/x-msdownload' }]);

    const html = await upload('case_NORTH1', 'agent', [
      {
        filename: 'photo.jpg',
        content: '<!doctype html><script>fetch("/api/v1/users")</script>',
        contentType: 'image/jpeg',
      },
    ]);
    assert.equal(html.statusCode, 415);
    assert.match(html.json<ErrorJson>().error.message, /text\/html/);

    const svg = await upload('case_NORTH1', 'agent', [
      { filename: 'logo.svg', content: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>' },
    ]);
    assert.equal(svg.json<ErrorJson>().error.code, 'file_type_not_allowed');

    // All or nothing: a good PNG beside an executable is not kept either.
    const mixed = await upload('case_NORTH1', 'agent', [
      { filename: 'ok.png', content: pngBytes() },
      { filename: 'setup.exe', content: exeBytes() },
    ]);
    assert.equal(mixed.statusCode, 415);
    assert.deepEqual(storedFiles(t.filesDir), before);
  });

  test('file names are sanitised: no path, no control characters, the real extension added', async () => {
    const response = await upload('case_NORTH1', 'agent', [
      { filename: '../../etc/passwd', content: 'root:x:0:0' },
      { filename: 'evil\u202Egnp.exe', content: pngBytes() },
      { filename: '<img src=x onerror=alert(1)>.png', content: pngBytes() },
    ]);
    assert.equal(response.statusCode, 201, response.body);
    assert.deepEqual(
      response.json<{ items: AttachmentDto[] }>().items.map((a) => a.filename),
      ['passwd.txt', 'evilgnp.exe.png', '_img src=x onerror=alert(1)_.png'],
    );
  });

  test('bad requests: no file, too many files, not multipart, an empty file', async () => {
    const none = multipart([], { note: 'no file here' });
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases/case_NORTH1/attachments',
      headers: { ...auth.agent, ...none.headers },
      payload: none.payload,
    });
    assert.equal(empty.statusCode, 400, empty.body);
    assert.equal(empty.json<ErrorJson>().error.details?.[0]?.field, '/body/file');

    const many = await upload(
      'case_NORTH1',
      'agent',
      Array.from({ length: 4 }, (_, i) => ({ filename: `p${i}.png`, content: pngBytes() })),
    );
    assert.equal(many.statusCode, 413, many.body);
    assert.equal(many.json<ErrorJson>().error.code, 'payload_too_large');

    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases/case_NORTH1/attachments',
      headers: auth.agent,
      payload: { file: 'aGVsbG8=' },
    });
    assert.equal(json.statusCode, 415, json.body);
    assert.equal(json.json<ErrorJson>().error.code, 'unsupported_media_type');

    const zero = await upload('case_NORTH1', 'agent', [{ filename: 'empty.txt', content: '' }]);
    assert.equal(zero.statusCode, 400, zero.body);
  });

  test('security: unknown case, another site, a department without access, no write permission', async () => {
    const countBefore = storedFiles(t.filesDir).length;
    const file = [{ filename: 'a.png', content: pngBytes() }];
    for (const [caseId, who] of [
      ['case_NOPE', 'agent'],
      ['case_SOUTH1', 'agent'],
      ['case_NORTH1', 'southAgent'],
      ['case_NORTH1', 'department'],
      ['case_NORTH1', 'analyst'], // may read, may not write
    ] as const) {
      const response = await upload(caseId, who, file);
      assert.equal(response.statusCode, 404, `${who} on ${caseId}: ${response.body}`);
      assert.equal(response.json<ErrorJson>().error.code, 'not_found');
    }
    assert.equal(storedFiles(t.filesDir).length, countBefore);

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cases/case_NORTH1/attachments',
      headers: auth.department,
    });
    assert.equal(list.statusCode, 404);

    const own = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cases/case_NORTH1/attachments',
      headers: auth.agent,
    });
    const id = own.json<AttachmentList>().items[0]!.id;
    for (const who of ['southAgent', 'department']) {
      const download = await t.app.inject({
        method: 'GET',
        url: `/api/v1/attachments/${id}/content`,
        headers: auth[who],
      });
      assert.equal(download.statusCode, 404, who);
      assert.equal(download.headers['content-disposition'], undefined);
    }
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/v1/attachments/att_01J0000000000000000000000/content',
      headers: auth.agent,
    });
    assert.equal(unknown.statusCode, 404);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/attachments/${id}/content` });
    assert.equal(anonymous.statusCode, 401);
  });

  test('bytes missing from the store are a logged 500, not a hang or an empty file', async () => {
    const uploaded = await upload('case_NORTH1', 'agent', [{ filename: 'lost.png', content: pngBytes() }]);
    const lost = uploaded.json<{ items: AttachmentDto[] }>().items[0]!;
    rmSync(join(t.filesDir, lost.id.slice(-2).toLowerCase(), lost.id));
    const response = await t.app.inject({ method: 'GET', url: lost.contentUrl, headers: auth.agent });
    assert.equal(response.statusCode, 500);
    assert.equal(response.json<ErrorJson>().error.code, 'internal_error');
    assert.equal(response.headers['content-disposition'], undefined);
  });

  test('a signed-in browser needs the CSRF header to upload', async () => {
    const session = await signIn(t.app, 'agent@example.test');
    const body = multipart([{ filename: 'a.png', content: pngBytes() }]);
    const withoutCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases/case_NORTH1/attachments',
      headers: { cookie: session.cookie, ...body.headers },
      payload: body.payload,
    });
    assert.equal(withoutCsrf.statusCode, 403);
    const withCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases/case_NORTH1/attachments',
      headers: { ...session.headers, ...body.headers },
      payload: body.payload,
    });
    assert.equal(withCsrf.statusCode, 201, withCsrf.body);
  });
});

describe('attachment size limit', () => {
  let t: AttachmentsTestApp;
  let headers: Record<string, string>;
  before(async () => {
    t = await buildAttachmentsTestApp({ cases: { case_ANY1: 'site_any' }, maxBytes: 1024 });
    headers = await bearerFor(t.deps, (await createUser(t.deps, 'admin')).id);
  });
  after(() => t.close());

  test('a file over the limit is refused with 413 and leaves nothing behind', async () => {
    const atLimit = multipart([{ filename: 'ok.txt', content: Buffer.alloc(1024, 'a') }]);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases/case_ANY1/attachments',
      headers: { ...headers, ...atLimit.headers },
      payload: atLimit.payload,
    });
    assert.equal(ok.statusCode, 201, ok.body);

    const over = multipart([{ filename: 'big.txt', content: Buffer.alloc(1025, 'a') }]);
    const tooBig = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases/case_ANY1/attachments',
      headers: { ...headers, ...over.headers },
      payload: over.payload,
    });
    assert.equal(tooBig.statusCode, 413, tooBig.body);
    assert.equal(tooBig.json<ErrorJson>().error.code, 'payload_too_large');
    assert.equal(storedFiles(t.filesDir).length, 1);
    assert.deepEqual(readdirSync(`${t.filesDir}/tmp`), []);
  });
});

test('wired to the real cases service: the case owner’s site uploads, another site gets 404', async () => {
  const t = await buildTestApp();
  try {
    const ctx = systemContext('test');
    const north = await t.deps.org.createSite(ctx, { name: 'North', code: 'N', timeZone: 'Asia/Taipei' });
    const south = await t.deps.org.createSite(ctx, { name: 'South', code: 'S', timeZone: 'Asia/Bangkok' });
    const headers: Record<string, Record<string, string>> = {};
    for (const [name, site] of [
      ['north', north.id],
      ['south', south.id],
    ] as const) {
      const user = await createUser(t.deps, 'agent', `${name}@example.test`);
      await t.deps.org.setUserSite(ctx, user.id, site);
      headers[name] = await bearerFor(t.deps, user.id);
    }
    const opened = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: headers.north,
      payload: { customer: { name: '王小明' }, channel: 'phone', description: '包裹破損' },
    });
    assert.equal(opened.statusCode, 201, opened.body);
    const caseId = opened.json<{ id: string }>().id;
    const send = (who: string, id: string) => {
      const body = multipart([{ filename: 'a.png', content: pngBytes() }]);
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${id}/attachments`,
        headers: { ...headers[who], ...body.headers },
        payload: body.payload,
      });
    };
    assert.equal((await send('north', caseId)).statusCode, 201);
    assert.equal((await send('south', caseId)).statusCode, 404);
    assert.equal((await send('north', 'case_01J0000000000000000000000')).statusCode, 404);
  } finally {
    await t.close();
  }
});
