/**
 * An in-process limit on how often one client (by IP address) may call a public write: at most
 * `limit` calls in any `windowMs`. Each instance keeps its own counts, which is enough to blunt a
 * flood from one address; it is not a quota. The time is passed in.
 */
export interface RateLimiter {
  /** Counts a call by `key` at `nowMs`; when over the limit, the seconds until one is allowed again. */
  hit(
    key: string,
    nowMs: number,
  ): { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };
}

/** Keys kept before stale ones are swept out, so a spray of addresses cannot grow the map without end. */
const SWEEP_AT = 10_000;

export const createRateLimiter = ({ limit, windowMs }: { limit: number; windowMs: number }): RateLimiter => {
  const calls = new Map<string, number[]>();
  const sweep = (nowMs: number): void => {
    for (const [key, times] of calls) {
      if ((times.at(-1) ?? 0) <= nowMs - windowMs) calls.delete(key);
    }
  };
  return {
    hit(key, nowMs) {
      if (calls.size >= SWEEP_AT) sweep(nowMs);
      const recent = (calls.get(key) ?? []).filter((t) => t > nowMs - windowMs);
      if (recent.length >= limit) {
        calls.set(key, recent);
        const oldest = recent[0] ?? nowMs;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - nowMs) / 1000)) };
      }
      recent.push(nowMs);
      calls.set(key, recent);
      return { allowed: true };
    },
  };
};
