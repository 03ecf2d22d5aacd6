import { setTimeout as delay } from 'node:timers/promises';

/**
 * Waits `ms` milliseconds, or less if `signal` aborts first (then resolves, never rejects), so a
 * polling loop can be stopped without waiting out its interval.
 */
export const sleep = async (ms: number, signal: AbortSignal): Promise<void> => {
  if (signal.aborted) return;
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    if (!signal.aborted) throw error;
  }
};
