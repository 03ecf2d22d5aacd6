/** What one measured loop produced: how many operations, how fast, and how long each one took. */
export interface Measurement {
  /** Operations completed (commits, writes, rows or requests — the table says which). */
  readonly count: number;
  /** Wall-clock duration of the measured loop, in seconds. */
  readonly seconds: number;
  /** `count / seconds`. */
  readonly perSecond: number;
  /** Median latency of one timed step, in milliseconds. */
  readonly p50Ms: number;
  /** 99th-percentile latency of one timed step, in milliseconds. */
  readonly p99Ms: number;
}

/** One measured load: the loop's figures plus what went wrong in it. */
export interface LoadMeasurement extends Measurement {
  readonly concurrency: number;
  /** Operations that failed, timed out or answered otherwise than expected. */
  readonly failures: number;
  /** The first failure, described, so a note can say what went wrong. */
  readonly firstFailure: string | undefined;
}

/**
 * Nearest-rank percentile of `sorted` (ascending). `p` is 0–100; an empty list gives NaN so a
 * missing figure never passes for a fast one.
 */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
};

/**
 * Summarises a loop: `count` operations in `elapsedMs`, with one latency sample (ms) per timed
 * step. A step may cover several operations (a 1,000-row transaction), hence the separate count.
 */
export const summarize = (count: number, elapsedMs: number, latenciesMs: readonly number[]): Measurement => {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const seconds = elapsedMs / 1000;
  return {
    count,
    seconds,
    perSecond: seconds > 0 ? count / seconds : Number.NaN,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
};
