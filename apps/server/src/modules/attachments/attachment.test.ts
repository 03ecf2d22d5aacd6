import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { capFilename, extensionOf, MAX_FILENAME_BYTES, sanitizeFilename, withExtension } from './attachment.ts';
import { classify, isRasterImage, sniffText } from './content-type.ts';
import { asciiFallback, contentDisposition, downloadHeaders, encodeRfc5987 } from './download.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const utf8Length = (text: string): number => bytes(text).length;

describe('sanitizeFilename', () => {
  test('keeps Chinese and Thai names as they are', () => {
    assert.equal(sanitizeFilename('發票照片.png'), '發票照片.png');
    assert.equal(sanitizeFilename('退货单 2026.pdf'), '退货单 2026.pdf');
    assert.equal(sanitizeFilename('ใบเสร็จรับเงิน.jpg'), 'ใบเสร็จรับเงิน.jpg');
  });

  test('normalises to NFC so the same name is stored the same way', () => {
    assert.equal(sanitizeFilename('Cafe\u0301.txt'), 'Caf\u00e9.txt');
  });

  test('strips path parts, whichever slash the client used', () => {
    assert.equal(sanitizeFilename('../../etc/passwd'), 'passwd');
    assert.equal(sanitizeFilename('C:\\Users\\me\\Desktop\\收據.pdf'), '收據.pdf');
    assert.equal(sanitizeFilename('/var/tmp/'), 'attachment');
    assert.equal(sanitizeFilename('..'), 'attachment');
  });

  test('removes control and bidi characters, and defuses what Windows would misread', () => {
    assert.equal(sanitizeFilename('a\u0000b\u001fc\u007f\u0085.txt'), 'abc.txt');
    assert.equal(sanitizeFilename('line\r\nbreak.txt'), 'linebreak.txt');
    // U+202E would show "invoice‮gnp.exe" as "invoiceexe.png".
    assert.equal(sanitizeFilename('invoice\u202Egnp.exe'), 'invoicegnp.exe');
    assert.equal(sanitizeFilename('a<b>c:d"e|f?g*h.txt'), 'a_b_c_d_e_f_g_h.txt');
    assert.equal(sanitizeFilename('CON.txt'), '_CON.txt');
    assert.equal(sanitizeFilename('  .hidden. '), 'hidden');
    assert.equal(sanitizeFilename('tab\there.txt'), 'tabhere.txt');
  });

  test('never returns an empty name', () => {
    assert.equal(sanitizeFilename(undefined), 'attachment');
    assert.equal(sanitizeFilename(''), 'attachment');
    assert.equal(sanitizeFilename('\u202E\u0000'), 'attachment');
  });

  test('caps the length in UTF-8 bytes on character boundaries and keeps the extension', () => {
    const long = `${'投訴'.repeat(200)}.pdf`;
    const capped = sanitizeFilename(long);
    assert.ok(utf8Length(capped) <= MAX_FILENAME_BYTES, `${utf8Length(capped)} bytes`);
    assert.ok(capped.endsWith('投訴.pdf') || capped.endsWith('投.pdf'));
    assert.ok(!capped.includes('\uFFFD'));
    // Thai combining marks stay with their base character (grapheme clusters are not split).
    const thai = capFilename(`${'ที่'.repeat(100)}.txt`, 40);
    assert.ok(utf8Length(thai) <= 40);
    assert.equal(thai.replace('.txt', '').length % 'ที่'.length, 0);
  });
});

describe('withExtension', () => {
  test('keeps a name that already ends in one of the type’s extensions, in any case', () => {
    assert.equal(withExtension('photo.PNG', ['png']), 'photo.PNG');
    assert.equal(withExtension('scan.jpeg', ['jpg', 'jpeg']), 'scan.jpeg');
  });

  test('appends the type’s extension to a name that claims something else', () => {
    assert.equal(withExtension('invoice.exe', ['png']), 'invoice.exe.png');
    assert.equal(withExtension('notes', ['txt', 'csv']), 'notes.txt');
    assert.equal(extensionOf('archive.tar.gz'), 'gz');
    assert.equal(extensionOf('no extension'), '');
  });
});

