import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError, type ErrorMessage } from '../errors.ts';

/** What a screen has read so far. `ready` keeps the value while a reload runs (`reloading`). */
export type Load<T> =
  { state: 'loading' } | { state: 'ready'; value: T; reloading: boolean } | { state: 'failed'; error: ErrorMessage };

/**
 * Reads `read` on mount and whenever `key` changes, aborting the previous read. `reload()` reads
 * again without blanking what is shown (live updates call it). `read` may be a new function on
 * every render; only `key` and `reload()` decide when to read again.
 */
export const useLoad = <T>(read: (signal: AbortSignal) => Promise<T>, key: string) => {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const readRef = useRef(read);
  const keyRef = useRef(key);

  // Declared before the reading effect, so that effect always calls this render's `read`.
  useEffect(() => {
    readRef.current = read;
  });

  useEffect(() => {
    const controller = new AbortController();
    const keyChanged = keyRef.current !== key;
    keyRef.current = key;
    setLoad((previous) =>
      previous.state === 'ready' && !keyChanged ? { ...previous, reloading: true } : { state: 'loading' },
    );
    readRef.current(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setLoad({ state: 'ready', value, reloading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'failed', error: describeError(error) });
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { load, reload, setLoad };
};
