// Cells for the section tables that set a measured load beside the ceilings it is compared with.
import type { LoadMeasurement, Measurement } from './stats.ts';
import { formatMs, formatNumber, type Cell, type Column } from './table.ts';

/** Ceiling (a)'s workload as the ceilings table describes it. */
export const COMMIT_WORKLOAD = 'SQLite commit ceiling (1 INSERT per transaction, FULL)';

/** The columns of `measuredRow`, `count` naming what was counted, then a "vs …" column for each ceiling in `versus`. */
export const measuredColumns = (count: string, ...versus: string[]): Column[] => [
  { header: 'Workload' },
  { header: 'Concurrency', align: 'right' },
  { header: count, align: 'right' },
  { header: 'Throughput', align: 'right' },
  { header: 'Unit' },
  { header: 'p50 (ms)', align: 'right' },
  { header: 'p99 (ms)', align: 'right' },
  ...versus.map((ceiling): Column => ({ header: `vs ${ceiling}`, align: 'right' })),
];

/** "0.32×"; small ratios keep three decimals so they do not all read 0.00×. */
export const ratio = (m: Measurement | undefined, base: Measurement | undefined): string | undefined => {
  if (!m || !base || !(base.perSecond > 0) || !Number.isFinite(m.perSecond)) return undefined;
  const value = m.perSecond / base.perSecond;
  return `${formatNumber(value, value < 0.1 ? 3 : 2)}×`;
};

/**
 * Workload, concurrency, count, throughput, unit, p50 and p99 of `m` (dashes when it was not
 * measured), then `rest` (ratios, remarks).
 */
export const measuredRow = (
  label: string,
  concurrency: number,
  m: Measurement | undefined,
  unit: string,
  ...rest: Cell[]
): Cell[] => [
  label,
  concurrency,
  m?.count,
  m && formatNumber(m.perSecond),
  unit,
  formatMs(m?.p50Ms),
  formatMs(m?.p99Ms),
  ...rest,
];

/** "- POST at concurrency 8: 3 failed (first: …)." for each load that had failures; `of` adds "of <count> <of>". */
export const loadFailureNotes = (
  label: string,
  loads: readonly (LoadMeasurement | undefined)[],
  of?: string,
): string[] =>
  loads.flatMap((m) =>
    m && m.failures > 0
      ? [
          `- ${label} at concurrency ${m.concurrency}: ${formatNumber(m.failures)}${of === undefined ? '' : ` of ${formatNumber(m.count)} ${of}`} failed (first: ${m.firstFailure ?? 'no detail'}).`,
        ]
      : [],
  );
