import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyzeLine, boundedLines, lexiconEntriesFromJson, MAX_LINE_BYTES, runAnalyzeStream } from './analyze-cli.ts';
import { modelToJson, trainCategoryModel } from './modules/language/index.ts';
import { runCli as runRedress } from '../test/process-util.ts';

// The real executable behind `npx redress` (package.json "bin"), run by this Node.
const BIN = fileURLToPath(new URL('../bin/redress.js', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const work = mkdtempSync(join(tmpdir(), 'redress-analyze-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs `redress analyze <args>` with `input` on stdin, in an empty data directory. */
const runCli = (input: string, args: string[] = [], dataDir = join(work, 'data')): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'analyze', ...args], {
      env: { ...process.env, REDRESS_DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });

const parseLines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const kindsOf = (line: Record<string, unknown>): string[] =>
  ((line.signals ?? []) as { kind: string }[]).map((s) => s.kind).sort();

const INPUT = [
  { id: 'en-1', text: 'Please fix this ASAP, I have called 3 times already. Otherwise I will contact my lawyer.' },
  { id: 'en-neg', text: 'My manager at work said the company sued me last year.' },
  { id: 'tw-1', text: '你們是騙子！我要退款，不然我就去消保官投訴。' },
  { id: 'tw-neg', text: '我們經理說這家店不錯，下次再來。', language: 'zh-TW' },
  { id: 'cn-1', text: '你们是骗子，我要曝光，找你们经理来！' },
  { id: 'cn-neg', text: '这家店不错，服务很好，下次还来。' },
  { id: 'th-1', text: 'ขอคุยกับหัวหน้า จะไปแจ้ง สคบ. และขอคืนเงินด่วน' },
  { id: 'th-neg', text: 'ขับรถบนทางด่วนไปกินข้าว อร่อยมาก' },
];

describe('redress analyze (the real executable)', () => {
  it('answers one line per input, in order, in four languages, and goes on past a broken line', async () => {
    const lines = INPUT.map((item) => JSON.stringify(item));
    lines.splice(3, 0, '{"id": "broken", "text": ', '', '{"id": 7, "text": "ok", "language": "fr"}');
    const run = await runCli(`${lines.join('\n')}\n`);
    assert.equal(run.code, 0, run.stderr);
    const out = parseLines(run.stdout);
    assert.deepEqual(
      out.map((line) => line.id),
      ['en-1', 'en-neg', 'tw-1', null, 7, 'tw-neg', 'cn-1', 'cn-neg', 'th-1', 'th-neg'],
      'a blank line is not an input; every other line gets exactly one answer, in order',
    );
    const byId = new Map(out.map((line) => [line.id, line]));
    assert.deepEqual(kindsOf(byId.get('en-1')!), ['legal_threat', 'repeat_contact', 'urgency']);
    assert.deepEqual(kindsOf(byId.get('tw-1')!), ['insult', 'refund_demand', 'regulator_threat']);
    assert.deepEqual(kindsOf(byId.get('cn-1')!), ['insult', 'manager_request', 'media_threat']);
    assert.deepEqual(kindsOf(byId.get('th-1')!), ['manager_request', 'refund_demand', 'regulator_threat', 'urgency']);
    for (const id of ['en-neg', 'tw-neg', 'cn-neg', 'th-neg']) {
      assert.deepEqual(byId.get(id)?.signals, [], `${id}: the same words in another role do not fire`);
      assert.deepEqual(byId.get(id)?.risk, { score: 0, level: 'low' });
    }
    assert.equal(byId.get('tw-1')?.language, 'zh-TW');
    assert.equal(byId.get('cn-1')?.language, 'zh-CN');
    assert.equal(byId.get('th-1')?.language, 'th');
    assert.equal(byId.get('tw-neg')?.language, 'zh-TW', 'the given language is kept');
    const ok = byId.get('en-1')!;
    assert.deepEqual(Object.keys(ok).sort(), ['categories', 'id', 'language', 'risk', 'signals']);
    for (const signal of ok.signals as Record<string, unknown>[]) {
      assert.deepEqual(Object.keys(signal).sort(), ['confidence', 'evidence', 'kind']);
    }
    assert.deepEqual(byId.get(null)?.error, { code: 'validation_failed', message: 'line 4: not valid JSON' });
    assert.equal((byId.get(7)?.error as { code: string }).code, 'validation_failed');
  });

  it('needs no database: the data directory stays untouched', async () => {
    const dataDir = join(work, 'untouched');
    const run = await runCli('{"id":1,"text":"refund please"}\n', [], dataDir);
    assert.equal(run.code, 0, run.stderr);
    assert.throws(() => readdirSync(dataDir), /ENOENT/, 'no data directory was created');
  });

  it('suggests categories with --model and reads extra entries with --lexicon', async () => {
    const model = trainCategoryModel([
      { text: 'my luggage was lost at the airport', label: 'cat_lost' },
      { text: 'lost bag never arrived', label: 'cat_lost' },
      { text: 'the flight was delayed by three hours', label: 'cat_delay' },
      { text: 'delayed again, late departure', label: 'cat_delay' },
    ]);
    const modelFile = join(work, 'model.json');
    writeFileSync(modelFile, JSON.stringify(modelToJson(model)));
    const lexiconFile = join(work, 'lexicon.json');
    writeFileSync(lexiconFile, JSON.stringify([{ signal: 'media_threat', language: 'en', text: 'tell my followers' }]));
    const input = '{"id":"a","text":"My bag was lost and never arrived. I will tell my followers."}\n';

    const plain = parseLines((await runCli(input)).stdout)[0]!;
    assert.deepEqual(plain.categories, []);
    assert.deepEqual(kindsOf(plain), []);

    const run = await runCli(input, ['--model', modelFile, '--lexicon', lexiconFile]);
    assert.equal(run.code, 0, run.stderr);
    const line = parseLines(run.stdout)[0]!;
    const categories = line.categories as { id: string; confidence: number }[];
    assert.equal(categories[0]?.id, 'cat_lost');
    assert.deepEqual(kindsOf(line), ['media_threat']);
  });

  it('takes the model `redress category-model-export` writes (here the demo organisation’s names: no case is resolved yet)', async () => {
    const dataDir = join(work, 'org');
    const demo = await runRedress(['demo', '--data', dataDir], { DATABASE_URL: '' });
    assert.equal(demo.code, 0, demo.stderr);
    const modelFile = join(work, 'org-model.json');
    const exported = await runRedress(['category-model-export', '--data', dataDir, '--out', modelFile], {
      DATABASE_URL: '',
    });
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /learnt from 0 cases/);
    assert.equal(statSync(modelFile).mode & 0o777, 0o600, 'customer words: readable by the owner only');
    const labels = (JSON.parse(readFileSync(modelFile, 'utf8')) as { labels: { id: string }[] }).labels.map(
      (l) => l.id,
    );
    assert.ok(labels.length > 0 && labels.every((id) => id.startsWith('cat_')), labels.join(','));

    const run = await runCli('{"id":"a","text":"The parcel never arrived"}\n', ['--model', modelFile]);
    assert.equal(run.code, 0, run.stderr);
    const categories = parseLines(run.stdout)[0]!.categories as { id: string }[];
    assert.ok(categories.length > 0 && categories.every((c) => labels.includes(c.id)));
  });

  it('refuses an unreadable model file with a coded error and a non-zero exit', async () => {
    const run = await runCli('{"id":1,"text":"x"}\n', ['--model', join(work, 'missing.json')]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /error \[not_found\]/);
    assert.equal(run.stdout, '');
  });
});

describe('analyzeLine', () => {
  it('keeps the id of a line it cannot analyse', () => {
    assert.deepEqual(JSON.parse(analyzeLine('{"id":"x","text":""}', 2)), {
      id: 'x',
      error: { code: 'validation_failed', message: 'line 2: "text" must be a non-empty string' },
    });
    assert.equal((JSON.parse(analyzeLine('[1,2]', 5)) as { id: unknown }).id, null);
    const long = JSON.stringify({ id: 9, text: 'a'.repeat(50_001) });
    assert.match(analyzeLine(long, 1), /longer than 50000 characters/);
  });
});

describe('lexiconEntriesFromJson', () => {
  it('accepts a list or { entries } and refuses bad entries by number', () => {
    assert.equal(lexiconEntriesFromJson({ entries: [{ signal: 'anger', language: 'th', text: 'โมโหมาก' }] }).length, 1);
    assert.throws(
      () =>
        lexiconEntriesFromJson([
          { signal: 'anger', language: 'en', text: 'x' },
          { signal: 'nope', language: 'en', text: 'y' },
        ]),
      /Lexicon entry 2: "signal"/,
    );
    assert.throws(
      () => lexiconEntriesFromJson([{ signal: 'anger', language: 'en', kind: 'pattern', text: '(' }]),
      /regular expression/,
    );
    // A pattern that could backtrack catastrophically is refused, as it is through the API.
    assert.throws(
      () => lexiconEntriesFromJson([{ signal: 'anger', language: 'en', kind: 'pattern', text: '(a+)+b' }]),
      /Lexicon entry 1: the pattern/,
    );
  });
});

describe('runAnalyzeStream', () => {
  it('waits for a slow reader instead of buffering everything, and keeps the order', async () => {
    const input = new PassThrough();
    const received: string[] = [];
    let waits = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk.toString('utf8'));
        waits += 1;
        setImmediate(callback);
      },
    });
    const total = 3_000;
    const done = runAnalyzeStream(input, slow);
    for (let i = 0; i < total; i += 1)
      input.write(`{"id":${i},"text":"I want my money back, this is the ${i}th time"}\n`);
    input.end();
    const result = await done;
    assert.deepEqual(result, { lines: total, errors: 0 });
    const ids = received
      .join('')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => (JSON.parse(line) as { id: number }).id);
    assert.deepEqual(
      ids,
      Array.from({ length: total }, (_, i) => i),
    );
    assert.ok(waits > 1, 'output went out in several chunks');
  });
});

