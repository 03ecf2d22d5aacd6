// Escalation-signal detection scored against the labelled subsets in eval/labels (see
// LABELLING.md): precision, recall and F1 per signal and per language, and micro-F1, on the
// held-out test split and, separately, on the dev split.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EscalationSignals, type EscalationSignal } from '@redress/contract';
import { analyzeText } from '../apps/server/src/modules/language/index.ts';
import { toTraditional } from '../apps/server/src/shared/text/fold.ts';
import { loadSignalFile, SIGNAL_FILES, type EvalRow, type SignalFile } from './data.ts';

export type Split = 'dev' | 'test';

/** One labelled row with its text, its gold signals and what the detector found. */
export interface ScoredRow {
  readonly row: EvalRow;
  /** The language the row is reported under (`zh-TW*` for the converted Dianping rows). */
  readonly group: string;
  readonly split: Split;
  readonly gold: ReadonlySet<EscalationSignal>;
  readonly found: ReadonlyMap<EscalationSignal, string>;
  readonly detectedLanguage: string;
}

/** The converted Dianping rows: script handling only, not native zh-TW. */
export const CONVERTED_ZH_TW = 'zh-TW*';

/** ≈30 % of rows are dev, by the first 32 bits of SHA-256(`file:id`). */
export const splitOf = (file: string, id: string): Split =>
  Number.parseInt(createHash('sha256').update(`${file}:${id}`).digest('hex').slice(0, 8), 16) % 100 < 30
    ? 'dev'
    : 'test';

interface LabelLine {
  readonly file: string;
  readonly id?: string;
  readonly row?: number;
  readonly signals: readonly string[];
}

const labelsDir = join(dirname(fileURLToPath(import.meta.url)), 'labels');

const isSignal = (value: string): value is EscalationSignal => (EscalationSignals as readonly string[]).includes(value);

const score = (row: EvalRow, group: string, split: Split, gold: Set<EscalationSignal>, text: string): ScoredRow => {
  const result = analyzeText(text);
  return {
    row,
    group,
    split,
    gold,
    found: new Map(result.signals.map((s) => [s.kind, s.evidence])),
    detectedLanguage: result.language,
  };
};

/**
 * Reads every label file — each round's (`<file>.jsonl`, `<file>.round<n>.jsonl`) — analyses each
 * labelled row's text, and pairs gold with found. A row labelled in two rounds is an error: it would
 * be counted twice.
 */
export const scoreLabelledRows = (dataDir: string): ScoredRow[] => {
  const scored: ScoredRow[] = [];
  const seen = new Map<string, string>();
  for (const name of readdirSync(labelsDir)
    .filter((n) => n.endsWith('.jsonl'))
    .sort()) {
    const lines = readFileSync(join(labelsDir, name), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as LabelLine);
    const file = lines[0]?.file;
    if (!file || !(file in SIGNAL_FILES)) throw new Error(`${name}: unknown evaluation file ${String(file)}`);
    const rows = loadSignalFile(dataDir, file as SignalFile);
    for (const label of lines) {
      const id = label.id ?? String(label.row);
      const row = rows.get(id);
      if (!row) throw new Error(`${name}: row ${id} is not in ${file}`);
      const before = seen.get(`${file}:${id}`);
      if (before) throw new Error(`${name}: row ${id} of ${file} is already labelled in ${before}`);
      seen.set(`${file}:${id}`, name);
      const unknown = label.signals.filter((s) => !isSignal(s));
      if (unknown.length > 0) throw new Error(`${name}: row ${id} has unknown signals ${unknown.join(', ')}`);
      const gold = new Set(label.signals.filter(isSignal));
      const split = splitOf(file, id);
      scored.push(score(row, row.language, split, gold, row.text));
      // The same review in Traditional script: tests folding, not Taiwanese usage.
      if (row.language === 'zh-CN') scored.push(score(row, CONVERTED_ZH_TW, split, gold, toTraditional(row.text)));
    }
  }
  return scored;
};

/** True and false positives and false negatives. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export const emptyCounts = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

/** Adds one row's outcome for `signals` to `counts`. */
export const countRow = (
  counts: Counts,
  gold: ReadonlySet<string>,
  found: ReadonlySet<string>,
  signals: readonly string[],
) => {
  for (const signal of signals) {
    const g = gold.has(signal);
    const f = found.has(signal);
    if (g && f) counts.tp += 1;
    else if (f) counts.fp += 1;
    else if (g) counts.fn += 1;
  }
};

