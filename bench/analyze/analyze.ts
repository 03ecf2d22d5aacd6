// The analyze section of the benchmarks (`BENCH_ONLY=analyze` or `npm run bench -- analyze`):
// messages per second for the pure `analyzeText` on one core over a generated mixed corpus in the
// four languages (nothing from the evaluation data), and `redress analyze` end to end — a real
// process reading 10,000 JSON lines on stdin — with its start-up measured on its own.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { analyzeText, trainCategoryModel, modelToJson } from '../../apps/server/src/modules/language/index.ts';
import { describeError } from '../lib/errors.ts';
import { formatMs, formatNumber, markdownTable } from '../lib/table.ts';
import { sectionOnly } from '../lib/only.ts';

/** Messages analysed in the in-process rounds, and lines fed to the CLI. */
const MESSAGES = 20_000;
const CLI_LINES = 10_000;
const ROUNDS = 3;

/** True when only this section should run. */
export const analyzeOnly = (argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean =>
  sectionOnly('analyze', argv, env);

/** A small seeded generator (mulberry32): the same corpus on every run. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

// Phrases written for the benchmark: complaint openings, neutral filler, and cue-bearing endings.
const PARTS = {
  en: {
    open: [
      'My order #4411 arrived late.',
      'The app keeps logging me out.',
      'I was charged twice this month.',
      'Hello, quick question about my bill.',
    ],
    filler: [
      'I waited on the line for a long time and the agent could not find my booking.',
      'The parcel was left at the wrong door and the box was wet.',
      'Nobody explained why the fee changed.',
      'Thanks for looking into it.',
    ],
    close: [
      'I want a refund.',
      'This is the third time I have called.',
      'I will report this to the BBB.',
      'Let me speak to your supervisor.',
      'Please fix it ASAP.',
      'My manager at work said it is normal.',
      '',
    ],
  },
  'zh-TW': {
    open: ['我上週買的吹風機壞了。', '你們的客服電話一直打不通。', '帳單多收了一筆費用。', '請問會員點數怎麼用？'],
    filler: [
      '等了兩個星期都沒有人回覆，門市也說不清楚。',
      '包裹送到隔壁，外箱也破了。',
      '店員態度很差，說不是他們的責任。',
      '謝謝你們的協助。',
    ],
    close: ['我要退款！', '再不處理我就去消保官投訴。', '你們是騙子。', '找你們經理來。', '我們經理說這家店不錯。', ''],
  },
  'zh-CN': {
    open: ['外卖送来的时候已经凉了。', '快递三天了还没到。', '这个月的话费多扣了。', '想问一下怎么开发票？'],
    filler: [
      '打了好几次客服电话都说在处理，一直没有结果。',
      '包装破了，里面的杯子也碎了。',
      '服务员一直在玩手机，叫了半天没人理。',
      '味道还可以，就是有点咸。',
    ],
    close: ['我要退款。', '再不解决我就打12315。', '太坑人了，再也不会来了。', '我要曝光你们。', '下次还来。', ''],
  },
  th: {
    open: ['สั่งของไปสองอาทิตย์แล้วยังไม่ได้', 'เน็ตหลุดทุกคืนเลยครับ', 'บิลเดือนนี้แพงผิดปกติ', 'สอบถามโปรโมชั่นหน่อยค่ะ'],
    filler: ['โทรไปหลายรอบแล้วก็บอกว่ากำลังดำเนินการ', 'กล่องบุบมาเลยค่ะ ของข้างในแตก', 'พนักงานพูดจาไม่ดี', 'ขอบคุณมากค่ะ'],
    close: ['ขอคืนเงินด้วยค่ะ', 'จะไปแจ้ง สคบ.', 'ขอคุยกับหัวหน้า', 'จะย้ายค่ายแล้ว', 'ขับรถบนทางด่วนมาที่ร้าน', ''],
  },
} as const;

type CorpusLanguage = keyof typeof PARTS;
const LANGUAGES = Object.keys(PARTS) as CorpusLanguage[];

/** `count` messages, a quarter in each language, from one sentence to a few paragraphs long. */
export const generateCorpus = (count: number, seed = 42): { language: CorpusLanguage; text: string }[] => {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const language = LANGUAGES[i % LANGUAGES.length]!;
    const parts = PARTS[language];
    const fillers = Math.floor(next() ** 2 * 12);
    const body = Array.from({ length: fillers }, () => pick(parts.filler));
    const text = [pick(parts.open), ...body, pick(parts.close)].join(language === 'en' ? ' ' : '');
    return { language, text };
  });
};

interface Throughput {
  readonly label: string;
  readonly messages: number;
  readonly chars: number;
  readonly ms: number;
}

