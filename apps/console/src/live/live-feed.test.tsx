import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveProvider, useLiveReload, useLiveStatus } from './live-feed.tsx';

/** Enough of `EventSource` to open, fail and send changes, and to count how many were opened. */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readonly url: string;
  readyState = FakeEventSource.CONNECTING;
  constructor(url: string) {
    super();
    this.url = url;
    FakeEventSource.opened.push(this);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

const Probe = ({ onChange }: { onChange: () => void }) => {
  useLiveReload(onChange, (change) => change.caseId === 'case_1', 0);
  return <p>{useLiveStatus()}</p>;
};

describe('the live feed', () => {
  beforeEach(() => {
    FakeEventSource.opened = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('passes on the changes a screen asks for, and only those', () => {
    const onChange = vi.fn();
    render(
      <LiveProvider>
        <Probe onChange={onChange} />
      </LiveProvider>,
    );
    const source = FakeEventSource.opened[0]!;
    act(() => {
      source.readyState = FakeEventSource.OPEN;
      source.dispatchEvent(new Event('open'));
    });
    expect(screen.getByText('open')).toBeTruthy();
    const change = (caseId: string) =>
      new MessageEvent('change', {
        data: JSON.stringify({ seq: 1, type: 'case.note_added', caseId, occurredAt: '2026-03-10T08:00:00Z' }),
      });
    act(() => {
      source.dispatchEvent(change('case_2'));
      source.dispatchEvent(new MessageEvent('change', { data: 'not json' }));
      vi.advanceTimersByTime(10);
    });
    expect(onChange).not.toHaveBeenCalled();
    act(() => {
      source.dispatchEvent(change('case_1'));
      vi.advanceTimersByTime(10);
    });
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('tries again later, waiting longer each time, when the server refuses the stream', () => {
    const onChange = vi.fn();
    render(
      <LiveProvider>
        <Probe onChange={onChange} />
      </LiveProvider>,
    );
    const refuse = (source: FakeEventSource) =>
      act(() => {
        source.readyState = FakeEventSource.CLOSED;
        source.dispatchEvent(new Event('error'));
      });
    refuse(FakeEventSource.opened[0]!);
    expect(screen.getByText('offline')).toBeTruthy();
    act(() => void vi.advanceTimersByTime(29_000));
    expect(FakeEventSource.opened).toHaveLength(1);
    act(() => void vi.advanceTimersByTime(1_000));
    expect(FakeEventSource.opened).toHaveLength(2);
    // Everything may have changed meanwhile: screens read again.
    act(() => void vi.advanceTimersByTime(10));
    expect(onChange).toHaveBeenCalledTimes(1);

    refuse(FakeEventSource.opened[1]!);
    act(() => void vi.advanceTimersByTime(59_000));
    expect(FakeEventSource.opened).toHaveLength(2);
    act(() => void vi.advanceTimersByTime(1_000));
    expect(FakeEventSource.opened).toHaveLength(3);
  });

  it('lets the browser reconnect by itself after a dropped connection', () => {
    render(
      <LiveProvider>
        <Probe onChange={vi.fn()} />
      </LiveProvider>,
    );
    act(() => void FakeEventSource.opened[0]!.dispatchEvent(new Event('error')));
    expect(screen.getByText('connecting')).toBeTruthy();
    act(() => void vi.advanceTimersByTime(300_000));
    expect(FakeEventSource.opened).toHaveLength(1);
  });
});
