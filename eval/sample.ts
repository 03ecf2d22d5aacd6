// `node eval/sample.ts [--dump <dir>]`: draws the rows of the labelled signal subsets, the same rows
// on every run (rank = SHA-256 of a fixed seed and the row id). Per file, half the rows are drawn at
// random from the complaint-like rows (negative sentiment, report/cancel intent, every narrative),
// half from rows containing any of a broad set of cue words, so that signals are not vanishingly
// rare. Writes `eval/labels/<file>.jsonl` skeletons (ids only, never text) for files not labelled
// yet; `--dump` writes the texts to a folder outside the repository for the annotator to read.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evalDataDir, loadSignalFile, type EvalRow, type SignalFile } from './data.ts';

const SEED = 'redress-signals-eval-2026-11';

const EN_CUES =
  /refund|money back|reimburs|charge ?back|compensat|damages|voucher|replace|exchange|repair|supervisor|manager|lawyer|attorney|\bsue\b|lawsuit|court|legal|small claims|cfpb|\bbbb\b|better business|\bftc\b|regulator|police|report(ed)? (you|this|them)|complain|\bpost|media|news|review|never again|cancel|switch|close my account|done with|liar|\blie|scam|fraud|crook|idiot|useless|incompetent|ridiculous|worst|angry|furious|sick and tired|fed up|wtf|hell\b|damn|shit|fuck|called|times|again|still|asap|urgent|immediately|today|hurt|injur|\bsick\b|danger|unsafe|fire\b/i;
const TH_CUES =
  /คืนเงิน|เงินคืน|ชดเชย|เปลี่ยน|ซ่อม|หัวหน้า|ผู้จัดการ|ฟ้อง|ทนาย|ศาล|สคบ|แจ้งความ|ตำรวจ|ร้องเรียน|กสทช|โพสต์|แชร์|บอกต่อ|ประจาน|ยกเลิก|ย้ายค่าย|เลิกใช้|ไม่ซื้ออีก|ไม่มาอีก|โกง|หลอก|ห่วย|เหี้ย|ควาย|โง่|สัส|อารมณ์เสีย|โมโห|หงุดหงิด|หลายครั้ง|หลายรอบ|อีกแล้ว|ด่วน|ทันที|วันนี้|เจ็บ|ท้องเสีย|อันตราย|ไฟไหม้|ระเบิด|แพ้/;

interface Plan {
  readonly file: SignalFile;
  /** Rows drawn at random from `pool`, and rows drawn from the cue-word matches among `cuePool`. */
  readonly random: number;
  readonly cue: number;
  readonly pool: (row: EvalRow) => boolean;
  readonly cuePool: (row: EvalRow) => boolean;
  readonly cues: RegExp | null;
}

const any = (): boolean => true;

/** About 300 English and 300 Thai rows, and every Simplified-Chinese review. */
export const PLANS: readonly Plan[] = [
  { file: 'en_cfpb_complaints_sample.csv', random: 75, cue: 75, pool: any, cuePool: any, cues: EN_CUES },
  {
    file: 'en_twitter_airline_sentiment.csv',
    random: 75,
    cue: 75,
    pool: (r) => r.group === 'negative',
    cuePool: any,
    cues: EN_CUES,
  },
  {
    file: 'th_wisesight_sentiment.csv',
    random: 72,
    cue: 71,
    pool: (r) => r.group === 'neg',
    cuePool: any,
    cues: TH_CUES,
  },
  {
    file: 'th_pythainlp_sentiment_small.csv',
    random: 30,
    cue: 30,
    pool: (r) => r.group.startsWith('neg/'),
    cuePool: any,
    cues: TH_CUES,
  },
  {
    file: 'th_truevoice_intent.csv',
    random: 55,
    cue: 55,
    pool: (r) => r.group === 'report' || r.group === 'cancel',
    cuePool: (r) => r.group === 'report' || r.group === 'cancel',
    cues: TH_CUES,
  },
  { file: 'zh-CN_asap_dianping_sample.csv', random: Infinity, cue: 0, pool: any, cuePool: any, cues: null },
];

const rank = (file: string, id: string): string => createHash('sha256').update(`${SEED}:${file}:${id}`).digest('hex');

/** The sampled rows of one plan, with the stratum each came from. */
export const drawSample = (plan: Plan, rows: readonly EvalRow[]): { row: EvalRow; sample: 'random' | 'cue' }[] => {
  const ordered = [...rows].sort((a, b) => (rank(plan.file, a.id) < rank(plan.file, b.id) ? -1 : 1));
  const picked = new Set<string>();
  const out: { row: EvalRow; sample: 'random' | 'cue' }[] = [];
  for (const row of ordered) {
    if (out.length >= plan.random) break;
    if (!plan.pool(row) || row.text.trim() === '') continue;
    picked.add(row.id);
    out.push({ row, sample: 'random' });
  }
  let cues = 0;
  for (const row of ordered) {
    if (cues >= plan.cue || !plan.cues) break;
    if (picked.has(row.id) || !plan.cuePool(row) || !plan.cues.test(row.text)) continue;
    picked.add(row.id);
    out.push({ row, sample: 'cue' });
    cues += 1;
  }
  return out;
};

const main = (): void => {
  const dumpAt = process.argv.indexOf('--dump');
  const dumpDir = dumpAt >= 0 ? process.argv[dumpAt + 1] : undefined;
  const dir = evalDataDir();
  const labelsDir = join(dirname(fileURLToPath(import.meta.url)), 'labels');
  mkdirSync(labelsDir, { recursive: true });
  if (dumpDir) mkdirSync(dumpDir, { recursive: true });
  for (const plan of PLANS) {
    const sample = drawSample(plan, [...loadSignalFile(dir, plan.file).values()]);
    const target = join(labelsDir, plan.file.replace(/\.csv$/, '.jsonl'));
    if (!existsSync(target)) {
      const lines = sample.map(({ row, sample }) =>
        JSON.stringify({ file: row.file, [row.key]: row.key === 'row' ? Number(row.id) : row.id, sample, signals: [] }),
      );
      writeFileSync(target, `${lines.join('\n')}\n`);
    }
    if (dumpDir) {
      const text = sample.map(({ row, sample }) => `### ${row.id} [${sample}/${row.group}]\n${row.text}\n`).join('\n');
      writeFileSync(join(dumpDir, `${plan.file}.txt`), text);
    }
    process.stdout.write(`${plan.file}: ${sample.length} rows\n`);
  }
};

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