describe('classify', () => {
  const png = { ext: 'png', mime: 'image/png' };

  test('accepts what the sniffer found when it is on the allow-list', () => {
    assert.deepEqual(classify(png, new Uint8Array(), 'x.png'), {
      allowed: true,
      type: { contentType: 'image/png', extensions: ['png'], rasterImage: true },
    });
    const m4a = classify({ ext: 'm4a', mime: 'audio/x-m4a' }, new Uint8Array(), 'call.m4a');
    assert.ok(m4a.allowed && m4a.type.contentType === 'audio/mp4');
    for (const mime of [
      'image/jpeg',
      'image/gif',
      'image/webp',
      'image/heic',
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.oasis.opendocument.text',
      'audio/mpeg',
      'audio/wav',
      'audio/ogg',
      'video/mp4',
    ]) {
      assert.equal(classify({ ext: 'x', mime }, new Uint8Array(), 'x').allowed, true, mime);
    }
  });

  test('refuses executables, archives, markup and anything else, naming what was found', () => {
    for (const mime of [
      'application/x-msdownload',
      'application/x-elf',
      'application/zip',
      'application/xml',
      'application/rtf',
      'video/quicktime',
      'application/x-sqlite3',
    ]) {
      assert.deepEqual(classify({ ext: 'x', mime }, new Uint8Array(), 'x.png'), { allowed: false, detected: mime });
    }
  });

  test('a Compound File is accepted only under a legacy Office name (an .msi is one too)', () => {
    const cfb = { ext: 'cfb', mime: 'application/x-cfb' };
    const doc = classify(cfb, new Uint8Array(), 'old report.DOC');
    assert.ok(doc.allowed && doc.type.contentType === 'application/msword');
    assert.deepEqual(classify(cfb, new Uint8Array(), 'setup.msi'), { allowed: false, detected: 'application/x-cfb' });
  });

  test('bytes with no magic number are plain text unless they are binary or markup', () => {
    const text = classify(undefined, bytes('客戶說：包裹三天沒到。\nลูกค้าไม่พอใจ\n'), 'note.txt');
    assert.ok(text.allowed && text.type.contentType === 'text/plain; charset=utf-8');
    assert.deepEqual(classify(undefined, bytes('<!DOCTYPE html><p>hi'), 'notes.txt'), {
      allowed: false,
      detected: 'text/html',
    });
    assert.deepEqual(classify(undefined, bytes('  \n<svg xmlns="http://www.w3.org/2000/svg"/>'), 'a.png'), {
      allowed: false,
      detected: 'image/svg+xml',
    });
    assert.deepEqual(classify(undefined, new Uint8Array([1, 2, 3, 0]), 'a.txt'), {
      allowed: false,
      detected: 'application/octet-stream',
    });
  });
});

describe('sniffText', () => {
  test('names the charset only when it knows it', () => {
    assert.deepEqual(sniffText(bytes('hello')), { text: true, contentType: 'text/plain; charset=utf-8' });
    // Big5 for 客訴 is not UTF-8 but is text.
    assert.deepEqual(sniffText(new Uint8Array([0xab, 0xc8, 0xb6, 0x44])), { text: true, contentType: 'text/plain' });
    const utf16 = new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]);
    assert.deepEqual(sniffText(utf16), { text: true, contentType: 'text/plain; charset=utf-16le' });
  });

  test('a head cut in the middle of a character is still UTF-8', () => {
    const cut = bytes('中文').subarray(0, 4);
    assert.deepEqual(sniffText(cut), { text: true, contentType: 'text/plain; charset=utf-8' });
  });

  test('finds markup at the start or script tags further in', () => {
    assert.equal(sniffText(bytes('<?xml version="1.0"?><a/>')).text, false);
    assert.equal(sniffText(bytes('\uFEFF<html>')).text, false);
    assert.equal(sniffText(bytes('Dear team,\n<script>alert(1)</script>')).text, false);
    assert.equal(sniffText(bytes('price < 100 and > 50')).text, true);
  });
});

describe('download headers', () => {
  test('RFC 5987 encodes UTF-8 and the characters attr-char leaves out', () => {
    assert.equal(encodeRfc5987('發票.png'), '%E7%99%BC%E7%A5%A8.png');
    assert.equal(encodeRfc5987("it's (1)*.txt"), 'it%27s%20%281%29%2A.txt');
  });

  test('the ASCII fallback drops accents and replaces the rest, keeping the extension', () => {
    assert.equal(asciiFallback('Café "menu".pdf'), 'Cafe _menu_.pdf');
    assert.equal(asciiFallback('發票照片.png'), 'attachment.png');
    assert.equal(asciiFallback('ใบเสร็จ 2026.jpg'), '_ 2026.jpg');
    assert.equal(asciiFallback('50%;off.txt'), '50_off.txt');
  });

  test('Content-Disposition carries both names', () => {
    assert.equal(
      contentDisposition('attachment', '收據.pdf'),
      'attachment; filename="attachment.pdf"; filename*=UTF-8\'\'%E6%94%B6%E6%93%9A.pdf',
    );
  });

  test('always a sandboxed, unsniffed, uncached download; inline only for raster images', () => {
    const png = { filename: 'a.png', contentType: 'image/png', size: 10 };
    const headers = downloadHeaders(png, { inline: false });
    assert.equal(headers['content-type'], 'image/png');
    assert.equal(headers['content-length'], '10');
    assert.match(headers['content-disposition'] ?? '', /^attachment;/);
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(headers['content-security-policy'], "sandbox; default-src 'none'");
    assert.equal(headers['cache-control'], 'private, no-store');
    assert.match(downloadHeaders(png, { inline: true })['content-disposition'] ?? '', /^inline;/);
    const pdf = { filename: 'a.pdf', contentType: 'application/pdf', size: 10 };
    assert.match(downloadHeaders(pdf, { inline: true })['content-disposition'] ?? '', /^attachment;/);
    assert.equal(isRasterImage('image/svg+xml'), false);
    assert.equal(isRasterImage('text/html'), false);
    assert.equal(isRasterImage('image/webp'), true);
  });
});
