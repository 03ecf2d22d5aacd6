import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../app.tsx';
import { createI18n, type Locale } from '../i18n/i18n.ts';
import { Countdown } from './Countdown.tsx';
import { countdownParts } from './countdown.ts';

const NOW = new Date('2026-03-10T08:00:00.000Z');

describe('countdownParts', () => {
  it('splits the time left into days, hours and minutes, rounding down', () => {
    expect(countdownParts('2026-03-11T10:05:59.000Z', NOW)).toMatchObject({
      overdue: false,
      tone: 'later',
      days: 1,
      hours: 2,
      minutes: 5,
    });
  });

  it('turns soon within the window and overdue once the time has passed', () => {
    expect(countdownParts('2026-03-10T11:59:00.000Z', NOW).tone).toBe('soon');
    expect(countdownParts('2026-03-10T12:00:01.000Z', NOW).tone).toBe('later');
    expect(countdownParts('2026-03-10T12:30:00.000Z', NOW, 5 * 3_600_000).tone).toBe('soon');
    const late = countdownParts('2026-03-10T07:15:00.000Z', NOW);
    expect(late).toMatchObject({ overdue: true, tone: 'overdue', days: 0, hours: 0, minutes: 45 });
    expect(late.remainingMs).toBe(-45 * 60_000);
  });
});

const renderCountdown = (dueAt: string, locale: Locale = 'en', now?: Date) =>
  render(
    <AppProviders i18n={createI18n(locale)}>
      <Countdown dueAt={dueAt} {...(now ? { now } : {})} />
    </AppProviders>,
  );

describe('<Countdown>', () => {
  it('reads the two largest units and keeps the exact time for the tooltip and machines', () => {
    renderCountdown('2026-03-12T11:20:00.000Z', 'en', NOW);
    const time = screen.getByText('due in 2 days 3 hr');
    expect(time.tagName).toBe('TIME');
    expect(time.getAttribute('datetime')).toBe('2026-03-12T11:20:00.000Z');
    expect(time.getAttribute('title')).toMatch(/2026/);
    expect(time.className).toContain('countdown-later');
  });

  it('says how long a due time has been missed, in the reader’s language', () => {
    renderCountdown('2026-03-10T06:50:00.000Z', 'zh-TW', NOW);
    expect(screen.getByText('已逾期 1 小時 10 分鐘').className).toContain('countdown-overdue');
  });

  it('shows Thai readers the due time in Buddhist-era years', () => {
    renderCountdown('2026-03-10T09:00:00.000Z', 'th', NOW);
    const time = screen.getByText('ครบกำหนดในอีก 1 ชม.');
    expect(time.getAttribute('title')).toContain('2569');
    expect(time.className).toContain('countdown-soon');
  });

  it('says less than a minute rather than zero', () => {
    renderCountdown('2026-03-10T08:00:30.000Z', 'en', NOW);
    expect(screen.getByText('due in less than a minute')).toBeTruthy();
  });

  describe('without a fixed now', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
      vi.setSystemTime(NOW);
    });
    afterEach(() => vi.useRealTimers());

    it('ticks by itself and turns overdue when the due time passes', () => {
      renderCountdown('2026-03-10T08:01:00.000Z');
      expect(screen.getByText('due in 1 min').className).toContain('countdown-soon');
      act(() => {
        vi.advanceTimersByTime(90_000);
      });
      expect(screen.getByText('overdue by less than a minute').className).toContain('countdown-overdue');
      act(() => {
        vi.advanceTimersByTime(60_000);
      });
      expect(screen.getByText('overdue by 1 min')).toBeTruthy();
    });
  });
});
