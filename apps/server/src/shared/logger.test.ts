import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { pino } from 'pino';
import { loggerOptions } from './logger.ts';

const capture = () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino(loggerOptions('info'), stream), text: () => lines.join('') };
};

test('personal data and secrets never reach the log', () => {
  const { logger, text } = capture();
  logger.info(
    {
      email: 'chen.meiling@example.test',
      user: { email: 'somchai@example.test', name: 'สมชาย ใจดี', phone: '+66812345678' },
      password: 'hunter2-hunter2',
      token: 'rdr_secret',
      req: { headers: { authorization: 'Bearer rdr_secret', cookie: 'redress_session=abc' } },
      body: { description: '你們是騙子' },
    },
    'something happened',
  );
  const out = text();
  for (const secret of [
    'chen.meiling',
    'somchai',
    'สมชาย',
    '+66812345678',
    'hunter2',
    'rdr_secret',
    'redress_session=abc',
    '騙子',
  ]) {
    assert.equal(out.includes(secret), false, `${secret} leaked: ${out}`);
  }
  assert.match(out, /\[redacted\]/);
  assert.match(out, /something happened/);
});

test('request logs carry the path, never the query string', () => {
  const { logger, text } = capture();
  logger.info(
    { req: { id: 'req_1', method: 'GET', url: '/api/v1/search?q=chen.meiling%40example.test' } },
    'incoming request',
  );
  const out = text();
  assert.match(out, /"path":"\/api\/v1\/search"/);
  assert.equal(out.includes('chen.meiling'), false);
});
