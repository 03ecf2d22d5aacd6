import { LIVE_EVENT_CHANGE, LIVE_EVENT_RESET, type LiveChangeDto } from '@redress/contract';
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** A change on a readable case, or `null` when the stream was reset and everything may have changed. */
export type LiveListener = (change: LiveChangeDto | null) => void;
export type LiveStatus = 'connecting' | 'open' | 'offline' | 'unsupported';

interface LiveValue {
  status: LiveStatus;
  subscribe: (listener: LiveListener) => () => void;
}

const LiveContext = createContext<LiveValue | null>(null);

const parseChange = (data: string): LiveChangeDto | undefined => {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && 'seq' in value && 'type' in value) return value as LiveChangeDto;
  } catch {
    // A malformed message is skipped; the next one still arrives.
  }
  return undefined;
};

/**
 * One `EventSource` on `/api/v1/live` for the whole signed-in console. The browser reconnects by
 * itself and sends `Last-Event-ID`, so changes made while the connection was down still arrive.
 * Where `EventSource` does not exist (tests on jsdom), the status is `unsupported` and screens
 * simply do not update live.
 */
export const LiveProvider = ({ children, url = '/api/v1/live' }: { children: ReactNode; url?: string }) => {
  const listeners = useRef(new Set<LiveListener>());
  const [status, setStatus] = useState<LiveStatus>(() =>
    typeof EventSource === 'undefined' ? 'unsupported' : 'connecting',
  );

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const emit = (change: LiveChangeDto | null) => {
      for (const listener of listeners.current) listener(change);
    };
    const connect = () => {
      const current = new EventSource(url);
      source = current;
      current.addEventListener('open', () => {
        failures = 0;
        setStatus('open');
      });
      current.addEventListener('error', () => {
        if (current.readyState !== EventSource.CLOSED) {
          setStatus('connecting');
          return;
        }
        // The browser gives up for good on an answer other than a stream (429 when this user has
        // too many tabs open, 503 when the server is full, 401 after signing out elsewhere): try
        // again later, waiting longer each time (30 s, 60 s … at most 5 minutes). A reconnect sends
        // no Last-Event-ID, so everything is read again (a reset).
        setStatus('offline');
        failures += 1;
        retryTimer = setTimeout(
          () => {
            emit(null);
            connect();
          },
          Math.min(30_000 * 2 ** (failures - 1), 300_000),
        );
      });
      current.addEventListener(LIVE_EVENT_CHANGE, (event) => {
        const change = parseChange((event as MessageEvent<string>).data);
        if (change) emit(change);
      });
      current.addEventListener(LIVE_EVENT_RESET, () => emit(null));
    };
    connect();
    return () => {
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      source?.close();
    };
  }, [url]);

  const value = useMemo<LiveValue>(
    () => ({
      status,
      subscribe: (listener) => {
        listeners.current.add(listener);
        return () => listeners.current.delete(listener);
      },
    }),
    [status],
  );
  return <LiveContext value={value}>{children}</LiveContext>;
};

/** Whether the console hears changes live; screens show it so nobody trusts a stale list. */
export const useLiveStatus = (): LiveStatus => useContext(LiveContext)?.status ?? 'unsupported';

/**
 * Calls `onChange` (at most once per `debounceMs`, default 400 ms) after changes that `matches`
 * accepts, and after a reset. Typical use: `useLiveReload(reload, (c) => c.caseId === id)`.
 * Outside a `LiveProvider` it does nothing.
 */
export const useLiveReload = (
  onChange: () => void,
  matches: (change: LiveChangeDto) => boolean = () => true,
  debounceMs = 400,
) => {
  const live = useContext(LiveContext);
  const latest = useRef({ onChange, matches });
  useEffect(() => {
    latest.current = { onChange, matches };
  });
  useEffect(() => {
    if (!live) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = live.subscribe((change) => {
      if (change !== null && !latest.current.matches(change)) return;
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        latest.current.onChange();
      }, debounceMs);
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [live, debounceMs]);
};