describe('line length', () => {
  it('answers a line longer than the byte limit with a coded error and goes on', async () => {
    const input = new PassThrough();
    const chunks: string[] = [];
    const output = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk.toString('utf8'));
        callback();
      },
    });
    const done = runAnalyzeStream(input, output);
    // One line far over the limit, sent in pieces and never ended by a newline until the end.
    input.write('{"id":"huge","text":"');
    const piece = 'x'.repeat(64 * 1024);
    for (let sent = 0; sent <= MAX_LINE_BYTES; sent += piece.length) input.write(piece);
    input.write('"}\n');
    input.write('{"id":"next","text":"你們是騙子，我要退款"}\n');
    input.end();
    assert.deepEqual(await done, { lines: 2, errors: 1 });
    const [huge, next] = parseLines(chunks.join(''));
    assert.equal((huge?.error as { code?: string } | undefined)?.code, 'payload_too_large');
    assert.match(String((huge?.error as { message?: string } | undefined)?.message), /^line 1: longer than/);
    assert.equal(next?.id, 'next');
    assert.ok(Array.isArray(next?.signals));
  });

  it('splits lines on bytes: CRLF, characters cut between chunks, and a last line without a newline', async () => {
    const bytes = Buffer.from('{"a":1}\r\n退款還沒到\n\nศูนย์\n' + 'y'.repeat(20) + '\nend', 'utf8');
    const input = new PassThrough();
    // One byte at a time, so every multi-byte character arrives cut.
    for (const byte of bytes) input.write(Buffer.from([byte]));
    input.end();
    const lines = [];
    for await (const line of boundedLines(input, 16)) lines.push(line);
    assert.deepEqual(lines, [
      { text: '{"a":1}' },
      { text: '退款還沒到' },
      { text: '' },
      { text: 'ศูนย์' },
      { tooLong: 20 },
      { text: 'end' },
    ]);
  });
});
