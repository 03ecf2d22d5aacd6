import { useEffect, useState } from 'react';

/**
 * The current time, ticking every `intervalMs` (default 15 s) so countdowns move without a
 * re-read. One timer per caller; pass a longer interval for long lists.
 */
export const useNow = (intervalMs = 15_000): Date => {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
};