/** Precision, recall and F1; undefined where the denominator is zero. */
export const prf = ({ tp, fp, fn }: Counts): { p?: number; r?: number; f1?: number } => {
  const p = tp + fp > 0 ? tp / (tp + fp) : undefined;
  const r = tp + fn > 0 ? tp / (tp + fn) : undefined;
  const f1 = tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : undefined;
  return { p, r, f1 };
};

const fmt = (value: number | undefined): string => (value === undefined ? '—' : value.toFixed(2));

const cell = (counts: Counts): string => {
  if (counts.tp + counts.fp + counts.fn === 0) return '—';
  const { p, r, f1 } = prf(counts);
  return `${fmt(p)} / ${fmt(r)} / ${fmt(f1)} (${counts.tp + counts.fn})`;
};

const GROUPS = ['en', 'th', 'zh-CN'] as const;

/** Markdown tables for one split: per signal and language, then micro-F1 per language. */
export const signalTables = (rows: readonly ScoredRow[], split: Split): string => {
  const inSplit = rows.filter((r) => r.split === split);
  const native = inSplit.filter((r) => r.group !== CONVERTED_ZH_TW);
  const counts = (subset: readonly ScoredRow[], signals: readonly string[]): Counts => {
    const c = emptyCounts();
    for (const r of subset) countRow(c, r.gold, new Set(r.found.keys()), signals);
    return c;
  };
  const perSignal = EscalationSignals.map((signal) => {
    const cells = GROUPS.map((g) =>
      cell(
        counts(
          native.filter((r) => r.group === g),
          [signal],
        ),
      ),
    );
    return `| ${signal} | ${cells.join(' | ')} | ${cell(counts(native, [signal]))} |`;
  });
  const summaryGroups: { label: string; rows: readonly ScoredRow[] }[] = [
    ...GROUPS.map((g) => ({ label: g, rows: native.filter((r) => r.group === g) })),
    { label: 'all (en + th + zh-CN)', rows: native },
    {
      label: 'zh-TW* (Dianping converted by OpenCC: script handling only, not native zh-TW)',
      rows: inSplit.filter((r) => r.group === CONVERTED_ZH_TW),
    },
  ];
  const summary = summaryGroups.map(({ label, rows: subset }) => {
    const c = counts(subset, EscalationSignals);
    const { p, r, f1 } = prf(c);
    const languageRight = subset.filter(
      (s) => s.detectedLanguage === (s.group === CONVERTED_ZH_TW ? 'zh-TW' : s.group),
    );
    return `| ${label} | ${subset.length} | ${c.tp + c.fn} | ${c.tp + c.fp} | ${fmt(p)} | ${fmt(r)} | **${fmt(f1)}** | ${(
      (100 * languageRight.length) /
      Math.max(1, subset.length)
    ).toFixed(0)} % |`;
  });
  const perFile = [...new Set(native.map((r) => r.row.file))].map((file) => {
    const subset = native.filter((r) => r.row.file === file);
    const c = counts(subset, EscalationSignals);
    const { p, r, f1 } = prf(c);
    return `| ${file} | ${subset.length} | ${c.tp + c.fn} | ${fmt(p)} | ${fmt(r)} | ${fmt(f1)} |`;
  });
  return [
    `### Signal detection, ${split} split: precision / recall / F1 (gold count)`,
    '',
    '| signal | en | th | zh-CN | all |',
    '|---|---|---|---|---|',
    ...perSignal,
    '',
    `### Signal detection, ${split} split: micro-averaged over the 13 signals`,
    '',
    '| language | rows | gold | found | precision | recall | micro-F1 | language detected |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...summary,
    '',
    '| file | rows | gold | precision | recall | micro-F1 |',
    '|---|---:|---:|---:|---:|---:|',
    ...perFile,
  ].join('\n');
};

/** The dev split's false positives (with the evidence) and false negatives (with the text's start). */
export const devErrors = (rows: readonly ScoredRow[], excerpt = 160): string => {
  const lines: string[] = ['### Dev-split errors (false positives with evidence, false negatives with an excerpt)', ''];
  for (const r of rows.filter((s) => s.split === 'dev' && s.group !== CONVERTED_ZH_TW)) {
    const id = `${r.row.file.replace(/\.csv$/, '')}#${r.row.id}`;
    for (const [kind, evidence] of r.found) {
      if (!r.gold.has(kind)) lines.push(`- FP ${kind} · ${id} · evidence "${evidence}"`);
    }
    for (const kind of r.gold) {
      if (!r.found.has(kind)) {
        const text = r.row.text.replace(/\s+/g, ' ').slice(0, excerpt);
        lines.push(`- FN ${kind} · ${id} · "${text}${r.row.text.length > excerpt ? '…' : ''}"`);
      }
    }
  }
  return lines.join('\n');
};
