// Reads the evaluation CSV files (never copied into the repository) into one row shape per file,
// so the sampler and the scorer agree on which text a label belongs to.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/** The languages the evaluation reports on. */
export type EvalLanguage = 'en' | 'th' | 'zh-CN';

/** One message from an evaluation file, with the identifier its labels use. */
export interface EvalRow {
  readonly file: string;
  /** `id` when the source carries a stable identifier, else `row` (0-based data row, header excluded). */
  readonly key: 'id' | 'row';
  readonly id: string;
  readonly language: EvalLanguage;
  /** The text that was labelled and is analysed (CFPB narratives are cut to their first 1,500 characters). */
  readonly text: string;
  /** Source metadata the sampler filters on (sentiment, intent action, subset). */
  readonly group: string;
}

/** Long CFPB narratives are labelled and analysed on this prefix only. */
export const NARRATIVE_PREFIX_CHARS = 1_500;

/** The data folder: `REDRESS_EVAL_DATA`, else `shared/data` beside the checkout. */
export const evalDataDir = (env: NodeJS.ProcessEnv = process.env): string => {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  return env.REDRESS_EVAL_DATA ? resolve(env.REDRESS_EVAL_DATA) : resolve(repo, '..', 'shared', 'data');
};

type Record = { readonly [column: string]: string };

const readCsv = (dir: string, file: string): Record[] => {
  const path = join(dir, file);
  if (!existsSync(path)) throw new Error(`Missing evaluation file ${file} in ${dir}`);
  return parse<Record>(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: false });
};

const field = (record: Record, column: string): string => record[column] ?? '';

/** The files with signal labels, and how each becomes `EvalRow`s. */
export const SIGNAL_FILES = {
  'en_cfpb_complaints_sample.csv': (records: Record[], file: string): EvalRow[] =>
    records
      .filter((r) => field(r, 'Consumer complaint narrative').trim() !== '')
      .map((r) => ({
        file,
        key: 'id',
        id: field(r, 'Complaint ID'),
        language: 'en',
        text: field(r, 'Consumer complaint narrative').slice(0, NARRATIVE_PREFIX_CHARS),
        group: field(r, 'Product'),
      })),
  'en_twitter_airline_sentiment.csv': (records: Record[], file: string): EvalRow[] =>
    records.map((r) => ({
      file,
      key: 'id',
      id: field(r, 'tweet_id'),
      language: 'en',
      text: field(r, 'text'),
      group: field(r, 'airline_sentiment'),
    })),
  'th_wisesight_sentiment.csv': (records: Record[], file: string): EvalRow[] =>
    records.map((r, i) => ({
      file,
      key: 'row',
      id: String(i),
      language: 'th',
      text: field(r, 'text'),
      group: field(r, 'label'),
    })),
  'th_pythainlp_sentiment_small.csv': (records: Record[], file: string): EvalRow[] =>
    records.map((r, i) => ({
      file,
      key: 'row',
      id: String(i),
      language: 'th',
      text: field(r, 'text'),
      group: `${field(r, 'label')}/${field(r, 'subset')}`,
    })),
  'th_truevoice_intent.csv': (records: Record[], file: string): EvalRow[] =>
    records.map((r, i) => ({
      file,
      key: 'row',
      id: String(i),
      language: 'th',
      text: field(r, 'texts'),
      group: field(r, 'action'),
    })),
  'zh-CN_asap_dianping_sample.csv': (records: Record[], file: string): EvalRow[] =>
    records.map((r) => ({
      file,
      key: 'id',
      id: field(r, 'index'),
      language: 'zh-CN',
      text: field(r, 'reviewbody'),
      group: field(r, 'star'),
    })),
} as const satisfies { readonly [file: string]: (records: Record[], file: string) => EvalRow[] };

export type SignalFile = keyof typeof SIGNAL_FILES;

/** Every row of one labelled file, keyed by its identifier. */
export const loadSignalFile = (dir: string, file: SignalFile): Map<string, EvalRow> => {
  const rows = SIGNAL_FILES[file](readCsv(dir, file), file);
  return new Map(rows.map((row) => [row.id, row]));
};
