import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from './format.ts';

const newYear = new Date('2026-01-04T09:30:00Z');

describe('formatDate', () => {
  it('counts Thai years in the Buddhist era by default', () => {
    const text = formatDate(newYear, 'th', { timeZone: 'Asia/Bangkok' });
    expect(text).toContain('2569');
    expect(text).not.toContain('2026');
  });

  it('counts Thai years in the Gregorian era when the reader prefers it', () => {
    const text = formatDate(newYear, 'th', { calendar: 'gregory', timeZone: 'Asia/Bangkok' });
    expect(text).toContain('2026');
    expect(text).not.toContain('2569');
  });

  it('uses Gregorian years for the other languages unless asked', () => {
    expect(formatDate(newYear, 'en', { timeZone: 'UTC' })).toBe('Jan 4, 2026');
    expect(formatDate(newYear, 'zh-TW', { timeZone: 'UTC' })).toBe('2026年1月4日');
    expect(formatDate(newYear, 'en', { calendar: 'buddhist', timeZone: 'UTC' })).toContain('2569');
  });

  it('formats in the given time zone, from an ISO string too', () => {
    expect(formatDate('2026-01-04T20:00:00Z', 'en', { timeZone: 'Asia/Taipei', style: 'dateTime' })).toMatch(
      /^Jan 5, 2026.*4:00\sAM$/,
    );
    expect(formatDate(newYear, 'zh-CN', { timeZone: 'Asia/Shanghai', style: 'time' })).toBe('17:30');
  });
});

describe('formatNumber', () => {
  it('groups digits per language', () => {
    expect(formatNumber(12345.5, 'en')).toBe('12,345.5');
    expect(formatNumber(0.25, 'th', { style: 'percent' })).toBe('25%');
  });
});
