import { pairedRatio, roundCount, spreadPercent, typicalRound, type Series } from './lib/series.ts';
import type { Measurement } from './lib/stats.ts';
import { formatMs, formatNumber, type Cell, type Column } from './lib/table.ts';

export const CEILING_COLUMNS: readonly Column[] = [
  { header: 'Ceiling' },
  { header: 'Workload' },
  { header: 'Sync mode' },
  { header: 'Count', align: 'right' },
  { header: 'Throughput', align: 'right' },
  { header: 'Unit' },
  { header: 'p50 (ms)', align: 'right' },
  { header: 'p99 (ms)', align: 'right' },
  { header: 'Rounds (spread)', align: 'right' },
];

export const STORE_COLUMNS: readonly Column[] = [
  { header: 'Store' },
  { header: 'Workload' },
  { header: 'Sync mode' },
  { header: 'Writes', align: 'right' },
  { header: 'Writes/s', align: 'right' },
  { header: 'p50 (ms)', align: 'right' },
  { header: 'p99 (ms)', align: 'right' },
  { header: 'Commits/write', align: 'right' },
  { header: 'vs ceiling', align: 'right' },
  { header: 'Rounds (spread)', align: 'right' },
];

/** "5 (±8%)", "2/3 (±5%)" when rounds failed, "1" for a single round, "—" when none completed. */
const roundsCell = (series: Series): string => {
  const { completed, attempted } = roundCount(series);
  if (completed === 0) return '—';
  const count = completed === attempted ? `${completed}` : `${completed}/${attempted}`;
  const spread = spreadPercent(series);
  return spread === undefined ? count : `${count} (±${formatNumber(spread)}%)`;
};

/** A ceiling row from the round with the median throughput; dashes when no round completed. */
export const ceilingRow = (label: string, workload: string, syncMode: string, unit: string, series: Series): Cell[] => {
  const m = typicalRound(series);
  return [
    label,
    workload,
    syncMode,
    m?.count,
    m && formatNumber(m.perSecond),
    unit,
    formatMs(m?.p50Ms),
    formatMs(m?.p99Ms),
    roundsCell(series),
  ];
};

export interface CeilingRef {
  /** How the ceiling is named in the ceilings table, e.g. "(a)". */
  readonly label: string;
  readonly series: Series;
}

/** A store row: the median round, its commits per write, and its throughput paired round by round with `ceiling`. */
export const storeRow = <M extends Measurement>(
  store: string,
  workload: string,
  syncMode: string,
  series: Series<M>,
  commitsPerWrite: (m: M) => string,
  ceiling: CeilingRef,
): Cell[] => {
  const m = typicalRound(series);
  const ratio = pairedRatio(series, ceiling.series);
  return [
    store,
    workload,
    syncMode,
    m?.count,
    m && formatNumber(m.perSecond),
    formatMs(m?.p50Ms),
    formatMs(m?.p99Ms),
    m && commitsPerWrite(m),
    ratio === undefined ? undefined : `${formatNumber(ratio, 2)}× ${ceiling.label}`,
    roundsCell(series),
  ];
};

/** "- (a) failed: …" for every distinct failure, so a dash in the table always has a reason beside it. */
export const failureNotes = (entries: readonly (readonly [string, Series<Measurement>])[]): string[] =>
  entries.flatMap(([label, series]) => [...new Set(series.failures)].map((reason) => `- ${label} failed: ${reason}`));
