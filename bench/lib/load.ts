import { summarize, type Measurement } from './stats.ts';

/** Every loop stops at its count or after this long, whichever comes first, so a slow disk cannot stall the run. */
export const DEFAULT_MAX_MS = 10_000;

export interface LoopOptions {
  /** Operations to run. */
  readonly count: number;
  /** Untimed operations run first so the JIT and caches settle. */
  readonly warmup?: number;
  /** Upper bound on the measured loop, in milliseconds. */
  readonly maxMs?: number;
}

/** Runs a synchronous `op` one call after another, timing each call. For drivers that block (node:sqlite). */
export const loopSync = (options: LoopOptions, op: (index: number) => void): Measurement => {
  const maxMs = options.maxMs ?? DEFAULT_MAX_MS;
  let index = 0;
  for (let i = 0; i < (options.warmup ?? 0); i += 1) op(index++);
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; i < options.count; i += 1) {
    const before = performance.now();
    op(index++);
    const after = performance.now();
    latencies.push(after - before);
    if (after - start > maxMs) break;
  }
  return summarize(latencies.length, performance.now() - start, latencies);
};

/**
 * Runs `op` `count` times with `inFlight` operations outstanding at once (1 = strictly sequential),
 * timing each from call to settlement. Latency therefore includes any queueing behind other calls.
 */
export const loopAsync = async (
  options: LoopOptions & { readonly inFlight: number },
  op: (index: number) => Promise<unknown>,
): Promise<Measurement> => {
  const maxMs = options.maxMs ?? DEFAULT_MAX_MS;
  let index = 0;
  for (let i = 0; i < (options.warmup ?? 0); i += 1) await op(index++);
  const latencies: number[] = [];
  let issued = 0;
  const start = performance.now();
  const worker = async (): Promise<void> => {
    while (issued < options.count && performance.now() - start <= maxMs) {
      issued += 1;
      const before = performance.now();
      await op(index++);
      latencies.push(performance.now() - before);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.inFlight) }, worker));
  return summarize(latencies.length, performance.now() - start, latencies);
};