const timeAnalyze = (
  label: string,
  corpus: readonly { text: string }[],
  options?: Parameters<typeof analyzeText>[1],
): Throughput => {
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    for (const { text } of corpus) analyzeText(text, options);
    best = Math.min(best, performance.now() - started);
  }
  return { label, messages: corpus.length, chars: corpus.reduce((sum, m) => sum + m.text.length, 0), ms: best };
};

const BIN = fileURLToPath(new URL('../../apps/server/bin/redress.js', import.meta.url));

/** Runs `redress analyze` on a file of JSON lines; wall time in ms and lines written. */
const runCli = (file: string, dataDir: string, args: string[] = []): Promise<{ ms: number; lines: number }> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, 'analyze', ...args], {
      env: { ...process.env, REDRESS_DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: [openSync(file, 'r'), 'pipe', 'pipe'],
    });
    let lines = 0;
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === 10) lines += 1;
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ ms: performance.now() - started, lines });
      else reject(new Error(`redress analyze exited with ${String(code)}: ${stderr.slice(0, 300)}`));
    });
  });

/** The section as markdown. */
export const analyzeSection = async (progress: (text: string) => void = () => undefined): Promise<string> => {
  const corpus = generateCorpus(MESSAGES);
  progress('analyze: warming up');
  timeAnalyze('warm-up', corpus.slice(0, 2_000));
  const rows: Throughput[] = [];
  progress('analyze: in process');
  rows.push(timeAnalyze('analyzeText, mixed (detected language)', corpus));
  for (const language of LANGUAGES) {
    rows.push(
      timeAnalyze(
        `analyzeText, ${language} only`,
        corpus.filter((m) => m.language === language),
      ),
    );
  }
  const model = trainCategoryModel(corpus.slice(0, 2_000).map((m, i) => ({ text: m.text, label: `cat_${i % 8}` })));
  rows.push(timeAnalyze('analyzeText + categories (8-label model)', corpus, { categoryModel: model }));

  const table = markdownTable(
    'Analyze: messages per second on one core (in process, best of 3 rounds)',
    [
      { header: 'what' },
      { header: 'messages', align: 'right' },
      { header: 'mean chars', align: 'right' },
      { header: 'total ms', align: 'right' },
      { header: 'µs / message', align: 'right' },
      { header: 'messages / s', align: 'right' },
    ],
    rows.map((r) => [
      r.label,
      r.messages,
      formatNumber(r.chars / r.messages, 0),
      formatMs(r.ms),
      formatNumber((1000 * r.ms) / r.messages, 1),
      formatNumber((1000 * r.messages) / r.ms, 0),
    ]),
    [
      `Corpus: ${MESSAGES.toLocaleString('en-US')} generated messages, a quarter each in en, zh-TW, zh-CN and th (aim: ≥ 5,000 messages/s).`,
    ],
  );

  const dir = mkdtempSync(join(tmpdir(), 'redress-bench-analyze-'));
  try {
    progress('analyze: CLI end to end');
    const lines = generateCorpus(CLI_LINES, 7).map((m, i) => JSON.stringify({ id: i, text: m.text }));
    const file = join(dir, 'input.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const one = join(dir, 'one.jsonl');
    writeFileSync(one, `${lines[0]}\n`);
    const modelFile = join(dir, 'model.json');
    writeFileSync(modelFile, JSON.stringify(modelToJson(model)));
    const startup = await runCli(one, join(dir, 'data'));
    const full = await runCli(file, join(dir, 'data'));
    const withModel = await runCli(file, join(dir, 'data'), ['--model', modelFile]);
    const cliRow = (label: string, run: { ms: number; lines: number }, isStartup = false) => [
      label,
      run.lines,
      formatMs(run.ms),
      isStartup ? undefined : formatNumber(Math.max(0, run.ms - startup.ms), 0),
      isStartup ? undefined : formatNumber((1000 * run.lines) / run.ms, 0),
      isStartup ? undefined : formatNumber((1000 * run.lines) / Math.max(1, run.ms - startup.ms), 0),
    ];
    const cli = markdownTable(
      'Analyze: `redress analyze` end to end (a real process, stdin → stdout)',
      [
        { header: 'run' },
        { header: 'lines out', align: 'right' },
        { header: 'wall ms', align: 'right' },
        { header: 'ms after start-up', align: 'right' },
        { header: 'lines / s (wall)', align: 'right' },
        { header: 'lines / s (after start-up)', align: 'right' },
      ],
      [
        cliRow('1 line (start-up)', startup, true),
        cliRow(`${CLI_LINES.toLocaleString('en-US')} lines`, full),
        cliRow(`${CLI_LINES.toLocaleString('en-US')} lines, --model`, withModel),
      ],
      ['Start-up is loading Node, the CLI and the language data; no database is opened.'],
    );
    return `${table}\n${cli}`;
  } catch (error) {
    return `${table}\nThe CLI run failed: ${describeError(error)}\n`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
