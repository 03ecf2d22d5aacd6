import { describeError } from './errors.ts';
import type { Measurement } from './stats.ts';

/**
 * One benchmark row measured over several rounds. Rounds of different rows are interleaved
 * (ceiling, store, ceiling, store …) so a noisy neighbour or a slow fsync spell hits both sides
 * of a ratio alike; `rounds[i]` is undefined when round `i` failed or was not run.
 */
export interface Series<M extends Measurement = Measurement> {
  readonly rounds: (M | undefined)[];
  readonly failures: string[];
}

export const newSeries = <M extends Measurement = Measurement>(): Series<M> => ({ rounds: [], failures: [] });

/** Runs one round of `series`; a failure is recorded, never thrown. */
export const recordRound = async <M extends Measurement>(
  series: Series<M>,
  work: () => M | Promise<M>,
): Promise<void> => {
  const index = series.rounds.length;
  series.rounds.push(undefined);
  try {
    series.rounds[index] = await work();
  } catch (error) {
    series.failures.push(describeError(error));
  }
};

/** Records the same failure on every series, e.g. when their shared connection could not open. */
export const recordFailure = (reason: string, ...series: Series[]): void => {
  for (const s of series) {
    s.rounds.push(undefined);
    s.failures.push(reason);
  }
};

const completed = <M extends Measurement>(series: Series<M>): M[] =>
  series.rounds.filter((round): round is M => round !== undefined);

export const median = (values: readonly number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The round with the median throughput (the lower middle one for an even count), latencies included. */
export const typicalRound = <M extends Measurement>(series: Series<M>): M | undefined => {
  const rounds = completed(series).sort((a, b) => a.perSecond - b.perSecond);
  return rounds[Math.floor((rounds.length - 1) / 2)];
};

/** Half the throughput range over the median, in percent: how much the rounds disagreed. */
export const spreadPercent = (series: Series): number | undefined => {
  const rates = completed(series).map((round) => round.perSecond);
  const middle = median(rates);
  if (rates.length < 2 || middle === undefined || middle <= 0) return undefined;
  return ((Math.max(...rates) - Math.min(...rates)) / 2 / middle) * 100;
};

/** Rounds that completed, out of rounds attempted. */
export const roundCount = (series: Series): { readonly completed: number; readonly attempted: number } => ({
  completed: completed(series).length,
  attempted: series.rounds.length,
});

/**
 * Median over rounds of `numerator` throughput ÷ `denominator` throughput measured in the same
 * round. Pairing by round cancels most machine-wide drift between the two.
 */
export const pairedRatio = (numerator: Series, denominator: Series): number | undefined =>
  median(
    numerator.rounds.flatMap((round, i) => {
      const base = denominator.rounds[i];
      return round && base && base.perSecond > 0 ? [round.perSecond / base.perSecond] : [];
    }),
  );
